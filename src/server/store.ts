// The server's durable store: accounts, the plan registry, sign-in sessions, the centre's records
// and an append-only log of Yjs updates per document. `Store` is the asynchronous interface every
// caller awaits; `SqliteStore` is the embedded default (one SQLite file, WAL + synchronous=FULL):
// each write commits before its promise resolves, so "stored" is only ever said after the disk has it.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { join } from 'node:path';
import { startWalCheckpointer } from './wal-checkpointer';
import { startSqliteAppender, type SqliteAppender } from './sqlite-appender';
import { secureDataDir } from './secrets';
import { ROLE_VALUES, type Role } from '../lib/domain/record-schemas';
import { MIGRATIONS, stepSql } from './schema';

export type { Role };
/** The roles an account may have: the domain's list, not a copy. */
export const ROLES: readonly Role[] = ROLE_VALUES;

export interface UserRow {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	organisationId: string;
	passwordHash: string;
	isDisabled: boolean;
	createdAt: string;
}

export interface OrganisationRow {
	id: string;
	kind: 'centre' | 'district' | 'institution';
	name: string;
	district: string;
	code: string;
}

export interface PlanRow {
	id: string;
	institutionId: string;
	district: string;
	examDate: string;
	createdAt: string;
}

export interface SessionRow {
	id: string;
	userId: string;
	deviceLabel: string;
	/** The device's P-256 public key (JWK JSON) that signs its USB bundles, or ''. */
	publicKey: string;
	createdAt: string;
	lastSeenAt: string;
	endedAt: string | null;
	endedReason: string | null;
}

export interface UpdateItem {
	doc: string;
	update: Uint8Array;
	userId: string | null;
	receipts?: readonly string[];
	/** Unique per queued update: appending the same key again stores nothing (a retried write). */
	key?: string;
}

export interface Violation {
	doc: string;
	path: string;
	message: string;
	seenAt: string;
}

/**
 * What the server keeps. Every method resolves only after its work is committed (writes) or read;
 * a rejected write has changed nothing.
 */
export interface Store {
	/** Which engine holds the data (for the health endpoint and logs). */
	readonly kind: 'sqlite' | 'postgres';
	/** False once close() was called. */
	readonly isOpen: boolean;
	/**
	 * True when the update log's commits run off the event loop (SQLite's append worker): the
	 * server then commits as soon as the previous commit is done, without spacing them.
	 */
	readonly commitsInBackground?: boolean;
	close(): Promise<void>;
	/** A round trip to the database (the health endpoint); rejects when it cannot be reached. */
	ping(): Promise<void>;

	getSetting(key: string): Promise<string | undefined>;
	setSetting(key: string, value: string): Promise<void>;
	/** Adds one to a numeric setting (0 when unset), atomically. */
	incrementSetting(key: string): Promise<void>;
	/** Removes the settings an older version used for secrets, leaving no copy behind. */
	wipeLegacySecrets(): Promise<void>;

	upsertOrganisation(org: OrganisationRow): Promise<void>;
	getOrganisation(id: string): Promise<OrganisationRow | undefined>;
	listOrganisations(): Promise<OrganisationRow[]>;

	insertUser(user: UserRow): Promise<void>;
	setPassword(userId: string, passwordHash: string): Promise<void>;
	setUserDisabled(userId: string, isDisabled: boolean): Promise<void>;
	getUserByUsername(username: string): Promise<UserRow | undefined>;
	getUser(id: string): Promise<UserRow | undefined>;
	listUsers(): Promise<UserRow[]>;
	/**
	 * Disables these accounts and ends their sign-ins (token versions bumped), and writes these
	 * settings, in one transaction.
	 */
	disableUsers(userIds: readonly string[], reason: string, settings?: Record<string, string>): Promise<void>;

