// Issue 17's second "done when": PostgreSQL stops (as in a crash: pg_ctl stop -m immediate) while
// tablets sync through two instances. Nothing made while it is down is acknowledged; the health
// endpoint says the database is down; when PostgreSQL is back the instances recover by themselves
// (no restart) and every entry is stored exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, waitFor } from '../support/node-device';
import { enginesOrSkip, startPostgres, startRedis, type Postgres, type Redis } from '../support/engines';
import { pgEntryWritesInRows, pgStoredDoc } from '../support/pg-rows';
import { startBalancer } from './balancer';
import { Tablet } from './fleet';

const hasEngines = enginesOrSkip();
let postgres: Postgres;
let redis: Redis;
const servers: KaowuServer[] = [];
const tablets: Tablet[] = [];
let balancer: Awaited<ReturnType<typeof startBalancer>> | null = null;

beforeAll(async () => {
	if (!hasEngines) return;
	[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
	await Promise.all(tablets.map((t) => t.close()));
	await balancer?.close();
	for (const s of servers) if (s.process.exitCode === null && s.process.signalCode === null) await s.kill();
	await redis?.stop();
	await postgres?.stop();
}, 60_000);

const health = async (s: KaowuServer) => {
	const res = await fetch(`${s.url}/api/health`);
	return { status: res.status, body: (await res.json()) as { database: string; redis: string } };
};

it.runIf(hasEngines)(
	'PostgreSQL restarts mid-sync: nothing is acknowledged while it is down, the instances recover without a restart, nothing is lost',
	async () => {
		const databaseUrl = await postgres.createDatabase('restart');
		const env = { KAOWU_NO_APP: '1', KAOWU_DATABASE_URL: databaseUrl, KAOWU_REDIS_URL: redis.url };
		const a = await startKaowu({ env });
		servers.push(a);
		const b = await startKaowu({ env: { ...env, KAOWU_SECRETS_FILE: join(a.dataDir, 'secrets.json') } });
		servers.push(b);
		balancer = await startBalancer([a.port, b.port]);
		const numbers = [1, 2, 3, 4];
		for (const n of numbers) tablets.push(new Tablet(`u-proctor-${n}`));
		const tokens = await Promise.all(numbers.map((n) => signInToken(balancer!.url, `jiankao${n}`)));
		for (const [i, t] of tablets.entries()) {
			t.connect(balancer.url, tokens[i]);
			await t.whenConnected();
		}

		let isWriting = true;
		const writer = (async () => {
			while (isWriting) {
				tablets.forEach((t) => t.write());
				await new Promise((r) => setTimeout(r, 10));
			}
		})();
		await waitFor(() => tablets.every((t) => t.acknowledgedEntryIds().length >= 5), 20_000, 'first acknowledgements');

		await postgres.crash();
		const madeBeforeCrash = tablets.map((t) => new Set(t.made.keys()));
		// Down for a while: both instances say so, and the tablets keep writing.
		for (const s of [a, b]) {
			const h = await health(s);
			expect(h.status).toBe(503);
			expect(h.body).toMatchObject({ database: 'down', redis: 'up' });
		}
		const madeWhileDown = tablets.map((t) => t.made.size + 30);
		await waitFor(() => tablets.every((t, i) => t.made.size >= madeWhileDown[i]), 20_000, 'entries while down');
		for (const [i, t] of tablets.entries()) {
			const acknowledgedAfterCrash = t.acknowledgedEntryIds().filter((id) => !madeBeforeCrash[i].has(id));
			expect(acknowledgedAfterCrash, `${t.label}: acknowledged while PostgreSQL was down`).toEqual([]);
		}

		await postgres.start();
		for (const s of [a, b]) await waitFor(() => s.process.exitCode === null, 1000, 'instance still running');
		const madeAfterRestart = tablets.map((t) => t.made.size + 20);
		await waitFor(() => tablets.every((t, i) => t.made.size >= madeAfterRestart[i]), 20_000, 'entries after restart');
		isWriting = false;
		await writer;
		// No instance was restarted: the same processes store everything.
		await Promise.all(tablets.map((t) => t.whenAcknowledged(60_000)));
		for (const s of [a, b]) expect((await health(s)).body).toMatchObject({ database: 'up', redis: 'up' });
		expect(servers.every((s) => s.process.exitCode === null)).toBe(true);

		for (const t of tablets) {
			const writes = await pgEntryWritesInRows(databaseUrl, t.docName);
			expect(Object.fromEntries(writes), `${t.docName}: times each entry is in doc_updates`).toEqual(
				Object.fromEntries([...t.made.keys()].map((id) => [id, 1]))
			);
			expect(t.doc.getMap('entries').toJSON()).toEqual(
				(await pgStoredDoc(databaseUrl, t.docName)).getMap('entries').toJSON()
			);
		}
	},
	180_000
);
