// Figures for the sync layer (issue 4): device save vs bare IndexedDB, bytes on the wire per entry,
// entry → stored on the server over loopback, and 50 devices × 200 entries converging in Node.
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { serveStatic } from './serve-static';
import * as Y from 'yjs';
import type { BenchResult } from './run';
import { launchOnDisk, median, round } from './support';
import { loadavg } from 'node:os';
import { startKaowu } from '../tests/support/kaowu-server';
import { signInToken } from '../tests/support/node-device';
import { fromBase64 } from '../src/lib/sync/server-messages';
import { countingWebSocket } from '../tests/support/sync-rig';

const HARNESS = join(import.meta.dirname, 'harness');

async function deviceSave(): Promise<BenchResult> {
	execSync(`npx vite build --config ${join(HARNESS, 'vite.config.ts')}`, { stdio: 'inherit' });
	const site = await serveStatic(join(HARNESS, 'dist'));
	// On disk, as on a tablet: IndexedDB in an incognito context lives in memory.
	const chromium = await launchOnDisk();
	try {
		const page = await chromium.context.newPage();
		await page.goto(site.url);
		await page.waitForFunction(() => (window as unknown as { isReady?: boolean }).isReady);
		type Saver = (n: number) => Promise<number[]>;
		const run = (side: 'kaowuSave' | 'bareSave', n: number) =>
			page.evaluate(([side, n]) => (window as never as Record<string, Saver>)[side](n as number), [side, n] as const);
		// Both sides warmed up, then alternated block by block so both see the same machine.
		await run('kaowuSave', 30);
		await run('bareSave', 30);
		const BLOCKS = 10;
		const PER_BLOCK = 30;
		const kaowu: number[] = [];
		const bare: number[] = [];
		for (let b = 0; b < BLOCKS; b++) {
			const [first, second] = b % 2 ? (['bareSave', 'kaowuSave'] as const) : (['kaowuSave', 'bareSave'] as const);
			(first === 'kaowuSave' ? kaowu : bare).push(...(await run(first, PER_BLOCK)));
			(second === 'kaowuSave' ? kaowu : bare).push(...(await run(second, PER_BLOCK)));
		}
		return {
			name: 'device-save-ratio',
			value: round(median(kaowu), 3),
			unit: 'ms',
			baseline: round(median(bare), 3),
			note: `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0].toFixed(1)}: median of ${kaowu.length} entries each side, each awaited until committed (strict durability), vs a bare IndexedDB put; on-disk Chromium profile, sides alternated in blocks of ${PER_BLOCK} after a warm-up of both`
		};
	} finally {
		await chromium.close();
		site.close();
	}
}

function sampleEntry(n: number) {
	return {
		v: 1,
		id: `e-${n.toString(36)}-bench${String(n).padStart(6, '0')}`,
		kind: 'attendance',
		at: '2027-01-16T09:02:00.000+08:00',
		hlc: `${String(1800000000000 + n).padStart(15, '0')}:000000:dev-bench`,
		author: 'u-proctor-1',
		deviceId: 'dev-bench',
		planId: 'demo-20270116',
		candidateId: `c${String((n % 120) + 1).padStart(4, '0')}`,
		scope: 'r101',
		data: { state: 'present', sessionId: 's-theory-r101', time: '09:02' }
	};
}

async function overTheWire(): Promise<BenchResult[]> {
	const server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
	try {
		const token = await signInToken(server.url, 'jiankao1');
		const counter = countingWebSocket();
		const { HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
		const { CoalescingProvider } = await import('../src/lib/sync/coalescing-provider');
		const socket = new HocuspocusProviderWebsocket({
			url: server.url.replace('http', 'ws') + '/sync',
			WebSocketPolyfill: counter.WebSocket
		});
		const doc = new Y.Doc();
		const stored: Uint8Array[] = [];
		let onStored = () => {};
		let synced!: () => void;
		const whenSynced = new Promise<void>((ok) => (synced = ok));
		const provider = new CoalescingProvider({
			websocketProvider: socket,
			name: 'day:demo-20270116:u-proctor-1',
			document: doc,
			token,
			onSynced: () => synced(),
			onStateless: ({ payload }) => {
				const m = JSON.parse(payload);
				if (m.type === 'stored') {
					stored.push(fromBase64(m.sv));
					onStored();
				}
			}
		});
		provider.attach();
		await whenSynced;
		await new Promise((r) => setTimeout(r, 300));
		const isStored = () => {
			const sv = stored.length ? Y.decodeStateVector(stored[stored.length - 1]) : new Map();
			return (sv.get(doc.clientID) ?? 0) >= (Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0);
		};
		const N = 200;
		const latencies: number[] = [];
		let jsonBytes = 0;
		const before = counter.bytes();
		for (let n = 0; n < N; n++) {
			const e = sampleEntry(n);
			jsonBytes += Buffer.byteLength(JSON.stringify(e));
			const t0 = performance.now();
			doc.getMap('entries').set(e.id, e);
			await new Promise<void>((ok) => {
				onStored = () => isStored() && ok();
				onStored();
			});
			latencies.push(performance.now() - t0);
		}
		const after = counter.bytes();
		const wire = after.sent - before.sent + after.received - before.received;
		provider.destroy();
		socket.destroy();
		return [
			{
				name: 'wire-bytes-per-entry',
				value: round(wire / N, 1),
				unit: 'bytes',
				baseline: round(jsonBytes / N, 1),
				note: `${new Date().toISOString().slice(0, 10)}: TCP bytes both directions per entry (update, sync status, stored ack; permessage-deflate), each entry awaited until stored, vs the entry as JSON`
			},
			{
				name: 'server-stored-median-ms',
				value: round(median(latencies), 2),
				unit: 'ms',
				note: `median of ${N}: entry written on the device → server says it is in SQLite (loopback)`
			}
		];
	} finally {
		await server.kill();
	}
}

function converge(): BenchResult {
	const DEVICES = 50;
	const ENTRIES = 200;
	const t0 = performance.now();
	const server = new Y.Doc();
	const devices = Array.from({ length: DEVICES }, () => new Y.Doc());
	devices.forEach((d, i) => {
		const map = d.getMap('entries');
		d.transact(() => {
			for (let n = 0; n < ENTRIES; n++) map.set(`e-${i}-${n}`, { ...sampleEntry(n), id: `e-${i}-${n}` });
		});
	});
	// Each device sends what the server lacks, then receives what it lacks (the sync protocol).
	for (const d of devices) Y.applyUpdate(server, Y.encodeStateAsUpdate(d, Y.encodeStateVector(server)));
	for (const d of devices) Y.applyUpdate(d, Y.encodeStateAsUpdate(server, Y.encodeStateVector(d)));
	const elapsed = performance.now() - t0;
	for (const d of devices) if (d.getMap('entries').size !== DEVICES * ENTRIES) throw new Error('did not converge');
	return {
		name: 'converge-50x200-ms',
		value: round(elapsed, 1),
		unit: 'ms',
		note: '50 devices × 200 entries, create + exchange until every doc holds all 10,000'
	};
}

export default async function (): Promise<BenchResult[]> {
	return [await deviceSave(), ...(await overTheWire()), converge()];
}
