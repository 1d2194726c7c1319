// A day document has no second Y.Doc on the server (sync-server.ts: DocState): the state vector
// and delete set its `stored` messages carry are kept from the committed updates. They must say
// exactly what the SQLite file holds: a value replaced on the tablet (a deletion, which adds no
// clock) is acknowledged only with the deletion, and nothing is left counted as unsent.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCovered, rigTablet, startSyncRig, RIG_PLAN, type Rig } from '../support/sync-rig';
import { storedDoc, waitFor, type NodeDevice } from '../support/node-device';
import { fromBase64 } from '../../src/lib/sync/server-messages';
import { countNotCovered } from '../../src/lib/sync/synced-doc';

const devices: NodeDevice[] = [];
const rigs: Rig[] = [];

afterEach(async () => {
	for (const d of devices.splice(0)) d.destroy();
	for (const r of rigs.splice(0)) await r.close();
});

function lastStored(d: NodeDevice) {
	const m = [...d.messages].reverse().find((m) => m.type === 'stored') as { sv: string; ds?: string };
	return {
		sv: Y.decodeStateVector(fromBase64(m.sv)),
		ds: m.ds ? Y.decodeSnapshot(fromBase64(m.ds)).ds : null
	};
}

/** Every write of the device acknowledged, with the deletions: nothing counted as unsent. */
async function settled(d: NodeDevice) {
	await waitFor(
		() => {
			if (!isCovered(d)) return false;
			const { sv, ds } = lastStored(d);
			return countNotCovered(d.doc, sv, ds) === 0;
		},
		15_000,
		'every write acknowledged with its deletions (nothing counted as unsent)'
	);
}

describe('what a day document’s `stored` says', () => {
	it('carries the stored deletions and the vector of what the file holds, before and after the document is loaded again', async () => {
		const r = await startSyncRig(2, undefined, { appendInBackground: true });
		rigs.push(r);
		const docName = `day:${RIG_PLAN}:u-tablet-0`;
		const d = await rigTablet(r, 0);
		devices.push(d);
		const notes = d.doc.getMap('notes');
		notes.set('a', 'first');
		notes.set('b', 'kept');
		await settled(d);
		notes.set('a', 'second'); // replaces: the first value is deleted
		notes.delete('b');
		await settled(d);
		const { sv, ds } = lastStored(d);
		const onDisk = storedDoc(r.store.dataDir, docName);
		expect(sv).toEqual(Y.decodeStateVector(Y.encodeStateVector(onDisk)));
		expect(ds && Y.equalDeleteSets(ds, Y.snapshot(onDisk).ds)).toBe(true);

		// Loaded again (the tablet reconnects after the document was unloaded): the same from the file.
		d.destroy();
		devices.splice(0);
		await waitFor(() => !r.sync.hocuspocus.documents.has(docName), 10_000, 'document unloaded');
		const again = await rigTablet(r, 0);
		devices.push(again);
		await settled(again);
		expect(again.doc.getMap('notes').toJSON()).toEqual({ a: 'second' });
		expect(lastStored(again).sv).toEqual(sv);
		again.doc.getMap('notes').set('c', 'third');
		await settled(again);
	}, 60_000);
});
