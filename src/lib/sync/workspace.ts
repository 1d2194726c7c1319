// The documents one signed-in user has open on this device, and the single WebSocket they share.
// Documents open from IndexedDB at once; the socket comes and goes with the network and never
// blocks work. Namespaced by user so two people on one tablet never mix their documents.
//
// Two ways to open a document. `open`: kept open while the session lasts (the person's own
// documents and what every screen starts from, so their unsent changes always count). `hold`: a
// screen's reading of others' documents (the desk's day and review documents, a proctor's
// colleagues): once no screen holds it for CLOSE_AFTER_MS, it is closed (its connection to the
// server, its Y.Doc and its IndexedDB connection), but never while it has a change the server has
// not stored or the device has not committed: it closes once it has none.
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SyncedDoc } from './synced-doc';
import { unsentTotal, type DocStatus } from './doc-status';

/** How long a document no screen holds stays open: going back to a screen within it reopens nothing. */
export const CLOSE_AFTER_MS = 30_000;

export class Workspace {
	private socket: HocuspocusProviderWebsocket | null = null;
	readonly docs = new Map<string, SyncedDoc>();
	private listeners = new Set<(all: DocStatus[]) => void>();
	/** Opened with `open`: never closed while the session lasts. */
	private readonly kept = new Set<string>();
	/** Opened with `hold`: how many holds are not released yet. */
	private readonly holds = new Map<string, number>();
	private readonly closeTimers = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(
		readonly userId: string,
		private readonly syncUrl: string,
		private getToken: () => string
	) {}

	/** Opens a document for as long as the session lasts. */
	open(name: string): SyncedDoc {
		this.kept.add(name);
		this.cancelClose(name);
		return this.get(name);
	}

	/** Opens a document for a screen, until it calls `release(name)` (once per hold). */
	hold(name: string): SyncedDoc {
		this.holds.set(name, (this.holds.get(name) ?? 0) + 1);
		this.cancelClose(name);
		return this.get(name);
	}

	release(name: string): void {
		const count = (this.holds.get(name) ?? 0) - 1;
		if (count > 0) return void this.holds.set(name, count);
		this.holds.delete(name);
		if (this.kept.has(name) || !this.docs.has(name) || this.closeTimers.has(name)) return;
		this.closeTimers.set(
			name,
			setTimeout(() => {
				this.closeTimers.delete(name);
				this.closeWhenClean(name);
			}, CLOSE_AFTER_MS)
		);
	}

	private get(name: string): SyncedDoc {
		let synced = this.docs.get(name);
		if (!synced) {
			synced = new SyncedDoc(name, this.userId);
			this.docs.set(name, synced);
			synced.onStatus(() => {
				this.emit();
				if (this.isUnheld(name)) this.closeWhenClean(name);
			});
			if (this.socket) synced.attach(this.socket, this.getToken);
		}
		return synced;
	}

	private cancelClose(name: string): void {
		clearTimeout(this.closeTimers.get(name));
		this.closeTimers.delete(name);
	}

	/** Released by every screen, kept by none, and its wait after the last release is over. */
	private isUnheld(name: string): boolean {
		return !this.kept.has(name) && !this.holds.has(name) && !this.closeTimers.has(name) && this.docs.has(name);
	}

	/** Closes an unheld document that has nothing unsent or uncommitted; else its next status tries again. */
	private closeWhenClean(name: string): void {
		const synced = this.docs.get(name);
		if (!synced || !this.isUnheld(name)) return;
		const { isLoaded, unsent, isSavedLocally } = synced.status;
		if (!isLoaded || unsent > 0 || !isSavedLocally) return;
		this.docs.delete(name);
		void synced.destroy();
		this.emit();
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
		this.forgetAll();
		this.socket?.destroy();
		this.socket = null;
		return { ok: true };
	}

	async close(): Promise<void> {
		await Promise.all([...this.docs.values()].map((d) => d.destroy()));
		this.forgetAll();
		this.socket?.destroy();
		this.socket = null;
	}

	private forgetAll(): void {
		this.docs.clear();
		for (const timer of this.closeTimers.values()) clearTimeout(timer);
		this.closeTimers.clear();
		this.holds.clear();
		this.kept.clear();
	}
}
