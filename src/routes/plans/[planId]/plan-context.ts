// Hands the open plan (its live data, the synced document, whether this person may write) to every
// tab of the plan screens.
import { getContext, setContext } from 'svelte';
import type { PlanSetup } from '$lib/state/plan-setup.svelte';

export interface PlanContext {
	setup: PlanSetup;
	planId: string;
	/** Institution admins of the plan write; the centre and district read (their actions go through the server). */
	canWrite: () => boolean;
}

const KEY = Symbol('plan-setup');

export function providePlan(context: PlanContext): void {
	setContext(KEY, context);
}

export function usePlan(): PlanContext {
	return getContext<PlanContext>(KEY);
}
