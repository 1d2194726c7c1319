// Rate-limit counts shared by every instance, in Redis (see limiter-state.ts): a guesser who
// spreads his attempts over several instances meets one count.
import type { Redis } from 'ioredis';
import type { Counted, LimiterState } from './limiter-state';

const PREFIX = 'kaowu:limit:';

export class RedisLimiterState implements LimiterState {
	constructor(private readonly redis: Redis) {}

	async increment(key: string, ttlMs: number): Promise<Counted> {
		const k = PREFIX + key;
		// One round trip, atomic: the window starts with the first increment (PEXPIRE … NX).
		const results = await this.redis.multi().incr(k).pexpire(k, ttlMs, 'NX').pttl(k).exec();
		if (!results) throw new Error('Redis transaction aborted');
		for (const [error] of results) if (error) throw error;
		const count = Number(results[0][1]);
		const ttl = Number(results[2][1]);
		return { count, resetInMs: ttl > 0 ? ttl : ttlMs };
	}

	async peek(key: string): Promise<Counted | null> {
		const k = PREFIX + key;
		const results = await this.redis.multi().get(k).pttl(k).exec();
		if (!results) throw new Error('Redis transaction aborted');
		const value = results[0][1] as string | null;
		const ttl = Number(results[1][1]);
		if (value === null || ttl === -2) return null;
		return { count: Number(value), resetInMs: Math.max(ttl, 0) };
	}

	async set(key: string, count: number, ttlMs: number): Promise<void> {
		await this.redis.set(PREFIX + key, String(count), 'PX', ttlMs);
	}

	async remove(key: string): Promise<void> {
		await this.redis.del(PREFIX + key);
	}
}
