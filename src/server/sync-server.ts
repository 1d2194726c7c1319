// The /sync endpoint: Hocuspocus with Kaowu's own durability and authorisation.
// - every update is appended to SQLite before the client is told it is stored (stateless
//   `{type:"stored", sv}` carrying the state vector of what SQLite holds);
// - a failed write is retried and never acknowledged;
// - each connection is authorised per document: owners write, people with a part read;
// - an update on a read-only connection is dropped and the client is told (`{type:"refused"}`);
// - after storing, the document is checked against the schemas; violations are logged;
// - ceilings (issue 15): a document's stored size (per kind, KAOWU_DOC_MAX_BYTES) and the documents
//   one socket may open (KAOWU_DOCS_PER_SOCKET); an update past the size is not applied and its
//   writer is told (`{type:"refused", reason:"too-large"}`), a document past the count is refused;
// - schema validation runs in slices that yield to the event loop, so a huge document does not
//   hold up other users;
// - proctors' and examiners' roster slices (roster-slices.ts) follow every stored change to a plan,
//   and are brought up to date before such a person's device opens one;
// - only the server speaks for the server: clients' stateless broadcasts and awareness are never
//   relayed to other connections (see `isRelayFromClient`).
import { randomUUID } from 'node:crypto';
import { Hocuspocus, type Document } from '@hocuspocus/server';
import * as Y from 'yjs';
import { accessFor } from './access';
import type { TokenSigner } from './auth';
import type { Store } from './store';
import { checkToken, type Sessions } from './sessions';
import { installNoEcho } from './no-echo';
import { parseDocName, planDoc, registryDoc } from '../lib/sync/doc-names';
import { createRosterSlices } from './roster-slices';
import { ARRANGEMENT_MAPS, lateChangeAfter, lateChangeKey } from '../lib/domain/late-changes';
import { planMapsOf } from '../lib/domain/plan-maps';
import { centreFacts } from './centre-admin';
import { entriesMap, readDocContent, readDocContentInSlices, type DocContent } from '../lib/sync/doc-content';
import type { LateChange, PlanInfo, StaffAssignment } from '../lib/domain/record-schemas';
import { encodeStored, type ServerMessage } from '../lib/sync/server-messages';
import { NO_RELAY, type Relay } from './relay';

const LOAD_ORIGIN = Symbol('kaowu-load');
/** Origin of updates the server has already stored itself (transactAsServer). */
const SERVER_STORED_ORIGIN = 'kaowu-server-stored';
const VALIDATE_DELAY_MS = 300;
/** The least time between two group commits under load, and the most (see scheduleFlush). */
const GROUP_COMMIT_MIN_MS = 4;
const GROUP_COMMIT_MAX_MS = 25;
/**
 * better-sqlite3 commits on the event loop: a commit (its fsync) stops everything else. Under load
 * commits are spaced so that they take at most 1/GROUP_COMMIT_SHARE of the time.
 */
const GROUP_COMMIT_SHARE = 5;
const RETRY_MS = [200, 1000, 5000];
/** Merge a document's log into one update after this many appends (in the background). */
const COMPACT_EVERY = 500;

const MB = 1024 * 1024;
/**
 * The most a document may hold, by kind: a proctor's day with its photos is a few MB, a plan's
 * roster with its history more. `KAOWU_DOC_MAX_BYTES` sets one ceiling for every kind.
 */
const DOC_MAX_BYTES: Record<string, number> = { config: 8 * MB, plan: 48 * MB, day: 8 * MB, review: 24 * MB };
function docMaxBytes(docName: string): number {
	const configured = Number(process.env.KAOWU_DOC_MAX_BYTES);
	if (configured > 0) return configured;
	return DOC_MAX_BYTES[parseDocName(docName)?.kind ?? ''] ?? 8 * MB;
}
/** Documents one socket may have open: a desk opens every day document of a plan, a tablet a few. */
const DOCS_PER_SOCKET = Number(process.env.KAOWU_DOCS_PER_SOCKET) || 500;
/** Violations recorded per document; the rest are counted in one more row. */
const MAX_RECORDED_VIOLATIONS = 1000;
/** Yjs sync protocol message type; its step 1 (a state vector) carries no content, step 2 and updates do. */
const SYNC = 0;
const SYNC_STEP_1 = 0;

interface ConnectionContext {
	userId: string;
	sessionId: string;
	access: 'read' | 'write';
}

