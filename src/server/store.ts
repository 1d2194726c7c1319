// The server's durable store: one SQLite file holding accounts, the plan registry and an append-only
// log of Yjs updates per document. Every write is synchronous (better-sqlite3) and fsynced
// (WAL + synchronous=FULL), so "stored" is only ever said after the disk has it.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { join } from 'node:path';
import { startWalCheckpointer } from './wal-checkpointer';
import { secureDataDir } from './secrets';
import { ROLE_VALUES, type Role } from '../lib/domain/records';

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

const SCHEMA_VERSION = 1;

const MIGRATIONS: string[] = [
	`CREATE TABLE organisations (
		id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
		district TEXT NOT NULL DEFAULT '', code TEXT NOT NULL DEFAULT '');
	CREATE TABLE users (
		id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
		role TEXT NOT NULL, organisation_id TEXT NOT NULL REFERENCES organisations(id),
		password_hash TEXT NOT NULL, is_disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
	CREATE TABLE plans (
		id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES organisations(id),
		district TEXT NOT NULL, exam_date TEXT NOT NULL, created_at TEXT NOT NULL);
	CREATE TABLE plan_access (
		plan_id TEXT NOT NULL REFERENCES plans(id), user_id TEXT NOT NULL REFERENCES users(id),
		PRIMARY KEY (plan_id, user_id));
	CREATE TABLE doc_updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, update_bytes BLOB NOT NULL,
		user_id TEXT, received_at TEXT NOT NULL);
	CREATE INDEX doc_updates_doc ON doc_updates(doc, seq);
	CREATE TABLE doc_violations (
		doc TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL, seen_at TEXT NOT NULL,
		PRIMARY KEY (doc, path));
	CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	CREATE TABLE entry_receipts (
		doc TEXT NOT NULL, entry_id TEXT NOT NULL, received_at TEXT NOT NULL,
		PRIMARY KEY (doc, entry_id));`
];

