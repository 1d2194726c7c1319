// The device's own defence against forged receipts: a "stored" vector that claims more than the
// document holds marks nothing as stored (it counts once the document has caught up with it).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncedDoc, claimsMoreThanHeld, countNotCovered } from './synced-doc';
import { encodeStored } from './server-messages';

const opened: SyncedDoc[] = [];
afterEach(async () => {
	for (const d of opened.splice(0)) await d.destroy();
});

async function open(name: string): Promise<SyncedDoc> {
	const d = new SyncedDoc(name, `test-${Math.random()}`);
	opened.push(d);
	await d.whenLoaded;
	return d;
}

/** Delivers a stateless payload as the provider would. */
const receive = (d: SyncedDoc, payload: unknown) =>
	(d as unknown as { onServerMessage(p: string): void }).onServerMessage(JSON.stringify(payload));

it('claimsMoreThanHeld compares every client of the vector with the document', () => {
	const doc = new Y.Doc();
	doc.getMap('entries').set('a', 1);
	const held = Y.decodeStateVector(Y.encodeStateVector(doc));
	expect(claimsMoreThanHeld(held, doc)).toBe(false);
	expect(claimsMoreThanHeld(new Map([[doc.clientID, 2]]), doc)).toBe(true);
	expect(claimsMoreThanHeld(new Map([[12345, 1]]), doc)).toBe(true);
});

it('a stored vector that claims more than the document holds is ignored: offline entries stay unsent', async () => {
	const d = await open('day:p:u');
	d.doc.getMap('entries').set('e-1', { id: 'e-1' });
	expect(d.status.unsent).toBe(1);
	const forged = new Map([[d.doc.clientID, 1_000_000]]);
	receive(d, encodeStored(Y.encodeStateVector(forged), 0));
	expect(d.status.unsent).toBe(1);
	d.doc.getMap('entries').set('e-2', { id: 'e-2' });
	expect(d.status.unsent, 'a later entry is not covered by the forged vector either').toBe(2);
	expect(d.storedStateVector().get(d.doc.clientID)).toBeUndefined();
});

it('a genuine vector that arrives before its updates counts once the document holds them', async () => {
	const d = await open('day:p:u2');
	const server = new Y.Doc();
	server.getMap('entries').set('e-other', { id: 'e-other' });
	receive(d, encodeStored(Y.encodeStateVector(server), 0));
	expect(d.storedStateVector().size).toBe(0);
	Y.applyUpdate(d.doc, Y.encodeStateAsUpdate(server));
	expect(d.storedStateVector().get(server.clientID)).toBe(1);
	expect(d.status.unsent).toBe(0);
});

describe('a deletion is unsent until the server has stored it', () => {
	/** What a server holding `doc`'s current state would send. */
	const receiptOf = (doc: Y.Doc) =>
		encodeStored(Y.encodeStateVector(doc), 0, Y.encodeSnapshot(Y.createSnapshot(Y.snapshot(doc).ds, new Map())));

	it('withdrawing a stored record counts as one unsent change, stored once the server has the deletion', async () => {
		const d = await open('plan:p');
		d.doc.getMap('staff').set('a-1', { id: 'a-1' });
		d.doc.getMap('staff').set('a-2', { id: 'a-2' });
		receive(d, receiptOf(d.doc));
		expect(d.status.unsent).toBe(0);
		d.doc.getMap('staff').delete('a-1');
		expect(d.status.unsent).toBe(1);
		expect(countNotCovered(d.doc, d.storedStateVector(), null), 'without the server deletions: unsent').toBe(1);
		receive(d, receiptOf(d.doc));
		expect(d.status.unsent).toBe(0);
	});

	it('a stored value overwritten and then deleted offline is one unsent change; a record made and deleted offline is none', async () => {
		const d = await open('plan:p2');
		d.doc.getMap('staff').set('a-1', { id: 'a-1', n: 1 });
		receive(d, receiptOf(d.doc));
		d.doc.getMap('staff').set('a-1', { id: 'a-1', n: 2 });
		d.doc.getMap('staff').delete('a-1');
		d.doc.getMap('staff').set('a-tmp', { id: 'a-tmp' });
		d.doc.getMap('staff').delete('a-tmp');
		expect(d.status.unsent).toBe(1);
		expect([...d.unsentKeys('staff')]).toEqual(['a-1']);
	});

	it('the stored deletions survive a reload of the device', async () => {
		const namespace = `test-${Math.random()}`;
		const first = new SyncedDoc('plan:p3', namespace);
		await first.whenLoaded;
		first.doc.getMap('staff').set('a-1', { id: 'a-1' });
		first.doc.getMap('staff').delete('a-1');
		receive(first, receiptOf(first.doc));
		expect(first.status.unsent).toBe(0);
		await first.whenSavedLocally();
		await first.destroy();
		const again = await openIn('plan:p3', namespace);
		expect(again.status.unsent).toBe(0);
	});
});

async function openIn(name: string, namespace: string): Promise<SyncedDoc> {
	const d = new SyncedDoc(name, namespace);
	opened.push(d);
	await d.whenLoaded;
	return d;
}
