// Who is signed in on this device, online or offline, and the documents they have open.
// Sign-in goes to the server when it can; an account seen online before unlocks offline.
// Sign-out is refused while anything is not stored on the server.
import { callServer } from '../api/client';
import { describeError } from './notices.svelte';
import type { StoredAccount } from '../storage/db';
import type { Workspace } from '../sync/workspace';
import { refusedTooLarge, unsentTotal, type DocStatus } from '../sync/doc-status';
import { configDoc, dayDoc, planReadDoc, planRegistryDoc, reviewDoc } from '../sync/doc-names';
import { serverClock } from './server-clock.svelte';

/** The documents a role writes for a plan: opened at start so their unsent entries always count. */
function ownDocs(role: string, planId: string, userId: string): string[] {
	if (role === 'proctor' || role === 'examiner') return [dayDoc(planId, userId)];
	if (role === 'supervisor' || role === 'institution-admin' || role === 'centre-admin')
		return [reviewDoc(planId, userId)];
	return [];
}

export type SignInResult =
	| { ok: true; isOffline: boolean }
	| { ok: false; error: 'bad-credentials' | 'offline-unknown' | 'server'; message?: string }
	/** The server refused for a reason the person must read: the demo ended, or too many attempts. */
	| { ok: false; error: 'demo-ended' }
	| { ok: false; error: 'too-many-attempts'; retryAfterSeconds: number };

const UNLOCKED_KEY = 'kaowu:unlocked';
/** How long a sign-in of an account this device knows waits for the server before unlocking offline. */
export const SIGN_IN_WAIT_MS = 6_000;

// The device's tables (Dexie) and the synced documents (Yjs, Hocuspocus) load when first needed,
// not with the shell: the sign-in page needs neither before the person has typed (docs/reliability.md).
const storage = () => import('../storage/db');

export class Session {
	account = $state<StoredAccount | null>(null);
	isRestored = $state(false);
	statuses = $state<DocStatus[]>([]);
	isOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	workspace: Workspace | null = null;

	get user() {
		return this.account?.user ?? null;
	}

	/** Changes waiting for the server (insertions and deletions; see unsentTotal). */
	get unsent(): number {
		return unsentTotal(this.statuses);
	}

	get isSavedLocally(): boolean {
		return this.statuses.every((s) => s.isSavedLocally);
	}

	get isTokenExpired(): boolean {
		// `session-ended`: the server ended this sign-in (password changed, account disabled, signed
		// out everywhere): the same remedy, sign in again.
		return (
			this.statuses.some((s) => s.authError === 'token-expired' || s.authError === 'session-ended') ||
			this.isTokenPastExpiry()
		);
	}

	private isTokenPastExpiry(): boolean {
		return !!this.account && new Date(this.account.tokenExpiresAt).getTime() < Date.now();
	}

	private restoring: Promise<void> | null = null;

	/**
	 * On page load: a tab that unlocked before (same tab session) stays signed in. Once per page:
	 * routes/+layout.ts starts it while the screen's code and messages load (the documents start
	 * opening from IndexedDB before the layout has rendered), the layout awaits the same.
	 */
	restore(): Promise<void> {
		this.restoring ??= this.restoreOnce();
		return this.restoring;
	}

	private async restoreOnce(): Promise<void> {
		serverClock.start();
		window.addEventListener('online', () => {
			this.isOnline = true;
			void this.refreshToken();
			void serverClock.refresh();
		});
		window.addEventListener('offline', () => (this.isOnline = false));
		const unlocked = sessionStorage.getItem(UNLOCKED_KEY);
		if (unlocked) {
			const { db, getSetting } = await storage();
			const username = await getSetting<string>('currentUser');
			const account = username === unlocked ? await db.accounts.get(username) : undefined;
			if (account) await this.start(account, { isCurrent: true });
		}
		this.isRestored = true;
	}

