// One-off migration of the old layout: `review:{planId}`, one document several roles wrote, becomes
// one document per writer, `review:{planId}:{userId}`. Each entry goes to the writer whose
// connection stored it (doc_updates.user_id); where the log no longer says (compacted, or written by
// the server's seed) the entry's own `author` field is used if that account exists, otherwise the
// entry goes to `review:{planId}:unattributed`, whose entries every reader shows as refused. The
// old document stays, read-only, as evidence. Runs at server start; idempotent.
import * as Y from 'yjs';
import { parseDocName, reviewDoc } from '../lib/sync/doc-names';
import type { Store } from './store';
import type { SyncServer } from './sync-server';

export const UNATTRIBUTED = 'unattributed';

export async function migrateLegacyReviewDocs(
	store: Store,
	sync: Pick<SyncServer, 'transactAsServer'>,
	log: (m: string) => void = console.log
): Promise<number> {
	let migrated = 0;
	for (const legacy of await store.listDocs()) {
		const name = parseDocName(legacy);
		if (name?.kind !== 'review-legacy' || (await store.getSetting(`migrated:${legacy}`))) continue;
		const knownUsers = new Set((await store.listUsers()).map((u) => u.id));
		const scratch = new Y.Doc({ gc: false });
		const writerOf = new Map<string, string>();
		for (const { update, userId } of await store.loadUpdatesWithWriters(legacy)) {
			const entries = scratch.getMap('entries');
			const before = new Set(entries.keys());
			Y.applyUpdate(scratch, update);
			for (const key of entries.keys()) {
				if (before.has(key) || writerOf.has(key)) continue;
				const claimed = (entries.get(key) as { author?: unknown } | undefined)?.author;
				const fromLog = userId && userId !== 'server' && knownUsers.has(userId) ? userId : null;
				const fromField = typeof claimed === 'string' && knownUsers.has(claimed) ? claimed : null;
				writerOf.set(key, fromLog ?? fromField ?? UNATTRIBUTED);
			}
		}
		const receipts = await store.receipts(legacy);
		const byWriter = new Map<string, string[]>();
		for (const [key, writer] of writerOf) byWriter.set(writer, [...(byWriter.get(writer) ?? []), key]);
		const entries = scratch.getMap('entries');
		for (const [writer, keys] of byWriter) {
			const target = reviewDoc(name.planId, writer);
			// The original receipt times first: a receipt, once recorded, is never moved.
			for (const key of keys) {
				const at = receipts.get(key);
				if (at) await store.recordReceipts(target, [key], new Date(at));
			}
			await sync.transactAsServer(target, (doc) => {
				const map = doc.getMap('entries');
				for (const key of keys) if (!map.has(key) && entries.has(key)) map.set(key, entries.get(key));
			});
		}
		await store.setSetting(`migrated:${legacy}`, new Date().toISOString());
		log(`[migrate] ${legacy}: ${writerOf.size} entries moved to ${byWriter.size} per-writer review document(s)`);
		migrated++;
	}
	return migrated;
}
