// Whether the browser will keep our data: persistent storage granted, and how much quota is left.
// Asked once at start and after each save error; the UI warns before space runs out.

const LOW_FREE_BYTES = 50 * 1024 * 1024;

class StorageHealth {
	isPersisted = $state<boolean | null>(null);
	freeBytes = $state<number | null>(null);

	get isLow(): boolean {
		return this.freeBytes !== null && this.freeBytes < LOW_FREE_BYTES;
	}

	async check(): Promise<void> {
		if (!navigator.storage) return;
		try {
			this.isPersisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
		} catch {
			this.isPersisted = false;
		}
		try {
			const { quota = 0, usage = 0 } = await navigator.storage.estimate();
			this.freeBytes = Math.max(0, quota - usage);
		} catch {
			this.freeBytes = null;
		}
	}
}

export const storageHealth = new StorageHealth();

export function formatBytes(n: number): string {
	if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
	if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MB`;
	return `${Math.round(n / 1024)} KB`;
}
