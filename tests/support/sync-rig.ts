// An in-process /sync server (the real createSyncServer, Store and WebSocket options) on a free
// port, with N proctors of one plan: for tests and benches that need the server's internals
// (SQLite commits) or exact wire bytes.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { SqliteStore } from '../../src/server/store';
import { TokenSigner } from '../../src/server/auth';
import { createSyncServer, type SyncServer } from '../../src/server/sync-server';
import { Sessions } from '../../src/server/sessions';
import { prepareSyncSocket, SYNC_SOCKET_OPTIONS } from '../../src/server/sync-socket';
import { fromBase64 } from '../../src/lib/sync/server-messages';
import { connectDevice, type NodeDevice } from './node-device';

export const RIG_PLAN = 'plan-sync-rig';

export interface Rig {
	url: string;
	store: SqliteStore;
	tokens: TokenSigner;
	sessions: Sessions;
	failNextWrites: { count: number };
	sync: SyncServer;
	/** SQLite commits (each one fsync) since the rig started: outer transactions and autocommits. */
	commits: () => number;
	close: () => Promise<void>;
}

/** Counts every write that commits on its own: outer transactions and statements outside one. */
function countCommits(store: SqliteStore): () => number {
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

/**
 * `appendInBackground`: the update log's commits in a worker thread, as the server process does
 * (open-store.ts); `commits()` then counts only what the main connection commits.
 */
export async function startSyncRig(
	tablets: number,
	dataDir?: string,
	{ appendInBackground = false }: { appendInBackground?: boolean } = {}
): Promise<Rig> {
	const store = new SqliteStore(dataDir ?? mkdtempSync(join(tmpdir(), 'kaowu-sync-rig-')));
	if (appendInBackground) store.appendInBackground();
	await store.upsertOrganisation({
		id: 'o-inst',
		kind: 'institution',
		name: '测试学校',
		district: '渝中区',
		code: 'T1'
	});
	await store.insertPlan({
		id: RIG_PLAN,
		institutionId: 'o-inst',
		district: '渝中区',
		examDate: '2027-01-16',
		createdAt: new Date().toISOString()
	});
	for (let i = 0; i < tablets; i++)
		await store.insertUser({
			id: `u-tablet-${i}`,
			username: `tablet${i}`,
			displayName: `监考${i}`,
			role: 'proctor',
			organisationId: 'o-inst',
			passwordHash: 'x',
			isDisabled: false,
			createdAt: new Date().toISOString()
		});
	await store.setPlanAccess(
		RIG_PLAN,
		Array.from({ length: tablets }, (_, i) => `u-tablet-${i}`)
	);
	const tokens = new TokenSigner('sync-rig-secret-0123456789abcdef', 3600);
	const sessions = new Sessions(store);
	const failNextWrites = { count: 0 };
	const sync = createSyncServer({ store, tokens, sessions, failNextWrites, log: () => {} });
	const commits = countCommits(store);
	const server: Server = createServer((_req, res) => res.writeHead(404).end());
	const wss = new WebSocketServer(SYNC_SOCKET_OPTIONS);
	server.on('upgrade', (req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => sync.hocuspocus.handleConnection(prepareSyncSocket(ws), req))
	);
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}`,
		store,
		tokens,
		sessions,
		failNextWrites,
		sync,
		commits,
		close: async () => {
			sync.hocuspocus.closeConnections();
			wss.close();
			server.closeAllConnections();
			await new Promise((ok) => server.close(ok));
			await store.close();
		}
	};
}

/**
 * Proctor i signed in, on his own day document (or proctor `docOwner`'s, which he may only read).
 * `WebSocketClass` lets a caller count bytes.
 */
export async function rigTablet(
	r: Rig,
	i: number,
	options: { docOwner?: number; WebSocketClass?: typeof WebSocket } = {}
): Promise<NodeDevice> {
	const userId = `u-tablet-${i}`;
	const session = await r.sessions.open(userId, 'test tablet');
	const { token } = await r.tokens.sign({
		sub: userId,
		role: 'proctor',
		org: 'o-inst',
		name: `监考${i}`,
		sid: session.id,
		ver: await r.sessions.tokenVersion(userId)
	});
	const d = connectDevice(r.url, `day:${RIG_PLAN}:u-tablet-${options.docOwner ?? i}`, token, new Y.Doc(), {
		WebSocketClass: options.WebSocketClass
	});
	await d.whenSynced;
	return d;
}

/** True once the server's last `stored` state vector covers everything this device has. */
export function isCovered(d: NodeDevice): boolean {
	const stored = [...d.messages].reverse().find((m) => m.type === 'stored') as { sv: string } | undefined;
	if (!stored) return false;
	const sv = Y.decodeStateVector(fromBase64(stored.sv));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(d.doc)))
		if ((sv.get(client) ?? 0) < clock) return false;
	return true;
}

/**
 * A ws client class that counts the bytes its TCP socket sends and receives (whole frames, after
 * compression), and the Yjs update frames it receives.
 */
export function countingWebSocket() {
	const sockets: { raw: { bytesWritten: number; bytesRead: number }; sent: number; read: number }[] = [];
	const counter = {
		updatesReceived: 0,
		bytes: () => ({
			sent: sockets.reduce((n, s) => n + s.raw.bytesWritten - s.sent, 0),
			received: sockets.reduce((n, s) => n + s.raw.bytesRead - s.read, 0)
		}),
		WebSocket: class extends WebSocket {
			constructor(...args: ConstructorParameters<typeof WebSocket>) {
				super(...args);
				this.on('upgrade', (res) => {
					const raw = res.socket;
					sockets.push({ raw, sent: raw.bytesWritten, read: raw.bytesRead });
				});
				this.on('message', (data: Buffer | ArrayBuffer) => {
					if (isSyncUpdate(Buffer.from(data as ArrayBuffer))) counter.updatesReceived++;
				});
			}
		} as unknown as typeof WebSocket
	};
	return counter;
}

/** A Hocuspocus frame: varString document name, varUint type (0 = sync), varUint sync type (2 = update). */
function isSyncUpdate(data: Buffer): boolean {
	let p = 0;
	const varUint = () => {
		let n = 0;
		let shift = 0;
		while (p < data.length) {
			const b = data[p++];
			n += (b & 0x7f) * 2 ** shift;
			shift += 7;
			if (b < 0x80) break;
		}
		return n;
	};
	const nameLength = varUint();
	p += nameLength;
	return varUint() === 0 && varUint() === 2;
}
