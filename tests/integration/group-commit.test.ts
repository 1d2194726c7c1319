// The server's hot path commits once per batch: a burst of updates from many tablets is written,
// with the receipt of every entry it adds, in a few SQLite transactions (one fsync each), never one
// per update; and no receipt is written before (or without) the update that added the entry.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { Store } from '../../src/server/store';
import { TokenSigner } from '../../src/server/auth';
import { createSyncServer } from '../../src/server/sync-server';
import { Sessions } from '../../src/server/sessions';
import { fromBase64 } from '../../src/lib/sync/server-messages';
import { connectDevice, waitFor, type NodeDevice } from '../support/node-device';

const PLAN = 'plan-group-commit';
const TABLETS = 10;
const ENTRIES = 20;

interface Rig {
	url: string;
	store: Store;
	tokens: TokenSigner;
	sessions: Sessions;
	failNextWrites: { count: number };
	/** SQLite commits (each one fsync) since the rig started: outer transactions and autocommits. */
	commits: () => number;
	close: () => Promise<void>;
}

const rigs: Rig[] = [];
const devices: NodeDevice[] = [];

afterEach(async () => {
	for (const d of devices.splice(0)) d.destroy();
	for (const r of rigs.splice(0)) await r.close();
});

/** Counts every write that commits on its own: outer transactions and statements outside one. */
function countCommits(store: Store): () => number {
	const db = store.db;
	let n = 0;
	const prepare = db.prepare.bind(db);
	db.prepare = ((sql: string) => {
		const statement = prepare(sql);
		if (statement.reader) return statement;
		const run = statement.run.bind(statement);
		statement.run = ((...args: unknown[]) => {
			if (!db.inTransaction) n++;
			return run(...(args as []));
		}) as typeof statement.run;
		return statement;
	}) as typeof db.prepare;
	const transaction = db.transaction.bind(db);
	db.transaction = ((fn: (...a: unknown[]) => unknown) => {
		const tx = transaction(fn);
		return (...args: unknown[]) => {
			const isOuter = !db.inTransaction;
			const result = tx(...args);
			if (isOuter) n++;
			return result;
		};
	}) as typeof db.transaction;
	return () => n;
}

async function rig(): Promise<Rig> {
	const store = new Store(mkdtempSync(join(tmpdir(), 'kaowu-group-commit-')));
	store.upsertOrganisation({ id: 'o-inst', kind: 'institution', name: '测试学校', district: '渝中区', code: 'T1' });
	store.insertPlan({
		id: PLAN,
		institutionId: 'o-inst',
		district: '渝中区',
		examDate: '2027-01-16',
		createdAt: new Date().toISOString()
	});
	for (let i = 0; i < TABLETS; i++)
		store.insertUser({
			id: `u-tablet-${i}`,
			username: `tablet${i}`,
			displayName: `监考${i}`,
			role: 'proctor',
			organisationId: 'o-inst',
			passwordHash: 'x',
			isDisabled: false,
			createdAt: new Date().toISOString()
		});
	store.setPlanAccess(
		PLAN,
		Array.from({ length: TABLETS }, (_, i) => `u-tablet-${i}`)
	);
	const tokens = new TokenSigner('group-commit-test-secret-0123456789', 3600);
	const failNextWrites = { count: 0 };
	const sessions = new Sessions(store);
	const sync = createSyncServer({ store, tokens, sessions, failNextWrites, log: () => {} });
	const commits = countCommits(store);
	const server: Server = createServer((_req, res) => res.writeHead(404).end());
	const wss = new WebSocketServer({ noServer: true });
	server.on('upgrade', (req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => sync.hocuspocus.handleConnection(ws, req))
	);
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const port = (server.address() as { port: number }).port;
	const r: Rig = {
		url: `http://127.0.0.1:${port}`,
		store,
		tokens,
		sessions,
		failNextWrites,
		commits,
		close: async () => {
			sync.hocuspocus.closeConnections();
			wss.close();
			await new Promise((ok) => server.close(ok));
			store.close();
		}
	};
	rigs.push(r);
	return r;
}

async function tablet(r: Rig, i: number): Promise<NodeDevice> {
	const userId = `u-tablet-${i}`;
	const session = r.sessions.open(userId, 'test tablet');
	const { token } = await r.tokens.sign({
		sub: userId,
		role: 'proctor',
		org: 'o-inst',
		name: `监考${i}`,
		sid: session.id,
		ver: r.sessions.tokenVersion(userId)
	});
	const d = connectDevice(r.url, `day:${PLAN}:u-tablet-${i}`, token);
	devices.push(d);
	await d.whenSynced;
	return d;
}

function isCovered(d: NodeDevice): boolean {
	const stored = [...d.messages].reverse().find((m) => m.type === 'stored') as { sv: string } | undefined;
	if (!stored) return false;
	const sv = Y.decodeStateVector(fromBase64(stored.sv));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(d.doc)))
		if ((sv.get(client) ?? 0) < clock) return false;
	return true;
}

const entry = (tablet: number, n: number) => ({ v: 1, id: `e-${tablet}-${n}`, n });

describe('group commit', () => {
	it('a burst of 200 updates from 10 tablets commits in far fewer transactions than updates, every receipt written', async () => {
		const r = await rig();
		const tablets = await Promise.all(Array.from({ length: TABLETS }, (_, i) => tablet(r, i)));
		const before = r.commits();
		// Each set is its own update (its own transaction on the tablet), sent as the provider's
		// own message: TABLETS × ENTRIES updates arrive in a burst.
		for (let n = 0; n < ENTRIES; n++)
			tablets.forEach((d, i) => d.doc.getMap('entries').set(`e-${i}-${n}`, entry(i, n)));
		await waitFor(() => tablets.every(isCovered), 20_000, 'every tablet acknowledged');
		const commits = r.commits() - before;
		const updates = TABLETS * ENTRIES;
		expect(commits, `${commits} commits for ${updates} updates`).toBeLessThan(updates / 4);
		const receipts = r.store.db.prepare('SELECT COUNT(*) n FROM entry_receipts').get() as { n: number };
		expect(receipts.n).toBe(updates);
	});

	it('writes an entry’s receipt in the same commit as its update: a failed write leaves neither, the retry both', async () => {
		const r = await rig();
		const d = await tablet(r, 0);
		r.failNextWrites.count = 2; // the batch, then the one-by-one fallback
		d.doc.getMap('entries').set('e-retried', entry(0, 1));
		const receiptOf = () =>
			r.store.db.prepare('SELECT received_at FROM entry_receipts WHERE entry_id = ?').get('e-retried');
		const updateRows = () => (r.store.db.prepare('SELECT COUNT(*) n FROM doc_updates').get() as { n: number }).n;
		const rowsBefore = updateRows();
		await waitFor(() => d.messages.some((m) => m.type === 'stored' && m.pendingWrites === 1), 10_000, 'pending');
		expect(receiptOf()).toBeUndefined();
		expect(updateRows()).toBe(rowsBefore);
		await waitFor(() => isCovered(d), 10_000, 'stored after the retry');
		expect(receiptOf()).toBeDefined();
		expect(updateRows()).toBe(rowsBefore + 1);
	});
});
