// The device's own defence against forged receipts: a "stored" vector that claims more than the
// document holds marks nothing as stored (it counts once the document has caught up with it).
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncedDoc, claimsMoreThanHeld } from './synced-doc';
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
