// The server's hot path commits once per batch: a burst of updates from many tablets is written,
// with the receipt of every entry it adds, in a few SQLite transactions (one fsync each), never one
// per update; and no receipt is written before (or without) the update that added the entry.
import { Hocuspocus } from '@hocuspocus/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { isCovered, rigTablet, startSyncRig, RIG_PLAN, type Rig } from '../support/sync-rig';
import { storedDoc, waitFor, type NodeDevice } from '../support/node-device';
import { fromBase64 } from '../../src/lib/sync/server-messages';

const TABLETS = 10;
const ENTRIES = 20;

const devices: NodeDevice[] = [];
const rigs: Rig[] = [];

afterEach(async () => {
	for (const d of devices.splice(0)) d.destroy();
	for (const r of rigs.splice(0)) await r.close();
});

async function rig(options: { appendInBackground?: boolean } = {}): Promise<Rig> {
	const r = await startSyncRig(TABLETS, undefined, options);
	rigs.push(r);
	return r;
}

async function tablet(r: Rig, i: number): Promise<NodeDevice> {
	const d = await rigTablet(r, i);
	devices.push(d);
	return d;
}

/** Counts the calls of one store method from now on. */
function countCalls(store: Rig['store'], method: 'appendUpdates' | 'setViolations'): () => number {
	let n = 0;
	const original = store[method].bind(store) as (...a: unknown[]) => void;
	(store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
		n++;
		return original(...args);
	};
	return () => n;
}

const entry = (tablet: number, n: number) => ({ v: 1, id: `e-${tablet}-${n}`, n });

describe('group commit', () => {
	it('a burst of 200 updates from 10 tablets commits only in group commits (receipts inside them), every receipt written', async () => {
		const r = await rig();
		const tablets = await Promise.all(Array.from({ length: TABLETS }, (_, i) => tablet(r, i)));
		const groupCommits = countCalls(r.store, 'appendUpdates');
		const violationWrites = countCalls(r.store, 'setViolations');
		const before = r.commits();
		// Each set is its own update (its own transaction on the tablet), sent as the provider's
		// own message: TABLETS × ENTRIES updates arrive in a burst.
		for (let n = 0; n < ENTRIES; n++)
			tablets.forEach((d, i) => d.doc.getMap('entries').set(`e-${i}-${n}`, entry(i, n)));
		await waitFor(() => tablets.every(isCovered), 20_000, 'every tablet acknowledged');
		const commits = r.commits() - before;
		const updates = TABLETS * ENTRIES;
		// Schema checks run per document after a quiet moment (and write only when violations change).
		expect(commits, `${commits} commits for ${updates} updates in ${groupCommits()} group commits`).toBeLessThanOrEqual(
			groupCommits() + violationWrites()
		);
		expect(groupCommits()).toBeLessThan(updates);
		const receipts = r.store.db.prepare('SELECT COUNT(*) n FROM entry_receipts').get() as { n: number };
		expect(receipts.n).toBe(updates);
	});

	it('runs no store hook per update (Kaowu stores in onChange): no mutex, hook chain or timer per update', async () => {
		const storeHooks = vi.spyOn(Hocuspocus.prototype, 'storeDocumentHooks');
		try {
			const r = await rig();
			const tablets = await Promise.all(Array.from({ length: TABLETS }, (_, i) => tablet(r, i)));
			for (let n = 0; n < ENTRIES; n++)
				tablets.forEach((d, i) => d.doc.getMap('entries').set(`e-${i}-${n}`, entry(i, n)));
			await waitFor(() => tablets.every(isCovered), 20_000, 'every tablet acknowledged');
			expect(storeHooks.mock.calls.filter(([, , immediately]) => !immediately)).toHaveLength(0);
		} finally {
			storeHooks.mockRestore();
		}
	});

	it('writes an entry’s receipt in the same commit as its update: a failed write leaves neither, the retry both', async () => {
		const r = await rig();
		const d = await tablet(r, 0);
		r.failNextWrites.count = 2; // the batch, then the one-by-one fallback
		d.doc.getMap('entries').set('e-retried', entry(0, 1));
		const receiptOf = () =>
			r.store.db.prepare('SELECT received_at FROM entry_receipts WHERE entry_id = ?').get('e-retried');
		const updateRows = () => (r.store.db.prepare('SELECT COUNT(*) n FROM doc_updates').get() as { n: number }).n;
		const rowsBefore = updateRows();
		await waitFor(() => d.messages.some((m) => m.type === 'stored' && m.pendingWrites === 1), 10_000, 'pending');
		expect(receiptOf()).toBeUndefined();
		expect(updateRows()).toBe(rowsBefore);
		await waitFor(() => isCovered(d), 10_000, 'stored after the retry');
		expect(receiptOf()).toBeDefined();
		expect(updateRows()).toBe(rowsBefore + 1);
	});
});