	insertPlan(plan: PlanRow): Promise<void>;
	getPlan(id: string): Promise<PlanRow | undefined>;
	listPlans(): Promise<PlanRow[]>;
	/** Replaces who is assigned to a plan (derived from the plan document's staff list). */
	setPlanAccess(planId: string, userIds: string[]): Promise<void>;
	isAssigned(planId: string, userId: string): Promise<boolean>;
	plansAssignedTo(userId: string): Promise<string[]>;

	// sign-in sessions (sessions.ts)
	tokenVersion(userId: string): Promise<number>;
	insertSession(session: SessionRow): Promise<void>;
	getSession(id: string): Promise<SessionRow | undefined>;
	touchSession(id: string, at: string): Promise<void>;
	listSessions(userId: string): Promise<SessionRow[]>;
	sessionsWithPublicKey(userId: string, publicKey: string): Promise<SessionRow[]>;
	/** Ends one open session; false when it was unknown or already ended. */
	endSession(id: string, reason: string, at: string): Promise<boolean>;
	/** Bumps the user's token version and ends every open session of the user, in one transaction. */
	endAllSessions(userId: string, reason: string, at: string): Promise<void>;
	/** Each user's `version:disabled`, and the ended sessions (what the revocation watcher compares). */
	revocationSnapshot(): Promise<{ users: Map<string, string>; ended: Set<string> }>;

	// the centre's records (centre-admin.ts), as JSON text
	listCentreRecords(kind: string): Promise<string[]>;
	putCentreRecord(kind: string, id: string, value: string, updatedBy: string): Promise<void>;
	deleteCentreRecord(kind: string, id: string): Promise<void>;

	// the update log
	/** Appends one update with the receipts of the entries it adds, in one transaction. */
	appendUpdate(
		doc: string,
		update: Uint8Array,
		userId: string | null,
		receivedAt?: Date,
		receipts?: readonly string[]
	): Promise<void>;
	/** Appends several updates with their receipts in one transaction (one commit for the batch). */
	appendUpdates(items: UpdateItem[], receivedAt?: Date): Promise<void>;
	loadUpdates(doc: string): Promise<Uint8Array[]>;
	/** The log of a document with who sent each update (null once compaction merged it). */
	loadUpdatesWithWriters(doc: string): Promise<{ update: Uint8Array; userId: string | null }[]>;
	/** The document as stored: all its updates merged (empty update when unknown). */
	loadDocState(doc: string): Promise<Uint8Array>;
	/** The highest log position of a document: changes whenever anything is appended or compacted. */
	lastSeq(doc: string): Promise<number>;
	updateCount(doc: string): Promise<number>;
	listDocs(): Promise<string[]>;
	/** Replaces a document's log with one merged update (content unchanged). */
	compact(doc: string): Promise<{ before: number; after: number }>;
	/** Records when the server first saw each entry (kept if already recorded). */
	recordReceipts(doc: string, entryIds: string[], receivedAt?: Date): Promise<void>;
	receipts(doc: string): Promise<Map<string, string>>;

	/** Replaces a document's violations; writes nothing when they are unchanged. */
	setViolations(doc: string, violations: { path: string; message: string }[]): Promise<void>;
	listViolations(doc?: string): Promise<Violation[]>;
}

/** Row mappers shared by both stores (the column names are the same in SQLite and PostgreSQL). */
export function userFromRow(row: Record<string, unknown> | undefined): UserRow | undefined {
	if (!row) return undefined;
	return {
		id: row.id as string,
		username: row.username as string,
		displayName: row.display_name as string,
		role: row.role as Role,
		organisationId: row.organisation_id as string,
		passwordHash: row.password_hash as string,
		isDisabled: row.is_disabled === 1,
		createdAt: row.created_at as string
	};
}

export function planFromRow(row: Record<string, string> | undefined): PlanRow | undefined {
	if (!row) return undefined;
	return {
		id: row.id,
		institutionId: row.institution_id,
		district: row.district,
		examDate: row.exam_date,
		createdAt: row.created_at
	};
}

