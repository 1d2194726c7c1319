// A fixed-window counter per key, in memory: enough to slow password guessing and public look-ups.

export class RateLimiter {
	private readonly hits = new Map<string, { count: number; windowStart: number }>();

	constructor(private readonly options: { max: number; windowMs: number }) {}

	allow(key: string, now = Date.now()): boolean {
		const hit = this.hits.get(key);
		if (!hit || now - hit.windowStart >= this.options.windowMs) {
			this.hits.set(key, { count: 1, windowStart: now });
			if (this.hits.size > 10_000) this.prune(now);
			return true;
		}
		hit.count++;
		return hit.count <= this.options.max;
	}

	private prune(now: number): void {
		for (const [key, hit] of this.hits) if (now - hit.windowStart >= this.options.windowMs) this.hits.delete(key);
	}
}
