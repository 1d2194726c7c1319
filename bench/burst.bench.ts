// Every tablet comes back at once: 50 tablets, each on its own day document, stream 200 entries
// each (10,000 entries) into one real server process over loopback, as fast as they can write.
// The tablets attach with the app's provider (CoalescingProvider: what a device writes within
// 50 ms of its last send leaves together). Baseline, alternated with it round by round in the same
// run, each side warmed up and on a fresh server and data folder: the same tablets with
// Hocuspocus' provider as it comes (one frame per entry). BURST_ROUNDS rounds (default 3); the
// figures are the medians of the rounds. Over EVERY write (a write never acknowledged counts as the
// run's length):
// - burst-50x200-ack-p95-ms: p95 of write → the server's `stored` covering it (durable);
// - burst-50x200-all-stored-ms: first write → last acknowledgement.
// - burst-bare-fsync-10000-ms: the same 10,000 updates appended by one process to SQLite
//   (synchronous=FULL), one transaction (one fsync) each, on the same disk: what the disk allows
//   one update at a time.
// - burst-server-cpu-per-update-ms: the server process's CPU time (all its threads, from
//   /proc/<pid>/stat) from the first write to the last acknowledgement, per update. Less at the
//   mercy of a shared machine than the wall-clock figures (a loaded machine still slows caches).
// - burst-tablets-cpu-per-update-ms: the same for the tablets (this process), which share the
//   machine with the server: the two together are the CPU the burst needs of the machine.
// BURST_SERVER_TREE=/path/to/another/checkout runs that tree's server (A/B with the same tablets).
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CoalescingProvider } from '../src/lib/sync/coalescing-provider';
import { fromBase64 } from '../src/lib/sync/server-messages';
import { startKaowu } from '../tests/support/kaowu-server';
import { prepareFleet, fleetEntry, FLEET_PLAN } from './fleet';
import { median, percentile, round } from './support';
import type { BenchResult } from './run';

const TABLETS = 50;
const ENTRIES = 200;
const WARMUP_ENTRIES = 10;
const TIMEOUT_MS = 60_000;
const ROUNDS = Number(process.env.BURST_ROUNDS ?? 3);

type ProviderKind = 'app' | 'plain';

interface BurstTablet {
	doc: Y.Doc;
	/** Clock after each write → when it was written. */
	pending: Map<number, number>;
	latencies: number[];
	lastAckAt: number;
	destroy: () => void;
	whenSynced: Promise<void>;
}

function connect(url: string, index: number, token: string, kind: ProviderKind): BurstTablet {
	const doc = new Y.Doc();
	const socket = new HocuspocusProviderWebsocket({
		url: url.replace('http', 'ws') + '/sync',
		WebSocketPolyfill: WebSocket
	});
	let synced!: () => void;
	const tablet: BurstTablet = {
		doc,
		pending: new Map(),
		latencies: [],
		lastAckAt: 0,
		destroy: () => {},
		whenSynced: new Promise<void>((ok) => (synced = ok))
	};
	const Provider = kind === 'app' ? CoalescingProvider : HocuspocusProvider;
	const provider = new Provider({
		websocketProvider: socket,
		name: `day:${FLEET_PLAN}:u-fleet-${index}`,
		document: doc,
		token,
		onSynced: () => synced(),
		onStateless: ({ payload }) => {
			const m = JSON.parse(payload);
			if (m.type !== 'stored') return;
			const storedClock = Y.decodeStateVector(fromBase64(m.sv)).get(doc.clientID) ?? 0;
			const now = performance.now();
			for (const [clock, at] of tablet.pending)
				if (clock <= storedClock) {
					tablet.latencies.push(now - at);
					tablet.pending.delete(clock);
					tablet.lastAckAt = now;
				}
		}
	});
	provider.attach();
	tablet.destroy = () => {
		provider.destroy();
		socket.destroy();
	};
	return tablet;
}

function write(tablet: BurstTablet, n: number, index: number): void {
	const entry = fleetEntry(index, n);
	tablet.doc.getMap('entries').set(entry.id, entry);
	tablet.pending.set(
		Y.decodeStateVector(Y.encodeStateVector(tablet.doc)).get(tablet.doc.clientID) ?? 0,
		performance.now()
	);
}