describe('commits in a worker thread (the server process: open-store.ts)', () => {
	it('acknowledges nothing before the worker has committed it: at every `stored`, another connection reads it from the file', async () => {
		const r = await rig({ appendInBackground: true });
		const tablets = await Promise.all(Array.from({ length: TABLETS }, (_, i) => tablet(r, i)));
		const mainCommitsBefore = r.commits();
		const violationWrites = countCalls(r.store, 'setViolations');
		const early: string[] = [];
		let acks = 0;
		tablets.forEach((d, i) =>
			d.provider.on('stateless', ({ payload }: { payload: string }) => {
				const m = JSON.parse(payload);
				if (m.type !== 'stored') return;
				acks++;
				// Read at once, before anything else runs: what the ack says is stored must be in the file.
				const acked = Y.decodeStateVector(fromBase64(m.sv)).get(d.doc.clientID) ?? 0;
				const onDisk = Y.encodeStateVector(storedDoc(r.store.dataDir, `day:${RIG_PLAN}:u-tablet-${i}`));
				const stored = Y.decodeStateVector(onDisk).get(d.doc.clientID) ?? 0;
				if (stored < acked) early.push(`tablet ${i}: acknowledged up to ${acked}, on disk up to ${stored}`);
			})
		);
		for (let n = 0; n < ENTRIES; n++)
			tablets.forEach((d, i) => d.doc.getMap('entries').set(`e-${i}-${n}`, entry(i, n)));
		await waitFor(() => tablets.every(isCovered), 30_000, 'every tablet acknowledged');
		expect(acks).toBeGreaterThan(0);
		expect(early, early.slice(0, 3).join('; ')).toEqual([]);
		const receipts = r.store.db.prepare('SELECT COUNT(*) n FROM entry_receipts').get() as { n: number };
		expect(receipts.n).toBe(TABLETS * ENTRIES);
		// The updates were committed by the worker's connection, not on the event loop: the main
		// connection committed only the schema checks' violations (these test entries break the schema).
		expect(r.commits() - mainCommitsBefore).toBeLessThanOrEqual(violationWrites());
	}, 60_000);

	it('a failed write is retried and acknowledged only once it is in the file', async () => {
		const r = await rig({ appendInBackground: true });
		const d = await tablet(r, 0);
		r.failNextWrites.count = 2;
		d.doc.getMap('entries').set('e-retried', entry(0, 1));
		await waitFor(() => d.messages.some((m) => m.type === 'stored' && m.pendingWrites === 1), 10_000, 'pending');
		expect(storedDoc(r.store.dataDir, `day:${RIG_PLAN}:u-tablet-0`).getMap('entries').has('e-retried')).toBe(false);
		await waitFor(() => isCovered(d), 10_000, 'stored after the retry');
		expect(storedDoc(r.store.dataDir, `day:${RIG_PLAN}:u-tablet-0`).getMap('entries').has('e-retried')).toBe(true);
	}, 60_000);
});
