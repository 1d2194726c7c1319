// Checkpoints the SQLite WAL from a worker thread. With synchronous=FULL, the automatic checkpoint
// runs inside a commit on the main thread and stalls every tablet's acknowledgement for a moment
// (the load test showed p99 spikes of 300+ ms); a second connection in a worker does the same work
// without blocking the event loop. Durability does not depend on checkpoints: the WAL is fsynced.
import { Worker } from 'node:worker_threads';

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
const timer = setInterval(() => {
	try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message)); }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
	if (m === 'stop') { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

export function startWalCheckpointer(file: string, intervalMs = 1000, log = (m: string) => console.error(m)) {
	const worker = new Worker(WORKER_CODE, { eval: true, workerData: { file, intervalMs } });
	worker.on('message', (m) => log(`[store] background checkpoint failed: ${m}`));
	worker.on('error', (e) => log(`[store] checkpoint worker stopped: ${e.message}`));
	worker.unref();
	return { stop: () => worker.postMessage('stop') };
}
