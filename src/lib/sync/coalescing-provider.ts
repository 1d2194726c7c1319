// The provider every device attaches its documents with: Hocuspocus' provider, except that a
// device writing faster than one change per COALESCE_MS sends its changes together. The first
// change after a quiet moment leaves at once (a proctor's check-in is not delayed); changes that
// follow within COALESCE_MS are merged into one update and sent when that time is up. A burst of
// entries (every tablet of a site writing at once) then costs the server one frame, one apply and
// one acknowledgement per document per COALESCE_MS instead of one per entry.
//
// Nothing is held only here: every change is already in the Y.Doc and committed to IndexedDB by
// its own persistence, and it counts as not stored until the server's `stored` covers it. If the
// provider goes (sign-out, a document closed) before the merged update leaves, the next attach's
// sync sends it.
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';

export const COALESCE_MS = 50;

export class CoalescingProvider extends HocuspocusProvider {
	private held: Uint8Array[] = [];
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	/** When the last update left (performance.now()), -Infinity before the first. */
	private lastSentAt = -Infinity;

	override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
		if (origin === this) return;
		if (this.flushTimer === null && performance.now() - this.lastSentAt >= COALESCE_MS) {
			this.lastSentAt = performance.now();
			super.documentUpdateHandler(update, origin);
			return;
		}
		this.held.push(update);
		this.flushTimer ??= setTimeout(() => this.flush(), Math.max(0, this.lastSentAt + COALESCE_MS - performance.now()));
	}

	/** Sends what is held now, as one update. */
	flush(): void {
		if (this.flushTimer !== null) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		if (!this.held.length) return;
		const update = this.held.length === 1 ? this.held[0] : Y.mergeUpdates(this.held);
		this.held = [];
		this.lastSentAt = performance.now();
		super.documentUpdateHandler(update, null);
	}

	override destroy(): void {
		if (this.flushTimer !== null) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		this.held = [];
		super.destroy();
	}
}