interface DocState {
	/**
	 * What SQLite holds, as a doc (plans, registries, rosters, configs, reviews: the server reads
	 * their content). A day document's content is never read here, so it has no second copy: only
	 * the state vector and delete set of what is stored (`vector`, `deletions`), kept from the
	 * updates as they are committed, at a fraction of applying each one to a second Y.Doc.
	 */
	stored: Y.Doc | null;
	vector: Map<number, number>;
	deletions: ReturnType<typeof Y.createDeleteSet>;
	/** A day document's state as loaded, until its first write (for onLoadDocument). */
	loadedBytes: Uint8Array | null;
	/** Updates applied in memory whose write failed; retried, never acknowledged before success. */
	pending: { update: Uint8Array; userId: string | null; receipts: string[]; key: string }[];
	/** Entries added in memory since the last update was queued: their receipts go with it. */
	newEntries: string[];
	retryTimer?: NodeJS.Timeout;
	retryCount: number;
	validateTimer?: NodeJS.Timeout;
	appendsSinceCompaction: number;
	/** The stored deletions, encoded for `stored` messages; recomputed only after a deletion. */
	encodedDeletions: Uint8Array | null;
	/** Bytes stored for this document (loaded state plus appended updates): held to its ceiling. */
	bytes: number;
}

/** The delete set of what is stored, as a Yjs snapshot with an empty state vector. */
function encodedDeletions(state: DocState): Uint8Array {
	state.encodedDeletions ??= Y.encodeSnapshot(
		Y.createSnapshot(state.stored ? Y.snapshot(state.stored).ds : state.deletions, new Map())
	);
	return state.encodedDeletions;
}

/** The state vector of what is stored. */
function storedVector(state: DocState): Uint8Array {
	return Y.encodeStateVector(state.stored ?? state.vector);
}

/** Documents whose stored content the server reads keep it as a Y.Doc (see DocState). */
const keepsStoredDoc = (docName: string) => parseDocName(docName)?.kind !== 'day';

/**
 * The clocks an update covers, per client: from its transaction on the live document (the state
 * before and after it), so a committed update need not be parsed again (Y.parseUpdateMeta).
 */
interface UpdateRange {
	from: Map<number, number>;
	to: Map<number, number>;
}
const rangeOfUpdate = new WeakMap<Uint8Array, UpdateRange>();

/**
 * Takes a committed update into what is known stored. Without a stored doc: each client's clock
 * advances to the update's end when the update starts within what is stored (an update that
 * starts beyond it, which a document's own updates never do, leaves the vector behind: the
 * device then sends it again, nothing is acknowledged too early); its deletions are added.
 */
function absorbStored(state: DocState, update: Uint8Array, range?: UpdateRange): void {
	state.bytes += update.length;
	if (state.stored) {
		Y.applyUpdate(state.stored, update, LOAD_ORIGIN);
		return;
	}
	state.loadedBytes = null;
	const { from, to } = range ?? Y.parseUpdateMeta(update);
	for (const [client, end] of to) {
		const start = from.get(client) ?? 0;
		const known = state.vector.get(client) ?? 0;
		if (end > start && start <= known && end > known) state.vector.set(client, end);
	}
	// A v1 update ends with its delete set; no deletions is a single 0 (the number of clients).
	if (update.length && update[update.length - 1] !== 0) {
		const { ds } = Y.decodeUpdate(update);
		if (ds.clients.size) {
			state.deletions = Y.mergeDeleteSets([state.deletions, ds]);
			state.encodedDeletions = null;
		}
	}
}

export interface SyncServerOptions {
	store: Store;
	tokens: TokenSigner;
	sessions: Sessions;
	log?: (msg: string) => void;
	/** Other instances on the same database (Redis): told of each commit, and telling us of theirs. */
	relay?: Relay;
	/** For fault tests only: makes the next N appends throw, to prove they are retried. */
	failNextWrites?: { count: number };
	/** The exam clock's today (KAOWU_TODAY) for deadline checks; the real Beijing date when unset. */
	today?: string;
}

/**
 * Everyone named in a plan's staff list may open the plan's documents (see access.ts): the
 * institution's own staff from the plan document, the dispatched examiners from the registry
 * (planMapsOf). Called after either document changed, with its content when at hand.
 */
export async function refreshPlanAccess(store: Store, docName: string, content?: DocContent): Promise<void> {
	const name = parseDocName(docName);
	if ((name?.kind !== 'plan' && name?.kind !== 'registry') || !(await store.getPlan(name.planId))) return;
	const read = async (doc: string) => {
		if (content && doc === docName) return content.maps;
		const scratch = new Y.Doc();
		Y.applyUpdate(scratch, await store.loadDocState(doc));
		return readDocContent(doc, scratch).maps;
	};
	const maps = planMapsOf(await read(planDoc(name.planId)), await read(registryDoc(name.planId)));
	const staff = maps.staff as Map<string, StaffAssignment>;
	await store.setPlanAccess(name.planId, [...new Set([...staff.values()].map((a) => a.userId))]);
}

