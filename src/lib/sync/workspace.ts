// The documents one signed-in user has open on this device, and the single WebSocket they share.
// Documents open from IndexedDB at once; the socket comes and goes with the network and never
// blocks work. Namespaced by user so two people on one tablet never mix their documents.
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SyncedDoc } from './synced-doc';
import { unsentTotal, type DocStatus } from './doc-status';

export class Workspace {
	private socket: HocuspocusProviderWebsocket | null = null;
	readonly docs = new Map<string, SyncedDoc>();
	private listeners = new Set<(all: DocStatus[]) => void>();

	constructor(
		readonly userId: string,
		private readonly syncUrl: string,
		private getToken: () => string
	) {}

	open(name: string): SyncedDoc {
		let synced = this.docs.get(name);
		if (!synced) {
			synced = new SyncedDoc(name, this.userId);
			this.docs.set(name, synced);
			synced.onStatus(() => this.emit());
			if (this.socket) synced.attach(this.socket, this.getToken);
		}
		return synced;
	}

	connect(): void {
		if (this.socket) return;
		this.socket = new HocuspocusProviderWebsocket({
			url: this.syncUrl,
			maxAttempts: 0,
			delay: 500,
			minDelay: 500,
			maxDelay: 10_000
		});
		for (const d of this.docs.values()) d.attach(this.socket, this.getToken);
	}

	/** A new token after signing in again: reattach so every document authenticates anew. */
	setToken(getToken: () => string): void {
		this.getToken = getToken;
		if (!this.socket) return;
		for (const d of this.docs.values()) {
			d.detach();
			d.attach(this.socket, this.getToken);
		}
	}

	statuses(): DocStatus[] {
		return [...this.docs.values()].map((d) => d.status);
	}

	onChange(listener: (all: DocStatus[]) => void): () => void {
		this.listeners.add(listener);
		listener(this.statuses());
		return () => this.listeners.delete(listener);
	}

	private emit(): void {
		const all = this.statuses();
		for (const l of this.listeners) l(all);
	}

	/** Removes every document of this user from the device. Refused while anything is unsent. */
	async clearDevice(): Promise<{ ok: true } | { ok: false; unsent: number }> {
		const unsent = unsentTotal(this.statuses());
		const isSaved = this.statuses().every((s) => s.isSavedLocally);
		if (unsent > 0 || !isSaved) return { ok: false, unsent };
		await Promise.all([...this.docs.values()].map((d) => d.clearLocalData()));
		this.docs.clear();
		this.socket?.destroy();
		this.socket = null;
		return { ok: true };
	}

	async close(): Promise<void> {
		await Promise.all([...this.docs.values()].map((d) => d.destroy()));
		this.docs.clear();
		this.socket?.destroy();
		this.socket = null;
	}
}
