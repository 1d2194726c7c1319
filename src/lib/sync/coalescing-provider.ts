// The provider every device attaches its documents with: Hocuspocus' provider, except that a
// device writing faster than the server acknowledges sends its changes together. A change leaves at
// once when nothing this device sent is still waiting for the server's `stored` (a proctor's
// check-in, or entries written one after another as each is acknowledged, are not delayed).
// Changes made while something is still waiting are held and merged into one update, sent when
// the acknowledgement comes or COALESCE_MS after the last send, whichever is first. A burst of
// entries (every tablet of a site writing at once) then costs the server one frame, one apply and
// one acknowledgement per document per round trip (at most COALESCE_MS) instead of one per entry.
//
// Nothing is held only here: every change is already in the Y.Doc and committed to IndexedDB by
// its own persistence, and it counts as not stored until the server's `stored` covers it. If the
// provider goes (sign-out, a document closed) before the merged update leaves, the next attach's
// sync sends it.
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { fromBase64, parseServerMessage } from './server-messages';

/** The longest a change waits for the acknowledgement of what was sent before it. */
export const COALESCE_MS = 50;

export class CoalescingProvider extends HocuspocusProvider {
	private held: Uint8Array[] = [];
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	/** When the last update left (performance.now()), -Infinity before the first. */
	private lastSentAt = -Infinity;
	/** This device's clock in the document when it last sent; null once the server has covered it. */
	private awaitedClock: number | null = null;

	constructor(configuration: HocuspocusProviderConfiguration) {
		super(configuration);
		this.on('stateless', ({ payload }: { payload: string }) => this.onServerMessage(payload));
	}

	override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
		if (origin === this) return;
		this.held.push(update);
		const isFree = this.awaitedClock === null || performance.now() - this.lastSentAt >= COALESCE_MS;
		if (isFree && this.flushTimer === null) this.flush();
		else
			this.flushTimer ??= setTimeout(
				() => this.flush(),
				Math.max(0, this.lastSentAt + COALESCE_MS - performance.now())
			);
	}

	/** A `stored` covering what this device last sent frees it to send again (what it holds, at once). */
	private onServerMessage(payload: string): void {
		if (this.awaitedClock === null) return;
		const message = parseServerMessage(payload);
		if (message?.type !== 'stored') return;
		const stored = Y.decodeStateVector(fromBase64(message.sv)).get(this.document.clientID) ?? 0;
		if (stored < this.awaitedClock) return;
		this.awaitedClock = null;
		if (this.held.length) this.flush();
	}

	/** Sends what is held now, as one update. */
	flush(): void {
		if (this.flushTimer !== null) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		if (!this.held.length) return;
		const update = this.held.length === 1 ? this.held[0] : Y.mergeUpdates(this.held);
		this.held = [];
		this.lastSentAt = performance.now();
		this.awaitedClock = Y.getState(this.document.store, this.document.clientID);
		super.documentUpdateHandler(update, null);
	}

	override destroy(): void {
		if (this.flushTimer !== null) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		this.held = [];
		super.destroy();
	}
}
