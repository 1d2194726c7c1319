// Password guessing limits for /api/auth/sign-in, in memory:
// - per account, exponential backoff: after 3 failures in a row each further attempt waits
//   1 s, 2 s, 4 s … (at most 5 minutes); a success resets it. Told to the person as "try again in N s".
// - per source address, a ceiling on failures (default 30 per 10 minutes) against spraying one
//   password over many accounts. Everyone at an exam site shares one NAT address, so the ceiling
//   does not apply to an account that has signed in successfully from that address before: a
//   guesser at the site cannot lock out the site's own proctors.
const FREE_FAILURES = 3;
const MAX_WAIT_MS = 5 * 60_000;
const IP_WINDOW_MS = 10 * 60_000;
const KNOWN_PAIR_MS = 30 * 24 * 3600_000;
const MAX_ENTRIES = 50_000;

export class SignInGuard {
	private readonly accounts = new Map<string, { failures: number; until: number }>();
	private readonly addresses = new Map<string, { failures: number; windowStart: number }>();
	private readonly knownPairs = new Map<string, number>();

	constructor(private readonly ipCeiling = 30) {}

	/** Seconds to wait before this attempt may be checked; 0 = go ahead. */
	waitSeconds(username: string, ip: string, now = Date.now()): number {
		const account = this.accounts.get(username);
		if (account && account.until > now) return Math.ceil((account.until - now) / 1000);
		const address = this.addresses.get(ip);
		const isKnownHere = (this.knownPairs.get(`${ip}|${username}`) ?? 0) > now - KNOWN_PAIR_MS;
		if (!isKnownHere && address && now - address.windowStart < IP_WINDOW_MS && address.failures >= this.ipCeiling)
			return Math.ceil((address.windowStart + IP_WINDOW_MS - now) / 1000);
		return 0;
	}

	failed(username: string, ip: string, now = Date.now()): void {
		const account = this.accounts.get(username) ?? { failures: 0, until: 0 };
		account.failures++;
		if (account.failures >= FREE_FAILURES)
			account.until = now + Math.min(1000 * 2 ** (account.failures - FREE_FAILURES), MAX_WAIT_MS);
		this.accounts.set(username, account);
		const address = this.addresses.get(ip);
		if (!address || now - address.windowStart >= IP_WINDOW_MS)
			this.addresses.set(ip, { failures: 1, windowStart: now });
		else address.failures++;
		this.prune(now);
	}

	succeeded(username: string, ip: string, now = Date.now()): void {
		this.accounts.delete(username);
		this.knownPairs.set(`${ip}|${username}`, now);
		this.prune(now);
	}

	private prune(now: number): void {
		if (this.accounts.size + this.addresses.size + this.knownPairs.size < MAX_ENTRIES) return;
		for (const [k, v] of this.accounts) if (v.until < now - MAX_WAIT_MS) this.accounts.delete(k);
		for (const [k, v] of this.addresses) if (now - v.windowStart >= IP_WINDOW_MS) this.addresses.delete(k);
		for (const [k, v] of this.knownPairs) if (v < now - KNOWN_PAIR_MS) this.knownPairs.delete(k);
	}
}
