// One synced document on the device: a Y.Doc persisted by CommittedPersistence, relayed to other
// tabs, and (when online) attached to the server. It knows the three honest states: saved on this
// device, how many records the server has not yet stored, and what the server last confirmed.
import * as Y from 'yjs';
import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { CoalescingProvider } from './coalescing-provider';
import { CommittedPersistence } from './committed-persistence';
import { CrossTabRelay } from './cross-tab';
import { fromBase64, parseServerMessage } from './server-messages';
import type { DocStatus } from './doc-status';

export type { DocStatus } from './doc-status';

const STORED_SV_KEY = 'kaowu:storedSv';
const STORED_DS_KEY = 'kaowu:storedDs';
const STORED_AT_KEY = 'kaowu:storedAt';

type DeleteSet = Y.Snapshot['ds'];

/** Every keyed record at the top level of every root map: the latest item of each key. */
function latestItems(doc: Y.Doc): Y.Item[] {
	const items: Y.Item[] = [];
	// Root types that arrived from others but were never opened locally are plain AbstractTypes;
	// every root keeps its keyed children in `_map`.
	doc.share.forEach((type) => {
		(type as unknown as { _map: Map<string, Y.Item> })._map.forEach((item) => items.push(item));
	});
	return items;
}

const isCovered = (id: Y.ID, storedSv: Map<number, number>) => id.clock < (storedSv.get(id.client) ?? 0);

/**
 * Whether the server still lacks this record's current state: a value it has not stored, or a
 * deletion of a value it holds. A deletion adds no clock, so state vectors cannot see it; the
 * server's delete set can. Without one (an older server), every local deletion of a stored value
 * counts as unsent: the safe side.
 */
export function isRecordUnsent(latest: Y.Item, storedSv: Map<number, number>, storedDs: DeleteSet | null): boolean {
	if (!latest.deleted) return !isCovered(latest.id, storedSv);
	// Deleted here: earlier values of the key are linked through `left`.
	for (let item: Y.Item | null = latest; item; item = item.left instanceof Y.Item ? item.left : null) {
		if (isCovered(item.id, storedSv) && !(storedDs && Y.isDeleted(storedDs, item.id))) return true;
	}
	return false;
}

export function countNotCovered(doc: Y.Doc, storedSv: Map<number, number>, storedDs: DeleteSet | null = null): number {
	let n = 0;
	for (const item of latestItems(doc)) if (isRecordUnsent(item, storedSv, storedDs)) n++;
	return n;
}

/**
 * The records the server has not stored, kept from what each transaction changed: an update
 * examines the keys it touched, not every record of the document (the count is read on every
 * update, and a day document grows to thousands of records). A receipt re-examines only the
 * records it can change: those counted as unsent, and deleted ones whose earlier values the
 * server did not hold yet (a receipt covering such a value without its deletion makes them
 * unsent). Everything else is covered for good: the server's vector and deletions only grow. A
 * receipt whose vector goes back (a server restored from a backup) or that drops its deletions
 * re-examines everything. `countNotCovered` is the whole-document definition this must equal.
 */
export class UnsentRecords {
	/** Records examined so far (tests check that an update examines only what it changed). */
	examined = 0;
	private unsent = new Map<string, Set<string>>();
	private unsettled = new Map<string, Set<string>>();
	private count = 0;

	constructor(private readonly doc: Y.Doc) {}

	get total(): number {
		return this.count;
	}

	keysOf(root: string): Set<string> {
		return new Set(this.unsent.get(root));
	}

	/** After a transaction: re-examines the top-level keys it changed. */
	changed(transaction: Y.Transaction, storedSv: Map<number, number>, storedDs: DeleteSet | null): void {
		let names: Map<unknown, string> | null = null;
		for (const [type, keys] of transaction.changed) {
			if (type._item !== null) continue; // a nested type: the record's own item did not change
			names ??= new Map([...this.doc.share].map(([name, t]) => [t, name]));
			const root = names.get(type);
			if (root === undefined) return this.recountAll(storedSv, storedDs);
			for (const key of keys) if (key !== null) this.examine(root, key, storedSv, storedDs);
		}
	}

