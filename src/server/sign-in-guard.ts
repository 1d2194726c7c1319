// Password guessing limits for /api/auth/sign-in, kept in a LimiterState (limiter-state.ts), so
// several instances can share them:
// - per account, exponential backoff: after 3 failures in a row each further attempt waits
//   1 s, 2 s, 4 s … (at most 5 minutes); a success resets it. Told to the person as "try again in N s".
// - per source address, a ceiling on failures (default 30 per 10 minutes) against spraying one
//   password over many accounts. Everyone at an exam site shares one NAT address, so the ceiling
//   does not apply to an account that has signed in successfully from that address before: a
//   guesser at the site cannot lock out the site's own proctors.
import { limiterState, type LimiterState } from './limiter-state';

const FREE_FAILURES = 3;
const MAX_WAIT_MS = 5 * 60_000;
/** Failures in a row are remembered this long after the last one. */
const FAILURE_MEMORY_MS = 24 * 3600_000;
const IP_WINDOW_MS = 10 * 60_000;
const KNOWN_PAIR_MS = 30 * 24 * 3600_000;

export class SignInGuard {
	constructor(
		private readonly ipCeiling = 30,
		private readonly explicitState?: LimiterState
	) {}

	private get state(): LimiterState {
		return this.explicitState ?? limiterState();
	}

	/** Seconds to wait before this attempt may be checked; 0 = go ahead. */
	async waitSeconds(username: string, ip: string): Promise<number> {
		const wait = await this.state.peek(`signin:wait:${username}`);
		if (wait) return Math.ceil(wait.resetInMs / 1000);
		const address = await this.state.peek(`signin:ip:${ip}`);
		if (!address || address.count < this.ipCeiling) return 0;
		const isKnownHere = !!(await this.state.peek(`signin:known:${ip}|${username}`));
		return isKnownHere ? 0 : Math.ceil(address.resetInMs / 1000);
	}

	async failed(username: string, ip: string): Promise<void> {
		const failures = await this.state.increment(`signin:fail:${username}`, FAILURE_MEMORY_MS);
		// Each failure extends the memory of the run from now.
		await this.state.set(`signin:fail:${username}`, failures.count, FAILURE_MEMORY_MS);
		if (failures.count >= FREE_FAILURES)
			await this.state.set(
				`signin:wait:${username}`,
				1,
				Math.min(1000 * 2 ** (failures.count - FREE_FAILURES), MAX_WAIT_MS)
			);
		await this.state.increment(`signin:ip:${ip}`, IP_WINDOW_MS);
	}

	async succeeded(username: string, ip: string): Promise<void> {
		await this.state.remove(`signin:fail:${username}`);
		await this.state.remove(`signin:wait:${username}`);
		await this.state.set(`signin:known:${ip}|${username}`, 1, KNOWN_PAIR_MS);
	}
}
