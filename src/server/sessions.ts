// Revocable sign-ins. Every sign-in opens a session (one per device and sign-in) and the token
// names it (`sid`) together with the user's token version (`ver`). A token is accepted only while
// its session is open and its version is the user's current one: a password change, disabling the
// user or "sign out everywhere" bump the version (ending every session at once); an admin can end
// one device's session. Each session may carry the device's public key, which signs USB bundles.
//
// The tables are created here (idempotently) rather than in store.ts' migration list, so this
// module stays self-contained.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Store, UserRow } from './store';
import type { TokenClaims, TokenSigner } from './auth';

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

export type EndReason = 'signed-out' | 'ended-by-admin' | 'password-changed' | 'disabled' | 'sign-out-everywhere';

const schemaReady = new WeakSet<Database.Database>();

export function ensureSessionSchema(db: Database.Database): void {
	if (schemaReady.has(db)) return;
	const columns = (db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
	db.transaction(() => {
		if (!columns.includes('token_version'))
			db.exec('ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0');
		db.exec(`CREATE TABLE IF NOT EXISTS sessions (
			id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), device_label TEXT NOT NULL,
			public_key TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,
			ended_at TEXT, ended_reason TEXT);
		CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);`);
	})();
	schemaReady.add(db);
}

function toSession(row: Record<string, unknown> | undefined): SessionRow | undefined {
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

export class Sessions {
	constructor(private readonly store: Store) {
		ensureSessionSchema(store.db);
	}

	private get db() {
		return this.store.db;
	}

	tokenVersion(userId: string): number {
		const row = this.db.prepare('SELECT token_version v FROM users WHERE id = ?').get(userId) as
			{ v: number } | undefined;
		return row?.v ?? 0;
	}

	open(userId: string, deviceLabel: string, publicKey = ''): SessionRow {
		const now = new Date().toISOString();
		const id = `s-${randomUUID()}`;
		this.db
			.prepare(
				`INSERT INTO sessions (id, user_id, device_label, public_key, created_at, last_seen_at)
				 VALUES (?, ?, ?, ?, ?, ?)`
			)
			.run(id, userId, deviceLabel.slice(0, 200), publicKey, now, now);
		return this.get(id)!;
	}

	get(id: string): SessionRow | undefined {
		return toSession(this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as never);
	}

	touch(id: string): void {
		this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(new Date().toISOString(), id);
	}

	list(userId: string): SessionRow[] {
		return (
			this.db.prepare('SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC').all(userId) as never[]
		).map((r) => toSession(r)!);
	}

	/** Open sessions of a user that registered this device key (a bundle's signer). */
	withPublicKey(userId: string, publicKey: string): SessionRow[] {
		return (
			this.db
				.prepare('SELECT * FROM sessions WHERE user_id = ? AND public_key = ? ORDER BY created_at DESC')
				.all(userId, publicKey) as never[]
		).map((r) => toSession(r)!);
	}

	end(id: string, reason: EndReason): boolean {
		const info = this.db
			.prepare('UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL')
			.run(new Date().toISOString(), reason, id);
		return info.changes > 0;
	}

	/** Ends every session of the user and invalidates every token issued so far. */
	endAll(userId: string, reason: EndReason): void {
		this.db.transaction(() => {
			this.db.prepare('UPDATE users SET token_version = token_version + 1 WHERE id = ?').run(userId);
			this.db
				.prepare('UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE user_id = ? AND ended_at IS NULL')
				.run(new Date().toISOString(), reason, userId);
		})();
	}

	/**
	 * What a connection watcher compares: each user's version and disabled flag, and the ended
	 * sessions. Cheap enough to read every second (a few hundred rows).
	 */
	snapshot(): { users: Map<string, string>; ended: Set<string> } {
		const users = new Map(
			(
				this.db.prepare('SELECT id, token_version v, is_disabled d FROM users').all() as {
					id: string;
					v: number;
					d: number;
				}[]
			).map((r) => [r.id, `${r.v}:${r.d}`])
		);
		const ended = new Set(
			(this.db.prepare('SELECT id FROM sessions WHERE ended_at IS NOT NULL').all() as { id: string }[]).map((r) => r.id)
		);
		return { users, ended };
	}
}

export type TokenCheck =
	| { ok: true; user: UserRow; session: SessionRow; claims: TokenClaims }
	| { ok: false; reason: 'token-expired' | 'token-invalid' | 'user-unknown' | 'user-disabled' | 'session-ended' };

/** The one check of a token, for the API and /sync alike. */
export async function checkToken(
	token: string,
	deps: { tokens: TokenSigner; store: Store; sessions: Sessions }
): Promise<TokenCheck> {
	const verified = await deps.tokens.verify(token);
	if (!verified.ok) return { ok: false, reason: verified.error === 'expired' ? 'token-expired' : 'token-invalid' };
	const { claims } = verified;
	const user = deps.store.getUser(claims.sub);
	if (!user) return { ok: false, reason: 'user-unknown' };
	if (user.isDisabled) return { ok: false, reason: 'user-disabled' };
	const session = claims.sid ? deps.sessions.get(claims.sid) : undefined;
	if (!session || session.userId !== user.id) return { ok: false, reason: 'token-invalid' };
	if (session.endedAt || claims.ver !== deps.sessions.tokenVersion(user.id))
		return { ok: false, reason: 'session-ended' };
	return { ok: true, user, session, claims };
}

/** What a person reads when his token was refused because someone ended his sign-in. */
export const SESSION_ENDED_MESSAGE = '登录已失效（密码已更改、账号已停用或已在所有设备上退出），请重新登录';

/**
 * Watches for revocations made by anyone, this process or the admin CLI: every second (and when
 * `check()` is called after an in-process change) compares versions, disabled flags and ended
 * sessions with what it saw before and reports what changed.
 */
export function watchRevocations(
	sessions: Sessions,
	onRevoked: (userIds: Set<string>, sessionIds: Set<string>) => void,
	intervalMs = 1000
): { check: () => void; stop: () => void } {
	let seen = sessions.snapshot();
	const check = () => {
		let now: ReturnType<Sessions['snapshot']>;
		try {
			now = sessions.snapshot();
		} catch {
			return; // the store is closing
		}
		const userIds = new Set<string>();
		for (const [id, state] of now.users) if (seen.users.has(id) && seen.users.get(id) !== state) userIds.add(id);
		const sessionIds = new Set([...now.ended].filter((id) => !seen.ended.has(id)));
		seen = now;
		if (userIds.size || sessionIds.size) onRevoked(userIds, sessionIds);
	};
	const timer = setInterval(check, intervalMs);
	timer.unref();
	return { check, stop: () => clearInterval(timer) };
}
