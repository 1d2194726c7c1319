// The device's unsent count is kept per update from what changed (UnsentRecords), and the content
// read on every update validates only the values that changed (doc-content's checks by identity).
// Both must agree with the whole-document definitions, and must not redo the whole document.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { SyncedDoc, UnsentRecords, countNotCovered, isRecordUnsent } from './synced-doc';
import { encodeStored } from './server-messages';
import { readDocContent, validationStats } from './doc-content';

type DeleteSet = Y.Snapshot['ds'];

/** Per root, the keys the whole-document definition counts as unsent. */
function unsentByDefinition(doc: Y.Doc, sv: Map<number, number>, ds: DeleteSet | null): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	doc.share.forEach((type, root) => {
		const keys = [...(type as unknown as { _map: Map<string, Y.Item> })._map]
			.filter(([, item]) => isRecordUnsent(item, sv, ds))
			.map(([key]) => key)
			.sort();
		if (keys.length) out[root] = keys;
	});
	return out;
}

const op = fc.oneof(
	fc.record({
		kind: fc.constant('set' as const),
		root: fc.constantFrom('entries', 'staff'),
		key: fc.integer({ min: 0, max: 5 })
	}),
	fc.record({
		kind: fc.constant('delete' as const),
		root: fc.constantFrom('entries', 'staff'),
		key: fc.integer({ min: 0, max: 5 })
	}),
	/** Another device's change arrives (through the server). */
	fc.record({
		kind: fc.constant('remote' as const),
		root: fc.constantFrom('entries', 'staff'),
		key: fc.integer({ min: 0, max: 5 })
	}),
	/** The server receives the next `n` updates it has not yet had. */
	fc.record({ kind: fc.constant('deliver' as const), n: fc.integer({ min: 1, max: 4 }) }),
	/** The server says what it holds (with its deletions, or as an older server without them). */
	fc.record({ kind: fc.constant('receipt' as const), withDs: fc.boolean() }),
	/** A receipt from an older state of the server (restored from a backup). */
	fc.record({ kind: fc.constant('older-receipt' as const) })
);

describe('UnsentRecords', () => {
	it('equals the whole-document count after every update and every receipt', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
				const doc = new Y.Doc();
				const other = new Y.Doc();
				const server = new Y.Doc();
				const toServer: Uint8Array[] = [];
				let sv = new Map<number, number>();
				let ds: DeleteSet | null = null;
				const receipts: { sv: Map<number, number>; ds: DeleteSet | null }[] = [];
				const records = new UnsentRecords(doc);
				doc.on('update', (update: Uint8Array, origin: unknown, _d: Y.Doc, tr: Y.Transaction) => {
					if (origin !== 'from-server') toServer.push(update);
					records.changed(tr, sv, ds);
				});
				let n = 0;
				for (const o of ops) {
					if (o.kind === 'set') doc.getMap(o.root).set(`k${o.key}`, { n: n++ });
					if (o.kind === 'delete') doc.getMap(o.root).delete(`k${o.key}`);
					if (o.kind === 'remote') {
						other.getMap(o.root).set(`k${o.key}`, { n: n++ });
						const update = Y.encodeStateAsUpdate(other);
						Y.applyUpdate(server, update);
						Y.applyUpdate(doc, update, 'from-server');
					}
					if (o.kind === 'deliver') for (const u of toServer.splice(0, o.n)) Y.applyUpdate(server, u);
					if (o.kind === 'receipt' || o.kind === 'older-receipt') {
						const next =
							o.kind === 'receipt'
								? {
										sv: Y.decodeStateVector(Y.encodeStateVector(server)),
										ds: o.withDs ? Y.snapshot(server).ds : null
									}
								: receipts[0];
						if (!next) continue;
						if (o.kind === 'receipt') receipts.push(next);
						const previous = sv;
						const hadDs = ds !== null;
						sv = next.sv;
						ds = next.ds;
						records.stored(previous, hadDs, sv, ds);
					}
					expect(records.total).toBe(countNotCovered(doc, sv, ds));
					const kept: Record<string, string[]> = {};
					for (const root of ['entries', 'staff']) {
						const keys = [...records.keysOf(root)].sort();
						if (keys.length) kept[root] = keys;
					}
					expect(kept).toEqual(unsentByDefinition(doc, sv, ds));
				}
			}),
			{ numRuns: 300 }
		);
	});
});

const opened: SyncedDoc[] = [];
afterEach(async () => {
	for (const d of opened.splice(0)) await d.destroy();
});

const receive = (d: SyncedDoc, payload: unknown) =>
	(d as unknown as { onServerMessage(p: string): void }).onServerMessage(JSON.stringify(payload));

it('one entry on a day document of 2,000 stored entries examines that entry only, and its receipt only it', async () => {
	const d = new SyncedDoc('day:p-unsent:u', `test-${Math.random()}`);
	opened.push(d);
	await d.whenLoaded;
	const entries = d.doc.getMap('entries');
	d.doc.transact(() => {
		for (let i = 0; i < 2000; i++) entries.set(`e-${i}`, { id: `e-${i}` });
	});
	const receiptOf = (doc: Y.Doc) =>
		encodeStored(Y.encodeStateVector(doc), 0, Y.encodeSnapshot(Y.createSnapshot(Y.snapshot(doc).ds, new Map())));
	receive(d, receiptOf(d.doc));
	expect(d.status.unsent).toBe(0);

	const before = d.unsentRecords.examined;
	entries.set('e-new', { id: 'e-new' });
	expect(d.status.unsent).toBe(1);
	expect(d.unsentRecords.examined - before, 'records examined for one new entry').toBe(1);

	const beforeReceipt = d.unsentRecords.examined;
	receive(d, receiptOf(d.doc));
	expect(d.status.unsent).toBe(0);
	expect(d.unsentRecords.examined - beforeReceipt, 'records examined for its receipt').toBe(1);
});

it('reading a document after one new entry validates that entry only, with the same content as a first read', () => {
	const doc = new Y.Doc();
	const entries = doc.getMap('entries');
	const entry = (i: number) => ({
		v: 1,
		id: `e-${String(i).padStart(8, '0')}`,
		kind: 'note',
		at: '2027-01-16T09:00:00+08:00',
		hlc: `${String(1000000 + i).padStart(15, '0')}:000000:d`,
		author: 'u',
		deviceId: 'd',
		planId: 'p',
		data: { text: `note ${i}` }
	});
	for (let i = 0; i < 500; i++) entries.set(entry(i).id, entry(i));
	entries.set('bad', { id: 'bad' });
	const first = readDocContent('day:p:u', doc);
	expect(first.violations.map((v) => v.path)).toEqual(['entries/bad']);

	const before = validationStats.validated;
	entries.set(entry(500).id, entry(500));
	const second = readDocContent('day:p:u', doc);
	expect(validationStats.validated - before, 'values validated after one new entry').toBe(1);
	expect(second.entries.length).toBe(first.entries.length + 1);
	expect(second.violations).toEqual(first.violations);
	// A value replaced under the same key is validated again.
	entries.set(entry(0).id, { ...entry(0), data: { text: 'changed' } });
	const third = readDocContent('day:p:u', doc);
	expect(validationStats.validated - before).toBe(2);
	expect(third.entries.find((e) => e.id === entry(0).id)?.data).toEqual({ text: 'changed' });
});
