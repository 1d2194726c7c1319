// Options of the /sync WebSocket server (main.ts; the same in tests and benches).
// permessage-deflate with context takeover (what tablets send is inflated at once on the event
// loop, sync-inflate.ts, not by ws on the thread pool): every entry repeats the field names and most values
// of the previous one, so each frame a tablet sends compresses against the last ones. The server's
// window is small (2 KB, memLevel 4) to keep its memory per connection low with a thousand
// tablets; the client's window is left to the client (requiring one would refuse clients that do
// not offer it).
// What the server sends is compressed only from COMPRESS_FROM_BYTES (prepareSyncSocket): a deflate
// call costs the server ~0.1–0.2 ms whatever the size, and the small frames it sends per update (the
// sync status and the `stored` acknowledgement, ~40–120 B) gain a few dozen bytes from it. Large
// frames (a document's state on sync, a relayed batch) are compressed as before. ws applies its own
// `threshold` only without context takeover, hence the per-frame choice here.
import type { ServerOptions, WebSocket } from 'ws';
import { inflateAtOnce } from './sync-inflate';

export const SYNC_SOCKET_OPTIONS: ServerOptions = {
	noServer: true,
	maxPayload: 16 * 1024 * 1024,
	perMessageDeflate: {
		threshold: 0,
		serverMaxWindowBits: 11,
		zlibDeflateOptions: { memLevel: 4, level: 6 },
		concurrencyLimit: 10
	}
};

/** Frames the server sends are compressed from this size on (see above). */
export const COMPRESS_FROM_BYTES = 512;

type SendCallback = (error?: Error) => void;
type SendOptions = { compress?: boolean; binary?: boolean; fin?: boolean; mask?: boolean };

/** Hocuspocus' message type for "your update was applied" (true) or refused (false). */
const SYNC_STATUS = 8;

/**
 * Hocuspocus answers every applied update with a sync-status frame ("applied"); its provider only
 * counts them (`unsyncedChanges`), which Kaowu does not read: what a device trusts is the server's
 * `stored` message, sent after the commit. So that frame (one write per update) is not sent; a
 * status "refused" (false, on a read-only connection) still is.
 */
export function isSyncStatusApplied(data: unknown): boolean {
	if (!(data instanceof Uint8Array)) return false;
	let pos = 0;
	let nameLength = 0;
	for (let shift = 0; pos < data.length && shift < 35; shift += 7) {
		const byte = data[pos++];
		nameLength += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) break;
	}
	pos += nameLength;
	// The type (8) and lib0's varInt 1 (true): two bytes, the frame's last.
	return data.length === pos + 2 && data[pos] === SYNC_STATUS && data[pos + 1] === 1;
}

/**
 * Makes a /sync socket compress only the frames worth it, inflate what it receives at once
 * (sync-inflate.ts) and leave out the per-update sync status (call before handing it to Hocuspocus).
 */
export function prepareSyncSocket(ws: WebSocket): WebSocket {
	inflateAtOnce(ws);
	const send = ws.send.bind(ws) as (data: unknown, options: SendOptions, cb?: SendCallback) => void;
	ws.send = ((data: unknown, options?: SendOptions | SendCallback, cb?: SendCallback) => {
		if (typeof options === 'function') [cb, options] = [options, {}];
		if (isSyncStatusApplied(data)) {
			cb?.();
			return;
		}
		const size =
			typeof data === 'string' ? Buffer.byteLength(data) : ((data as { byteLength?: number }).byteLength ?? Infinity);
		send(data, { compress: size >= COMPRESS_FROM_BYTES, ...options }, cb);
	}) as WebSocket['send'];
	return ws;
}
