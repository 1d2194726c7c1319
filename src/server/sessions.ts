// Revocable sign-ins. Every sign-in opens a session (one per device and sign-in) and the token
// names it (`sid`) together with the user's token version (`ver`). A token is accepted only while
// its session is open and its version is the user's current one: a password change, disabling the
// user or "sign out everywhere" bump the version (ending every session at once); an admin can end
// one device's session. Each session may carry the device's public key, which signs USB bundles.
//
// The tables live in the store (store.ts); this module holds the rules.
import { randomUUID } from 'node:crypto';
import type { SessionRow, Store, UserRow } from './store';
import type { TokenClaims, TokenSigner } from './auth';

export type { SessionRow };

export type EndReason = 'signed-out' | 'ended-by-admin' | 'password-changed' | 'disabled' | 'sign-out-everywhere';

export class Sessions {
	constructor(private readonly store: Store) {}

	tokenVersion(userId: string): Promise<number> {
		return this.store.tokenVersion(userId);
	}

	async open(userId: string, deviceLabel: string, publicKey = ''): Promise<SessionRow> {
		const now = new Date().toISOString();
		const id = `s-${randomUUID()}`;
		await this.store.insertSession({
			id,
			userId,
			deviceLabel: deviceLabel.slice(0, 200),
			publicKey,
			createdAt: now,
			lastSeenAt: now,
			endedAt: null,
			endedReason: null
		});
		return (await this.get(id))!;
	}

	get(id: string): Promise<SessionRow | undefined> {
		return this.store.getSession(id);
	}

	touch(id: string): Promise<void> {
		return this.store.touchSession(id, new Date().toISOString());
	}

	list(userId: string): Promise<SessionRow[]> {
		return this.store.listSessions(userId);
	}

	/** Open sessions of a user that registered this device key (a bundle's signer). */
	withPublicKey(userId: string, publicKey: string): Promise<SessionRow[]> {
		return this.store.sessionsWithPublicKey(userId, publicKey);
	}

	end(id: string, reason: EndReason): Promise<boolean> {
		return this.store.endSession(id, reason, new Date().toISOString());
	}

	/** Ends every session of the user and invalidates every token issued so far. */
	endAll(userId: string, reason: EndReason): Promise<void> {
		return this.store.endAllSessions(userId, reason, new Date().toISOString());
	}

	/**
	 * What a connection watcher compares: each user's version and disabled flag, and the ended
	 * sessions. Cheap enough to read every second (a few hundred rows).
	 */
	snapshot(): Promise<{ users: Map<string, string>; ended: Set<string> }> {
		return this.store.revocationSnapshot();
	}
}

export type TokenCheck =
	| { ok: true; user: UserRow; session: SessionRow; claims: TokenClaims }
	| {
			ok: false;
			/** `session-unknown`: signed by this server, naming a sign-in it has no record of. */
			reason:
				'token-expired' | 'token-invalid' | 'session-unknown' | 'user-unknown' | 'user-disabled' | 'session-ended';
	  };

/** The one check of a token, for the API and /sync alike. */
export async function checkToken(
	token: string,
	deps: { tokens: TokenSigner; store: Store; sessions: Sessions }
): Promise<TokenCheck> {
	const verified = await deps.tokens.verify(token);
	if (!verified.ok) return { ok: false, reason: verified.error === 'expired' ? 'token-expired' : 'token-invalid' };
	const { claims } = verified;
	const user = await deps.store.getUser(claims.sub);
	if (!user) return { ok: false, reason: 'user-unknown' };
	if (user.isDisabled) return { ok: false, reason: 'user-disabled' };
	const session = claims.sid ? await deps.sessions.get(claims.sid) : undefined;
	if (!session || session.userId !== user.id)
		return { ok: false, reason: session ? 'token-invalid' : 'session-unknown' };
	if (session.endedAt || claims.ver !== (await deps.sessions.tokenVersion(user.id)))
		return { ok: false, reason: 'session-ended' };
	return { ok: true, user, session, claims };
}

/**
 * Watches for revocations made by anyone, this process or the admin CLI: every second (and when
 * `check()` is called after an in-process change) compares versions, disabled flags and ended
 * sessions with what it saw before and reports what changed.
 */
export async function watchRevocations(
	sessions: Sessions,
	onRevoked: (userIds: Set<string>, sessionIds: Set<string>) => void,
	intervalMs = 1000
): Promise<{ check: () => Promise<void>; stop: () => void }> {
	let seen = await sessions.snapshot();
	let running: Promise<void> | null = null;
	const compare = async () => {
		let now: Awaited<ReturnType<Sessions['snapshot']>>;
		try {
			now = await sessions.snapshot();
		} catch {
			return; // the store is closing
		}
		const userIds = new Set<string>();
		for (const [id, state] of now.users) if (seen.users.has(id) && seen.users.get(id) !== state) userIds.add(id);
		const sessionIds = new Set([...now.ended].filter((id) => !seen.ended.has(id)));
		seen = now;
		if (userIds.size || sessionIds.size) onRevoked(userIds, sessionIds);
	};
	// One comparison at a time; a check asked for while one runs runs again after it.
	const check = async (): Promise<void> => {
		while (running) await running;
		running = compare().finally(() => (running = null));
		await running;
	};
	const timer = setInterval(() => void check(), intervalMs);
	timer.unref();
	return { check, stop: () => clearInterval(timer) };
}