/** Hocuspocus message types a client could use to speak to other clients through the server. */
const AWARENESS = 1;
const BROADCAST_STATELESS = 6;

/** The Hocuspocus message type of a raw /sync frame: a length-prefixed document name, then the type. */
function messageType(frame: Uint8Array): number | null {
	return messageTypes(frame)[0] ?? null;
}

/** The message type and the next number (for a sync message: 0 step 1, 1 step 2, 2 update). */
function messageTypes(frame: Uint8Array): number[] {
	let pos = 0;
	const readVarUint = (): number | null => {
		let n = 0;
		for (let shift = 0; shift < 35 && pos < frame.length; shift += 7) {
			const byte = frame[pos++];
			n += (byte & 0x7f) * 2 ** shift;
			if (byte < 0x80) return n;
		}
		return null;
	};
	const nameLength = readVarUint();
	if (nameLength === null) return [];
	pos += nameLength;
	const out: number[] = [];
	for (let i = 0; i < 2 && pos < frame.length; i++) {
		const n = readVarUint();
		if (n === null) break;
		out.push(n);
	}
	return out;
}

/**
 * A client's stateless broadcast (type 6) would reach every connection on the document as if the
 * server had sent it, so any reader could forge `{type:"stored"}` receipts for the writer; client
 * awareness (type 1) would be relayed likewise. Kaowu uses neither, so both are dropped.
 */
function isRelayFromClient(frame: Uint8Array): boolean {
	const type = messageType(frame);
	return type === AWARENESS || type === BROADCAST_STATELESS;
}

/** A promise that never settles: Hocuspocus then never handles the message it was guarding. */
const NEVER = new Promise<never>(() => {});

/** Hocuspocus sends `reason` to the client in its permission-denied message. */
function refusal(
	reason: 'token-expired' | 'token-invalid' | 'user-unknown' | 'session-ended' | 'forbidden' | 'too-many-documents'
) {
	return Object.assign(new Error(reason), { reason });
}

