// The server writes each proctor's and examiner's roster slice (`roster:{planId}:{userId}`, the
// projection in domain/roster-slice.ts) from the plan as everyone reads it (the plan document with
// its registry's info and dispatched examiners, planMapsOf), and keeps it current: a stored change
// to either refreshes its slices (debounced), and a slice is brought up to date before its
// person's device opens it (so a server restart or a missed change never serves a stale one).
// Only the server writes these documents (access.ts gives their person read access only).
import * as Y from 'yjs';
import { planDoc, readsRosterSlice, registryDoc, rosterDoc } from '../lib/sync/doc-names';
import { planMapsOf } from '../lib/domain/plan-maps';
import { readDocContentInSlices } from '../lib/sync/doc-content';
import { ROSTER_SLICE_MAPS, rosterSlice, type PlanMaps } from '../lib/domain/roster-slice';
import type { StaffAssignment } from '../lib/domain/record-schemas';
import type { Store } from './store';

/** Changes to a plan arrive in bursts (an import, a seat plan): refresh once they settle. */
const REFRESH_DELAY_MS = 300;

export interface RosterSliceDeps {
	store: Pick<Store, 'getUser'>;
	/** A document as the server has stored it. */
	readDoc: (docName: string) => Promise<Y.Doc>;
	transactAsServer: (docName: string, change: (doc: Y.Doc) => void) => Promise<void>;
	log: (message: string) => void;
}

/** Makes `doc`'s maps hold exactly `slice`: only what differs is written. */
function writeSlice(doc: Y.Doc, slice: PlanMaps): void {
	for (const name of ROSTER_SLICE_MAPS) {
		const map = doc.getMap(name);
		const want = slice[name] ?? new Map<string, unknown>();
		for (const key of [...map.keys()]) if (!want.has(key)) map.delete(key);
		for (const [key, value] of want) if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
	}
}

export function createRosterSlices(deps: RosterSliceDeps) {
	/** Plans whose slices match the stored plan (in this process). */
	const fresh = new Set<string>();
	const running = new Map<string, Promise<void>>();
	const timers = new Map<string, NodeJS.Timeout>();
	/** Who got a slice of each plan at the last refresh: someone no longer on the staff gets an empty one. */
	const sliced = new Map<string, Set<string>>();

	async function refresh(planId: string): Promise<void> {
		const read = async (name: string) =>
			(await readDocContentInSlices(name, await deps.readDoc(name), () => new Promise(setImmediate))).maps;
		const maps = planMapsOf(await read(planDoc(planId)), await read(registryDoc(planId)));
		const staff = [...((maps.staff as Map<string, StaffAssignment> | undefined)?.values() ?? [])];
		const now = new Set<string>();
		for (const userId of new Set(staff.map((a) => a.userId))) {
			const user = await deps.store.getUser(userId);
			if (!user || !readsRosterSlice(user.role)) continue;
			now.add(user.id);
			const slice = rosterSlice(maps, { id: user.id, role: user.role });
			await deps.transactAsServer(rosterDoc(planId, user.id), (doc) => writeSlice(doc, slice));
		}
		for (const userId of sliced.get(planId) ?? [])
			if (!now.has(userId)) await deps.transactAsServer(rosterDoc(planId, userId), (doc) => writeSlice(doc, {}));
		sliced.set(planId, now);
	}

	/** Brings the plan's slices up to date unless they already are; one refresh at a time per plan. */
	function ensure(planId: string): Promise<void> {
		if (fresh.has(planId) && !running.has(planId)) return Promise.resolve();
		let run = running.get(planId);
		if (!run) {
			// Marked before reading: a change stored during the refresh marks it stale again.
			fresh.add(planId);
			run = refresh(planId)
				.catch((e: Error) => {
					fresh.delete(planId);
					deps.log(`[roster] refreshing the slices of ${planId} failed: ${e.message}`);
				})
				.finally(() => running.delete(planId));
			running.set(planId, run);
		}
		return run;
	}

	/** A change to the plan was stored: its slices are refreshed once the burst settles. */
	function planChanged(planId: string): void {
		fresh.delete(planId);
		clearTimeout(timers.get(planId));
		const timer = setTimeout(() => {
			timers.delete(planId);
			// A refresh under way read the plan before this change: run again after it.
			void (running.get(planId) ?? Promise.resolve()).then(() => ensure(planId));
		}, REFRESH_DELAY_MS);
		timer.unref();
		timers.set(planId, timer);
	}

	return { ensure, planChanged };
}
