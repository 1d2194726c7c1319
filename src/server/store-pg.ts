// The PostgreSQL store (KAOWU_DATABASE_URL=postgres://…): the same tables and the same promise as
// SqliteStore. Every write is one transaction and resolves only after COMMIT returned (PostgreSQL's
// default synchronous_commit=on: the WAL is flushed), so "stored" is never said before it is
// durable; a failed write rejects and has changed nothing. Several Kaowu instances share it.
import pg from 'pg';
import * as Y from 'yjs';
import { MIGRATIONS, stepSql } from './schema';
import { planFromRow, sessionFromRow, userFromRow } from './store';
import type { OrganisationRow, PlanRow, SessionRow, Store, UpdateItem, UserRow, Violation } from './store';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Any constant: every instance takes this advisory lock while migrating, so only one migrates. */
const MIGRATION_LOCK = 4_171_707;

export class PgStore implements Store {
	readonly kind = 'postgres' as const;
	private closed = false;

	private constructor(readonly pool: pg.Pool) {}

	/** Connects, and brings the schema up to date (one instance at a time). */
	static async open(connectionString: string, options: { max?: number } = {}): Promise<PgStore> {
		const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
		// An idle connection that dies (the database restarted) must not end the process: the pool
		// drops it and the next query opens a new one.
		pool.on('error', (e) => console.error(`[store] PostgreSQL connection lost: ${e.message}`));
		// A connection in use that dies fails its query (the write is retried); its 'error' event
		// must not end the process either.
		pool.on('connect', (client) => client.on('error', () => {}));
		const store = new PgStore(pool);
		try {
			await store.migrate();
		} catch (e) {
			await pool.end();
			throw e;
		}
		return store;
	}

	private async migrate(): Promise<void> {
		await this.transaction(async (c) => {
			await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			await c.query('CREATE TABLE IF NOT EXISTS kaowu_schema (version INTEGER NOT NULL)');
			const { rows } = await c.query('SELECT version FROM kaowu_schema');
			if (!rows.length) await c.query('INSERT INTO kaowu_schema (version) VALUES (0)');
			const current = (rows[0]?.version as number | undefined) ?? 0;
			for (let v = current; v < MIGRATIONS.length; v++)
				for (const step of MIGRATIONS[v]) await c.query(stepSql(step, 'postgres', () => false));
			if (current < MIGRATIONS.length) await c.query('UPDATE kaowu_schema SET version = $1', [MIGRATIONS.length]);
		});
	}

