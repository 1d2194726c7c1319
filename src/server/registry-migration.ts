// One-off migration: district reviews and spot checks used to sit in the plan document, which the
// institution writes, so an institution admin could write an approval into it over /sync. They now
// live in `registry:{planId}`, which only the server writes. A record moves only if the server
// wrote it (doc_updates.user_id = 'server', i.e. through the API's checks); a record last changed by
// a client connection, or one whose writer the log no longer says (compacted), is not carried over
// and is logged. The plan document keeps the old maps, unread, as evidence. Runs at server start;
// idempotent.
import * as Y from 'yjs';
import { parseDocName, registryDoc } from '../lib/sync/doc-names';
import { REGISTRY_MAPS } from '../lib/domain/records';
import type { Store } from './store';
import type { SyncServer } from './sync-server';

const MAPS = Object.keys(REGISTRY_MAPS);

export async function migrateRegistryFacts(
	store: Store,
	sync: Pick<SyncServer, 'transactAsServer'>,
	log: (m: string) => void = console.log
): Promise<{ moved: number; refused: number }> {
	let moved = 0;
	let refused = 0;
	for (const docName of await store.listDocs()) {
		const name = parseDocName(docName);
		if (name?.kind !== 'plan' || (await store.getSetting(`migrated:registry:${name.planId}`))) continue;
		const scratch = new Y.Doc({ gc: false });
		/** The writer of the last change of each record, by map and key. */
		const lastWriter = new Map<string, string | null>();
		for (const { update, userId } of await store.loadUpdatesWithWriters(docName)) {
			const before = new Map(MAPS.map((m) => [m, scratch.getMap(m).toJSON()]));
			Y.applyUpdate(scratch, update);
			for (const m of MAPS) {
				const after = scratch.getMap(m).toJSON();
				const was = before.get(m) ?? {};
				for (const key of new Set([...Object.keys(was), ...Object.keys(after)]))
					if (JSON.stringify(was[key]) !== JSON.stringify(after[key])) lastWriter.set(`${m}/${key}`, userId);
			}
		}
		const carried: { map: string; key: string; value: unknown }[] = [];
		for (const m of MAPS)
			scratch.getMap(m).forEach((value, key) => {
				const writer = lastWriter.get(`${m}/${key}`);
				if (writer === 'server') carried.push({ map: m, key, value });
				else {
					refused++;
					log(
						`[migrate] ${docName}: ${m}/${key} not carried over: written by ${writer ?? 'an unknown writer'}, not the server`
					);
				}
			});
		if (carried.length)
			await sync.transactAsServer(registryDoc(name.planId), (doc) => {
				for (const { map, key, value } of carried) if (!doc.getMap(map).has(key)) doc.getMap(map).set(key, value);
			});
		moved += carried.length;
		await store.setSetting(`migrated:registry:${name.planId}`, new Date().toISOString());
	}
	if (moved || refused) log(`[migrate] registry: ${moved} record(s) moved, ${refused} left behind`);
	return { moved, refused };
}
