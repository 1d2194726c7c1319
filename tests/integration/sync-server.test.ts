// The real server process and real providers over WebSocket: "stored" means stored (it survives
// kill -9), unauthorised writes are refused and absent from the store, expired tokens are refused.
// Run against both stores: SQLite, and a throw-away PostgreSQL (tests/support/engines.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, waitFor, type NodeDevice } from '../support/node-device';
import { enginesOrSkip, startPostgres, type Postgres } from '../support/engines';
import { hasViolation, readStoredDoc } from '../support/stored';
import { sendRawFrames } from '../support/raw-socket';
import { fromBase64 } from '../../src/lib/sync/server-messages';
import { decodeJwt } from 'jose';
import { TokenSigner, type TokenClaims } from '../../src/server/auth';

const SECRET = 'sync-server-test-secret-0123456789abcdef';
const DAY = 24 * 3600_000;

const PLAN = 'demo-20270116';
const running: (KaowuServer & { databaseUrl?: string })[] = [];
const devices: NodeDevice[] = [];
const hasEngines = enginesOrSkip();
let postgres: Postgres | null = null;
let databases = 0;
/** Which PostgreSQL database each data folder's server uses (a restart keeps it). */
const databaseOf = new Map<string, string>();

beforeAll(async () => {
	if (hasEngines) postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
	await postgres?.stop();
}, 60_000);

let engine: 'sqlite' | 'postgres' = 'sqlite';

async function server(options: Parameters<typeof startKaowu>[0] = {}) {
	let databaseUrl: string | undefined;
	if (engine === 'postgres')
		databaseUrl =
			(options.dataDir && databaseOf.get(options.dataDir)) || (await postgres!.createDatabase(`sync_${++databases}`));
	const env: Record<string, string> = { KAOWU_NO_APP: '1', ...options.env };
	if (databaseUrl) env.KAOWU_DATABASE_URL = databaseUrl;
	const s = Object.assign(await startKaowu({ ...options, env }), { databaseUrl });
	if (databaseUrl) databaseOf.set(s.dataDir, databaseUrl);
	running.push(s);
	return s;
}

function device(...args: Parameters<typeof connectDevice>) {
	const d = connectDevice(...args);
	devices.push(d);
	return d;
}

afterEach(async () => {
	for (const d of devices.splice(0)) d.destroy();
	for (const s of running.splice(0)) if (s.process.exitCode === null && !s.process.killed) await s.kill();
});

/** True once the server's last `stored` state vector covers everything this device has. */
function isCovered(d: NodeDevice): boolean {
	const stored = [...d.messages].reverse().find((m) => m.type === 'stored') as { sv: string } | undefined;
	if (!stored) return false;
	const sv = Y.decodeStateVector(fromBase64(stored.sv));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(d.doc)))
		if ((sv.get(client) ?? 0) < clock) return false;
	return true;
}