	/** After a new receipt (`previousSv`: the one it replaces). */
	stored(
		previousSv: Map<number, number>,
		hadDs: boolean,
		storedSv: Map<number, number>,
		storedDs: DeleteSet | null
	): void {
		const goesBack = [...previousSv].some(([client, clock]) => (storedSv.get(client) ?? 0) < clock);
		if (goesBack || (hadDs && !storedDs)) return this.recountAll(storedSv, storedDs);
		const again: [string, string][] = [];
		for (const sets of [this.unsent, this.unsettled])
			for (const [root, keys] of sets) for (const key of keys) again.push([root, key]);
		for (const [root, key] of again) this.examine(root, key, storedSv, storedDs);
	}

	recountAll(storedSv: Map<number, number>, storedDs: DeleteSet | null): void {
		this.unsent.clear();
		this.unsettled.clear();
		this.count = 0;
		this.doc.share.forEach((type, root) => {
			for (const key of (type as unknown as { _map: Map<string, Y.Item> })._map.keys())
				this.examine(root, key, storedSv, storedDs);
		});
	}

	private examine(root: string, key: string, storedSv: Map<number, number>, storedDs: DeleteSet | null): void {
		this.examined++;
		const type = this.doc.share.get(root) as unknown as { _map: Map<string, Y.Item> } | undefined;
		const latest = type?._map.get(key);
		const isUnsent = !!latest && isRecordUnsent(latest, storedSv, storedDs);
		// Deleted, not unsent, but holding a value the server has not covered yet.
		let isUnsettled = false;
		if (latest?.deleted && !isUnsent)
			for (let item: Y.Item | null = latest; item; item = item.left instanceof Y.Item ? item.left : null)
				if (!isCovered(item.id, storedSv)) isUnsettled = true;
		this.mark(this.unsent, root, key, isUnsent, true);
		this.mark(this.unsettled, root, key, isUnsettled, false);
	}

	private mark(sets: Map<string, Set<string>>, root: string, key: string, isIn: boolean, counts: boolean): void {
		let keys = sets.get(root);
		if (isIn) {
			if (!keys) sets.set(root, (keys = new Set()));
			if (!keys.has(key)) {
				keys.add(key);
				if (counts) this.count++;
			}
		} else if (keys?.delete(key) && counts) this.count--;
	}
}

/**
 * True when a "stored" vector claims a change this document does not hold. The server can only
 * have stored what it relayed to us first, so such a vector is not the server's (or is ahead of
 * our sync): it must not mark anything as stored.
 */
export function claimsMoreThanHeld(storedSv: Map<number, number>, doc: Y.Doc): boolean {
	const held = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of storedSv) if (clock > (held.get(client) ?? 0)) return true;
	return false;
}

/** A `stored` message as kept on the device: the server's vector, its deletions, and when. */
interface StoredReceipt {
	sv: string;
	ds?: string;
	storedAt: string;
}

export class SyncedDoc {
	readonly doc = new Y.Doc();
	readonly persistence: CommittedPersistence;
	private relay: CrossTabRelay;
	private provider: HocuspocusProvider | null = null;
	private storedSv = new Map<number, number>();
	/** The deletions the server has stored (null until a server has said). */
	private storedDs: DeleteSet | null = null;
	/** The server's latest receipt while it is ahead of this document (adopted once the doc holds it). */
	private aheadStored: StoredReceipt | null = null;
	private listeners = new Set<(s: DocStatus) => void>();
	/** The records the server has not stored yet, kept up to date per update. */
	readonly unsentRecords = new UnsentRecords(this.doc);
	readonly whenLoaded: Promise<void>;
	status: DocStatus;

