// Options of the /sync WebSocket server (main.ts; the same in tests and benches).
// permessage-deflate with context takeover: every entry repeats the field names and most values
// of the previous one, so each frame a tablet sends compresses against the last ones. The server's
// window is small (2 KB, memLevel 4) to keep its memory per connection low with a thousand
// tablets; the client's window is left to the client (requiring one would refuse clients that do
// not offer it).
// What the server sends is compressed only from COMPRESS_FROM_BYTES (prepareSyncSocket): a deflate
// call costs the server ~0.1–0.2 ms whatever the size, and the small frames it sends per update (the
// sync status and the `stored` acknowledgement, ~40–120 B) gain a few dozen bytes from it. Large
// frames (a document's state on sync, a relayed batch) are compressed as before. ws applies its own
// `threshold` only without context takeover, hence the per-frame choice here.
//
// Inbound frames are inflated synchronously (SyncInflater): ws inflates each compressed frame on
// the thread pool in three steps (write, trailer, flush), with a stream and a callback round trip
// each — in a burst of tablets that was the largest share of the server's CPU per update (a CPU
// profile of bench burst: ~1.7 s of ~5 s; ~70 µs a frame against ~4 µs done at once). The
// window is kept between frames (context takeover) exactly as ws's own inflater keeps it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import zlib from 'node:zlib';
import type { ServerOptions, WebSocket } from 'ws';

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
 * Makes a /sync socket compress only the frames worth it and leaves out the per-update sync status
 * (call before handing it to Hocuspocus).
 */
export function prepareSyncSocket(ws: WebSocket): WebSocket {
	inflateInPlace(ws);
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

/** What permessage-deflate appends to a message and leaves out on the wire (RFC 7692 7.2.2). */
const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** Output scratch for one inflate step: copied out, so one buffer serves every socket. */
const SCRATCH = Buffer.allocUnsafe(64 * 1024);

/** zlib's stream internals used here: its native handle's synchronous write and its state. */
interface ZlibInternals {
	_handle: {
		writeSync(
			flush: number,
			input: Buffer,
			inOff: number,
			inLen: number,
			out: Buffer,
			outOff: number,
			outLen: number
		): void;
	} | null;
	_writeState: Uint32Array;
	destroyed: boolean;
}

/** ws's private symbol for the close code a receiver error closes the socket with. */
const kStatusCode: symbol | undefined = (() => {
	try {
		const require = createRequire(import.meta.url);
		return (require(join(dirname(require.resolve('ws')), 'lib/constants.js')) as { kStatusCode?: symbol }).kStatusCode;
	} catch {
		return undefined;
	}
})();

function wsError(message: string, code: string, statusCode: number): Error {
	const error = Object.assign(new Error(message), { code });
	if (kStatusCode) (error as unknown as Record<symbol, number>)[kStatusCode] = statusCode;
	return error;
}

/**
 * One socket's inflater: the compressed messages of a connection, inflated one after another at
 * once, the window kept between them. Errors as ws gives them: bad data closes the socket with
 * 1007, a message inflating past maxPayload with 1009 (checked as it grows: no bomb is inflated
 * whole).
 */
export class SyncInflater {
	private stream: (zlib.InflateRaw & ZlibInternals) | null = null;

	constructor(
		private readonly windowBits: number,
		private readonly maxPayload: number
	) {}

	/** Whether this Node's zlib has what the synchronous path needs (else ws's own path is kept). */
	static isSupported(): boolean {
		const probe = zlib.createInflateRaw() as unknown as ZlibInternals & zlib.InflateRaw;
		const ok = typeof probe._handle?.writeSync === 'function' && probe._writeState instanceof Uint32Array;
		probe.close();
		return ok;
	}

	/** One frame's payload (fin: the message's last) → its inflated bytes. Throws ws-style errors. */
	inflate(data: Buffer, fin: boolean): Buffer {
		const input = fin ? Buffer.concat([data, TRAILER]) : data;
		let result = this.run(input);
		// A sender may end its deflate stream (a final block); ws then starts a new inflater for the
		// next message: so does this one, when a stream that has ended reads nothing of a message.
		if (result.unread && !result.bytes.length) {
			this.close();
			result = this.run(input);
		}
		// Input left after the stream's end: not a deflate stream ws would take either.
		if (result.unread) {
			this.close();
			throw wsError('invalid compressed data', 'Z_DATA_ERROR', 1007);
		}
		return result.bytes;
	}

	private run(input: Buffer): { bytes: Buffer; unread: boolean } {
		if (!this.stream) {
			this.stream = zlib.createInflateRaw({ windowBits: this.windowBits }) as zlib.InflateRaw & ZlibInternals;
			// A data error destroys the stream and emits 'error' later: the error is taken below.
			this.stream.on('error', () => {});
		}
		const stream = this.stream;
		const parts: Buffer[] = [];
		let total = 0;
		let inOff = 0;
		let availIn = input.length;
		for (;;) {
			const handle = stream._handle;
			if (!handle) break;
			handle.writeSync(zlib.constants.Z_SYNC_FLUSH, input, inOff, availIn, SCRATCH, 0, SCRATCH.length);
			if (stream.destroyed || !stream._handle) {
				this.stream = null;
				throw wsError('invalid compressed data', 'Z_DATA_ERROR', 1007);
			}
			const [availOut, availInAfter] = stream._writeState;
			const produced = SCRATCH.length - availOut;
			const consumed = availIn - availInAfter;
			inOff += consumed;
			availIn = availInAfter;
			if (produced) {
				total += produced;
				if (this.maxPayload > 0 && total > this.maxPayload) {
					this.close();
					throw wsError('Max payload size exceeded', 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 1009);
				}
				parts.push(Buffer.from(SCRATCH.subarray(0, produced)));
			}
			// Room left in the output: everything the input holds so far is out.
			if (availOut !== 0) break;
		}
		return { bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts, total), unread: availIn > 0 };
	}

	close(): void {
		this.stream?.close();
		this.stream = null;
	}
}

const isSyncInflateSupported = SyncInflater.isSupported();

/** ws's per-socket permessage-deflate extension (the parts replaced or read here). */
interface PerMessageDeflateInternals {
	_isServer: boolean;
	_maxPayload: number;
	params: Record<string, unknown>;
	_decompress(data: Buffer, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
}

/**
 * Inflates what this socket receives synchronously (SyncInflater) instead of on the thread pool.
 * The result is handed back in a microtask, as ws expects of its inflater (its receiver stops
 * reading while a frame inflates and resumes from the callback).
 */
export function inflateInPlace(ws: WebSocket): boolean {
	const deflate = (ws as unknown as { _extensions?: Record<string, PerMessageDeflateInternals> })._extensions?.[
		'permessage-deflate'
	];
	if (!deflate || !deflate._isServer || !isSyncInflateSupported) return false;
	if (deflate.params.client_no_context_takeover) return false; // ws resets per message: left to it
	const bits = deflate.params.client_max_window_bits;
	const inflater = new SyncInflater(
		typeof bits === 'number' ? bits : zlib.constants.Z_DEFAULT_WINDOWBITS,
		deflate._maxPayload
	);
	deflate._decompress = (data, fin, callback) => {
		let result: Buffer;
		try {
			result = inflater.inflate(data, fin);
		} catch (e) {
			queueMicrotask(() => callback(e as Error));
			return;
		}
		queueMicrotask(() => callback(null, result));
	};
	ws.once('close', () => inflater.close());
	return true;
}
