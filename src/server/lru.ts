// A Map that keeps at most `max` entries, forgetting the least recently used: for server caches
// whose keys grow with the data (one per plan ever created), so memory stays bounded.
export class LruCache<K, V> {
	private readonly entries = new Map<K, V>();

	constructor(readonly max: number) {}

	get(key: K): V | undefined {
		const value = this.entries.get(key);
		if (value === undefined) return undefined;
		this.entries.delete(key);
		this.entries.set(key, value);
		return value;
	}

	set(key: K, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
	}

	get size(): number {
		return this.entries.size;
	}
}
