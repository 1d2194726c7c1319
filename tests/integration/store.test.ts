// The Store interface against both engines: the embedded SQLite file and a throw-away PostgreSQL
// (tests/support/engines.ts). The same behaviour is asked of both; where PostgreSQL is shared by
// several instances, that is tested too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { SqliteStore, type Store } from '../../src/server/store';
import { PgStore } from '../../src/server/store-pg';
import { MIGRATIONS } from '../../src/server/schema';
import { enginesOrSkip, startPostgres, type Postgres } from '../support/engines';

const hasEngines = enginesOrSkip();
let postgres: Postgres | null = null;
let databases = 0;

beforeAll(async () => {
	if (hasEngines) postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
	await postgres?.stop();
}, 60_000);

interface Engine {
	name: 'sqlite' | 'postgres';
	open: () => Promise<{ store: Store; url?: string; cleanup: () => Promise<void> }>;
}

const engines: Engine[] = [
	{
		name: 'sqlite',
		open: async () => {
			const dir = mkdtempSync(join(tmpdir(), 'kaowu-store-'));
			const store = new SqliteStore(dir);
			return { store, cleanup: async () => void rmSync(dir, { recursive: true, force: true }) };
		}
	},
	{
		name: 'postgres',
		open: async () => {
			const url = await postgres!.createDatabase(`store_${++databases}`);
			return { store: await PgStore.open(url), url, cleanup: async () => {} };
		}
	}
];

async function seed(store: Store) {
	await store.upsertOrganisation({ id: 'o-1', kind: 'institution', name: '学校', district: '渝中区', code: 'A' });
	for (const id of ['u-b', 'u-a'])
		await store.insertUser({
			id,
			username: id.slice(2),
			displayName: id,
			role: 'proctor',
			organisationId: 'o-1',
			passwordHash: 'x',
			isDisabled: false,
			createdAt: '2026-12-01T00:00:00Z'
		});
	await store.insertPlan({
		id: 'p-1',
		institutionId: 'o-1',
		district: '渝中区',
		examDate: '2027-01-16',
		createdAt: '2026-12-01T00:00:00Z'
	});
}

function entryUpdate(doc: Y.Doc, id: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getMap('entries').set(id, { v: 1, id, kind: 'note', data: { text: id } });
	return Y.encodeStateAsUpdate(doc, before);
}

