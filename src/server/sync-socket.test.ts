import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import WebSocket, { WebSocketServer } from 'ws';
import { OutgoingMessage } from '@hocuspocus/server';
import {
	COMPRESS_FROM_BYTES,
	inflateInPlace,
	isSyncStatusApplied,
	prepareSyncSocket,
	SyncInflater,
	SYNC_SOCKET_OPTIONS
} from './sync-socket';

function fakeSocket() {
	const sent: { size: number; compress: boolean | undefined; hasCallback: boolean }[] = [];
	const ws = {
		send(data: Uint8Array | string, options: { compress?: boolean }, cb?: () => void) {
			sent.push({
				size: typeof data === 'string' ? data.length : data.byteLength,
				compress: options.compress,
				hasCallback: !!cb
			});
		}
	};
	return { ws: prepareSyncSocket(ws as unknown as WebSocket), sent };
}

describe('prepareSyncSocket', () => {
	it('sends the small per-update frames uncompressed and compresses large ones, callbacks kept', () => {
		const { ws, sent } = fakeSocket();
		ws.send(new Uint8Array(60), () => {}); // Hocuspocus: send(message, callback)
		ws.send(JSON.stringify({ type: 'stored', sv: 'AAAA' }));
		ws.send(new Uint8Array(COMPRESS_FROM_BYTES), () => {});
		ws.send(new Uint8Array(200_000));
		expect(sent).toEqual([
			{ size: 60, compress: false, hasCallback: true },
			{ size: 29, compress: false, hasCallback: false },
			{ size: COMPRESS_FROM_BYTES, compress: true, hasCallback: true },
			{ size: 200_000, compress: true, hasCallback: false }
		]);
	});

	it('leaves an explicit choice to the caller', () => {
		const { ws, sent } = fakeSocket();
		ws.send(new Uint8Array(10), { compress: true });
		expect(sent[0].compress).toBe(true);
	});

	it('leaves out Hocuspocus’ per-update "applied" status (callback still called), keeps "refused" and everything else', () => {
		const { ws, sent } = fakeSocket();
		const applied = new OutgoingMessage('day:plan-1:u-proctor-1').writeSyncStatus(true).toUint8Array();
		const refused = new OutgoingMessage('day:plan-1:u-proctor-1').writeSyncStatus(false).toUint8Array();
		const longName = new OutgoingMessage('x'.repeat(300)).writeSyncStatus(true).toUint8Array();
		let called = 0;
		ws.send(applied, () => called++);
		ws.send(longName, () => called++);
		ws.send(refused, () => {});
		ws.send(new OutgoingMessage('day:plan-1:u-proctor-1').writeStateless('{}').toUint8Array());
		expect(called).toBe(2);
		expect(sent.map((s) => s.size)).toEqual([refused.byteLength, expect.any(Number)]);
		expect(isSyncStatusApplied(applied)).toBe(true);
		expect(isSyncStatusApplied(new Uint8Array(0))).toBe(false);
	});
});

describe('inbound frames inflated at once (SyncInflater)', () => {
	const closers: (() => void)[] = [];
	afterEach(() => closers.splice(0).forEach((close) => close()));

	/** A /sync-like server: every message back to the test, with whether the socket inflates in place. */
	async function server(maxPayload = SYNC_SOCKET_OPTIONS.maxPayload!, isInPlace = true) {
		const wss = new WebSocketServer({ ...SYNC_SOCKET_OPTIONS, noServer: false, port: 0, maxPayload });
		await new Promise<void>((ok) => wss.once('listening', () => ok()));
		const received: Buffer[] = [];
		const closes: number[] = [];
		let inPlace: boolean[] = [];
		wss.on('connection', (ws) => {
			inPlace = [...inPlace, isInPlace && inflateInPlace(ws)];
			ws.on('message', (data) => received.push(data as Buffer));
			ws.on('error', () => {});
		});
		closers.push(() => wss.close());
		const port = (wss.address() as { port: number }).port;
		const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: { threshold: 0 } });
		client.on('error', () => {});
		client.on('close', (code) => closes.push(code)); // the code the server closed with
		await new Promise<void>((ok) => client.once('open', () => ok()));
		closers.push(() => client.terminate());
		return { client, received, closes, inPlace: () => inPlace };
	}

	const until = async (check: () => boolean) => {
		for (let i = 0; i < 2000 && !check(); i++) await new Promise((ok) => setTimeout(ok, 5));
		expect(check()).toBe(true);
	};

	it('gives back exactly what the client sent, message after message (the window kept), large ones too', async () => {
		const { client, received, inPlace } = await server();
		expect(inPlace()).toEqual([true]); // this Node's zlib has the synchronous path
		const sent: Buffer[] = [];
		for (let i = 0; i < 300; i++)
			sent.push(
				Buffer.from(JSON.stringify({ id: `e-u-proctor-1-${i}`, kind: 'attendance', seat: i % 30, present: i % 7 > 0 }))
			);
		sent.push(randomBytes(150_000)); // inflates past the 64 KB scratch, in several steps
		sent.push(Buffer.concat([randomBytes(40_000), Buffer.alloc(200_000, 7)]));
		sent.push(Buffer.from('the end'));
		for (const m of sent) client.send(m);
		await until(() => received.length === sent.length);
		expect(received.map((b) => b.equals(sent[received.indexOf(b)]))).toEqual(sent.map(() => true));
	});

	it('closes with 1007, as ws does, on data that is not deflate', async () => {
		for (const isInPlace of [true, false]) {
			const { client, closes, received } = await server(undefined, isInPlace);
			const deflate = (client as unknown as { _extensions: Record<string, { _compress: unknown }> })._extensions[
				'permessage-deflate'
			];
			deflate._compress = (_data: Buffer, _fin: boolean, cb: (e: Error | null, r: Buffer) => void) =>
				cb(null, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00]));
			client.send('anything');
			await until(() => closes.length === 1);
			expect({ isInPlace, closes, received }).toEqual({ isInPlace, closes: [1007], received: [] });
		}
	});

	it('stops inflating a message once it passes maxPayload (a compressed bomb is never inflated whole)', () => {
		const bomb = zlib.deflateRawSync(Buffer.alloc(20 * 1024 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
		const payload = bomb.subarray(0, bomb.length - 4); // as on the wire: the trailer left out
		expect(() => new SyncInflater(15, 1024 * 1024).inflate(payload, true)).toThrow(/Max payload size exceeded/);
		expect(new SyncInflater(15, 0).inflate(payload, true).length).toBe(20 * 1024 * 1024);
	});

	it('closes with 1009, as ws does, a message that inflates past the socket’s maxPayload', async () => {
		for (const isInPlace of [true, false]) {
			const { client, closes, received } = await server(1024 * 1024, isInPlace);
			client.send(Buffer.alloc(4 * 1024 * 1024));
			await until(() => closes.length === 1);
			expect({ isInPlace, closes, received }).toEqual({ isInPlace, closes: [1009], received: [] });
		}
	});
});
