// A load generator process for `npm run bench:load` (load.ts forks several): it runs its share of
// the simulated tablets, each a real Hocuspocus provider on its own WebSocket writing one entry per
// second to its own day document, and reports each write's durable-ack latency and its own CPU
// time. Several processes, so one generator's event loop does not delay the tablets' writes and
// acknowledgements (and with it the measured latency), and its CPU is counted apart from the
// server's.
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { fromBase64 } from '../src/lib/sync/server-messages';
import { CoalescingProvider } from '../src/lib/sync/coalescing-provider';

export const LOAD_PLAN = 'load-plan';

/** What load.ts asks of one generator process for one step. */
export interface StepRequest {
	type: 'step';
	urls: string[];
	/** The tablets of this process: their index among all of the step's tablets, and their token. */
	tablets: { index: number; token: string }[];
	/** All tablets of the step (the writes are spread evenly over each second). */
	total: number;
}

/** Wall-clock times (Date.now()) shared by every process of a step. */
export interface GoRequest {
	type: 'go';
	writeStartAt: number;
	measureStartAt: number;
	measureEndAt: number;
}

export interface StepReport {
	type: 'report';
	/** Latency of every write acknowledged during the measured window, ms. */
	latencies: number[];
	/** Writes still waiting at the end: each counts as at least the measured window's length. */
	unacked: number[];
	/** This process's CPU time during the measured window, s. */
	cpuSeconds: number;
}

interface LoadTablet {
	doc: Y.Doc;
	pending: Map<number, number>; // clock after the write → time written (performance.now())
	latencies: number[];
	destroy: () => void;
	/** Resolves once the server has answered the tablet's first sync (signed in, document loaded). */
	whenSynced: Promise<void>;
}

function connectTablet(url: string, index: number, token: string): LoadTablet {
	const doc = new Y.Doc();
	const socket = new HocuspocusProviderWebsocket({
		url: url.replace('http', 'ws') + '/sync',
		WebSocketPolyfill: WebSocket
	});
	let synced!: () => void;
	const tablet: LoadTablet = {
		doc,
		pending: new Map(),
		latencies: [],
		destroy: () => {},
		whenSynced: new Promise<void>((ok) => (synced = ok))
	};
	const provider = new CoalescingProvider({
		websocketProvider: socket,
		name: `day:${LOAD_PLAN}:u-load-${index}`,
		document: doc,
		token,
		onSynced: () => synced(),
		onStateless: ({ payload }) => {
			const m = JSON.parse(payload);
			if (m.type !== 'stored') return;
			const storedClock = Y.decodeStateVector(fromBase64(m.sv)).get(doc.clientID) ?? 0;
			const now = performance.now();
			for (const [clock, at] of tablet.pending) {
				if (clock <= storedClock) {
					tablet.latencies.push(now - at);
					tablet.pending.delete(clock);
				}
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

function write(tablet: LoadTablet, n: number): void {
	const id = `e-${tablet.doc.clientID}-${n}`;
	tablet.doc.getMap('entries').set(id, {
		v: 1,
		id,
		kind: 'note',
		at: new Date().toISOString(),
		hlc: `${String(Date.now()).padStart(15, '0')}:000000:load`,
		author: 'load',
		deviceId: 'load',
		planId: LOAD_PLAN,
		data: { text: `签到 ${n}` }
	});
	tablet.pending.set(
		Y.decodeStateVector(Y.encodeStateVector(tablet.doc)).get(tablet.doc.clientID) ?? 0,
		performance.now()
	);
}

const at = (wallClock: number) => new Promise((ok) => setTimeout(ok, Math.max(0, wallClock - Date.now())));

const ACK_GRACE_MS = 2000;

let tablets: LoadTablet[] = [];
let step: StepRequest | null = null;

process.on('message', async (m: StepRequest | GoRequest | { type: 'exit' }) => {
	if (m.type === 'exit') process.exit(0);
	if (m.type === 'step') {
		step = m;
		tablets = [];
		for (const [k, t] of m.tablets.entries()) {
			tablets.push(connectTablet(m.urls[t.index % m.urls.length], t.index, t.token));
			if (k % 25 === 24) await new Promise((r) => setTimeout(r, 100)); // ramp up
		}
		// Ready once every tablet is signed in and synced: the step measures tablets at work, not
		// the server taking them all on (that is bench burst's and the reconnect figures' part).
		const allSynced = Promise.all(tablets.map((t) => t.whenSynced)).then(() => true);
		const synced = await Promise.race([allSynced, new Promise<false>((ok) => setTimeout(() => ok(false), 60_000))]);
		process.send!({ type: 'ready', synced });
		return;
	}
	if (m.type !== 'go' || !step) return;
	const { total } = step;
	const timers: NodeJS.Timeout[] = [];
	let counter = 0;
	await at(m.writeStartAt);
	tablets.forEach((t, k) => {
		const offset = (step!.tablets[k].index * 1000) / total;
		timers.push(
			setTimeout(() => {
				write(t, counter++);
				timers.push(setInterval(() => write(t, counter++), 1000));
			}, offset)
		);
	});
	await at(m.measureStartAt);
	tablets.forEach((t) => (t.latencies.length = 0));
	const cpu0 = process.cpuUsage();
	await at(m.measureEndAt);
	const cpu = process.cpuUsage(cpu0);
	timers.forEach((t) => clearTimeout(t));
	// Writes still in flight when the window closes get up to ACK_GRACE_MS for their acknowledgement
	// (counted with their real wait); one still unacknowledged then counts as the whole window.
	const graceEnd = Date.now() + ACK_GRACE_MS;
	while (Date.now() < graceEnd && tablets.some((t) => t.pending.size)) await new Promise((r) => setTimeout(r, 20));
	const end = performance.now();
	const windowMs = m.measureEndAt - m.measureStartAt;
	const report: StepReport = {
		type: 'report',
		latencies: tablets.flatMap((t) => t.latencies),
		unacked: tablets.flatMap((t) => [...t.pending.values()].map((written) => Math.max(end - written, windowMs))),
		cpuSeconds: (cpu.user + cpu.system) / 1e6
	};
	tablets.forEach((t) => t.destroy());
	tablets = [];
	process.send!(report);
});