	async lastUser(): Promise<StoredAccount | undefined> {
		const { db, getSetting } = await storage();
		const username = await getSetting<string>('currentUser');
		return username ? db.accounts.get(username) : undefined;
	}

	async signIn(username: string, password: string): Promise<SignInResult> {
		const [{ db }, { checkVerifier, makeVerifier }, { deviceSigningKey }] = await Promise.all([
			storage(),
			import('../storage/offline-verifier'),
			import('../storage/device-key')
		]);
		// The device's bundle-signing key is registered with the sign-in (see bundle-format.ts).
		const devicePublicKey = (await deviceSigningKey().catch(() => null))?.publicKey;
		const known = await db.accounts.get(username);
		// An account this device knows does not wait long at the door: a server that accepts the
		// connection and never answers (the site's Wi-Fi up, the server unreachable) counts as offline
		// after SIGN_IN_WAIT_MS, and the offline verifier decides. A first sign-in can only wait.
		const signedIn = await callServer<{ token: string; expiresAt: string; user: StoredAccount['user'] }>(
			'/api/auth/sign-in',
			{ body: { username, password, devicePublicKey }, waitMs: known ? SIGN_IN_WAIT_MS : undefined }
		);
		// Offline or server down: fall through to the local verifier.
		if (signedIn.ok || signedIn.code !== 'offline') {
			if (!signedIn.ok && signedIn.status === 401) return { ok: false, error: 'bad-credentials' };
			if (!signedIn.ok && signedIn.code === 'demo-ended') return { ok: false, error: 'demo-ended' };
			if (!signedIn.ok && signedIn.status === 429)
				return { ok: false, error: 'too-many-attempts', retryAfterSeconds: signedIn.retryAfterSeconds ?? 60 };
			if (!signedIn.ok) return { ok: false, error: 'server', message: describeError(signedIn) };
			const body = signedIn.data;
			const previous = known;
			const me = await callServer<{ plans: StoredAccount['plans'] }>('/api/me', { token: body.token });
			const account: StoredAccount = {
				username,
				user: body.user,
				verifier: await makeVerifier(password),
				token: body.token,
				tokenExpiresAt: body.expiresAt,
				plans: (me.ok ? me.data.plans : null) ?? previous?.plans ?? [],
				lastOnlineAt: new Date().toISOString()
			};
			await db.accounts.put(account);
			await this.start(account);
			return { ok: true, isOffline: false };
		}
		if (!known) return { ok: false, error: 'offline-unknown' };
		if (!(await checkVerifier(password, known.verifier))) return { ok: false, error: 'bad-credentials' };
		await this.start(known);
		return { ok: true, isOffline: true };
	}

	/**
	 * While online, renews the token when less than half its life is left (checked at start and
	 * every 30 minutes). An expired token cannot be renewed: the user signs in again.
	 */
	async refreshToken(now = Date.now()): Promise<void> {
		const account = this.account;
		if (!account || !navigator.onLine) return;
		const expires = new Date(account.tokenExpiresAt).getTime();
		if (expires <= now || expires - now > 12 * 3600_000) return;
		const { db } = await storage();
		const r = await callServer<{ token: string; expiresAt: string }>('/api/auth/refresh', {
			method: 'POST',
			token: account.token
		});
		if (!r.ok) return; // offline, server down or refused: try again later (sign-in again when expired)
		const renewed = {
			...account,
			token: r.data.token,
			tokenExpiresAt: r.data.expiresAt,
			lastOnlineAt: new Date().toISOString()
		};
		await db.accounts.put(renewed);
		this.account = renewed;
	}

	private refreshTimer: ReturnType<typeof setInterval> | null = null;