	private async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (e) {
			await client.query('ROLLBACK').catch(() => {});
			throw e;
		} finally {
			client.release();
		}
	}

	private async rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
		return (await this.pool.query(sql, params)).rows as T[];
	}

	get isOpen(): boolean {
		return !this.closed;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.pool.end();
	}

	/** For the health endpoint: a round trip to the database. */
	async ping(): Promise<void> {
		await this.pool.query('SELECT 1');
	}

	// ---- settings -------------------------------------------------------------------------------

	async getSetting(key: string): Promise<string | undefined> {
		return (await this.rows<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))[0]?.value;
	}

	async setSetting(key: string, value: string): Promise<void> {
		await this.pool.query(
			'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
			[key, value]
		);
	}

	async incrementSetting(key: string): Promise<void> {
		await this.pool.query(
			`INSERT INTO settings (key, value) VALUES ($1, '1')
			 ON CONFLICT (key) DO UPDATE SET value = ((settings.value)::bigint + 1)::text`,
			[key]
		);
	}

	async wipeLegacySecrets(): Promise<void> {
		await this.pool.query("DELETE FROM settings WHERE key IN ('token-secret', 'ticket-private-key')");
	}

	// ---- organisations and users ------------------------------------------------------------------

	async upsertOrganisation(o: OrganisationRow): Promise<void> {
		await this.pool.query(
			`INSERT INTO organisations (id, kind, name, district, code) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
			 district = excluded.district, code = excluded.code`,
			[o.id, o.kind, o.name, o.district, o.code]
		);
	}

	async getOrganisation(id: string): Promise<OrganisationRow | undefined> {
		return (await this.rows<OrganisationRow>('SELECT * FROM organisations WHERE id = $1', [id]))[0];
	}

	async listOrganisations(): Promise<OrganisationRow[]> {
		return this.rows<OrganisationRow>('SELECT id, kind, name, district, code FROM organisations ORDER BY kind, id');
	}

	async insertUser(u: UserRow): Promise<void> {
		await this.pool.query(
			`INSERT INTO users (id, username, display_name, role, organisation_id, password_hash, is_disabled, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[u.id, u.username, u.displayName, u.role, u.organisationId, u.passwordHash, u.isDisabled ? 1 : 0, u.createdAt]
		);
	}

	async setPassword(userId: string, passwordHash: string): Promise<void> {
		await this.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
	}

	async setUserDisabled(userId: string, isDisabled: boolean): Promise<void> {
		await this.pool.query('UPDATE users SET is_disabled = $1 WHERE id = $2', [isDisabled ? 1 : 0, userId]);
	}

	async getUserByUsername(username: string): Promise<UserRow | undefined> {
		return userFromRow((await this.rows('SELECT * FROM users WHERE username = $1', [username]))[0]);
	}

	async getUser(id: string): Promise<UserRow | undefined> {
		return userFromRow((await this.rows('SELECT * FROM users WHERE id = $1', [id]))[0]);
	}

	async listUsers(): Promise<UserRow[]> {
		// COLLATE "C": the same order as SQLite's byte-wise comparison.
		return (await this.rows('SELECT * FROM users ORDER BY role COLLATE "C", username COLLATE "C"')).map((r) =>
			userFromRow(r)!
		);
	}

	async disableUsers(userIds: readonly string[], reason: string, settings: Record<string, string> = {}): Promise<void> {
		const at = new Date().toISOString();
		await this.transaction(async (c) => {
			for (const id of userIds) {
				await c.query('UPDATE users SET is_disabled = 1 WHERE id = $1', [id]);
				await this.endAllIn(c, id, reason, at);
			}
			for (const [key, value] of Object.entries(settings))
				await c.query(
					'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
					[key, value]
				);
		});
	}

	// ---- plans ----------------------------------------------------------------------------------

	async insertPlan(p: PlanRow): Promise<void> {
		await this.pool.query(
			'INSERT INTO plans (id, institution_id, district, exam_date, created_at) VALUES ($1, $2, $3, $4, $5)',
			[p.id, p.institutionId, p.district, p.examDate, p.createdAt]
		);
	}

	async getPlan(id: string): Promise<PlanRow | undefined> {
		return planFromRow((await this.rows<Record<string, string>>('SELECT * FROM plans WHERE id = $1', [id]))[0]);
	}

	async listPlans(): Promise<PlanRow[]> {
		return (await this.rows<Record<string, string>>('SELECT * FROM plans ORDER BY exam_date, id')).map((r) =>
			planFromRow(r)!
		);
	}

	async setPlanAccess(planId: string, userIds: string[]): Promise<void> {
		await this.transaction(async (c) => {
			await c.query('DELETE FROM plan_access WHERE plan_id = $1', [planId]);
			await c.query(
				`INSERT INTO plan_access (plan_id, user_id)
				 SELECT $1, u.id FROM users u WHERE u.id = ANY($2::text[]) ON CONFLICT DO NOTHING`,
				[planId, userIds]
			);
		});
	}

	async isAssigned(planId: string, userId: string): Promise<boolean> {
		return (
			(await this.rows('SELECT 1 FROM plan_access WHERE plan_id = $1 AND user_id = $2', [planId, userId])).length > 0
		);
	}

	async plansAssignedTo(userId: string): Promise<string[]> {
		return (await this.rows<{ plan_id: string }>('SELECT plan_id FROM plan_access WHERE user_id = $1', [userId])).map(
			(r) => r.plan_id
		);
	}

	// ---- sign-in sessions -----------------------------------------------------------------------

	async tokenVersion(userId: string): Promise<number> {
		return (await this.rows<{ v: number }>('SELECT token_version v FROM users WHERE id = $1', [userId]))[0]?.v ?? 0;
	}

	async insertSession(s: SessionRow): Promise<void> {
		await this.pool.query(
			`INSERT INTO sessions (id, user_id, device_label, public_key, created_at, last_seen_at, ended_at, ended_reason)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[s.id, s.userId, s.deviceLabel, s.publicKey, s.createdAt, s.lastSeenAt, s.endedAt, s.endedReason]
		);
	}

	async getSession(id: string): Promise<SessionRow | undefined> {
		return sessionFromRow((await this.rows('SELECT * FROM sessions WHERE id = $1', [id]))[0]);
	}

	async touchSession(id: string, at: string): Promise<void> {
		await this.pool.query('UPDATE sessions SET last_seen_at = $1 WHERE id = $2', [at, id]);
	}

	async listSessions(userId: string): Promise<SessionRow[]> {
		return (await this.rows('SELECT * FROM sessions WHERE user_id = $1 ORDER BY created_at DESC', [userId])).map((r) =>
			sessionFromRow(r)!
		);
	}

	async sessionsWithPublicKey(userId: string, publicKey: string): Promise<SessionRow[]> {
		return (
			await this.rows('SELECT * FROM sessions WHERE user_id = $1 AND public_key = $2 ORDER BY created_at DESC', [
				userId,
				publicKey
			])
		).map((r) => sessionFromRow(r)!);
	}

	async endSession(id: string, reason: string, at: string): Promise<boolean> {
		const result = await this.pool.query(
			'UPDATE sessions SET ended_at = $1, ended_reason = $2 WHERE id = $3 AND ended_at IS NULL',
			[at, reason, id]
		);
		return (result.rowCount ?? 0) > 0;
	}

	async endAllSessions(userId: string, reason: string, at: string): Promise<void> {
		await this.transaction((c) => this.endAllIn(c, userId, reason, at));
	}

	private async endAllIn(c: Queryable, userId: string, reason: string, at: string): Promise<void> {
		await c.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
		await c.query('UPDATE sessions SET ended_at = $1, ended_reason = $2 WHERE user_id = $3 AND ended_at IS NULL', [
			at,
			reason,
			userId
		]);
	}

	async revocationSnapshot(): Promise<{ users: Map<string, string>; ended: Set<string> }> {
		const [users, ended] = await Promise.all([
			this.rows<{ id: string; v: number; d: number }>('SELECT id, token_version v, is_disabled d FROM users'),
			this.rows<{ id: string }>('SELECT id FROM sessions WHERE ended_at IS NOT NULL')
		]);
		return { users: new Map(users.map((r) => [r.id, `${r.v}:${r.d}`])), ended: new Set(ended.map((r) => r.id)) };
	}

	// ---- the centre's records -------------------------------------------------------------------

	async listCentreRecords(kind: string): Promise<string[]> {
		return (
			await this.rows<{ value: string }>('SELECT value FROM centre_records WHERE kind = $1 ORDER BY id COLLATE "C"', [
				kind
			])
		).map((r) => r.value);
	}

	async putCentreRecord(kind: string, id: string, value: string, updatedBy: string): Promise<void> {
		await this.pool.query(
			`INSERT INTO centre_records (kind, id, value, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
			 updated_by = excluded.updated_by`,
			[kind, id, value, new Date().toISOString(), updatedBy]
		);
	}

	async deleteCentreRecord(kind: string, id: string): Promise<void> {
		await this.pool.query('DELETE FROM centre_records WHERE kind = $1 AND id = $2', [kind, id]);
	}

	// ---- the update log -------------------------------------------------------------------------

	async appendUpdate(
		doc: string,
		update: Uint8Array,
		userId: string | null,
		receivedAt = new Date(),
		receipts: readonly string[] = []
	): Promise<void> {
		await this.appendUpdates([{ doc, update, userId, receipts }], receivedAt);
	}

	/** One transaction for the batch: two statements whatever its size, one WAL flush at COMMIT. */
	async appendUpdates(items: UpdateItem[], receivedAt = new Date()): Promise<void> {
		if (!items.length) return;
		const at = receivedAt.toISOString();
		const receiptDocs: string[] = [];
		const receiptIds: string[] = [];
		for (const i of items)
			for (const id of i.receipts ?? []) {
				receiptDocs.push(i.doc);
				receiptIds.push(id);
			}
		await this.transaction(async (c) => {
			await c.query(
				`INSERT INTO doc_updates (doc, update_bytes, user_id, received_at, update_key)
				 SELECT d, u, w, $4, k FROM unnest($1::text[], $2::bytea[], $3::text[], $5::text[]) WITH ORDINALITY AS t(d, u, w, k, n)
				 ORDER BY n ON CONFLICT (update_key) DO NOTHING`,
				[
					items.map((i) => i.doc),
					items.map((i) => Buffer.from(i.update)),
					items.map((i) => i.userId),
					at,
					items.map((i) => i.key ?? null)
				]
			);
			if (receiptIds.length)
				await c.query(
					`INSERT INTO entry_receipts (doc, entry_id, received_at)
					 SELECT d, e, $3 FROM unnest($1::text[], $2::text[]) AS t(d, e) ON CONFLICT DO NOTHING`,
					[receiptDocs, receiptIds, at]
				);
		});
	}

	async loadUpdates(doc: string): Promise<Uint8Array[]> {
		return (
			await this.rows<{ update_bytes: Buffer }>('SELECT update_bytes FROM doc_updates WHERE doc = $1 ORDER BY seq', [
				doc
			])
		).map((r) => new Uint8Array(r.update_bytes));
	}

	async loadUpdatesWithWriters(doc: string): Promise<{ update: Uint8Array; userId: string | null }[]> {
		return (
			await this.rows<{ update_bytes: Buffer; user_id: string | null }>(
				'SELECT update_bytes, user_id FROM doc_updates WHERE doc = $1 ORDER BY seq',
				[doc]
			)
		).map((r) => ({ update: new Uint8Array(r.update_bytes), userId: r.user_id }));
	}

	async loadDocState(doc: string): Promise<Uint8Array> {
		const updates = await this.loadUpdates(doc);
		return updates.length ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
	}

	async lastSeq(doc: string): Promise<number> {
		return Number(
			(await this.rows<{ s: string | null }>('SELECT MAX(seq) s FROM doc_updates WHERE doc = $1', [doc]))[0]?.s ?? 0
		);
	}

	async updateCount(doc: string): Promise<number> {
		return Number((await this.rows<{ n: string }>('SELECT COUNT(*) n FROM doc_updates WHERE doc = $1', [doc]))[0].n);
	}

	async listDocs(): Promise<string[]> {
		return (await this.rows<{ doc: string }>('SELECT doc FROM doc_updates GROUP BY doc ORDER BY doc COLLATE "C"')).map(
			(r) => r.doc
		);
	}

	/**
	 * Replaces a document's log with one merged update, in one transaction that locks the
	 * document's rows: an instance appending meanwhile waits, and its update stays after the merge.
	 */
	async compact(doc: string): Promise<{ before: number; after: number }> {
		return this.transaction(async (c) => {
			const { rows } = await c.query<{ seq: string; update_bytes: Buffer; received_at: string }>(
				'SELECT seq, update_bytes, received_at FROM doc_updates WHERE doc = $1 ORDER BY seq FOR UPDATE',
				[doc]
			);
			if (rows.length < 2) return { before: rows.length, after: rows.length };
			const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update_bytes)));
			const last = rows[rows.length - 1];
			await c.query('DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2', [doc, last.seq]);
			await c.query('INSERT INTO doc_updates (doc, update_bytes, user_id, received_at) VALUES ($1, $2, NULL, $3)', [
				doc,
				Buffer.from(merged),
				last.received_at
			]);
			return { before: rows.length, after: 1 };
		});
	}

	async recordReceipts(doc: string, entryIds: string[], receivedAt = new Date()): Promise<void> {
		if (!entryIds.length) return;
		await this.pool.query(
			`INSERT INTO entry_receipts (doc, entry_id, received_at)
			 SELECT $1, e, $3 FROM unnest($2::text[]) AS t(e) ON CONFLICT DO NOTHING`,
			[doc, entryIds, receivedAt.toISOString()]
		);
	}

	async receipts(doc: string): Promise<Map<string, string>> {
		const rows = await this.rows<{ entry_id: string; received_at: string }>(
			'SELECT entry_id, received_at FROM entry_receipts WHERE doc = $1',
			[doc]
		);
		return new Map(rows.map((r) => [r.entry_id, r.received_at]));
	}

	// ---- schema violations ----------------------------------------------------------------------

	async setViolations(doc: string, violations: { path: string; message: string }[]): Promise<void> {
		const current = new Map((await this.listViolations(doc)).map((v) => [v.path, v.message]));
		const next = new Map(violations.map((v) => [v.path, v.message]));
		if (current.size === next.size && [...next].every(([path, message]) => current.get(path) === message)) return;
		const now = new Date().toISOString();
		await this.transaction(async (c) => {
			await c.query('DELETE FROM doc_violations WHERE doc = $1', [doc]);
			for (const [path, message] of next)
				await c.query(
					`INSERT INTO doc_violations (doc, path, message, seen_at) VALUES ($1, $2, $3, $4)
					 ON CONFLICT (doc, path) DO UPDATE SET message = excluded.message, seen_at = excluded.seen_at`,
					[doc, path, message, now]
				);
		});
	}

	async listViolations(doc?: string): Promise<Violation[]> {
		const rows = await (doc
			? this.rows<Record<string, string>>('SELECT * FROM doc_violations WHERE doc = $1', [doc])
			: this.rows<Record<string, string>>('SELECT * FROM doc_violations'));
		return rows.map((r) => ({ doc: r.doc, path: r.path, message: r.message, seenAt: r.seen_at }));
	}
}
