// One-off migrations: facts that are not the institution's to write used to sit in the plan
// document, which the institution writes, so an institution admin could write them over /sync (an
// approval, a spot check, a dispatched examiner, the exam date past its deadline). They now live in
// `registry:{planId}`, which only the server writes. A record moves only if the server wrote it
// (doc_updates.user_id = 'server', i.e. through the API's checks); a record last changed by a client
// connection, or one whose writer the log no longer says (compacted), is not carried over and is
// logged. The plan document keeps the old maps, unread, as evidence. Runs at server start;
// idempotent: each step is done once per plan (a setting per step and plan).
import * as Y from 'yjs';
import { parseDocName, registryDoc } from '../lib/sync/doc-names';
import type { StaffAssignment } from '../lib/domain/record-schemas';
import type { Store } from './store';
import { refreshPlanAccess, type SyncServer } from './sync-server';

interface Move {
	/** The map in the plan document. */
	from: string;
	/** The map in the registry document. */
	to: string;
	/** Which records of the map move (the rest are the institution's own). */
	belongs?: (value: unknown) => boolean;
}

/** Each step once per plan, in order; a step added later runs on installs that ran the earlier ones. */
const STEPS: { setting: string; moves: Move[] }[] = [
	{
		setting: 'migrated:registry',
		moves: [
			{ from: 'districtReviews', to: 'districtReviews' },
			{ from: 'spotChecks', to: 'spotChecks' },
			{ from: 'lateChanges', to: 'lateChanges' }
		]
	},
	{
		setting: 'migrated:registry-info-examiners',
		moves: [
			{ from: 'plan', to: 'plan' },
			{
				from: 'staff',
				to: 'examiners',
				belongs: (a) => (a as StaffAssignment | undefined)?.duty === 'examiner'
			}
		]
	}
];

export async function migrateRegistryFacts(
	store: Store,
	sync: Pick<SyncServer, 'transactAsServer'>,
	log: (m: string) => void = console.log
): Promise<{ moved: number; refused: number }> {
	let moved = 0;
	let refused = 0;
	for (const docName of await store.listDocs()) {
		const name = parseDocName(docName);
		if (name?.kind !== 'plan') continue;
		for (const step of STEPS) {
			const setting = `${step.setting}:${name.planId}`;
			if (await store.getSetting(setting)) continue;
			const result = await moveFacts(store, sync, docName, name.planId, step.moves, log);
			moved += result.moved;
			refused += result.refused;
			await store.setSetting(setting, new Date().toISOString());
		}
	}
	if (moved || refused) log(`[migrate] registry: ${moved} record(s) moved, ${refused} left behind`);
	return { moved, refused };
}

async function moveFacts(
	store: Store,
	sync: Pick<SyncServer, 'transactAsServer'>,
	docName: string,
	planId: string,
	moves: Move[],
	log: (m: string) => void
): Promise<{ moved: number; refused: number }> {
	const maps = moves.map((m) => m.from);
	const scratch = new Y.Doc({ gc: false });
	/** The writer of the last change of each record, by map and key. */
	const lastWriter = new Map<string, string | null>();
	for (const { update, userId } of await store.loadUpdatesWithWriters(docName)) {
		const before = new Map(maps.map((m) => [m, scratch.getMap(m).toJSON()]));
		Y.applyUpdate(scratch, update);
		for (const m of maps) {
			const after = scratch.getMap(m).toJSON();
			const was = before.get(m) ?? {};
			for (const key of new Set([...Object.keys(was), ...Object.keys(after)]))
				if (JSON.stringify(was[key]) !== JSON.stringify(after[key])) lastWriter.set(`${m}/${key}`, userId);
		}
	}
	const carried: { map: string; key: string; value: unknown }[] = [];
	let refused = 0;
	for (const move of moves)
		scratch.getMap(move.from).forEach((value, key) => {
			if (move.belongs && !move.belongs(value)) return;
			const writer = lastWriter.get(`${move.from}/${key}`);
			if (writer === 'server') carried.push({ map: move.to, key, value });
			else {
				refused++;
				log(
					`[migrate] ${docName}: ${move.from}/${key} not carried over: written by ${writer ?? 'an unknown writer'}, not the server`
				);
			}
		});
	if (carried.length)
		await sync.transactAsServer(registryDoc(planId), (doc) => {
			for (const { map, key, value } of carried) if (!doc.getMap(map).has(key)) doc.getMap(map).set(key, value);
		});
	// Who may open the plan follows the registry's examiners from now on (see planMapsOf).
	if (carried.length || refused) await refreshPlanAccess(store, registryDoc(planId));
	return { moved: carried.length, refused };
}