export function sessionFromRow(row: Record<string, unknown> | undefined): SessionRow | undefined {
	if (!row) return undefined;
	return {
		id: row.id as string,
		userId: row.user_id as string,
		deviceLabel: row.device_label as string,
		publicKey: row.public_key as string,
		createdAt: row.created_at as string,
		lastSeenAt: row.last_seen_at as string,
		endedAt: (row.ended_at as string | null) ?? null,
		endedReason: (row.ended_reason as string | null) ?? null
	};
}

export class SqliteStore implements Store {
	readonly kind = 'sqlite' as const;
	readonly db: Database.Database;
	/**
	 * Documents known to have no violations recorded (only setViolations writes them, in this
	 * process, which owns the file): their check after each quiet moment need not read the table.
	 */
	private readonly docsWithoutViolations = new Set<string>();
	/** Statements prepared once per SQL text: preparing cost more than running most of them. */
	private readonly statements = new Map<string, Database.Statement>();

	/** The statement for this SQL text, prepared the first time it is asked for. */
	private sql(text: string): Database.Statement {
		let statement = this.statements.get(text);
		if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
		return statement;
	}

	constructor(readonly dataDir: string) {
		secureDataDir(dataDir); // 0700 folder, 0600 files, umask 077 (see secrets.ts)
		this.db = new Database(join(dataDir, 'kaowu.sqlite'));
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = FULL');
		this.db.pragma('foreign_keys = ON');
		this.migrate();
	}