const engines = hasEngines ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(engines)('sync server on %s', (engineName) => {
	beforeAll(() => {
		engine = engineName;
	});

	it('an entry acknowledged as stored survives kill -9 and a restart', async () => {
		const s = await server();
		const token = await signInToken(s.url, 'jiankao1');
		const name = `day:${PLAN}:u-proctor-1`;
		const d = device(s.url, name, token);
		await d.whenSynced;
		for (let n = 0; n < 20; n++) d.doc.getMap('entries').set(`e-kill-${n}`, { v: 1, id: `e-kill-${n}`, n });
		await waitFor(() => isCovered(d), 10_000, 'stored acknowledgement');
		d.destroy();
		await s.kill(); // no chance to flush anything: only what was written before the ack counts

		const restarted = await server({ dataDir: s.dataDir, port: s.port });
		expect((await readStoredDoc(restarted, name)).getMap('entries').size).toBe(20);
		const again = device(restarted.url, name, await signInToken(restarted.url, 'jiankao1'));
		await again.whenSynced;
		expect(again.doc.getMap('entries').size).toBe(20);
	});

	it('refuses an update to a document the user does not own and stores nothing of it', async () => {
		const s = await server();
		const token = await signInToken(s.url, 'kaoping1');
		// His roster slice: he reads it, only the server writes it.
		const name = `roster:${PLAN}:u-examiner-1`;
		const d = device(s.url, name, token);
		await d.whenSynced;
		d.doc.getMap('rubrics').set('forged', { v: 1, id: 'forged', name: '伪造评分表', items: [] });
		await waitFor(() => d.messages.some((m) => m.type === 'refused'), 10_000, 'refusal');
		// A fresh reader syncs the server's live document: without the write, it was never applied, so
		// no commit of it can be on its way to the store.
		const reader = device(s.url, name, token);
		await reader.whenSynced;
		expect(reader.doc.getMap('rubrics').has('forged')).toBe(false);
		expect((await readStoredDoc(s, name)).getMap('rubrics').has('forged')).toBe(false);
	});

	it('refuses an expired token with the reason, so the device can ask the user to sign in again', async () => {
		const s = await server({ env: { KAOWU_SECRET: SECRET } });
		// The same sign-in, signed as if two days ago for one day: expired without waiting.
		const claims = decodeJwt(await signInToken(s.url, 'jiankao1')) as unknown as TokenClaims;
		const { token } = await new TokenSigner(SECRET, DAY / 1000).sign(claims, Date.now() - 2 * DAY);
		const d = device(s.url, `day:${PLAN}:u-proctor-1`, token);
		d.doc.getMap('entries').set('e-late', { v: 1, id: 'e-late' });
		await waitFor(() => d.authFailures.length > 0, 10_000, 'refusal');
		expect(d.authFailures[0]).toBe('token-expired');
		expect((await readStoredDoc(s, `day:${PLAN}:u-proctor-1`)).getMap('entries').size).toBe(0);
	});

	it('an update that breaks the schema is logged as a violation and kept out of views, not crashing anything', async () => {
		const s = await server();
		const name = `day:${PLAN}:u-proctor-1`;
		const d = device(s.url, name, await signInToken(s.url, 'jiankao1'));
		await d.whenSynced;
		d.doc.getMap('entries').set('e-broken-entry', { v: 1, id: 'e-broken-entry', kind: 42 });
		await waitFor(() => isCovered(d), 10_000, 'stored acknowledgement');
		const deadline = Date.now() + 5000;
		while (!(await hasViolation(s, name, 'entries/e-broken-entry'))) {
			if (Date.now() > deadline) throw new Error('timed out waiting for violation logged');
			await new Promise((r) => setTimeout(r, 50));
		}
		const { readDocContent } = await import('../../src/lib/sync/doc-content');
		const content = readDocContent(name, await readStoredDoc(s, name));
		expect(content.entries.map((e) => e.id)).not.toContain('e-broken-entry');
		expect(content.violations.map((v) => v.path)).toContain('entries/e-broken-entry');
		expect((await fetch(`${s.url}/api/health`)).ok).toBe(true);
	});

	it('a malformed message on /sync does not take the server down or disturb other clients', async () => {
		const s = await server();
		const token = await signInToken(s.url, 'jiankao1');
		const name = `day:${PLAN}:u-proctor-1`;
		const good = device(s.url, name, token);
		await good.whenSynced;
		// Each on its own socket, dropped once the server has read it (a ping answered after it, or
		// the server closing the socket).
		for (const payload of [Buffer.from([0xff, 0x00, 0x13, 0x37]), Buffer.from('hello'), Buffer.alloc(0)])
			await sendRawFrames(s.url, [payload]);
		good.doc.getMap('entries').set('e-after-garbage', { v: 1, id: 'e-after-garbage' });
		await waitFor(() => isCovered(good), 10_000, 'stored acknowledgement after garbage');
		const health = await fetch(`${s.url}/api/health`).then((r) => r.json());
		expect(health.ok).toBe(true);
		expect((await readStoredDoc(s, name)).getMap('entries').has('e-after-garbage')).toBe(true);
	});
});
