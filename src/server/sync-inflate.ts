// Inflating what a tablet sends, at once. ws inflates each compressed frame through a zlib stream
// on libuv's thread pool: a write of the frame, a write of the trailer and a flush, three trips
// to the pool and back for a frame of a few hundred bytes. With a thousand tablets sending an
// entry a second each, those trips were most of the server's CPU (bench:load: the server at 95 %
// of a core and a p99 of seconds at 1,000 tablets, 69 % and 46 ms with compression off). Here the
// same kind of stream (same window, context kept from frame to frame, as the extension negotiated)
// inflates the frame synchronously through its native handle on the event loop, which costs microseconds, and hands the
// result back to ws in a microtask (ws's receiver must not be called back from inside its own
// read loop). The output is bounded by the socket's maxPayload, as ws bounds it.
//
// This uses ws's negotiated extension object and the zlib stream's native handle and write state
// (what zlib.inflateRawSync runs on): internal APIs, checked at each socket; where one is missing,
// ws keeps inflating as it does. tests/integration/wire.test.ts and the sync-server
// tests run every frame through it.
import zlib from 'node:zlib';
import type { WebSocket } from 'ws';

const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);

type Callback = (error: Error | null, result?: Buffer) => void;

interface NegotiatedDeflate {
	params: Record<string, unknown> | null;
	_isServer: boolean;
	_maxPayload: number;
	decompress(data: Buffer, fin: boolean, callback: Callback): void;
	cleanup(): void;
}

/** The parts of a zlib stream that zlib's own synchronous functions use (zlib.js processChunkSync). */
type InflateAtOnce = zlib.InflateRaw & {
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
	/** [output space left, input left] after a write. */
	_writeState: Uint32Array;
};

const OUT_CHUNK = 64 * 1024;
/** Where zlib writes; what a frame inflated to is copied out (a few hundred bytes, from Node's pool). */
const scratch = Buffer.allocUnsafe(OUT_CHUNK);

/**
 * Inflates one frame (with its trailer) through the stream's native handle, synchronously, keeping
 * the stream's window (zlib.inflateRawSync's loop, without closing the stream after).
 */
function inflateFrame(inflate: InflateAtOnce, input: Buffer, maxBytes: number, failed: () => Error | null): Buffer {
	const handle = inflate._handle;
	if (!handle) throw new Error('inflate stream closed');
	const state = inflate._writeState;
	const out: Buffer[] = [];
	let total = 0;
	let inOff = 0;
	let inLeft = input.length;
	for (;;) {
		handle.writeSync(zlib.constants.Z_SYNC_FLUSH, input, inOff, inLeft, scratch, 0, OUT_CHUNK);
		// A data error destroys the stream inside writeSync (its handle gone; the 'error' event follows
		// on the next tick): never write to it again.
		if (!inflate._handle) throw failed() ?? new Error('invalid compressed data');
		const [outLeft, inLeftAfter] = state;
		const have = OUT_CHUNK - outLeft;
		if (have > 0) {
			out.push(Buffer.from(scratch.subarray(0, have)));
			total += have;
			if (maxBytes > 0 && total > maxBytes) throw new RangeError('Max payload size exceeded');
		}
		inOff += inLeft - inLeftAfter;
		inLeft = inLeftAfter;
		if (outLeft !== 0) break; // output space left over: all input consumed and flushed
	}
	return out.length === 1 ? out[0] : Buffer.concat(out, total);
}

let isUsable: boolean | undefined;

/** Whether this Node's zlib streams have the native handle and write state used here. */
function probeStream(): boolean {
	const probe = zlib.createInflateRaw() as InflateAtOnce;
	const usable = typeof probe._handle?.writeSync === 'function' && probe._writeState instanceof Uint32Array;
	probe.close();
	return usable;
}

/** Makes this socket inflate what it receives at once (a no-op without permessage-deflate). */
export function inflateAtOnce(ws: WebSocket): void {
	const extensions = (ws as unknown as { _extensions?: Record<string, NegotiatedDeflate> })._extensions;
	const deflate = extensions?.['permessage-deflate'];
	if (!deflate?.params || typeof deflate.decompress !== 'function') return;
	if (!(isUsable ??= probeStream())) return;
	const peer = deflate._isServer ? 'client' : 'server';
	const bits = deflate.params[`${peer}_max_window_bits`];
	const windowBits = typeof bits === 'number' ? bits : zlib.constants.Z_DEFAULT_WINDOWBITS;
	const resetAfterMessage = !!deflate.params[`${peer}_no_context_takeover`];
	let inflate: InflateAtOnce | null = null;
	let streamError: Error | null = null;

	deflate.decompress = (data, fin, callback) => {
		let result: Buffer | undefined;
		let error: Error | null = null;
		try {
			if (!inflate) {
				inflate = zlib.createInflateRaw({ windowBits }) as InflateAtOnce;
				streamError = null;
				inflate.on('error', (e) => (streamError = e));
			}
			result = inflateFrame(
				inflate,
				fin ? Buffer.concat([data, TRAILER]) : data,
				deflate._maxPayload,
				() => streamError
			);
			if (fin && resetAfterMessage) inflate.reset();
		} catch (e) {
			// Corrupt data or more than maxPayload: the connection closes (ws's error path), as with
			// ws's own inflating. The stream is not reused.
			inflate?.close();
			inflate = null;
			error = e as Error;
		}
		queueMicrotask(() => (error ? callback(error) : callback(null, result)));
	};
	const cleanup = deflate.cleanup.bind(deflate);
	deflate.cleanup = () => {
		inflate?.close();
		inflate = null;
		cleanup();
	};
}