/** CPU time (user + system, all threads) a process has used, in ms; null off Linux. */
function cpuMs(pid: number | undefined): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
	} catch {
		return null;
	}
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const start = performance.now();
	while (!check()) {
		if (performance.now() - start > timeoutMs) return false;
		await new Promise((r) => setTimeout(r, 5));
	}
	return true;
}

/** The same number of updates, one SQLite transaction (one fsync) each, on the same disk. */
function perUpdateFsyncBaseline(updates: Uint8Array[]): number {
	const dir = mkdtempSync(join(tmpdir(), 'kaowu-burst-baseline-'));
	const db = new Database(join(dir, 'b.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec('CREATE TABLE u (seq INTEGER PRIMARY KEY, doc TEXT, bytes BLOB, at TEXT)');
	const insert = db.prepare('INSERT INTO u (doc, bytes, at) VALUES (?, ?, ?)');
	const t0 = performance.now();
	for (const u of updates) insert.run('day', Buffer.from(u), new Date().toISOString());
	const elapsed = performance.now() - t0;
	db.close();
	rmSync(dir, { recursive: true, force: true });
	return elapsed;
}

interface BurstRun {
	p95: number;
	p50: number;
	max: number;
	written: number;
	allStored: number;
	isDone: boolean;
	writes: number;
	serverCpuPerUpdate: number | null;
	tabletsCpuPerUpdate: number | null;
}

async function burst(kind: ProviderKind): Promise<BurstRun> {
	const fleet = await prepareFleet(TABLETS);
	const server = await startKaowu({
		dataDir: fleet.dataDir,
		env: { KAOWU_NO_APP: '1', KAOWU_DEMO: '0', KAOWU_SECRET: fleet.secret },
		root: process.env.BURST_SERVER_TREE || undefined
	});
	const tablets: BurstTablet[] = [];
	try {
		for (let i = 0; i < TABLETS; i++) tablets.push(connect(server.url, i, fleet.tokens[i], kind));
		await Promise.all(tablets.map((t) => t.whenSynced));
		// Warm-up: every document loaded, every path taken once.
		tablets.forEach((t, i) => {
			for (let n = 0; n < WARMUP_ENTRIES; n++) write(t, 1_000_000 + n, i);
		});
		await until(() => tablets.every((t) => t.pending.size === 0), TIMEOUT_MS);
		tablets.forEach((t) => (t.latencies.length = 0));

		const cpu0 = cpuMs(server.process.pid);
		const tabletsCpu0 = cpuMs(process.pid);
		const t0 = performance.now();
		// Streaming: each tablet writes one entry per turn, all tablets interleaved.
		for (let n = 0; n < ENTRIES; n++) {
			tablets.forEach((t, i) => write(t, n, i));
			await new Promise((r) => setImmediate(r));
		}
		const written = performance.now() - t0;
		const isDone = await until(() => tablets.every((t) => t.pending.size === 0), TIMEOUT_MS);
		const end = performance.now();
		const cpu1 = cpuMs(server.process.pid);
		const tabletsCpu1 = cpuMs(process.pid);
		// Unacknowledged writes count as the whole run.
		const latencies = tablets.flatMap((t) => [...t.latencies, ...[...t.pending.values()].map((at) => end - at)]);
		const perUpdate = (a: number | null, b: number | null) =>
			a === null || b === null ? null : (b - a) / (TABLETS * ENTRIES);
		return {
			p95: percentile(latencies, 95),
			p50: percentile(latencies, 50),
			max: Math.max(...latencies),
			written,
			allStored: (isDone ? Math.max(...tablets.map((t) => t.lastAckAt)) : end) - t0,
			isDone,
			writes: latencies.length,
			serverCpuPerUpdate: perUpdate(cpu0, cpu1),
			tabletsCpuPerUpdate: perUpdate(tabletsCpu0, tabletsCpu1)
		};
	} finally {
		tablets.forEach((t) => t.destroy());
		await server.stop();
	}
}

const describeRun = (r: BurstRun) =>
	`p95 ${round(r.p95, 0)}, p50 ${round(r.p50, 0)}, all stored ${round(r.allStored, 0)} ms over ${r.writes} writes written in ${round(r.written, 0)} ms` +
	(r.serverCpuPerUpdate === null ? '' : `, server CPU ${round(r.serverCpuPerUpdate, 3)} ms/entry`) +
	(r.isDone ? '' : `, NOT all acknowledged within ${TIMEOUT_MS / 1000} s`);

const medianOf = (runs: BurstRun[], pick: (r: BurstRun) => number | null) => {
	const values = runs.map(pick).filter((v): v is number => v !== null);
	return values.length ? round(median(values), 3) : null;
};

export default async function (): Promise<BenchResult[]> {
	const app: BurstRun[] = [];
	const plain: BurstRun[] = [];
	const startedAt = `${new Date().toISOString().slice(0, 16)} UTC, load average ${loadavg()[0].toFixed(1)}`;
	// One run of each side first, not counted; then rounds, the order reversed every round.
	await burst('app');
	await burst('plain');
	for (let round = 0; round < ROUNDS; round++) {
		for (const kind of round % 2 ? (['plain', 'app'] as const) : (['app', 'plain'] as const)) {
			const run = await burst(kind);
			(kind === 'app' ? app : plain).push(run);
			console.log(`  round ${round + 1}, ${kind === 'app' ? "app's provider" : 'plain provider'}: ${describeRun(run)}`);
		}
	}
	const baselineDoc = new Y.Doc();
	const baselineUpdates: Uint8Array[] = [];
	baselineDoc.on('update', (u: Uint8Array) => baselineUpdates.push(u));
	for (let k = 0; k < TABLETS * ENTRIES; k++) {
		const entry = fleetEntry(k % TABLETS, k);
		baselineDoc.getMap('entries').set(entry.id, entry);
	}
	const bareFsyncs = perUpdateFsyncBaseline(baselineUpdates);
	const date = `${startedAt} → ${new Date().toISOString().slice(11, 16)} UTC, load average ${loadavg()[0].toFixed(1)}`;
	const rounds = `median of ${ROUNDS} rounds, each side on a fresh server, alternated, one warm-up run each`;
	const baselineIs = `baseline: the same tablets with Hocuspocus' provider as it comes (a frame per entry)`;
	const figures: BenchResult[] = [
		{
			name: 'burst-50x200-ack-p95-ms',
			value: round(median(app.map((r) => r.p95)), 0),
			unit: 'ms',
			baseline: round(median(plain.map((r) => r.p95)), 0),
			note: `${date}: p95 of write → durable ack over every write, ${rounds}; ${baselineIs}. App: ${app.map(describeRun).join('; ')}. Plain: ${plain.map(describeRun).join('; ')}`
		},
		{
			name: 'burst-50x200-all-stored-ms',
			value: round(median(app.map((r) => r.allStored)), 0),
			unit: 'ms',
			baseline: round(median(plain.map((r) => r.allStored)), 0),
			note: `${date}: first write → last durable ack, ${rounds}; ${baselineIs}`
		},
		{
			name: 'burst-bare-fsync-10000-ms',
			value: round(bareFsyncs, 0),
			unit: 'ms',
			note: `${date}: the same ${TABLETS * ENTRIES} updates, one fsync each, bare SQLite (synchronous=FULL) on the same disk`
		}
	];
	const serverCpu = medianOf(app, (r) => r.serverCpuPerUpdate);
	if (serverCpu !== null)
		figures.push({
			name: 'burst-server-cpu-per-update-ms',
			value: serverCpu,
			unit: 'ms',
			baseline: medianOf(plain, (r) => r.serverCpuPerUpdate) ?? undefined,
			note: `${date}: the server's CPU time (all threads) from the first write until the run ended, per entry, ${rounds}; ${baselineIs}`
		});
	const tabletsCpu = medianOf(app, (r) => r.tabletsCpuPerUpdate);
	if (tabletsCpu !== null)
		figures.push({
			name: 'burst-tablets-cpu-per-update-ms',
			value: tabletsCpu,
			unit: 'ms',
			baseline: medianOf(plain, (r) => r.tabletsCpuPerUpdate) ?? undefined,
			note: `${date}: the 50 tablets' CPU time (this process, all threads: writing, sending, reading the acknowledgements) over the same span, per entry, ${rounds}; with the server's, what the burst needs of the machine's cores`
		});
	return figures;
}
