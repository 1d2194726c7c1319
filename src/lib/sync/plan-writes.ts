// Writes to a plan document from the plan screens: every record is checked against its map's schema
// first, and a batch (a whole roster import, a seat plan) lands in ONE Yjs transaction, so nothing is
// ever half-written. Resolves once the device has committed it to IndexedDB.
import type { z } from 'zod';
import { PLAN_MAPS } from '../domain/record-schemas';
import type { SyncedDoc } from './synced-doc';
import type { Message } from '../domain/message-text';
import { issueMessage } from '../domain/schema-issue';

export type PlanMapName = keyof typeof PLAN_MAPS;

/** A record of a plan map as this app writes it (its current version). */
export type PlanRecord<M extends PlanMapName> = z.input<(typeof PLAN_MAPS)[M]['schema']>;

export type PlanChange = {
	[M in PlanMapName]: {
		map: M;
		/** Records to set, by key. */
		set?: [string, PlanRecord<M>][];
		/** Keys to remove (seats of a re-planned sitting, a withdrawn assignment). */
		remove?: string[];
	};
}[PlanMapName];

/** A refusal names the record and the schema's own words (common.json errors.notSaved). */
export type WriteResult = { ok: true } | { ok: false; error: Message };

export async function writePlan(synced: SyncedDoc, changes: readonly PlanChange[]): Promise<WriteResult> {
	for (const change of changes) {
		const { schema } = PLAN_MAPS[change.map];
		for (const [key, value] of change.set ?? []) {
			// Written as this app's version of the record: never an older shape, never undeclared fields.
			const parsed = schema.safeParse(value);
			if (!parsed.success)
				return {
					ok: false,
					error: { key: 'errors.notSaved', params: { key, detail: { msg: issueMessage(parsed.error.issues[0]) } } }
				};
		}
	}
	synced.doc.transact(() => {
		for (const change of changes) {
			const map = synced.doc.getMap(change.map);
			for (const key of change.remove ?? []) map.delete(key);
			for (const [key, value] of change.set ?? []) map.set(key, value);
		}
	});
	await synced.whenSavedLocally();
	return { ok: true };
}
