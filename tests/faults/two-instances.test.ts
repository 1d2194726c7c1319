// Issue 17's first "done when": two Kaowu instances on one PostgreSQL and one Redis, behind a small
// TCP balancer. Tablets split over both write; one instance is killed with kill -9; its tablets
// reconnect to the other. Every acknowledged entry is in PostgreSQL exactly once (rows counted),
// the supervisor connected to the surviving instance sees every entry, and nothing was
// acknowledged that is not in the database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, waitFor, type NodeDevice } from '../support/node-device';
import { enginesOrSkip, startPostgres, startRedis, type Postgres, type Redis } from '../support/engines';
import { pgEntryWritesInRows, pgStoredDoc } from '../support/pg-rows';
import { startBalancer } from './balancer';
import { PLAN, Tablet } from './fleet';

const hasEngines = enginesOrSkip();
let postgres: Postgres;
let redis: Redis;
const servers: KaowuServer[] = [];
const tablets: Tablet[] = [];
const watchers: NodeDevice[] = [];
let balancer: Awaited<ReturnType<typeof startBalancer>> | null = null;

beforeAll(async () => {
	if (!hasEngines) return;
	[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
	for (const w of watchers) w.destroy();
	await Promise.all(tablets.map((t) => t.close()));
	await balancer?.close();
	for (const s of servers) if (s.process.exitCode === null && s.process.signalCode === null) await s.kill();
	await redis?.stop();
	await postgres?.stop();
}, 60_000);

it.runIf(hasEngines)(
	'two instances, one killed with kill -9: every acknowledged entry is in PostgreSQL exactly once and the survivor shows all',
	async () => {
		const databaseUrl = await postgres.createDatabase('two_instances');
		const env = { KAOWU_NO_APP: '1', KAOWU_DATABASE_URL: databaseUrl, KAOWU_REDIS_URL: redis.url };
		// The first instance seeds the demo into PostgreSQL; both share its secrets (tokens signed by
		// one are accepted by the other).
		const a = await startKaowu({ env });
		servers.push(a);
		const b = await startKaowu({ env: { ...env, KAOWU_SECRETS_FILE: join(a.dataDir, 'secrets.json') } });
		servers.push(b);
		balancer = await startBalancer([a.port, b.port]);

		// The supervisor watches every tablet's day document on B, the instance that survives.
		const supervisorToken = await signInToken(b.url, 'dudao');
		const numbers = [1, 2, 3, 4];
		for (const n of numbers) watchers.push(connectDevice(b.url, `day:${PLAN}:u-proctor-${n}`, supervisorToken));
		await Promise.all(watchers.map((w) => w.whenSynced));

		for (const n of numbers) tablets.push(new Tablet(`u-proctor-${n}`));
		const tokens = await Promise.all(numbers.map((n) => signInToken(balancer!.url, `jiankao${n}`)));
		for (const [i, t] of tablets.entries()) {
			t.connect(balancer.url, tokens[i]);
			await t.whenConnected();
		}
		expect(new Set(balancer.routed), 'the balancer used both instances').toEqual(new Set([a.port, b.port]));

		let isWriting = true;
		const writer = (async () => {
			while (isWriting) {
				tablets.forEach((t) => t.write());
				await new Promise((r) => setTimeout(r, 10));
			}
		})();
		await waitFor(() => tablets.every((t) => t.acknowledgedEntryIds().length >= 5), 20_000, 'first acknowledgements');
		// Live across instances: what a tablet on A was told is stored, the supervisor on B sees.
		const before = tablets.map((t) => t.acknowledgedEntryIds());
		await waitFor(
			() => before.every((ids, i) => ids.every((id) => watchers[i].doc.getMap('entries').has(id))),
			10_000,
			'the supervisor on B seeing what the tablets on A stored'
		);
		await a.kill();
		const acknowledged = tablets.map((t) => t.acknowledgedEntryIds());
		// Nothing was acknowledged that is not in the database.
		for (const [i, t] of tablets.entries()) {
			const inDatabase = (await pgStoredDoc(databaseUrl, t.docName)).getMap('entries');
			for (const id of acknowledged[i])
				expect(inDatabase.has(id), `${id} acknowledged but not in PostgreSQL`).toBe(true);
		}
		// The tablets keep writing while they move to B.
		const madeAtKill = tablets.map((t) => t.made.size + 20);
		await waitFor(() => tablets.every((t, i) => t.made.size >= madeAtKill[i]), 20_000, 'entries after the kill');
		isWriting = false;
		await writer;
		await Promise.all(tablets.map((t) => t.whenAcknowledged(40_000)));

		for (const [i, t] of tablets.entries()) {
			const writes = await pgEntryWritesInRows(databaseUrl, t.docName);
			expect(Object.fromEntries(writes), `${t.docName}: times each entry is in doc_updates`).toEqual(
				Object.fromEntries([...t.made.keys()].map((id) => [id, 1]))
			);
			const stored = (await pgStoredDoc(databaseUrl, t.docName)).getMap('entries').toJSON();
			expect(t.doc.getMap('entries').toJSON()).toEqual(stored);
			// The supervisor on the surviving instance sees every entry, live.
			const seen = watchers[i].doc.getMap('entries');
			await waitFor(() => [...t.made.keys()].every((id) => seen.has(id)), 20_000, `supervisor sees ${t.docName}`);
		}
	},
	180_000
);

it.runIf(hasEngines)(
	'sign-ins ended on one instance are refused and their sockets closed on the other; failed sign-ins count across instances',
	async () => {
		const databaseUrl = await postgres.createDatabase('revocation');
		const env = { KAOWU_NO_APP: '1', KAOWU_DATABASE_URL: databaseUrl, KAOWU_REDIS_URL: redis.url };
		const a = await startKaowu({ env });
		servers.push(a);
		const b = await startKaowu({ env: { ...env, KAOWU_SECRETS_FILE: join(a.dataDir, 'secrets.json') } });
		servers.push(b);

		const token = await signInToken(b.url, 'jiankao5');
		const device = connectDevice(b.url, `day:${PLAN}:u-proctor-5`, token);
		watchers.push(device);
		let isClosed = false;
		device.provider.on('close', () => (isClosed = true));
		await device.whenSynced;
		const signedOut = await fetch(`${a.url}/api/auth/sign-out-everywhere`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}` }
		});
		expect(signedOut.status).toBe(200);
		await waitFor(() => isClosed, 5000, 'B closing the socket of a sign-in ended on A');
		const me = await fetch(`${b.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
		expect(me.status).toBe(401);

		// Three wrong passwords spread over both instances: the next attempt waits, on either.
		const attempt = (s: KaowuServer) =>
			fetch(`${s.url}/api/auth/sign-in`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'jiankao6', password: 'wrong-password' })
			});
		expect((await attempt(a)).status).toBe(401);
		expect((await attempt(b)).status).toBe(401);
		expect((await attempt(a)).status).toBe(401);
		expect((await attempt(b)).status, 'the fourth attempt, on the other instance, waits').toBe(429);
	},
	120_000
);
