// CommittedPersistence: "saved on this device" is said only once IndexedDB has committed the
// update; a write that fails (a full disk) is reported, keeps the update and writes it again, and
// whoever waits for the commit is told. Against fake-indexeddb, the same IndexedDB API a browser has.
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CommittedPersistence, LocalSaveError } from './committed-persistence';

const opened: CommittedPersistence[] = [];
afterEach(async () => {
	vi.useRealTimers();
	for (const p of opened.splice(0)) await p.destroy();
});

async function open(name: string): Promise<{ doc: Y.Doc; persistence: CommittedPersistence }> {
	const doc = new Y.Doc();
	const persistence = new CommittedPersistence(name, doc);
	opened.push(persistence);
	await persistence.whenSynced;
	return { doc, persistence };
}

/** What a fresh device session reads back from the same database. */
async function readBack(name: string): Promise<Record<string, unknown>> {
	const { doc } = await open(name);
	return doc.getMap('entries').toJSON();
}

let dbs = 0;
const freshName = () => `committed-test-${++dbs}-${Math.random()}`;

/** Makes the next IndexedDB transaction of `p` fail as a full disk does (it throws on opening). */
function failNextTransaction(p: CommittedPersistence, error = new DOMException('disk full', 'QuotaExceededError')) {
	const db = p.db!;
	const original = db.transaction.bind(db);
	db.transaction = (() => {
		db.transaction = original;
		throw error;
	}) as IDBDatabase['transaction'];
}

it('an update is called saved only once its IndexedDB transaction has committed, and is then read back', async () => {
	const name = freshName();
	const { doc, persistence } = await open(name);
	const changes: boolean[] = [];
	persistence.onCommitChange = () => changes.push(persistence.isSaved);
	doc.getMap('entries').set('e-1', { id: 'e-1' });
	expect(persistence.isSaved, 'written, not yet committed').toBe(false);
	await persistence.whenCommitted();
	expect(persistence.isSaved).toBe(true);
	expect(changes.at(-1), 'the status is told when the commit completes').toBe(true);
	expect(await readBack(name)).toEqual({ 'e-1': { id: 'e-1' } });
});

it('whenCommitted waits for every update made before it was called', async () => {
	const name = freshName();
	const { doc, persistence } = await open(name);
	for (let n = 0; n < 20; n++) doc.getMap('entries').set(`e-${n}`, { n });
	await persistence.whenCommitted();
	expect(Object.keys(await readBack(name))).toHaveLength(20);
});

it('a write that fails is reported as a full disk, not called saved, and written with the next update: nothing lost', async () => {
	const name = freshName();
	const { doc, persistence } = await open(name);
	failNextTransaction(persistence);
	doc.getMap('entries').set('e-lost?', { id: 'e-lost?' });
	expect(persistence.isSaved).toBe(false);
	expect(persistence.lastError).toBeInstanceOf(LocalSaveError);
	expect(persistence.lastError?.isQuotaExceeded).toBe(true);
	doc.getMap('entries').set('e-next', { id: 'e-next' });
	await persistence.whenCommitted();
	expect(persistence.isSaved).toBe(true);
	expect(persistence.lastError).toBeNull();
	expect(Object.keys(await readBack(name)).sort()).toEqual(['e-lost?', 'e-next']);
});

it('a failed write is retried by itself when no new update comes (space may come back)', async () => {
	const name = freshName();
	const { doc, persistence } = await open(name);
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	failNextTransaction(persistence);
	doc.getMap('entries').set('e-1', { id: 'e-1' });
	expect(persistence.isSaved).toBe(false);
	const saved = new Promise<void>((resolve) => {
		persistence.onCommitChange = () => {
			if (persistence.isSaved) resolve();
		};
	});
	vi.advanceTimersByTime(3000);
	await saved;
	expect(persistence.lastError).toBeNull();
	vi.useRealTimers();
	expect(await readBack(name)).toEqual({ 'e-1': { id: 'e-1' } });
});

it('a transaction that aborts rejects whoever waits for its commit', async () => {
	const name = freshName();
	const { doc, persistence } = await open(name);
	const db = persistence.db!;
	const original = db.transaction.bind(db);
	db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => {
		db.transaction = original;
		const tx = original(...args);
		queueMicrotask(() => tx.abort());
		return tx;
	}) as IDBDatabase['transaction'];
	doc.getMap('entries').set('e-1', { id: 'e-1' });
	await expect(persistence.whenCommitted()).rejects.toBeInstanceOf(LocalSaveError);
	expect(persistence.isSaved).toBe(false);
	expect(persistence.lastError?.isQuotaExceeded).toBe(false);
	// The next call writes the kept update again.
	await persistence.whenCommitted();
	expect(await readBack(name)).toEqual({ 'e-1': { id: 'e-1' } });
});
