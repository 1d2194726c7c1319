import { describe, expect, it } from 'vitest';
import { LruCache } from './lru';

describe('LruCache', () => {
	it('never holds more than its bound, forgetting the least recently used first', () => {
		const cache = new LruCache<string, number>(3);
		for (let i = 0; i < 100; i++) cache.set(`plan-${i}`, i);
		expect(cache.size).toBe(3);
		expect(cache.get('plan-96')).toBeUndefined();
		expect(cache.get('plan-97')).toBe(97);
		cache.set('plan-100', 100); // plan-98 is now the least recently used
		expect(cache.get('plan-98')).toBeUndefined();
		expect(cache.get('plan-97')).toBe(97);
	});
});
