// Appends to the update log from a worker thread. better-sqlite3 is synchronous: a commit (its
// fsync, a few milliseconds on this machine's disk) used to stop the event loop, and with it the
// reading of every tablet's next update. A worker thread owns a second connection to the same file
// and runs the hot path's one statement pair (doc_updates + entry_receipts) in one transaction per
// batch; the promise of `append` resolves only after that transaction has committed
// (synchronous=FULL, set on the worker's own connection), so an acknowledgement still follows the
// disk. Batches are committed in the order they were handed over (the worker takes its messages one
// by one). Everything else keeps using the main connection (reads see each commit at once: WAL).
import { Worker } from 'node:worker_threads';
import type { UpdateItem } from './store';

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
if (!workerData.autoCheckpoint) db.pragma('wal_autocheckpoint = 0');
const insert = db.prepare(
	'INSERT INTO doc_updates (doc, update_bytes, user_id, received_at, update_key) VALUES (?, ?, ?, ?, ?) ' +
	'ON CONFLICT (update_key) DO NOTHING'
);
const receipt = db.prepare('INSERT OR IGNORE INTO entry_receipts (doc, entry_id, received_at) VALUES (?, ?, ?)');
const append = db.transaction((items, at) => {
	for (const i of items) {
		insert.run(i.doc, Buffer.from(i.update.buffer, i.update.byteOffset, i.update.byteLength), i.userId, at, i.key ?? null);
		for (const id of i.receipts ?? []) receipt.run(i.doc, id, at);
	}
});
parentPort.on('message', (m) => {
	if (m === 'stop') {
		db.close();
		parentPort.close();
		return;
	}
	try {
		append(m.items, m.at);
		parentPort.postMessage({ id: m.id });
	} catch (e) {
		parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
	}
});
`;

export interface SqliteAppender {
	/** Resolves once the batch is committed; rejects (nothing written) when the transaction failed. */
	append(items: UpdateItem[], at: string): Promise<void>;
	/** Waits for the batches handed over, then closes the worker's connection. */
	stop(): Promise<void>;
}

export function startSqliteAppender(
	file: string,
	{
		autoCheckpoint = true,
		log = (m: string) => console.error(m)
	}: { autoCheckpoint?: boolean; log?: (m: string) => void } = {}
): SqliteAppender {
	let worker: Worker | null = null;
	let nextId = 0;
	const waiting = new Map<number, { ok: () => void; fail: (e: Error) => void }>();
	let last: Promise<void> = Promise.resolve();

	function start(): Worker {
		const w = new Worker(WORKER_CODE, { eval: true, workerData: { file, autoCheckpoint } });
		w.on('message', (m: { id: number; error?: string }) => {
			const p = waiting.get(m.id);
			waiting.delete(m.id);
			if (!p) return;
			if (m.error) p.fail(new Error(m.error));
			else p.ok();
		});
		const lost = (why: string) => {
			if (worker !== w) return;
			worker = null;
			// What was in flight may or may not be on disk: it is reported as failed and retried
			// under its own key (stored once either way, see schema.ts).
			for (const p of waiting.values()) p.fail(new Error(`append worker ${why}`));
			waiting.clear();
		};
		w.on('error', (e) => {
			log(`[store] append worker failed: ${e.message}`);
			lost('failed');
		});
		w.on('exit', () => lost('stopped'));
		return w;
	}

	return {
		append(items, at) {
			worker ??= start();
			const id = nextId++;
			const plain = items.map((i) => ({
				doc: i.doc,
				update: i.update,
				userId: i.userId,
				receipts: i.receipts ? [...i.receipts] : [],
				key: i.key ?? null
			}));
			const appended = new Promise<void>((ok, fail) => {
				waiting.set(id, { ok, fail });
				worker!.postMessage({ id, items: plain, at });
			});
			last = appended;
			return appended;
		},
		async stop() {
			const w = worker;
			if (!w) return;
			// The worker answers in order: once the last batch is settled, every one is.
			await last.catch(() => {});
			worker = null;
			const exited = new Promise<void>((ok) => w.once('exit', () => ok()));
			w.postMessage('stop');
			await exited;
		}
	};
}