describe.each(engines)('$name store', (engine) => {
	it.runIf(engine.name === 'sqlite' || hasEngines)(
		'keeps accounts, plans, access, sessions and settings as the server asks',
		async () => {
			const { store, cleanup } = await engine.open();
			try {
				await seed(store);
				expect((await store.listUsers()).map((u) => u.username)).toEqual(['a', 'b']);
				expect((await store.getUserByUsername('a'))?.isDisabled).toBe(false);
				await store.setPlanAccess('p-1', ['u-a', 'u-unknown']);
				expect(await store.isAssigned('p-1', 'u-a')).toBe(true);
				expect(await store.plansAssignedTo('u-a')).toEqual(['p-1']);
				expect(await store.plansAssignedTo('u-unknown')).toEqual([]);

				const at = '2026-12-01T01:00:00Z';
				for (const id of ['s-1', 's-2'])
					await store.insertSession({
						id,
						userId: 'u-a',
						deviceLabel: 'tablet',
						publicKey: '',
						createdAt: at,
						lastSeenAt: at,
						endedAt: null,
						endedReason: null
					});
				expect(await store.endSession('s-1', 'signed-out', at)).toBe(true);
				expect(await store.endSession('s-1', 'signed-out', at)).toBe(false);
				await store.endAllSessions('u-a', 'sign-out-everywhere', at);
				expect(await store.tokenVersion('u-a')).toBe(1);
				expect((await store.getSession('s-2'))?.endedReason).toBe('sign-out-everywhere');
				const snapshot = await store.revocationSnapshot();
				expect(snapshot.users.get('u-a')).toBe('1:0');
				expect([...snapshot.ended].sort()).toEqual(['s-1', 's-2']);

				await store.disableUsers(['u-b'], 'disabled', { demo: 'ended' });
				expect((await store.getUser('u-b'))?.isDisabled).toBe(true);
				expect(await store.getSetting('demo')).toBe('ended');

				await store.incrementSetting('rev');
				await store.incrementSetting('rev');
				expect(await store.getSetting('rev')).toBe('2');
				await store.putCentreRecord('site', 's-b', '{"b":1}', 'u-a');
				await store.putCentreRecord('site', 's-a', '{"a":1}', 'u-a');
				await store.putCentreRecord('site', 's-a', '{"a":2}', 'u-a');
				expect(await store.listCentreRecords('site')).toEqual(['{"a":2}', '{"b":1}']);
				await store.deleteCentreRecord('site', 's-b');
				expect(await store.listCentreRecords('site')).toEqual(['{"a":2}']);
			} finally {
				await store.close();
				await cleanup();
			}
		}
	);

	it.runIf(engine.name === 'sqlite' || hasEngines)(
		'a batch is one transaction: a failing item leaves neither the other updates nor their receipts',
		async () => {
			const { store, cleanup } = await engine.open();
			try {
				const doc = new Y.Doc();
				await store.appendUpdates([
					{ doc: 'day:p:u', update: entryUpdate(doc, 'e-1'), userId: 'u', receipts: ['e-1'] }
				]);
				const good = { doc: 'day:p:u', update: entryUpdate(doc, 'e-2'), userId: 'u', receipts: ['e-2'] };
				const bad = { doc: null as unknown as string, update: entryUpdate(doc, 'e-3'), userId: 'u', receipts: [] };
				await expect(store.appendUpdates([good, bad])).rejects.toThrow();
				expect(await store.updateCount('day:p:u')).toBe(1);
				expect([...(await store.receipts('day:p:u')).keys()]).toEqual(['e-1']);
				// The retry of the good item stores it, receipt included; a receipt is never moved.
				await store.appendUpdates([good], new Date('2030-01-01T00:00:00Z'));
				await store.appendUpdates([{ ...good, receipts: ['e-1'] }], new Date('2031-01-01T00:00:00Z'));
				const receipts = await store.receipts('day:p:u');
				expect(receipts.get('e-2')).toBe('2030-01-01T00:00:00.000Z');
				expect(receipts.get('e-1')).not.toContain('2031');
			} finally {
				await store.close();
				await cleanup();
			}
		}
	);

	it.runIf(engine.name === 'sqlite' || hasEngines)(
		"a document's violations are recorded as each check finds them: none, some, none again, some again",
		async () => {
			const { store, cleanup } = await engine.open();
			const messages = async () => (await store.listViolations('day:p:u')).map((v) => v.message);
			try {
				await store.setViolations('day:p:u', []);
				await store.setViolations('day:p:u', []);
				expect(await messages()).toEqual([]);
				await store.setViolations('day:p:u', [{ path: 'entries.e-1', message: '缺少时间' }]);
				expect(await messages()).toEqual(['缺少时间']);
				await store.setViolations('day:p:u', []);
				expect(await messages()).toEqual([]);
				await store.setViolations('day:p:u', []);
				await store.setViolations('day:p:u', [{ path: 'entries.e-2', message: '状态无效' }]);
				expect(await messages()).toEqual(['状态无效']);
			} finally {
				await store.close();
				await cleanup();
			}
		}
	);

	it.runIf(engine.name === 'sqlite' || hasEngines)(
		'the log loads back in order, compacts without losing an entry, and lists its documents',
		async () => {
			const { store, cleanup } = await engine.open();
			try {
				const doc = new Y.Doc();
				for (let n = 0; n < 30; n++) await store.appendUpdate('day:p:u', entryUpdate(doc, `e-${n}`), 'u');
				await store.appendUpdate('plan:p', entryUpdate(new Y.Doc(), 'x'), null);
				const seqBefore = await store.lastSeq('day:p:u');
				expect(await store.compact('day:p:u')).toEqual({ before: 30, after: 1 });
				expect(await store.lastSeq('day:p:u')).toBeGreaterThan(seqBefore);
				const loaded = new Y.Doc();
				Y.applyUpdate(loaded, await store.loadDocState('day:p:u'));
				expect(loaded.getMap('entries').toJSON()).toEqual(doc.getMap('entries').toJSON());
				expect(await store.listDocs()).toEqual(['day:p:u', 'plan:p']);
				expect((await store.loadUpdatesWithWriters('day:p:u'))[0].userId).toBeNull();
				await store.setViolations('plan:p', [{ path: 'a', message: '坏' }]);
				expect((await store.listViolations('plan:p')).map((v) => v.message)).toEqual(['坏']);
			} finally {
				await store.close();
				await cleanup();
			}
		}
	);
});

describe.runIf(hasEngines)('PostgreSQL shared by several instances', () => {
	it('two instances migrate the same empty database at once, and the schema version is recorded', async () => {
		const url = await postgres!.createDatabase(`store_${++databases}`);
		const [a, b] = await Promise.all([PgStore.open(url), PgStore.open(url)]);
		try {
			const client = new pg.Client(url);
			await client.connect();
			const { rows } = await client.query('SELECT version FROM kaowu_schema');
			await client.end();
			expect(rows).toEqual([{ version: MIGRATIONS.length }]);
			await seed(a);
			expect((await b.getPlan('p-1'))?.examDate).toBe('2027-01-16');
		} finally {
			await a.close();
			await b.close();
		}
	});

	it('an append resolves only once another connection can read it (committed, not in flight)', async () => {
		const url = await postgres!.createDatabase(`store_${++databases}`);
		const store = await PgStore.open(url);
		const reader = new pg.Client(url);
		await reader.connect();
		try {
			const doc = new Y.Doc();
			for (let n = 0; n < 20; n++) {
				await store.appendUpdates([
					{ doc: 'day:p:u', update: entryUpdate(doc, `e-${n}`), userId: 'u', receipts: [`e-${n}`] }
				]);
				const { rows } = await reader.query('SELECT COUNT(*)::int n FROM entry_receipts WHERE entry_id = $1', [
					`e-${n}`
				]);
				expect(rows[0].n, `e-${n} acknowledged before it was committed`).toBe(1);
			}
		} finally {
			await reader.end();
			await store.close();
		}
	});
});
