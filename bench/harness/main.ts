// Runs inside Chromium: the real CommittedPersistence (y-indexeddb + commit tracking) against a
// bare IndexedDB put of the same JSON, entry by entry, each awaited until durable.
import * as Y from 'yjs';
import { CommittedPersistence } from '../../src/lib/sync/committed-persistence';

function entry(n: number) {
	return {
		v: 1,
		id: `e-${n.toString(36)}-${Math.random().toString(36).slice(2, 14)}`,
		kind: 'attendance',
		at: new Date().toISOString(),
		hlc: `${String(Date.now()).padStart(15, '0')}:${String(n).padStart(6, '0')}:dev-bench`,
		author: 'u-proctor-1',
		deviceId: 'dev-bench',
		planId: 'demo-20270116',
		candidateId: `c${String(n % 2000).padStart(4, '0')}`,
		scope: 'r101',
		data: { state: 'present', sessionId: 's-theory-r101', time: '09:02' }
	};
}

async function kaowuSave(count: number): Promise<number[]> {
	const doc = new Y.Doc();
	const p = new CommittedPersistence(`bench-${Math.random()}`, doc);
	await p.whenSynced;
	const times: number[] = [];
	for (let n = 0; n < count; n++) {
		const e = entry(n);
		const t0 = performance.now();
		doc.getMap('entries').set(e.id, e);
		await p.whenCommitted();
		times.push(performance.now() - t0);
	}
	await p.destroy();
	return times;
}

async function bareSave(count: number): Promise<number[]> {
	const db: IDBDatabase = await new Promise((ok, fail) => {
		const r = indexedDB.open(`bare-${Math.random()}`, 1);
		r.onupgradeneeded = () => r.result.createObjectStore('entries');
		r.onsuccess = () => ok(r.result);
		r.onerror = () => fail(r.error);
	});
	const times: number[] = [];
	for (let n = 0; n < count; n++) {
		const e = entry(n);
		const t0 = performance.now();
		await new Promise<void>((ok, fail) => {
			const tx = db.transaction('entries', 'readwrite', { durability: 'strict' });
			tx.objectStore('entries').put(e, e.id);
			tx.oncomplete = () => ok();
			tx.onabort = () => fail(tx.error);
		});
		times.push(performance.now() - t0);
	}
	db.close();
	return times;
}

Object.assign(window, { kaowuSave, bareSave, isReady: true });