	constructor(
		readonly name: string,
		namespace: string
	) {
		this.status = {
			name,
			isLoaded: false,
			isSavedLocally: true,
			localError: null,
			unsent: 0,
			storedAt: null,
			access: 'unknown',
			refused: null,
			authError: null
		};
		this.persistence = new CommittedPersistence(`kaowu:${namespace}:${name}`, this.doc);
		this.persistence.onCommitChange = () => this.refresh();
		this.relay = new CrossTabRelay(`kaowu:${namespace}:${name}`, this.doc);
		// The last receipt is read beside the updates; it is adopted once they are applied. Unreadable,
		// it counts as none: every record counts as unsent until the server says again (the safe side).
		const receipt = this.persistence.getMany([STORED_SV_KEY, STORED_DS_KEY, STORED_AT_KEY]).catch(() => []);
		this.whenLoaded = Promise.all([this.persistence.whenSynced, receipt]).then(([, values]) => {
			const [sv, ds, storedAt] = values as (string | undefined)[];
			if (sv && storedAt) this.adoptStored({ sv, ds, storedAt });
			this.status.isLoaded = true;
			this.refresh();
		});
		this.doc.on('update', (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
			if (this.aheadStored) this.adoptStored(this.aheadStored);
			this.unsentRecords.changed(transaction, this.storedSv, this.storedDs);
			this.refresh();
		});
	}

	attach(socket: HocuspocusProviderWebsocket, token: () => string): void {
		if (this.provider) return;
		this.provider = new CoalescingProvider({
			websocketProvider: socket,
			name: this.name,
			document: this.doc,
			token,
			onStateless: ({ payload }) => this.onServerMessage(payload),
			onAuthenticationFailed: ({ reason }) => {
				this.status.authError = reason;
				this.refresh();
			},
			onAuthenticated: () => {
				this.status.authError = null;
				this.refresh();
			}
		});
		this.provider.attach();
	}

	detach(): void {
		this.provider?.destroy();
		this.provider = null;
	}

	private onServerMessage(payload: string): void {
		const message = parseServerMessage(payload);
		if (!message) return;
		if (message.type === 'access') this.status.access = message.access;
		if (message.type === 'refused') this.status.refused = message.reason;
		if (message.type === 'stored')
			this.adoptStored({ sv: message.sv, ds: message.ds, storedAt: new Date().toISOString() });
		this.refresh();
	}

	private adoptStored(receipt: StoredReceipt): void {
		const vector = Y.decodeStateVector(fromBase64(receipt.sv));
		if (claimsMoreThanHeld(vector, this.doc)) {
			// Either sync has not caught up yet (the updates follow) or the vector is forged; it
			// counts only once this document holds everything it claims.
			this.aheadStored = receipt;
			return;
		}
		this.aheadStored = null;
		const previousSv = this.storedSv;
		const hadDs = this.storedDs !== null;
		this.storedSv = vector;
		this.storedDs = receipt.ds ? Y.decodeSnapshot(fromBase64(receipt.ds)).ds : null;
		this.unsentRecords.stored(previousSv, hadDs, this.storedSv, this.storedDs);
		this.status.storedAt = receipt.storedAt;
		void this.persistence.set(STORED_SV_KEY, receipt.sv);
		void this.persistence.set(STORED_DS_KEY, receipt.ds ?? '');
		void this.persistence.set(STORED_AT_KEY, receipt.storedAt);
	}

	private refresh(): void {
		this.status = {
			...this.status,
			isSavedLocally: this.persistence.isSaved,
			localError: this.persistence.lastError,
			unsent: this.unsentRecords.total
		};
		for (const l of this.listeners) l(this.status);
	}

	/** Keys of one root map whose current state the server has not stored yet (per-room counts). */
	unsentKeys(mapName = 'entries'): Set<string> {
		return this.unsentRecords.keysOf(mapName);
	}

	onStatus(listener: (s: DocStatus) => void): () => void {
		this.listeners.add(listener);
		listener(this.status);
		return () => this.listeners.delete(listener);
	}

	/** What the server last said it has stored, as a Yjs state vector. */
	storedStateVector(): Map<number, number> {
		return new Map(this.storedSv);
	}

	/** Deletes this document's IndexedDB database (callers check nothing is unsent first). */
	async clearLocalData(): Promise<void> {
		this.detach();
		this.relay.close();
		await this.persistence.clearData();
		this.doc.destroy();
	}

	/** Resolves when every change made so far is committed to IndexedDB (throws LocalSaveError). */
	whenSavedLocally(): Promise<void> {
		return this.persistence.whenCommitted();
	}

	async destroy(): Promise<void> {
		this.detach();
		this.relay.close();
		await this.persistence.destroy();
		this.doc.destroy();
	}
}
