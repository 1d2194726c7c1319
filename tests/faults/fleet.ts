// Simulated tablets for the fault suite (see tests/support/tablet.ts): each writes entries to its
// own day document of the demo plan through the app's SyncedDoc, and remembers every entry it made.
import { expect } from 'vitest';
import { storedDoc } from '../support/node-device';
import { Tablet as SupportTablet, entryWritesInRows } from '../support/tablet';

export { entryWritesInRows };

export const PLAN = 'demo-20270116';

export class Tablet extends SupportTablet {
	constructor(userId: string) {
		super(userId, `day:${PLAN}:${userId}`, PLAN);
	}
}

/**
 * Every entry each tablet made is in SQLite's rows exactly once, unchanged, SQLite holds no other
 * entry, and each tablet's document equals what SQLite holds.
 */
export function expectServerHoldsUnion(dataDir: string, tablets: Tablet[]): void {
	for (const t of tablets) {
		const writes = entryWritesInRows(dataDir, t.docName);
		expect(Object.fromEntries(writes), `${t.docName}: times each entry is in doc_updates`).toEqual(
			Object.fromEntries([...t.made.keys()].map((id) => [id, 1]))
		);
		const stored = storedDoc(dataDir, t.docName).getMap('entries').toJSON();
		for (const [id, entry] of t.made) expect(stored[id]).toEqual(entry);
		expect(t.doc.getMap('entries').toJSON()).toEqual(stored);
	}
}