	/** `isCurrent`: restoring the account the device already names as current (nothing to write). */
	private async start(account: StoredAccount, { isCurrent = false } = {}): Promise<void> {
		const [{ putSetting }, { Workspace }] = await Promise.all([storage(), import('../sync/workspace')]);
		if (this.workspace && this.account?.username !== account.username) await this.stop();
		this.account = account;
		if (!isCurrent) await putSetting('currentUser', account.username);
		sessionStorage.setItem(UNLOCKED_KEY, account.username);
		if (this.workspace) {
			this.workspace.setToken(() => account.token);
		} else {
			// Copies this role no longer reads (the whole plan on tablets synced before roster slices).
			void import('../sync/local-copies').then(({ forgetStaleCopies }) =>
				forgetStaleCopies(
					account.user.id,
					account.user.role,
					account.plans.map((p) => p.id)
				)
			);
			const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
			this.workspace = new Workspace(account.user.id, url, () => this.account?.token ?? '');
			this.workspace.onChange((all) => (this.statuses = all));
			this.workspace.open(configDoc());
			for (const p of account.plans) {
				this.workspace.open(planReadDoc(account.user.role, p.id, account.user.id));
				const registry = planRegistryDoc(account.user.role, p.id);
				if (registry) this.workspace.open(registry);
				for (const name of ownDocs(account.user.role, p.id, account.user.id)) this.workspace.open(name);
			}
			this.workspace.connect();
		}
		void this.refreshToken();
		if (!this.refreshTimer) this.refreshTimer = setInterval(() => void this.refreshToken(), 30 * 60_000);
	}

	private async stop(): Promise<void> {
		await this.workspace?.close();
		this.workspace = null;
		this.statuses = [];
	}

	/**
	 * Refused while anything is unsaved or on its way to the server. Changes the server refused as
	 * too large never get there: the person is told (`too-large`) and may then sign out with
	 * `keepRefused`, which leaves them on this device like every document.
	 */
	async signOut(
		options: { keepRefused?: boolean } = {}
	): Promise<{ ok: true } | { ok: false; reason: 'unsent' | 'unsaved' | 'too-large'; count: number }> {
		if (!this.isSavedLocally) return { ok: false, reason: 'unsaved', count: 0 };
		const refused = refusedTooLarge(this.statuses);
		if (this.unsent - refused > 0) return { ok: false, reason: 'unsent', count: this.unsent - refused };
		if (refused > 0 && !options.keepRefused) return { ok: false, reason: 'too-large', count: refused };
		const account = this.account;
		await this.stop();
		if (account?.token) {
			// Ends this device's sign-in on the server: its token stops working at once (API and
			// /sync), not at expiry. Offline, the server's session stays until an admin ends it from
			// the devices list; either way the device forgets the token (an offline unlock still
			// opens what is on the device, and the next online sign-in brings a new one).
			await callServer('/api/auth/sign-out', {
				method: 'POST',
				token: account.token,
				signal: AbortSignal.timeout(5000)
			});
			const { db } = await storage();
			await db.accounts.put({ ...$state.snapshot(account), token: '', tokenExpiresAt: new Date(0).toISOString() });
		}
		sessionStorage.removeItem(UNLOCKED_KEY);
		await (await storage()).putSetting('currentUser', null);
		this.account = null;
		return { ok: true };
	}

	/** Removes this user's documents and account from the device; refused while anything is unsent. */
	async clearDevice(): Promise<{ ok: true } | { ok: false; count: number }> {
		if (!this.workspace || !this.account) return { ok: true };
		const result = await this.workspace.clearDevice();
		if (!result.ok) return { ok: false, count: result.unsent };
		this.workspace = null;
		this.statuses = [];
		const { db, putSetting } = await storage();
		await db.accounts.delete(this.account.username);
		await putSetting('currentUser', null);
		sessionStorage.removeItem(UNLOCKED_KEY);
		this.account = null;
		return { ok: true };
	}

	/** Locks the screen without closing anything: the next person needs the password. */
	lock(): void {
		sessionStorage.removeItem(UNLOCKED_KEY);
		location.href = '/unlock';
	}
}

export const session = new Session();
