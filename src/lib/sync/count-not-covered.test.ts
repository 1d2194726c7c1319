// countNotCovered: the one whole-document definition of "unsent" (the status bar, sign-out and
// the update prompt count through UnsentRecords, which must equal it). It counts records, not
// updates: a record whose current state (a value, or the deletion of a value) the server's stored
// state vector and delete set do not cover.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countNotCovered } from './synced-doc';

type DeleteSet = Y.Snapshot['ds'];

/** What a server that received everything `doc` holds now would report: its vector and deletions. */
function storedNow(doc: Y.Doc): { sv: Map<number, number>; ds: DeleteSet } {
	return { sv: Y.decodeStateVector(Y.encodeStateVector(doc)), ds: Y.snapshot(doc).ds };
}

const NOTHING = new Map<number, number>();

describe('countNotCovered', () => {
	it('every record the server has not stored counts once, in every root map', () => {
		const doc = new Y.Doc();
		doc.getMap('entries').set('e-1', { id: 'e-1' });
		doc.getMap('entries').set('e-2', { id: 'e-2' });
		doc.getMap('staff').set('a-1', { id: 'a-1' });
		expect(countNotCovered(doc, NOTHING)).toBe(3);
		const { sv, ds } = storedNow(doc);
		expect(countNotCovered(doc, sv, ds)).toBe(0);
	});

	it('a record changed five times before the server stored it is one unsent record, not five', () => {
		const doc = new Y.Doc();
		for (let n = 0; n < 5; n++) doc.getMap('entries').set('e-1', { id: 'e-1', n });
		expect(countNotCovered(doc, NOTHING)).toBe(1);
	});

	it('a stored record changed again is unsent until the server stores the change', () => {
		const doc = new Y.Doc();
		doc.getMap('entries').set('e-1', { id: 'e-1', n: 1 });
		doc.getMap('entries').set('e-2', { id: 'e-2' });
		const first = storedNow(doc);
		doc.getMap('entries').set('e-1', { id: 'e-1', n: 2 });
		expect(countNotCovered(doc, first.sv, first.ds)).toBe(1);
		const second = storedNow(doc);
		expect(countNotCovered(doc, second.sv, second.ds)).toBe(0);
	});

	it("another device's records, relayed by the server, are covered by the server's vector", () => {
		const other = new Y.Doc();
		other.getMap('entries').set('e-other', { id: 'e-other' });
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
		doc.getMap('entries').set('e-mine', { id: 'e-mine' });
		const { sv, ds } = storedNow(server);
		expect(countNotCovered(doc, sv, ds)).toBe(1);
	});

	it('deleting a stored record is unsent until the server holds the deletion; without its deletions, unsent', () => {
		const doc = new Y.Doc();
		doc.getMap('staff').set('a-1', { id: 'a-1' });
		const stored = storedNow(doc);
		doc.getMap('staff').delete('a-1');
		// A deletion adds no clock: the state vector alone cannot see it.
		expect(countNotCovered(doc, stored.sv, stored.ds)).toBe(1);
		const after = storedNow(doc);
		expect(countNotCovered(doc, after.sv, after.ds)).toBe(0);
		expect(countNotCovered(doc, after.sv, null), 'an older server sends no deletions: the safe side').toBe(1);
	});

	it('a record made and deleted before the server saw it is nothing to send', () => {
		const doc = new Y.Doc();
		doc.getMap('entries').set('e-1', { id: 'e-1' });
		doc.getMap('entries').delete('e-1');
		expect(countNotCovered(doc, NOTHING)).toBe(0);
	});
});
