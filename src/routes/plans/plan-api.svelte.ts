// The plan screens' calls to the server (creating a plan, signing tickets, the district's review) and
// keeping the device's list of plans current afterwards, so the new plan's document opens at once.
import { callServer } from '$lib/api/client';
import { db } from '$lib/storage/db';
import { describeError } from '$lib/state/notices.svelte';
import { session } from '$lib/state/session.svelte';
import { planReadDoc, planRegistryDoc } from '$lib/sync/doc-names';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: string; deadline?: string };

/** The plan screens' calls: the signed-in account's token, and the failure as one line to show. */
export async function callApi<T>(
	method: 'POST' | 'GET' | 'PUT' | 'DELETE',
	path: string,
	body?: unknown
): Promise<ApiResult<T>> {
	const result = await callServer<T>(path, { method, body, token: session.account?.token });
	if (result.ok) return result;
	const deadline = typeof result.details.deadline === 'string' ? result.details.deadline : undefined;
	return { ok: false, error: describeError(result), deadline };
}

/** Re-reads the plans this account may open and opens any new plan document. */
export async function refreshPlans(): Promise<void> {
	const me = await callApi<{ plans: { id: string; examDate: string; institutionId: string; access: string }[] }>(
		'GET',
		'/api/me'
	);
	if (!me.ok || !session.account) return;
	const account = { ...session.account, plans: me.data.plans };
	await db.accounts.put($state.snapshot(account) as typeof account);
	session.account = account;
	const { role, id } = account.user;
	for (const p of me.data.plans) {
		session.workspace?.open(planReadDoc(role, p.id, id));
		const registry = planRegistryDoc(role, p.id);
		if (registry) session.workspace?.open(registry);
	}
}
