// Property: however updates from 2–8 devices are partitioned, reordered, duplicated or delayed, all
// devices and the server (with its SQLite log) converge, and every entry anyone made is present
// exactly once, unchanged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/server/store';

interface Action {
	device: number;
	kind: 'write' | 'deliver' | 'duplicate' | 'toggle-offline';
	pick: number;
}

const DOC = 'review:prop';

function entry(device: number, n: number) {
	return { v: 1, id: `e-${device}-${n}`, kind: 'note', author: `u${device}`, data: { text: `设备${device}第${n}条` } };
}

describe('convergence of devices and server', () => {
	it('converges and keeps every entry exactly once', () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaowu-prop-'));
		try {
			let run = 0;
			fc.assert(
				fc.property(
					fc.integer({ min: 2, max: 8 }),
					fc.array(
						fc.record({
							device: fc.nat(7),
							kind: fc.constantFrom<Action['kind']>('write', 'write', 'deliver', 'duplicate', 'toggle-offline'),
							pick: fc.nat(1000)
						}),
						{ minLength: 1, maxLength: 80 }
					),
					(deviceCount, actions) => {
						const store = new Store(join(dir, `run-${run++}`));
						const server = new Y.Doc();
						const devices = Array.from({ length: deviceCount }, () => new Y.Doc());
						const outbox: Uint8Array[][] = devices.map(() => []);
						const isOffline = devices.map(() => false);
						const made: ReturnType<typeof entry>[] = [];
						devices.forEach((d, i) =>
							d.on('update', (u: Uint8Array, origin: unknown) => {
								if (origin !== 'net') outbox[i].push(u);
							})
						);
						const serverReceives = (u: Uint8Array) => {
							Y.applyUpdate(server, u, 'net');
							store.appendUpdate(DOC, u, null);
						};
						for (const a of actions) {
							const i = a.device % deviceCount;
							if (a.kind === 'write') {
								const e = entry(i, made.length);
								made.push(e);
								devices[i].getMap('entries').set(e.id, e);
							} else if (a.kind === 'toggle-offline') {
								isOffline[i] = !isOffline[i];
							} else if (!isOffline[i] && outbox[i].length) {
								// deliver one queued update, in random order; `duplicate` delivers it and keeps it queued
								const k = a.pick % outbox[i].length;
								const u = outbox[i][k];
								if (a.kind === 'deliver') outbox[i].splice(k, 1);
								serverReceives(u);
								const other = devices[(i + 1 + (a.pick % deviceCount)) % deviceCount];
								Y.applyUpdate(other, Y.encodeStateAsUpdate(server, Y.encodeStateVector(other)), 'net');
							}
						}
						// Everyone comes back online: the sync protocol exchanges state-vector diffs both ways.
						for (const d of devices) serverReceives(Y.encodeStateAsUpdate(d, Y.encodeStateVector(server)));
						for (const d of devices) Y.applyUpdate(d, Y.encodeStateAsUpdate(server, Y.encodeStateVector(d)), 'net');

						const stored = new Y.Doc();
						Y.applyUpdate(stored, store.loadDocState(DOC));
						store.close();
						const expected = new Map(made.map((e) => [e.id, e]));
						for (const doc of [server, stored, ...devices]) {
							const entries = doc.getMap('entries').toJSON();
							expect(Object.keys(entries).length).toBe(made.length);
							for (const [id, value] of Object.entries(entries)) expect(value).toEqual(expected.get(id));
						}
					}
				),
				{ numRuns: 150 }
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('compaction keeps every entry', () => {
		const dir = mkdtempSync(join(tmpdir(), 'kaowu-compact-'));
		const store = new Store(dir);
		try {
			const doc = new Y.Doc();
			doc.on('update', (u: Uint8Array) => store.appendUpdate(DOC, u, null));
			for (let n = 0; n < 50; n++) doc.getMap('entries').set(`e-${n}`, entry(0, n));
			expect(store.compact(DOC)).toEqual({ before: 50, after: 1 });
			const stored = new Y.Doc();
			Y.applyUpdate(stored, store.loadDocState(DOC));
			expect(stored.getMap('entries').toJSON()).toEqual(doc.getMap('entries').toJSON());
		} finally {
			store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