	private migrate(): void {
		const current = this.db.pragma('user_version', { simple: true }) as number;
		const columnExists = (table: string, column: string) =>
			(this.sql(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
		for (let v = current; v < MIGRATIONS.length; v++) {
			this.db.transaction(() => {
				for (const step of MIGRATIONS[v]) {
					const sql = stepSql(step, 'sqlite', columnExists);
					if (sql) this.db.exec(sql);
				}
				this.db.pragma(`user_version = ${v + 1}`);
			})();
		}
	}

	/** Moves WAL checkpoints off the main thread (see wal-checkpointer.ts). */
	checkpointInBackground(): void {
		this.db.pragma('wal_autocheckpoint = 0');
		this.checkpointer = startWalCheckpointer(join(this.dataDir, 'kaowu.sqlite'));
	}

	private checkpointer: { stop: () => void } | null = null;

	/**
	 * Commits the update log's appends in a worker thread (see sqlite-appender.ts), so the event
	 * loop goes on reading updates during an fsync. The main connection then waits for the worker's
	 * write lock (busy_timeout) instead of failing, and its read-then-write transactions start
	 * IMMEDIATE.
	 */
	appendInBackground(): void {
		this.db.pragma('busy_timeout = 5000');
		this.appender = startSqliteAppender(join(this.dataDir, 'kaowu.sqlite'), {
			// With the checkpointer running, the worker's commits never checkpoint themselves.
			autoCheckpoint: !this.checkpointer
		});
	}

	get commitsInBackground(): boolean {
		return !!this.appender;
	}

	private appender: SqliteAppender | null = null;

	get isOpen(): boolean {
		return this.db.open;
	}

	async ping(): Promise<void> {
		this.sql('SELECT 1').get();
	}

	async close(): Promise<void> {
		await this.appender?.stop();
		this.appender = null;
		this.checkpointer?.stop();
		if (this.db.open) {
			this.db.pragma('wal_checkpoint(TRUNCATE)');
			this.db.close();
		}
	}

	// ---- settings -------------------------------------------------------------------------------

	async getSetting(key: string): Promise<string | undefined> {
		const row = this.sql('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
		return row?.value;
	}

	async setSetting(key: string, value: string): Promise<void> {
		this.setSettingNow(key, value);
	}

	private setSettingNow(key: string, value: string): void {
		this.db
			.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
			.run(key, value);
	}

	async incrementSetting(key: string): Promise<void> {
		this.db
			.transaction(() => {
				const row = this.sql('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
				this.setSettingNow(key, String(Number(row?.value ?? '0') + 1));
			})
			.immediate();
	}

	async wipeLegacySecrets(): Promise<void> {
		// secure_delete overwrites the freed pages, so the old values do not linger in the file.
		this.db.pragma('secure_delete = ON');
		this.sql("DELETE FROM settings WHERE key IN ('token-secret', 'ticket-private-key')").run();
		this.db.pragma('wal_checkpoint(TRUNCATE)');
	}

	// ---- organisations and users ------------------------------------------------------------------

	async upsertOrganisation(org: OrganisationRow): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO organisations (id, kind, name, district, code) VALUES (@id, @kind, @name, @district, @code)
				 ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
				 district = excluded.district, code = excluded.code`
			)
			.run(org);
	}

	async getOrganisation(id: string): Promise<OrganisationRow | undefined> {
		return this.sql('SELECT * FROM organisations WHERE id = ?').get(id) as OrganisationRow | undefined;
	}

	async listOrganisations(): Promise<OrganisationRow[]> {
		return this.sql('SELECT * FROM organisations ORDER BY kind, id').all() as OrganisationRow[];
	}

	async insertUser(user: UserRow): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO users (id, username, display_name, role, organisation_id, password_hash, is_disabled, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				user.id,
				user.username,
				user.displayName,
				user.role,
				user.organisationId,
				user.passwordHash,
				user.isDisabled ? 1 : 0,
				user.createdAt
			);
	}

	async setPassword(userId: string, passwordHash: string): Promise<void> {
		this.sql('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
	}

	async setUserDisabled(userId: string, isDisabled: boolean): Promise<void> {
		this.sql('UPDATE users SET is_disabled = ? WHERE id = ?').run(isDisabled ? 1 : 0, userId);
	}

	async getUserByUsername(username: string): Promise<UserRow | undefined> {
		return userFromRow(this.sql('SELECT * FROM users WHERE username = ?').get(username) as never);
	}

	async getUser(id: string): Promise<UserRow | undefined> {
		return this.getUserNow(id);
	}

	private getUserNow(id: string): UserRow | undefined {
		return userFromRow(this.sql('SELECT * FROM users WHERE id = ?').get(id) as never);
	}

	async listUsers(): Promise<UserRow[]> {
		return (this.sql('SELECT * FROM users ORDER BY role, username').all() as never[]).map((r) => userFromRow(r)!);
	}

	async disableUsers(userIds: readonly string[], reason: string, settings: Record<string, string> = {}): Promise<void> {
		const at = new Date().toISOString();
		this.db.transaction(() => {
			const disable = this.sql('UPDATE users SET is_disabled = 1 WHERE id = ?');
			for (const id of userIds) {
				disable.run(id);
				this.endAllSessionsNow(id, reason, at);
			}
			for (const [key, value] of Object.entries(settings)) this.setSettingNow(key, value);
		})();
	}

	// ---- plans ----------------------------------------------------------------------------------

	async insertPlan(plan: PlanRow): Promise<void> {
		this.db
			.prepare('INSERT INTO plans (id, institution_id, district, exam_date, created_at) VALUES (?, ?, ?, ?, ?)')
			.run(plan.id, plan.institutionId, plan.district, plan.examDate, plan.createdAt);
	}

	async getPlan(id: string): Promise<PlanRow | undefined> {
		return planFromRow(this.sql('SELECT * FROM plans WHERE id = ?').get(id) as never);
	}

	async listPlans(): Promise<PlanRow[]> {
		return (this.sql('SELECT * FROM plans ORDER BY exam_date').all() as never[]).map((r) => planFromRow(r)!);
	}

	async setPlanAccess(planId: string, userIds: string[]): Promise<void> {
		this.db.transaction(() => {
			this.sql('DELETE FROM plan_access WHERE plan_id = ?').run(planId);
			const insert = this.sql('INSERT OR IGNORE INTO plan_access (plan_id, user_id) VALUES (?, ?)');
			for (const userId of userIds) if (this.getUserNow(userId)) insert.run(planId, userId);
		})();
	}

	async isAssigned(planId: string, userId: string): Promise<boolean> {
		return !!this.sql('SELECT 1 FROM plan_access WHERE plan_id = ? AND user_id = ?').get(planId, userId);
	}

	async plansAssignedTo(userId: string): Promise<string[]> {
		return (this.sql('SELECT plan_id FROM plan_access WHERE user_id = ?').all(userId) as { plan_id: string }[]).map(
			(r) => r.plan_id
		);
	}

	// ---- sign-in sessions -----------------------------------------------------------------------

	async tokenVersion(userId: string): Promise<number> {
		const row = this.sql('SELECT token_version v FROM users WHERE id = ?').get(userId) as { v: number } | undefined;
		return row?.v ?? 0;
	}

	async insertSession(s: SessionRow): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO sessions (id, user_id, device_label, public_key, created_at, last_seen_at, ended_at, ended_reason)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(s.id, s.userId, s.deviceLabel, s.publicKey, s.createdAt, s.lastSeenAt, s.endedAt, s.endedReason);
		// Every write outside a transaction function commits at once. If one were ever left open, a
		// sign-in would count only until it rolls back (a token of a sign-in the server forgot):
		// said loudly rather than found later as a 401.
		if (this.db.inTransaction) console.error(`[store] sign-in ${s.id} written inside an open transaction`);
	}

	async getSession(id: string): Promise<SessionRow | undefined> {
		return sessionFromRow(this.sql('SELECT * FROM sessions WHERE id = ?').get(id) as never);
	}

	async touchSession(id: string, at: string): Promise<void> {
		this.sql('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
	}

	async listSessions(userId: string): Promise<SessionRow[]> {
		return (this.sql('SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC').all(userId) as never[]).map(
			(r) => sessionFromRow(r)!
		);
	}

	async sessionsWithPublicKey(userId: string, publicKey: string): Promise<SessionRow[]> {
		return (
			this.db
				.prepare('SELECT * FROM sessions WHERE user_id = ? AND public_key = ? ORDER BY created_at DESC')
				.all(userId, publicKey) as never[]
		).map((r) => sessionFromRow(r)!);
	}

	async endSession(id: string, reason: string, at: string): Promise<boolean> {
		const info = this.db
			.prepare('UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL')
			.run(at, reason, id);
		return info.changes > 0;
	}

	async endAllSessions(userId: string, reason: string, at: string): Promise<void> {
		this.db.transaction(() => this.endAllSessionsNow(userId, reason, at))();
	}

	private endAllSessionsNow(userId: string, reason: string, at: string): void {
		this.sql('UPDATE users SET token_version = token_version + 1 WHERE id = ?').run(userId);
		this.db
			.prepare('UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE user_id = ? AND ended_at IS NULL')
			.run(at, reason, userId);
	}

	async revocationSnapshot(): Promise<{ users: Map<string, string>; ended: Set<string> }> {
		const users = new Map(
			(
				this.sql('SELECT id, token_version v, is_disabled d FROM users').all() as {
					id: string;
					v: number;
					d: number;
				}[]
			).map((r) => [r.id, `${r.v}:${r.d}`])
		);
		const ended = new Set(
			(this.sql('SELECT id FROM sessions WHERE ended_at IS NOT NULL').all() as { id: string }[]).map((r) => r.id)
		);
		return { users, ended };
	}

	// ---- the centre's records -------------------------------------------------------------------

	async listCentreRecords(kind: string): Promise<string[]> {
		return (
			this.sql('SELECT value FROM centre_records WHERE kind = ? ORDER BY id').all(kind) as { value: string }[]
		).map((r) => r.value);
	}

	async putCentreRecord(kind: string, id: string, value: string, updatedBy: string): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO centre_records (kind, id, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT(kind, id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
				 updated_by = excluded.updated_by`
			)
			.run(kind, id, value, new Date().toISOString(), updatedBy);
	}

	async deleteCentreRecord(kind: string, id: string): Promise<void> {
		this.sql('DELETE FROM centre_records WHERE kind = ? AND id = ?').run(kind, id);
	}

	// ---- the update log -------------------------------------------------------------------------

	/**
	 * Appends one Yjs update, and the receipts of the entries it adds, in one transaction; resolves
	 * only after SQLite has committed it (synchronous=FULL).
	 */
	async appendUpdate(
		doc: string,
		update: Uint8Array,
		userId: string | null,
		receivedAt = new Date(),
		receipts: readonly string[] = []
	): Promise<void> {
		if (this.appender) return this.appender.append([{ doc, update, userId, receipts }], receivedAt.toISOString());
		this.appendUpdatesNow([{ doc, update, userId, receipts }], receivedAt);
	}

	/**
	 * Appends several updates, with the receipts of the entries each adds (when the server first
	 * saw them), in one transaction: one fsync for the whole batch, receipts included.
	 */
	async appendUpdates(items: UpdateItem[], receivedAt = new Date()): Promise<void> {
		if (this.appender) return this.appender.append(items, receivedAt.toISOString());
		this.appendUpdatesNow(items, receivedAt);
	}

	/** The hot path's statements, prepared once (preparing them per batch cost more than the inserts). */
	private appendStatements?: {
		insert: Database.Statement;
		receipt: Database.Statement;
		append: (items: UpdateItem[], at: string) => void;
	};

	private appendUpdatesNow(items: UpdateItem[], receivedAt: Date): void {
		if (!this.appendStatements) {
			const insert = this.sql(
				`INSERT INTO doc_updates (doc, update_bytes, user_id, received_at, update_key) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (update_key) DO NOTHING`
			);
			const receipt = this.sql('INSERT OR IGNORE INTO entry_receipts (doc, entry_id, received_at) VALUES (?, ?, ?)');
			const append = this.db.transaction((items: UpdateItem[], at: string) => {
				for (const i of items) {
					insert.run(i.doc, Buffer.from(i.update), i.userId, at, i.key ?? null);
					for (const id of i.receipts ?? []) receipt.run(i.doc, id, at);
				}
			});
			this.appendStatements = { insert, receipt, append };
		}
		this.appendStatements.append(items, receivedAt.toISOString());
	}

	async loadUpdates(doc: string): Promise<Uint8Array[]> {
		return this.loadUpdatesNow(doc);
	}

	private loadUpdatesNow(doc: string): Uint8Array[] {
		return (
			this.sql('SELECT update_bytes FROM doc_updates WHERE doc = ? ORDER BY seq').all(doc) as {
				update_bytes: Buffer;
			}[]
		).map((r) => new Uint8Array(r.update_bytes));
	}

	async loadUpdatesWithWriters(doc: string): Promise<{ update: Uint8Array; userId: string | null }[]> {
		return (
			this.sql('SELECT update_bytes, user_id FROM doc_updates WHERE doc = ? ORDER BY seq').all(doc) as {
				update_bytes: Buffer;
				user_id: string | null;
			}[]
		).map((r) => ({ update: new Uint8Array(r.update_bytes), userId: r.user_id }));
	}

	async loadDocState(doc: string): Promise<Uint8Array> {
		const updates = this.loadUpdatesNow(doc);
		return updates.length ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
	}

	async lastSeq(doc: string): Promise<number> {
		return (this.sql('SELECT MAX(seq) s FROM doc_updates WHERE doc = ?').get(doc) as { s: number | null }).s ?? 0;
	}

	async updateCount(doc: string): Promise<number> {
		return (this.sql('SELECT COUNT(*) n FROM doc_updates WHERE doc = ?').get(doc) as { n: number }).n;
	}

	async listDocs(): Promise<string[]> {
		return (this.sql('SELECT DISTINCT doc FROM doc_updates ORDER BY doc').all() as { doc: string }[]).map((r) => r.doc);
	}

	/**
	 * Replaces a document's log up to its last update with one merged update. Merging keeps every
	 * struct of every update, so the content is unchanged; it only makes loading cheaper.
	 */
	async compact(doc: string): Promise<{ before: number; after: number }> {
		return this.db
			.transaction(() => {
				const rows = this.db
					.prepare('SELECT seq, update_bytes, received_at FROM doc_updates WHERE doc = ? ORDER BY seq')
					.all(doc) as { seq: number; update_bytes: Buffer; received_at: string }[];
				if (rows.length < 2) return { before: rows.length, after: rows.length };
				const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update_bytes)));
				const last = rows[rows.length - 1];
				this.sql('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?').run(doc, last.seq);
				this.db
					.prepare('INSERT INTO doc_updates (doc, update_bytes, user_id, received_at) VALUES (?, ?, NULL, ?)')
					.run(doc, Buffer.from(merged), last.received_at);
				return { before: rows.length, after: 1 };
			})
			.immediate();
	}

	/** Records when the server first saw each entry: the audit trail's server-side clock. */
	async recordReceipts(doc: string, entryIds: string[], receivedAt = new Date()): Promise<void> {
		const insert = this.sql('INSERT OR IGNORE INTO entry_receipts (doc, entry_id, received_at) VALUES (?, ?, ?)');
		const at = receivedAt.toISOString();
		this.db.transaction(() => {
			for (const id of entryIds) insert.run(doc, id, at);
		})();
	}

	async receipts(doc: string): Promise<Map<string, string>> {
		const rows = this.sql('SELECT entry_id, received_at FROM entry_receipts WHERE doc = ?').all(doc) as {
			entry_id: string;
			received_at: string;
		}[];
		return new Map(rows.map((r) => [r.entry_id, r.received_at]));
	}

	// ---- schema violations ----------------------------------------------------------------------

	async setViolations(doc: string, violations: { path: string; message: string }[]): Promise<void> {
		// The common case, checked after every quiet moment of every document: none before, none now.
		if (!violations.length && this.docsWithoutViolations.has(doc)) return;
		this.setViolationsNow(doc, violations);
		if (violations.length) this.docsWithoutViolations.delete(doc);
		else this.docsWithoutViolations.add(doc);
	}

	private setViolationsNow(doc: string, violations: { path: string; message: string }[]): void {
		const current = new Map(this.listViolationsNow(doc).map((v) => [v.path, v.message]));
		const next = new Map(violations.map((v) => [v.path, v.message]));
		if (current.size === next.size && [...next].every(([path, message]) => current.get(path) === message)) return;
		this.db.transaction(() => {
			this.sql('DELETE FROM doc_violations WHERE doc = ?').run(doc);
			const insert = this.sql(
				'INSERT OR REPLACE INTO doc_violations (doc, path, message, seen_at) VALUES (?, ?, ?, ?)'
			);
			const now = new Date().toISOString();
			for (const v of violations) insert.run(doc, v.path, v.message, now);
		})();
	}

	async listViolations(doc?: string): Promise<Violation[]> {
		return this.listViolationsNow(doc);
	}

	private listViolationsNow(doc?: string): Violation[] {
		const rows = (
			doc
				? this.sql('SELECT * FROM doc_violations WHERE doc = ?').all(doc)
				: this.sql('SELECT * FROM doc_violations').all()
		) as Record<string, string>[];
		return rows.map((r) => ({ doc: r.doc, path: r.path, message: r.message, seenAt: r.seen_at }));
	}
}
