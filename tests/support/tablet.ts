// A simulated tablet for Node tests. Each tablet is the app's own SyncedDoc (persisted to
// IndexedDB, here fake-indexeddb) attached to the server over a real WebSocket, so "acknowledged"
// is decided by the client's real code: its parsing of the server's `stored` messages and its
// unsent count. Each tablet remembers every entry it made, so a test can assert that each one
// reached SQLite exactly once — counted in the rows of `doc_updates`, where a duplicate would be
// visible, not in a merged Y.Map, where it would not.
import 'fake-indexeddb/auto';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { waitFor } from './node-device';
import { SyncedDoc } from '../../src/lib/sync/synced-doc';

let tabletCount = 0;

/**
 * `ws` as a browser WebSocket. The provider closes a socket that is still connecting when it
 * retries; a browser ignores that, `ws` emits an error after the provider removed its listeners.
 */
class BrowserLikeWebSocket extends WebSocket {
	constructor(...args: ConstructorParameters<typeof WebSocket>) {
		super(...args);
		this.on('error', () => {});
	}
}

export class Tablet {
	readonly synced: SyncedDoc;
	readonly made = new Map<string, Record<string, unknown>>();
	private socket: HocuspocusProviderWebsocket | null = null;
	token = '';
	private isClosed = false;

	/**
	 * `label` names this device in the ids of the entries it makes (`e-{label}-{n}`) and its
	 * hybrid-clock stamps; two devices of one user need different labels.
	 */
	constructor(
		readonly userId: string,
		readonly docName: string,
		readonly planId: string,
		readonly label = userId
	) {
		// Every tablet has its own IndexedDB namespace, as two devices would.
		this.synced = new SyncedDoc(docName, `tablet-${++tabletCount}-${label}`);
	}

	get doc(): Y.Doc {
		return this.synced.doc;
	}

	/** Connects (or reconnects) the way the app's Workspace does: one socket, the doc attached. */
	connect(url: string, token: string): void {
		this.disconnect();
		this.token = token;
		this.socket = new HocuspocusProviderWebsocket({
			url: url.replace(/^http/, 'ws') + '/sync',
			WebSocketPolyfill: BrowserLikeWebSocket,
			maxAttempts: 0,
			delay: 100,
			minDelay: 100,
			maxDelay: 1000
		});
		this.synced.attach(this.socket, () => this.token);
	}

	disconnect(): void {
		this.synced.detach();
		this.socket?.destroy();
		this.socket = null;
	}

	/** Disconnects and closes the local database. */
	async close(): Promise<void> {
		this.disconnect();
		if (this.isClosed) return;
		this.isClosed = true;
		await this.synced.destroy();
	}

	/** Authenticated: the server has told this connection its access. */
	async whenConnected(timeoutMs = 20_000): Promise<void> {
		await waitFor(
			() => this.synced.status.access !== 'unknown' && this.synced.status.authError === null,
			timeoutMs,
			`${this.label} connected`
		);
	}

	write(n = 1): void {
		this.doc.transact(() => {
			for (let i = 0; i < n; i++) {
				const id = `e-${this.label}-${this.made.size}`;
				const entry = {
					v: 1,
					id,
					kind: 'note',
					at: new Date().toISOString(),
					hlc: `${String(Date.now()).padStart(15, '0')}:000000:${this.label}`,
					author: this.userId,
					deviceId: `dev-${this.label}`,
					planId: this.planId,
					data: { text: `记录 ${this.made.size}` }
				};
				this.made.set(id, entry);
				this.doc.getMap('entries').set(id, entry);
			}
		});
	}

	/** Ids of the entries the app would show as stored on the server (not among its unsent keys). */
	acknowledgedEntryIds(): string[] {
		const unsent = this.synced.unsentKeys('entries');
		return [...this.made.keys()].filter((id) => !unsent.has(id));
	}

	/** The app's own verdict: nothing unsent. */
	isAcknowledged(): boolean {
		return this.synced.status.unsent === 0 && this.synced.status.storedAt !== null;
	}

	async whenAcknowledged(timeoutMs = 20_000): Promise<void> {
		await waitFor(() => this.isAcknowledged(), timeoutMs, `${this.label} acknowledged`);
	}
}

/**
 * How many times each entry id was written to a document's log: the value of every map item in
 * every row of `doc_updates`, counted by its `id`. A row stored twice counts twice.
 */
export function entryWritesInRows(dataDir: string, docName: string): Map<string, number> {
	const db = new Database(join(dataDir, 'kaowu.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const rows = db.prepare('SELECT update_bytes FROM doc_updates WHERE doc = ? ORDER BY seq').all(docName) as {
			update_bytes: Buffer;
		}[];
		return countEntryWrites(rows.map((r) => new Uint8Array(r.update_bytes)));
	} finally {
		db.close();
	}
}

/** How many times each entry id is written in these updates (each map value counted by its `id`). */
export function countEntryWrites(updates: Uint8Array[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const update of updates) {
		for (const struct of Y.decodeUpdate(update).structs) {
			if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
			for (const value of struct.content.getContent()) {
				const id = (value as { id?: unknown } | null)?.id;
				if (typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1);
			}
		}
	}
	return counts;
}