export class Store {
	readonly db: Database.Database;

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
		for (let v = current; v < MIGRATIONS.length; v++) {
			this.db.transaction(() => {
				this.db.exec(MIGRATIONS[v]);
				this.db.pragma(`user_version = ${v + 1}`);
			})();
		}
		if (SCHEMA_VERSION !== MIGRATIONS.length) throw new Error('schema version mismatch');
	}

	/** Moves WAL checkpoints off the main thread (see wal-checkpointer.ts). */
	checkpointInBackground(): void {
		this.db.pragma('wal_autocheckpoint = 0');
		this.checkpointer = startWalCheckpointer(join(this.dataDir, 'kaowu.sqlite'));
	}

	private checkpointer: { stop: () => void } | null = null;

	close(): void {
		this.checkpointer?.stop();
		if (this.db.open) {
			this.db.pragma('wal_checkpoint(TRUNCATE)');
			this.db.close();
		}
	}

	// ---- settings -------------------------------------------------------------------------------

	getSetting(key: string): string | undefined {
		const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
		return row?.value;
	}

	setSetting(key: string, value: string): void {
		this.db
			.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
			.run(key, value);
	}

	// ---- organisations and users ------------------------------------------------------------------

	upsertOrganisation(org: OrganisationRow): void {
		this.db
			.prepare(
				`INSERT INTO organisations (id, kind, name, district, code) VALUES (@id, @kind, @name, @district, @code)
				 ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
				 district = excluded.district, code = excluded.code`
			)
			.run(org);
	}

	getOrganisation(id: string): OrganisationRow | undefined {
		return this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(id) as OrganisationRow | undefined;
	}

	listOrganisations(): OrganisationRow[] {
		return this.db.prepare('SELECT * FROM organisations ORDER BY kind, id').all() as OrganisationRow[];
	}

	insertUser(user: UserRow): void {
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

	setPassword(userId: string, passwordHash: string): void {
		this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
	}

	private static toUser(row: Record<string, unknown> | undefined): UserRow | undefined {
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

	getUserByUsername(username: string): UserRow | undefined {
		return Store.toUser(this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as never);
	}

	getUser(id: string): UserRow | undefined {
		return Store.toUser(this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as never);
	}

	listUsers(): UserRow[] {
		return (this.db.prepare('SELECT * FROM users ORDER BY role, username').all() as never[]).map((r) =>
			Store.toUser(r)!
		);
	}

	// ---- plans ----------------------------------------------------------------------------------

	insertPlan(plan: PlanRow): void {
		this.db
			.prepare('INSERT INTO plans (id, institution_id, district, exam_date, created_at) VALUES (?, ?, ?, ?, ?)')
			.run(plan.id, plan.institutionId, plan.district, plan.examDate, plan.createdAt);
	}

	getPlan(id: string): PlanRow | undefined {
		const row = this.db.prepare('SELECT * FROM plans WHERE id = ?').get(id) as Record<string, string> | undefined;
		if (!row) return undefined;
		return {
			id: row.id,
			institutionId: row.institution_id,
			district: row.district,
			examDate: row.exam_date,
			createdAt: row.created_at
		};
	}

	listPlans(): PlanRow[] {
		return (this.db.prepare('SELECT id FROM plans ORDER BY exam_date').all() as { id: string }[]).map((r) =>
			this.getPlan(r.id)!
		);
	}

	/** Replaces who is assigned to a plan (derived from the plan document's staff list). */
	setPlanAccess(planId: string, userIds: string[]): void {
		this.db.transaction(() => {
			this.db.prepare('DELETE FROM plan_access WHERE plan_id = ?').run(planId);
			const insert = this.db.prepare('INSERT OR IGNORE INTO plan_access (plan_id, user_id) VALUES (?, ?)');
			for (const userId of userIds) if (this.getUser(userId)) insert.run(planId, userId);
		})();
	}

	isAssigned(planId: string, userId: string): boolean {
		return !!this.db.prepare('SELECT 1 FROM plan_access WHERE plan_id = ? AND user_id = ?').get(planId, userId);
	}

	plansAssignedTo(userId: string): string[] {
		return (
			this.db.prepare('SELECT plan_id FROM plan_access WHERE user_id = ?').all(userId) as { plan_id: string }[]
		).map((r) => r.plan_id);
	}

	// ---- the update log -------------------------------------------------------------------------

	/**
	 * Appends one Yjs update, and the receipts of the entries it adds, in one transaction; returns
	 * only after SQLite has committed it (synchronous=FULL).
	 */
	appendUpdate(
		doc: string,
		update: Uint8Array,
		userId: string | null,
		receivedAt = new Date(),
		receipts: readonly string[] = []
	): void {
		this.appendUpdates([{ doc, update, userId, receipts }], receivedAt);
	}

	/**
	 * Appends several updates, with the receipts of the entries each adds (when the server first
	 * saw them), in one transaction: one fsync for the whole batch, receipts included.
	 */
	appendUpdates(
		items: { doc: string; update: Uint8Array; userId: string | null; receipts?: readonly string[] }[],
		receivedAt = new Date()
	): void {
		const insert = this.db.prepare(
			'INSERT INTO doc_updates (doc, update_bytes, user_id, received_at) VALUES (?, ?, ?, ?)'
		);
		const receipt = this.db.prepare(
			'INSERT OR IGNORE INTO entry_receipts (doc, entry_id, received_at) VALUES (?, ?, ?)'
		);
		const at = receivedAt.toISOString();
		this.db.transaction(() => {
			for (const i of items) {
				insert.run(i.doc, Buffer.from(i.update), i.userId, at);
				for (const id of i.receipts ?? []) receipt.run(i.doc, id, at);
			}
		})();
	}

	loadUpdates(doc: string): Uint8Array[] {
		return (
			this.db.prepare('SELECT update_bytes FROM doc_updates WHERE doc = ? ORDER BY seq').all(doc) as {
				update_bytes: Buffer;
			}[]
		).map((r) => new Uint8Array(r.update_bytes));
	}

	/** The log of a document with who sent each update (null once compaction merged it). */
	loadUpdatesWithWriters(doc: string): { update: Uint8Array; userId: string | null }[] {
		return (
			this.db.prepare('SELECT update_bytes, user_id FROM doc_updates WHERE doc = ? ORDER BY seq').all(doc) as {
				update_bytes: Buffer;
				user_id: string | null;
			}[]
		).map((r) => ({ update: new Uint8Array(r.update_bytes), userId: r.user_id }));
	}

	/** The document as stored: all its updates merged (empty update when unknown). */
	loadDocState(doc: string): Uint8Array {
		const updates = this.loadUpdates(doc);
		return updates.length ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
	}

	/** The highest log position of a document: changes whenever anything is appended or compacted. */
	lastSeq(doc: string): number {
		return (
			(this.db.prepare('SELECT MAX(seq) s FROM doc_updates WHERE doc = ?').get(doc) as { s: number | null }).s ?? 0
		);
	}

	updateCount(doc: string): number {
		return (this.db.prepare('SELECT COUNT(*) n FROM doc_updates WHERE doc = ?').get(doc) as { n: number }).n;
	}

	listDocs(): string[] {
		return (this.db.prepare('SELECT DISTINCT doc FROM doc_updates ORDER BY doc').all() as { doc: string }[]).map(
			(r) => r.doc
		);
	}

	/**
	 * Replaces a document's log up to `uptoSeq` with one merged update. Merging keeps every struct
	 * of every update, so the content is unchanged; it only makes loading cheaper.
	 */
	compact(doc: string): { before: number; after: number } {
		return this.db.transaction(() => {
			const rows = this.db
				.prepare('SELECT seq, update_bytes, received_at FROM doc_updates WHERE doc = ? ORDER BY seq')
				.all(doc) as { seq: number; update_bytes: Buffer; received_at: string }[];
			if (rows.length < 2) return { before: rows.length, after: rows.length };
			const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update_bytes)));
			const last = rows[rows.length - 1];
			this.db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?').run(doc, last.seq);
			this.db
				.prepare('INSERT INTO doc_updates (doc, update_bytes, user_id, received_at) VALUES (?, ?, NULL, ?)')
				.run(doc, Buffer.from(merged), last.received_at);
			return { before: rows.length, after: 1 };
		})();
	}

	/** Records when the server first saw each entry: the audit trail's server-side clock. */
	recordReceipts(doc: string, entryIds: string[], receivedAt = new Date()): void {
		const insert = this.db.prepare(
			'INSERT OR IGNORE INTO entry_receipts (doc, entry_id, received_at) VALUES (?, ?, ?)'
		);
		const at = receivedAt.toISOString();
		this.db.transaction(() => {
			for (const id of entryIds) insert.run(doc, id, at);
		})();
	}

	receipts(doc: string): Map<string, string> {
		const rows = this.db.prepare('SELECT entry_id, received_at FROM entry_receipts WHERE doc = ?').all(doc) as {
			entry_id: string;
			received_at: string;
		}[];
		return new Map(rows.map((r) => [r.entry_id, r.received_at]));
	}

	// ---- schema violations ----------------------------------------------------------------------

	/** Replaces a document's violations; writes (and fsyncs) nothing when they are unchanged. */
	setViolations(doc: string, violations: { path: string; message: string }[]): void {
		const current = new Map(this.listViolations(doc).map((v) => [v.path, v.message]));
		const next = new Map(violations.map((v) => [v.path, v.message]));
		if (current.size === next.size && [...next].every(([path, message]) => current.get(path) === message)) return;
		this.db.transaction(() => {
			this.db.prepare('DELETE FROM doc_violations WHERE doc = ?').run(doc);
			const insert = this.db.prepare(
				'INSERT OR REPLACE INTO doc_violations (doc, path, message, seen_at) VALUES (?, ?, ?, ?)'
			);
			const now = new Date().toISOString();
			for (const v of violations) insert.run(doc, v.path, v.message, now);
		})();
	}

	listViolations(doc?: string): { doc: string; path: string; message: string; seenAt: string }[] {
		const rows = (
			doc
				? this.db.prepare('SELECT * FROM doc_violations WHERE doc = ?').all(doc)
				: this.db.prepare('SELECT * FROM doc_violations').all()
		) as Record<string, string>[];
		return rows.map((r) => ({ doc: r.doc, path: r.path, message: r.message, seenAt: r.seen_at }));
	}
}