export function createSyncServer(options: SyncServerOptions) {
	installNoEcho();
	const { store, tokens } = options;
	const log = options.log ?? ((m: string) => console.log(m));
	const docs = new Map<string, DocState>();
	const relay = options.relay ?? NO_RELAY;
	/** Documents being loaded or loaded, as Hocuspocus gave them to onLoadDocument. */
	const liveDocs = new Map<string, Document>();
	/** The documents each socket has open (authenticated), against DOCS_PER_SOCKET. */
	const openBySocket = new Map<string, Set<string>>();

	const rosterSlices = createRosterSlices({
		store,
		log,
		transactAsServer: (docName, change) => transactAsServer(docName, change),
		readDoc: async (docName) => {
			const state = docs.get(docName);
			if (state?.stored) return state.stored;
			const doc = new Y.Doc({ gc: false });
			Y.applyUpdate(doc, await store.loadDocState(docName));
			return doc;
		}
	});
	/** A stored change to a plan or its registry (info, dispatched examiners): its roster slices follow. */
	function noteStored(docName: string) {
		const name = parseDocName(docName);
		if (name?.kind === 'plan' || name?.kind === 'registry') rosterSlices.planChanged(name.planId);
	}

	const send = (document: Document, message: ServerMessage) => document.broadcastStateless(JSON.stringify(message));

	function acknowledge(document: Document, state: DocState) {
		// A retry may finish after the document was unloaded and loaded again: tell the live one.
		const live = hocuspocus.documents.get(document.name) ?? document;
		send(live, encodeStored(storedVector(state), state.pending.length, encodedDeletions(state)));
	}

	/**
	 * Store writes of this process run one after another, in the order they were asked for: a
	 * batch, a retry and a server-made change never interleave (better-sqlite3 made that implicit).
	 */
	let writeChain: Promise<unknown> = Promise.resolve();
	function serially<T>(work: () => Promise<T>): Promise<T> {
		const run = writeChain.then(work, work);
		writeChain = run.catch(() => {});
		return run;
	}

	async function tryWrite(
		name: string,
		state: DocState,
		update: Uint8Array,
		userId: string | null,
		receipts: string[],
		key: string
	): Promise<boolean> {
		try {
			if (options.failNextWrites && options.failNextWrites.count > 0) {
				options.failNextWrites.count--;
				throw new Error('injected write failure');
			}
			await store.appendUpdates([{ doc: name, update, userId, receipts, key }]);
			relay.stored(name, update);
			afterWrite(name, state, update, userId);
			return true;
		} catch (e) {
			log(`[sync] write failed for ${name}: ${(e as Error).message}; will retry`);
			return false;
		}
	}

	/**
	 * Group commit: updates that arrive in the same turn of the event loop are appended in one
	 * SQLite transaction (one fsync), with the receipts of the entries they add, then each
	 * document is acknowledged. Under load this keeps the fsync cost per batch, not per update;
	 * nothing is acknowledged before its commit, and nothing else is written per update.
	 */
	const commitQueue: {
		document: Document;
		state: DocState;
		update: Uint8Array;
		userId: string | null;
		receipts: string[];
		/** Its own key: a retry after a lost COMMIT reply stores it once (see schema.ts). */
		key: string;
	}[] = [];

	/**
	 * When idle, a flush runs at the end of this turn of the event loop. Under load, updates arrive
	 * one per turn (each compressed frame is inflated on its own), so flushes are spaced by
	 * GROUP_COMMIT_SHARE times what the last commit took (4–25 ms): the commit blocks the event
	 * loop, and spaced so it leaves at least four fifths of the time to receiving updates; the slower
	 * the disk, the more updates share an fsync, for a few milliseconds of latency.
	 */
	let lastFlushAt = 0;
	let lastCommitMs = 0;
	function scheduleFlush() {
		// Commits off the event loop (SQLite's append worker): what arrived during one commit is the
		// next batch, committed as soon as it is done (flushCommits), so no spacing is needed.
		if (store.commitsInBackground) {
			setImmediate(flushCommits);
			return;
		}
		const interval = Math.min(GROUP_COMMIT_MAX_MS, Math.max(GROUP_COMMIT_MIN_MS, lastCommitMs * GROUP_COMMIT_SHARE));
		const wait = lastFlushAt + interval - performance.now();
		if (wait <= 0) setImmediate(flushCommits);
		else setTimeout(flushCommits, wait);
	}

	let isFlushing = false;
	function flushCommits() {
		if (isFlushing) return; // the running flush schedules the next one when it is done
		isFlushing = true;
		void serially(flushBatch).finally(() => {
			isFlushing = false;
			if (commitQueue.length) scheduleFlush();
		});
	}

	/** The batch being committed: its documents keep their state until it is done (see afterUnloadDocument). */
	let inFlight: typeof commitQueue = [];
	const isQueued = (state: DocState) =>
		commitQueue.some((q) => q.state === state) || inFlight.some((q) => q.state === state);

	async function flushBatch() {
		lastFlushAt = performance.now();
		const batch = commitQueue.splice(0);
		inFlight = batch;
		try {
			await commitBatch(batch);
		} finally {
			inFlight = [];
		}
	}

	async function commitBatch(batch: typeof commitQueue) {
		const writable = batch.filter((item) => !item.state.pending.length);
		let isCommitted = false;
		if (writable.length && !(options.failNextWrites && options.failNextWrites.count > 0)) {
			try {
				const started = performance.now();
				await store.appendUpdates(
					writable.map((item) => ({
						doc: item.document.name,
						update: item.update,
						userId: item.userId,
						receipts: item.receipts,
						key: item.key
					}))
				);
				isCommitted = true;
				lastCommitMs = performance.now() - started;
			} catch (e) {
				log(`[sync] batch of ${writable.length} failed: ${(e as Error).message}; writing one by one`);
			}
		}
		for (const item of batch) {
			const { document, state, update, userId, receipts, key } = item;
			if (isCommitted && writable.includes(item)) {
				relay.stored(document.name, update);
				afterWrite(document.name, state, update, userId);
			} else if (state.pending.length || !(await tryWrite(document.name, state, update, userId, receipts, key))) {
				state.pending.push({ update, userId, receipts, key });
				scheduleRetry(document, state);
			}
		}
		for (const { document, state } of new Map(batch.map((i) => [i.document, i])).values()) {
			acknowledge(document, state);
			scheduleValidation(document, state);
		}
	}

	function afterWrite(name: string, state: DocState, update: Uint8Array, userId: string | null) {
		const range = rangeOfUpdate.get(update);
		const changed = new Set<string>();
		const stored = state.stored;
		if (stored) {
			const topNames = new Map([...stored.share].map(([key, type]) => [type, key]));
			const noteChanged = (tr: Y.Transaction) => {
				for (const type of tr.changed.keys()) {
					const top = topNames.get(type);
					if (top) changed.add(top);
				}
			};
			stored.on('afterTransaction', noteChanged);
			absorbStored(state, update);
			stored.off('afterTransaction', noteChanged);
		} else absorbStored(state, update, range);
		noteStored(name);
		if (userId && userId !== 'server' && changed.size) void noteLateChange(name, userId, [...changed]);
		if (++state.appendsSinceCompaction >= COMPACT_EVERY) {
			state.appendsSinceCompaction = 0;
			setImmediate(() => void compact(name));
		}
	}

	/**
	 * A person's change to a plan's arrangements received after the 考务安排 deadline is recorded in
	 * the plan's registry document (who, which day, what), for the district and the desk to see.
	 */
	async function noteLateChange(name: string, userId: string, maps: string[]) {
		const doc = parseDocName(name);
		if (doc?.kind !== 'plan' || !maps.some((m) => ARRANGEMENT_MAPS.includes(m))) return;
		try {
			const registry = new Y.Doc();
			Y.applyUpdate(registry, await store.loadDocState(registryDoc(doc.planId)));
			const info = readDocContent(registryDoc(doc.planId), registry).maps.plan?.get('info') as PlanInfo | undefined;
			if (!info?.examDate) return;
			const { calendar } = await centreFacts(store);
			const user = await store.getUser(userId);
			const receivedAt = new Date();
			const change = { examDate: info.examDate, receivedAt, by: userId, byName: user?.displayName ?? userId, maps };
			const first = lateChangeAfter(undefined, change, options.today, { calendar });
			if (!first) return;
			await transactAsServer(registryDoc(doc.planId), (registry) => {
				const late = registry.getMap('lateChanges');
				const key = lateChangeKey(userId, first.date);
				const next = lateChangeAfter(late.get(key) as LateChange | undefined, change, options.today, { calendar });
				if (next) late.set(key, next);
			});
		} catch (e) {
			log(`[sync] recording a late change to ${name} failed: ${(e as Error).message}`);
		}
	}

	async function compact(name: string) {
		try {
			await serially(() => store.compact(name));
		} catch (e) {
			log(`[sync] compaction of ${name} failed (the log is intact): ${(e as Error).message}`);
		}
	}

	function scheduleRetry(document: Document, state: DocState) {
		if (state.retryTimer) return;
		const delay = RETRY_MS[Math.min(state.retryCount, RETRY_MS.length - 1)];
		state.retryTimer = setTimeout(() => {
			void serially(async () => {
				state.retryTimer = undefined;
				state.retryCount++;
				// In order, stopping at the first that fails: a later update stored ahead of an earlier
				// one would never be covered by the stored vector (absorbStored), so never acknowledged.
				const queue = state.pending.splice(0);
				for (const [i, item] of queue.entries()) {
					if (await tryWrite(document.name, state, item.update, item.userId, item.receipts, item.key)) continue;
					state.pending.push(...queue.slice(i));
					break;
				}
				if (state.pending.length) scheduleRetry(document, state);
				else state.retryCount = 0;
				acknowledge(document, state);
			});
		}, delay);
	}

	/** Records a document's schema violations and refreshes the plan access it grants. */
	async function validate(name: string, doc: Y.Doc) {
		try {
			// In slices: a document of 100,000 entries does not stop other users' messages.
			const content = await readDocContentInSlices(name, doc, () => new Promise((ok) => setImmediate(ok)));
			const { violations } = content;
			const recorded =
				violations.length > MAX_RECORDED_VIOLATIONS
					? [
							...violations.slice(0, MAX_RECORDED_VIOLATIONS),
							{ path: '…', message: `${violations.length - MAX_RECORDED_VIOLATIONS} more violations` }
						]
					: violations;
			await store.setViolations(name, recorded);
			await refreshPlanAccess(store, name, content);
			if (violations.length) log(`[sync] ${name}: ${violations.length} value(s) break the schema, kept out of views`);
		} catch (e) {
			log(`[sync] validation of ${name} failed: ${(e as Error).message}`);
		}
	}

	function scheduleValidation(document: Document, state: DocState) {
		clearTimeout(state.validateTimer);
		state.validateTimer = setTimeout(() => {
			state.validateTimer = undefined;
			void validate(document.name, document);
		}, VALIDATE_DELAY_MS);
	}

	/** A document as SQLite holds it, read now (for a day document, which keeps no stored copy). */
	async function storedDocOf(name: string): Promise<Y.Doc> {
		const doc = new Y.Doc({ gc: false });
		Y.applyUpdate(doc, await store.loadDocState(name));
		return doc;
	}

	/** Loads of a document's stored state under way, so two callers share one. */
	const loading = new Map<string, Promise<DocState>>();
	function loadState(name: string): Promise<DocState> {
		const known = docs.get(name);
		if (known) return Promise.resolve(known);
		let load = loading.get(name);
		if (!load) {
			load = readState(name).finally(() => loading.delete(name));
			loading.set(name, load);
		}
		return load;
	}

	async function readState(name: string): Promise<DocState> {
		const bytes = await store.loadDocState(name);
		const known = docs.get(name);
		if (known) return known;
		const doc = new Y.Doc({ gc: false });
		Y.applyUpdate(doc, bytes, LOAD_ORIGIN);
		const isKept = keepsStoredDoc(name);
		const state: DocState = {
			stored: isKept ? doc : null,
			vector: isKept ? new Map() : Y.decodeStateVector(Y.encodeStateVector(doc)),
			deletions: isKept ? Y.createDeleteSet() : Y.snapshot(doc).ds,
			loadedBytes: isKept ? null : bytes,
			pending: [],
			newEntries: [],
			retryCount: 0,
			appendsSinceCompaction: 0,
			encodedDeletions: null,
			bytes: bytes.length
		};
		state.stored?.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.deleteSet.clients.size) state.encodedDeletions = null;
		});
		docs.set(name, state);
		return state;
	}

	const hocuspocus = new Hocuspocus({
		name: 'kaowu',
		quiet: true,
		// Storage is ours (onChange, synchronous); Hocuspocus' debounced store is not used.
		debounce: 0,
		unloadImmediately: true,
		yDocOptions: { gc: false, gcFilter: () => false },

		async onAuthenticate({ token, documentName, connectionConfig, socketId }) {
			const checked = await checkToken(token, { tokens, store, sessions: options.sessions });
			if (!checked.ok)
				throw refusal(
					checked.reason === 'user-disabled'
						? 'session-ended'
						: checked.reason === 'session-unknown'
							? 'token-invalid'
							: checked.reason
				);
			const { user, session } = checked;
			const org = await store.getOrganisation(user.organisationId);
			const name = parseDocName(documentName);
			const plan = name && 'planId' in name ? await store.getPlan(name.planId) : undefined;
			const access = accessFor(documentName, {
				user: { id: user.id, role: user.role, organisationId: user.organisationId, district: org?.district ?? '' },
				plan,
				isAssignedToPlan: plan ? await store.isAssigned(plan.id, user.id) : false
			});
			if (access === 'none') throw refusal('forbidden');
			// A roster slice is current before its person reads it (after a restart, nothing is known fresh).
			if (name?.kind === 'roster') await rosterSlices.ensure(name.planId);
			// One socket opening thousands of (invented) documents would hold them all in memory.
			const open = openBySocket.get(socketId) ?? new Set<string>();
			if (!open.has(documentName) && open.size >= DOCS_PER_SOCKET) {
				log(`[sync] socket of ${user.username} refused ${documentName}: ${open.size} documents open`);
				throw refusal('too-many-documents');
			}
			open.add(documentName);
			openBySocket.set(socketId, open);
			connectionConfig.readOnly = access === 'read';
			// Another instance may have stored updates we were not told of (it died before telling,
			// or Redis was away): read the database before this device syncs, so it does not send
			// again what is stored already.
			if (relay.kind !== 'none') await refreshFromStore(documentName);
			return { userId: user.id, sessionId: session.id, access } satisfies ConnectionContext;
		},

		async onLoadDocument({ document, documentName }) {
			// A document unloaded while writes were queued or pending kept its state: reuse it, and load
			// those updates too, so a device does not send them again (they would be stored twice).
			liveDocs.set(documentName, document);
			const state = await loadState(documentName);
			// Taken before the store is read (a day document's read may wait): an update committed
			// during the read is then in one or the other (applying it twice changes nothing).
			const unstored = [
				...state.pending.map((p) => p.update),
				...[...inFlight, ...commitQueue].filter((q) => q.state === state).map((q) => q.update)
			];
			const storedState = state.stored
				? Y.encodeStateAsUpdate(state.stored)
				: (state.loadedBytes ?? (await store.loadDocState(documentName)));
			state.loadedBytes = null; // used once: a later load reads the store
			Y.applyUpdate(document, storedState, LOAD_ORIGIN);
			for (const update of unstored) Y.applyUpdate(document, update, LOAD_ORIGIN);
			// Receipts are not written here (that was one transaction, one fsync, per update): the
			// keys wait for the update that added them and are committed with it (flushCommits).
			// A day document's stored vector follows its commits (absorbStored): each update's clocks are
			// taken from its transaction here rather than parsed from its bytes again after the commit.
			if (!state.stored)
				document.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) =>
					rangeOfUpdate.set(update, { from: tr.beforeState, to: tr.afterState })
				);
			entriesMap(document).observe((event) => {
				if (event.transaction.origin === LOAD_ORIGIN) return;
				const target = docs.get(documentName) ?? state;
				event.changes.keys.forEach((change, key) => {
					if (change.action === 'add') target.newEntries.push(key);
				});
			});
		},

		async connected({ documentName, instance, context, connection }) {
			const document = instance.documents.get(documentName);
			const state = docs.get(documentName);
			const ctx = context as ConnectionContext;
			connection.sendStateless(JSON.stringify({ type: 'access', access: ctx.access } satisfies ServerMessage));
			if (document && state)
				connection.sendStateless(
					JSON.stringify(encodeStored(storedVector(state), state.pending.length, encodedDeletions(state)))
				);
		},

		// Every client frame passes here before Hocuspocus applies it (queued frames too). Throwing
		// would close the connection; a frame that must not be handled is held back for ever
		// instead. The provider keeps its socket alive by hearing its own awareness back (it
		// reconnects after 30 s of silence), so that frame is echoed to its sender alone.
		beforeHandleMessage({ connection, update, documentName }) {
			const [type, syncType] = messageTypes(update);
			if (type === SYNC && syncType !== SYNC_STEP_1 && !connection.readOnly) {
				// A document past its ceiling takes nothing more: the frame is not applied (the writer's
				// device keeps it as not stored) and the writer is told why.
				const state = docs.get(documentName);
				if (state && state.bytes + update.length > docMaxBytes(documentName)) {
					log(`[sync] ${documentName}: ${update.length} bytes refused, the document holds ${state.bytes}`);
					connection.sendStateless(
						JSON.stringify({ type: 'refused', reason: 'too-large', doc: documentName } satisfies ServerMessage)
					);
					return NEVER;
				}
			}
			if (!isRelayFromClient(update)) return Promise.resolve();
			if (type === AWARENESS) connection.send(update);
			return NEVER;
		},

		async onDisconnect({ documentName, socketId }) {
			const open = openBySocket.get(socketId);
			open?.delete(documentName);
			if (open?.size === 0) openBySocket.delete(socketId);
		},

		async beforeSync({ connection, type, payload, document }) {
			// Sync step 2 (1) and updates (2) carry content; on a read-only connection they are
			// dropped by Hocuspocus. Tell the client when they held something new.
			if (!connection.readOnly || (type !== 1 && type !== 2)) return;
			if (Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return;
			connection.sendStateless(
				JSON.stringify({ type: 'refused', reason: 'read-only', doc: document.name } satisfies ServerMessage)
			);
		},

		async onChange({ document, update, context, transactionOrigin }) {
			const state = docs.get(document.name) ?? (await loadState(document.name));
			const receipts = state.newEntries.splice(0);
			if (transactionOrigin === SERVER_STORED_ORIGIN) {
				// Written by transactAsServer / importUpdate, receipts included, before it was applied.
				acknowledge(document, state);
				return;
			}
			const userId = (context as ConnectionContext | undefined)?.userId ?? null;
			commitQueue.push({ document, state, update, userId, receipts, key: randomUUID() });
			if (commitQueue.length === 1) scheduleFlush();
		},

		async afterUnloadDocument({ documentName }) {
			if (!hocuspocus.documents.has(documentName)) liveDocs.delete(documentName);
			const state = docs.get(documentName);
			// A state with writes queued or pending stays (with its retry) until they are stored.
			if (state && !state.pending.length && !isQueued(state)) {
				// A validation still waiting runs now, on what SQLite holds: a writer who leaves at once
				// must not leave violations unrecorded or plan access stale.
				if (state.validateTimer) {
					clearTimeout(state.validateTimer);
					state.validateTimer = undefined;
					await validate(documentName, state.stored ?? (await storedDocOf(documentName)));
				}
				docs.delete(documentName);
				if ((await store.updateCount(documentName)) > 50) setImmediate(() => void compact(documentName));
			}
		}
	});

	// Hocuspocus runs its store hooks after every update (Hocuspocus.handleDocumentUpdate, with
	// `debounce: 0` at once): a mutex, the onStoreDocument/afterStoreDocument hook chains and a
	// timer per update, for hooks Kaowu does not have (it stores in onChange). Only those per-update
	// runs are left out; the immediate ones (a direct connection's) still run. A document is still
	// unloaded when its last connection closes (nothing is then waiting to be stored).
	const instance = hocuspocus as unknown as {
		storeDocumentHooks: (document: Document, payload: unknown, immediately?: boolean) => Promise<unknown>;
	};
	const storeNow = instance.storeDocumentHooks.bind(hocuspocus);
	instance.storeDocumentHooks = (document, payload, immediately) =>
		immediately ? storeNow(document, payload, true) : Promise.resolve();

	/** What another instance committed: stored, so shown and acknowledged here too. */
	function applyStored(name: string, state: DocState, update: Uint8Array) {
		absorbStored(state, update);
		const live = hocuspocus.documents.get(name) ?? liveDocs.get(name);
		if (live) Y.applyUpdate(live, update, SERVER_STORED_ORIGIN);
	}

	relay.onStored((name, update) => {
		const state = docs.get(name);
		if (state) applyStored(name, state, update);
		else void loading.get(name)?.then((s) => applyStored(name, s, update));
	});

	/** Brings an open document up to what the database holds (another instance's commits). */
	async function refreshFromStore(name: string) {
		if (!docs.has(name)) return;
		try {
			const bytes = await store.loadDocState(name);
			const state = docs.get(name);
			if (state) applyStored(name, state, Y.diffUpdate(bytes, storedVector(state)));
		} catch (e) {
			log(`[sync] re-reading ${name} failed: ${(e as Error).message}`);
		}
	}

	relay.onResync(() => {
		for (const name of docs.keys()) void refreshFromStore(name);
	});

	/**
	 * Applies a change made by the server itself (seed, imports): the update is computed against
	 * what SQLite holds, appended synchronously, and only then shown to connected clients.
	 */
	function transactAsServer(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
		return serially(() => transactNow(docName, change));
	}

	async function transactNow(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
		const scratch = new Y.Doc({ gc: false });
		Y.applyUpdate(scratch, await store.loadDocState(docName));
		const before = Y.encodeStateVector(scratch);
		const known = new Set(entriesMap(scratch).keys());
		const beforeSnapshot = Y.snapshot(scratch);
		scratch.transact(() => change(scratch));
		// A deletion adds no clock: compare snapshots (vector and deletions), not vectors.
		if (Y.equalSnapshots(beforeSnapshot, Y.snapshot(scratch))) return;
		const update = Y.encodeStateAsUpdate(scratch, before);
		const added = [...entriesMap(scratch).keys()].filter((key) => !known.has(key));
		await store.appendUpdate(docName, update, 'server', new Date(), added);
		relay.stored(docName, update);
		noteStored(docName);
		const live = hocuspocus.documents.get(docName);
		const state = docs.get(docName);
		if (state) absorbStored(state, update);
		if (live) Y.applyUpdate(live, update, SERVER_STORED_ORIGIN);
	}

	/**
	 * Merges an update that arrived outside /sync (a USB bundle). Stored before it is shown to
	 * anyone; idempotent: an update that adds nothing new appends nothing.
	 */
	function importUpdate(docName: string, update: Uint8Array, userId: string): Promise<'imported' | 'already-present'> {
		return serially(() => importNow(docName, update, userId));
	}

	async function importNow(
		docName: string,
		update: Uint8Array,
		userId: string
	): Promise<'imported' | 'already-present'> {
		const scratch = new Y.Doc({ gc: false });
		const storedState = await store.loadDocState(docName);
		Y.applyUpdate(scratch, storedState);
		const before = Y.encodeStateVector(scratch);
		// A deletion adds no clock: an update is new if it holds a value or a deletion not stored.
		if (Y.snapshotContainsUpdate(Y.snapshot(scratch), update)) return 'already-present';
		Y.applyUpdate(scratch, update);
		const diff = Y.encodeStateAsUpdate(scratch, before);
		// The same ceiling as over /sync (docMaxBytes).
		if (storedState.length + diff.length > docMaxBytes(docName)) throw new Error('too-large');
		// Receipts (kept when an entry was seen before) are committed with the update.
		await store.appendUpdate(docName, diff, userId, new Date(), [...entriesMap(scratch).keys()]);
		relay.stored(docName, diff);
		noteStored(docName);
		const state = docs.get(docName);
		if (state) absorbStored(state, diff);
		const live = hocuspocus.documents.get(docName);
		if (live) Y.applyUpdate(live, diff, SERVER_STORED_ORIGIN);
		return 'imported';
	}

	function pendingWrites(): number {
		let n = 0;
		for (const s of docs.values()) n += s.pending.length;
		return n;
	}

	/**
	 * Closes at once every socket that carries a connection of these users or sessions (revoked
	 * sign-ins): the device must sign in again, and nothing more it sends is taken.
	 */
	function closeConnectionsOf(userIds: Set<string>, sessionIds: Set<string>): number {
		let closed = 0;
		for (const document of hocuspocus.documents.values())
			for (const connection of document.getConnections()) {
				const ctx = connection.context as ConnectionContext | undefined;
				if (!ctx || !(userIds.has(ctx.userId) || sessionIds.has(ctx.sessionId))) continue;
				// terminate, not close: nothing still in flight on this socket is read (the device
				// learns why when it reconnects and its token is refused with `session-ended`).
				connection.webSocket.terminate();
				closed++;
			}
		return closed;
	}

	return { hocuspocus, transactAsServer, importUpdate, pendingWrites, closeConnectionsOf };
}

export type SyncServer = ReturnType<typeof createSyncServer>;
