// Where rate limits keep their counts. One small interface so several server instances can share
// the counts (a Redis backing: INCR + PEXPIRE NX + PTTL for `increment`, GET/PTTL for `peek`,
// SET PX for `set`, DEL for `remove`); the in-memory one serves a single instance.
//
// Every count lives in a fixed window: it starts at the first increment and ends `ttlMs` later,
// when the key is forgotten.

export interface Counted {
	count: number;
	/** Milliseconds until this count is forgotten. */
	resetInMs: number;
}

export interface LimiterState {
	/** Adds one to `key` (a new window of `ttlMs` when there is none) and returns the count now. */
	increment(key: string, ttlMs: number): Promise<Counted>;
	/** The count of `key` as it stands, or null when there is none. */
	peek(key: string): Promise<Counted | null>;
	/** Sets `key` to `count` for `ttlMs` from now. */
	set(key: string, count: number, ttlMs: number): Promise<void>;
	remove(key: string): Promise<void>;
}

const MAX_KEYS = 100_000;

export class MemoryLimiterState implements LimiterState {
	private readonly entries = new Map<string, { count: number; expiresAt: number }>();

	constructor(private readonly now: () => number = Date.now) {}

	private live(key: string, now: number) {
		const entry = this.entries.get(key);
		if (entry && entry.expiresAt <= now) {
			this.entries.delete(key);
			return undefined;
		}
		return entry;
	}

	async increment(key: string, ttlMs: number): Promise<Counted> {
		const now = this.now();
		let entry = this.live(key, now);
		if (!entry) {
			entry = { count: 0, expiresAt: now + ttlMs };
			this.entries.set(key, entry);
			this.prune(now);
		}
		entry.count++;
		return { count: entry.count, resetInMs: entry.expiresAt - now };
	}

	async peek(key: string): Promise<Counted | null> {
		const now = this.now();
		const entry = this.live(key, now);
		return entry ? { count: entry.count, resetInMs: entry.expiresAt - now } : null;
	}

	async set(key: string, count: number, ttlMs: number): Promise<void> {
		const now = this.now();
		this.entries.set(key, { count, expiresAt: now + ttlMs });
		this.prune(now);
	}

	async remove(key: string): Promise<void> {
		this.entries.delete(key);
	}

	private prune(now: number): void {
		if (this.entries.size <= MAX_KEYS) return;
		for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
		// Still full of live keys (a flood of invented ones): forget the oldest half.
		if (this.entries.size > MAX_KEYS) {
			let drop = this.entries.size - MAX_KEYS / 2;
			for (const key of this.entries.keys()) {
				if (drop-- <= 0) break;
				this.entries.delete(key);
			}
		}
	}
}

/** The process's limiter state; the store helper can swap in a shared one at start-up. */
let shared: LimiterState = new MemoryLimiterState();
export function limiterState(): LimiterState {
	return shared;
}
export function useLimiterState(state: LimiterState): void {
	shared = state;
}
