// Runs in Chromium for bench/desk-new-entry.bench.ts: the reconciliation desk's real state class
// (DeskView) open on a plan of 2,000 candidates and 30 devices' day documents (~10,000 entries),
// fed by in-memory documents. One entry arrives on a day document (a Yjs update, as the provider
// applies it); the time is taken until the desk's reconciliation holds it. Beside it, in the same
// page and run: the desk re-deriving everything once (what every update used to cost).
import * as Y from 'yjs';
import { DeskView } from '../../src/lib/state/desk-view.svelte';
import { DeskDerivation } from '../../src/lib/state/desk-derivation';
import { buildDocs } from '../desk-docs';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Workspace } from '../../src/lib/sync/workspace';
import { registryDoc } from '../../src/lib/sync/doc-names';
import type { SyncedDoc } from '../../src/lib/sync/synced-doc';

const PLAN = 'bench';
const docs = new Map<string, Y.Doc>();
for (const { name, update } of buildDocs()) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	docs.set(name, doc);
}
// The proctors are the invigilators of their sessions (buildDocs' pairing), and everyone is in the
// directory with a role, as on a real desk.
const plan = docs.get(`plan:${PLAN}`)!;
plan.transact(() => {
	for (let s = 0; s < 2000 / 30; s++)
		for (const p of [`pr${(2 * s) % 20}`, `pr${(2 * s + 1) % 20}`])
			plan
				.getMap('staff')
				.set(`i-${s}-${p}`, { v: 1, id: `i-${s}-${p}`, userId: p, duty: 'invigilator', sessionId: `s-t${s}` });
});
// The plan's info and its examiners are read from the registry document the server writes.
const registry = new Y.Doc();
registry.transact(() => {
	registry.getMap('plan').set('info', plan.getMap('plan').get('info'));
	for (const [id, a] of plan.getMap('staff'))
		if ((a as { duty: string }).duty === 'examiner') registry.getMap('examiners').set(id, a);
});
docs.set(registryDoc(PLAN), registry);
const config = new Y.Doc();
config.transact(() => {
	for (let i = 0; i < 20; i++)
		config
			.getMap('directory')
			.set(`pr${i}`, { v: 1, id: `pr${i}`, name: `监考${i}`, role: 'proctor', organisationId: 'i' });
	for (let i = 0; i < 10; i++)
		config
			.getMap('directory')
			.set(`ex${i}`, { v: 1, id: `ex${i}`, name: `考评${i}`, role: 'examiner', organisationId: 'i' });
});
docs.set('config', config);

const opened = new Map<string, SyncedDoc>();
const workspace = {
	userId: 'desk-user',
	open(name: string): SyncedDoc {
		let synced = opened.get(name);
		if (!synced) {
			const doc = docs.get(name) ?? (docs.set(name, new Y.Doc()), docs.get(name)!);
			synced = { name, doc, whenLoaded: Promise.resolve() } as unknown as SyncedDoc;
			opened.set(name, synced);
		}
		return synced;
	}
} as unknown as Workspace;

const desk = new DeskView(workspace, PLAN, () => '');
let seen = 0;
let onRec: (() => void) | null = null;
$effect.root(() => {
	$effect(() => {
		void desk.rec;
		seen++;
		onRec?.();
	});
});

const until = (check: () => boolean) =>
	new Promise<void>((ok) => {
		const tick = () => (check() ? ok() : setTimeout(tick, 10));
		tick();
	});

/** Waits until the desk is loaded with every day document open and no refresh is due. */
async function ready(): Promise<number> {
	await until(() => desk.isLoaded && desk.days.length >= 30);
	let last = -1;
	while (last !== seen) {
		last = seen;
		await new Promise((r) => setTimeout(r, 300));
	}
	return desk.rec!.items.length;
}

let n = 0;
/** One attendance entry from proctor pr3's tablet arrives; ms until the desk's reconciliation has it. */
async function oneEntry(): Promise<number> {
	n++;
	const user = `pr${n % 20}`;
	const device = new Y.Doc();
	Y.applyUpdate(device, Y.encodeStateAsUpdate(docs.get(`day:${PLAN}:${user}`)!));
	const s = Math.floor((n % 20) / 2); // a session this proctor invigilates (buildDocs' pairing)
	const candidateId = `c${String(s * 30 + 1 + (n % 30)).padStart(5, '0')}`;
	const id = `e-new-${n}`;
	const before = Y.encodeStateVector(device);
	device.getMap('entries').set(id, {
		v: 1,
		id,
		kind: 'attendance',
		at: '2026-11-21T10:30:00+08:00',
		hlc: formatHlc({ wallMs: 1_763_700_000_000 + n, counter: 0 }, `d-${user}`),
		author: user,
		deviceId: `d-${user}`,
		planId: PLAN,
		candidateId,
		data: { state: n % 2 ? 'absent' : 'present', sessionId: `s-t${s}`, time: '10:30' }
	});
	const update = Y.encodeStateAsUpdate(device, before);
	const day = docs.get(`day:${PLAN}:${user}`)!;
	const had = desk.rec;
	const t0 = performance.now();
	const done = new Promise<number>((ok) => {
		onRec = () => {
			if (desk.rec !== had) {
				onRec = null;
				ok(performance.now() - t0);
			}
		};
	});
	Y.applyUpdate(day, update, 'provider');
	return done;
}

/**
 * The desk re-deriving everything from every document once (synchronously), as every update did
 * before the derivation kept what did not change: nothing read or derived is kept.
 */
function fullRefresh(): number {
	const inner = desk as unknown as {
		refresh: () => void;
		reads: Map<unknown, unknown>;
		memos: Map<unknown, unknown>;
		derivation: DeskDerivation;
	};
	const t0 = performance.now();
	inner.reads.clear();
	inner.memos.clear();
	inner.derivation = new DeskDerivation();
	inner.refresh();
	return performance.now() - t0;
}

Object.assign(window, { desk, ready, oneEntry, fullRefresh, isReady: true });
