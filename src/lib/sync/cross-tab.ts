// Keeps several tabs of the same document in step: each tab persists its own updates, and relays
// them to the others over a BroadcastChannel. Yjs merges are idempotent, so an update that arrives
// twice (relay and server) is applied once.
import * as Y from 'yjs';

const RELAY_ORIGIN = Symbol('cross-tab');

export class CrossTabRelay {
	private channel: BroadcastChannel | null;
	private onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin !== RELAY_ORIGIN) this.channel?.postMessage(update);
	};

	constructor(
		name: string,
		private readonly doc: Y.Doc
	) {
		this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
		if (!this.channel) return;
		this.channel.onmessage = (event: MessageEvent) => {
			if (event.data instanceof Uint8Array) Y.applyUpdate(this.doc, event.data, RELAY_ORIGIN);
		};
		doc.on('update', this.onUpdate);
	}

	close(): void {
		this.doc.off('update', this.onUpdate);
		this.channel?.close();
		this.channel = null;
	}
}
