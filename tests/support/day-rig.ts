// The state classes of the day (DayView, ProctorRoom, ExaminerDesk) on their real documents,
// without a server: the app's Workspace and SyncedDocs on fake-indexeddb, holding the demo plan as
// the server would have sent it (plan document + registry). For vitest files that import
// 'fake-indexeddb/auto' first. Nothing connects: entries stay on the "device".
import * as Y from 'yjs';
import { buildDemoPlan, type DemoPlan } from '../../src/server/demo-seed';
import { Workspace } from '../../src/lib/sync/workspace';
import { planDoc, registryDoc } from '../../src/lib/sync/doc-names';
import { session } from '../../src/lib/state/session.svelte';
import { loadMessages } from '../../src/lib/i18n/i18n.svelte';

export interface DayRig {
	plan: DemoPlan;
	planId: string;
	workspace: Workspace;
	close(): Promise<void>;
}

function writePlan(doc: Y.Doc, plan: DemoPlan): void {
	doc.transact(() => {
		const put = <T extends { id: string }>(map: string, list: T[]) => list.forEach((r) => doc.getMap(map).set(r.id, r));
		put('candidates', plan.candidates);
		put('rooms', plan.rooms);
		put('sessions', plan.sessions);
		put('groups', plan.groups);
		put('rubrics', plan.rubrics);
		put(
			'staff',
			plan.staff.filter((a) => a.duty !== 'examiner')
		);
		for (const s of plan.seats) doc.getMap('seats').set(`${s.sessionId}:${s.candidateId}`, s);
	});
}

function writeRegistry(doc: Y.Doc, plan: DemoPlan): void {
	doc.transact(() => {
		doc.getMap('plan').set('info', plan.info);
		for (const a of plan.staff.filter((a) => a.duty === 'examiner')) doc.getMap('examiners').set(a.id, a);
	});
}

let rigs = 0;

/**
 * A device signed in as `userId` (the session's workspace), whose plan and registry documents hold
 * the demo plan built for `today` (changed by `adjust` first, if given). Messages of `areas` are
 * loaded so refusals read as text.
 */
export async function openDayRig(
	userId: string,
	options: { today?: string; areas?: string[]; adjust?: (plan: DemoPlan) => void } = {}
): Promise<DayRig> {
	await loadMessages(options.areas ?? ['day']);
	const plan = buildDemoPlan(options.today ?? '2026-11-27');
	options.adjust?.(plan);
	const planId = plan.info.id;
	// A namespace of its own per rig: the documents of an earlier test are not reused.
	const workspace = new Workspace(`${userId}-rig${++rigs}`, 'ws://127.0.0.1:9/sync', () => '');
	session.workspace = workspace;
	const planSynced = workspace.open(planDoc(planId));
	const registry = workspace.open(registryDoc(planId));
	await Promise.all([planSynced.whenLoaded, registry.whenLoaded]);
	writePlan(planSynced.doc, plan);
	writeRegistry(registry.doc, plan);
	await Promise.all([planSynced.whenSavedLocally(), registry.whenSavedLocally()]);
	return {
		plan,
		planId,
		workspace,
		async close() {
			session.workspace = null;
			await workspace.close();
		}
	};
}
