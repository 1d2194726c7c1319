// y-indexeddb, told when its writes have committed. y-indexeddb writes each update in its own
// IndexedDB transaction and never says when it finished (its issue #28); we replace its update
// handler with one that opens the same transaction with strict durability and reports
// `oncomplete`, so "saved on this device" is said only after IndexedDB has the update.
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';

export class LocalSaveError extends Error {
	constructor(
		message: string,
		readonly isQuotaExceeded: boolean
	) {
		super(message);
		this.name = 'LocalSaveError';
	}
}

export class CommittedPersistence extends IndexeddbPersistence {
	private started = 0;
	private committed = 0;
	private waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
	/** Updates whose transaction failed (for instance the quota is full); retried on the next write. */
	private failed: Uint8Array[] = [];
	lastError: LocalSaveError | null = null;
	onCommitChange: () => void = () => {};

	constructor(name: string, doc: Y.Doc) {
		super(name, doc);
		doc.off('update', this._storeUpdate);
		this._storeUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === this) return;
			this.write([...this.failed.splice(0), update]);
		};
		doc.on('update', this._storeUpdate);
	}

	private write(updates: Uint8Array[]): void {
		if (!this.db) {
			// Before the database is open y-indexeddb stores the whole state once it opens.
			return;
		}
		const seq = ++this.started;
		let tx: IDBTransaction;
		try {
			tx = this.db.transaction(['updates'], 'readwrite', { durability: 'strict' });
			const store = tx.objectStore('updates');
			for (const u of updates) store.add(u);
		} catch (e) {
			this.fail(seq, updates, e);
			return;
		}
		tx.oncomplete = () => {
			this.committed = Math.max(this.committed, seq);
			this.lastError = null;
			this.settle();
			this._dbsize += updates.length;
			if (this._dbsize >= PREFERRED_TRIM_SIZE) this.scheduleTrim();
		};
		tx.onabort = () => this.fail(seq, updates, tx.error);
	}

	private trimTimer: ReturnType<typeof setTimeout> | null = null;
	private scheduleTrim(): void {
		if (this.trimTimer) return;
		this.trimTimer = setTimeout(() => {
			this.trimTimer = null;
			void storeState(this, false);
		}, 1000);
	}

	private fail(seq: number, updates: Uint8Array[], error: unknown): void {
		const err = error as DOMException | null;
		const isQuota = err?.name === 'QuotaExceededError';
		this.lastError = new LocalSaveError(
			isQuota ? '本设备存储空间已满，记录未能保存到本机' : `本机保存失败：${err?.message ?? '未知错误'}`,
			isQuota
		);
		this.failed.push(...updates);
		this.scheduleRetry();
		for (const w of this.waiters.filter((w) => w.seq <= seq)) w.reject(this.lastError);
		this.waiters = this.waiters.filter((w) => w.seq > seq);
		this.onCommitChange();
	}

	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	/** Space may come back (the user deletes other data): keep trying without waiting for a new entry. */
	private scheduleRetry(): void {
		if (this.retryTimer) return;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			if (this.failed.length && !this._destroyed) this.write(this.failed.splice(0));
		}, 3000);
	}

	private settle(): void {
		const ready = this.waiters.filter((w) => w.seq <= this.committed);
		this.waiters = this.waiters.filter((w) => w.seq > this.committed);
		for (const w of ready) w.resolve();
		this.onCommitChange();
	}

	/** True when every update written so far has committed and none is waiting for a retry. */
	get isSaved(): boolean {
		return this.committed === this.started && this.failed.length === 0;
	}

	/**
	 * Values of the document's own keys (y-indexeddb's `custom` store) in one read transaction, as
	 * soon as the database is open: read beside the updates, not after them (`get` per key is a
	 * transaction each, after `whenSynced` that was three waits in a row per document on opening).
	 */
	async getMany(keys: readonly string[]): Promise<unknown[]> {
		const db = await this._db;
		return new Promise((resolve, reject) => {
			const tx = db.transaction(['custom'], 'readonly');
			const store = tx.objectStore('custom');
			const requests = keys.map((key) => store.get(key));
			tx.oncomplete = () => resolve(requests.map((r) => r.result as unknown));
			tx.onerror = tx.onabort = () => reject(tx.error);
		});
	}

	/** Resolves once every update made before the call is committed to IndexedDB. */
	whenCommitted(): Promise<void> {
		if (this.failed.length) this.write(this.failed.splice(0));
		const seq = this.started;
		if (seq <= this.committed && !this.failed.length) return Promise.resolve();
		return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
	}

	override destroy(): Promise<void> {
		if (this.trimTimer) clearTimeout(this.trimTimer);
		if (this.retryTimer) clearTimeout(this.retryTimer);
		return super.destroy();
	}
}
