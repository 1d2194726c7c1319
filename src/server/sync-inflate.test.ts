import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type PerMessageDeflateOptions } from 'ws';
import { inflateAtOnce } from './sync-inflate';
import { SYNC_SOCKET_OPTIONS } from './sync-socket';

interface Rig {
	client: WebSocket;
	server: WebSocket;
	received: Buffer[];
	close: () => Promise<void>;
}

const servers: WebSocketServer[] = [];
afterEach(async () => {
	for (const s of servers.splice(0)) await new Promise((ok) => s.close(ok));
});

/** A server socket with the /sync options and inflateAtOnce, and a client that compresses. */
async function rig(clientDeflate: PerMessageDeflateOptions | false = {}, maxPayload?: number): Promise<Rig> {
	const wss = new WebSocketServer({ ...SYNC_SOCKET_OPTIONS, noServer: false, port: 0, host: '127.0.0.1', maxPayload });
	servers.push(wss);
	await new Promise((ok) => wss.once('listening', ok));
	const received: Buffer[] = [];
	const server = new Promise<WebSocket>((ok) =>
		wss.once('connection', (ws) => {
			inflateAtOnce(ws);
			ws.on('message', (data) => received.push(data as Buffer));
			ws.on('error', () => {});
			ok(ws);
		})
	);
	const { port } = wss.address() as { port: number };
	const client = new WebSocket(`ws://127.0.0.1:${port}`, {
		perMessageDeflate: clientDeflate && { threshold: 0, ...clientDeflate }
	});
	client.on('error', () => {});
	await new Promise((ok) => client.once('open', ok));
	return {
		client,
		server: await server,
		received,
		close: async () => {
			client.close();
			await new Promise((ok) => client.once('close', ok));
		}
	};
}

/** An attendance entry's JSON: each repeats most of the one before, as a proctor's do. */
const entry = (n: number) =>
	JSON.stringify({
		id: `e-${n}`,
		kind: 'attendance',
		hlc: `${1800000000000 + n}:000000:dev-a`,
		candidateId: `c${String(n % 120).padStart(4, '0')}`,
		data: { state: n % 7 ? 'present' : 'absent', sessionId: 's-theory-r101', time: '09:02' }
	});

/** Waits for what the server received (at most 10 s, then fails saying what it holds). */
async function until(check: () => boolean, received: Buffer[]): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`the server received ${received.length} message(s), not all of them`);
		await new Promise((r) => setImmediate(r));
	}
}

/** ws's own inflating stream of a socket (null while ws has not inflated anything itself). */
const wsOwnInflate = (ws: WebSocket) =>
	(ws as unknown as { _extensions: Record<string, { _inflate: unknown }> })._extensions['permessage-deflate']._inflate;

type Answer = (error: Error | null, data?: Buffer) => void;

/** The server socket's permessage-deflate extension, whose decompress inflateAtOnce replaced. */
const negotiated = (ws: WebSocket) =>
	(ws as unknown as { _extensions: Record<string, { decompress(data: Buffer, fin: boolean, answer: Answer): void }> })
		._extensions['permessage-deflate'];

describe('inflateAtOnce', () => {
	it('hands every compressed message over intact and in order, the window kept from one to the next', async () => {
		const { client, server, received, close } = await rig();
		const sent = Array.from({ length: 1000 }, (_, n) => Buffer.from(entry(n)));
		for (const m of sent) client.send(m, { binary: true, compress: true });
		await until(() => received.length === sent.length, received);
		expect(received.map(String)).toEqual(sent.map(String));
		expect(wsOwnInflate(server), "ws's own inflating stream was used").toBeFalsy();
		await close();
	});

	it('takes messages fragmented over several frames', async () => {
		const { client, received, close } = await rig();
		const big = Buffer.from(Array.from({ length: 400 }, (_, n) => entry(n)).join('\n'));
		client.send(big.subarray(0, 5000), { binary: true, compress: true, fin: false });
		client.send(big.subarray(5000, 20000), { binary: true, compress: true, fin: false });
		client.send(big.subarray(20000), { binary: true, compress: true, fin: true });
		client.send(Buffer.from(entry(1)), { binary: true, compress: true });
		await until(() => received.length === 2, received);
		expect(String(received[0])).toBe(String(big));
		expect(String(received[1])).toBe(entry(1));
		await close();
	});

	it('works where the client resets its window after every message (no context takeover)', async () => {
		const { client, received, close } = await rig({ clientNoContextTakeover: true });
		for (let n = 0; n < 50; n++) client.send(Buffer.from(entry(n)), { binary: true, compress: true });
		await until(() => received.length === 50, received);
		expect(received.map(String)).toEqual(Array.from({ length: 50 }, (_, n) => entry(n)));
		await close();
	});

	it('leaves a client that does not compress as it is', async () => {
		const { client, server, received, close } = await rig(false);
		for (let n = 0; n < 20; n++) client.send(Buffer.from(entry(n)), { binary: true });
		await until(() => received.length === 20, received);
		expect(received.map(String)).toEqual(Array.from({ length: 20 }, (_, n) => entry(n)));
		expect((server as unknown as { _extensions: object })._extensions).not.toHaveProperty('permessage-deflate');
		await close();
	});

	it('closes the connection when a small frame inflates beyond the largest message allowed', async () => {
		const { client, received } = await rig({}, 64 * 1024);
		const closed = new Promise<number>((ok) => client.once('close', (code) => ok(code)));
		client.send(Buffer.alloc(1024 * 1024), { binary: true, compress: true }); // ~1 KB on the wire
		expect(await closed).not.toBe(1000);
		expect(received).toHaveLength(0);
	});

	it('stops inflating as soon as a message passes the largest allowed, not at its end', async () => {
		const { client, server, close } = await rig({}, 64 * 1024);
		const deflate = negotiated(server);
		const zlib = await import('node:zlib');
		const bomb = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
		const answer = await new Promise<{ error: Error | null; data?: Buffer }>((ok) =>
			deflate.decompress(bomb.subarray(0, bomb.length - 4), true, (error: Error | null, data?: Buffer) =>
				ok({ error, data })
			)
		);
		expect(answer.error?.message).toBe('Max payload size exceeded');
		expect(answer.data).toBeUndefined();
		client.terminate();
		await close().catch(() => {});
	});

	it('answers corrupt compressed data with an error, not a message', async () => {
		const { server, received, close } = await rig();
		const deflate = negotiated(server);
		const answer = await new Promise<{ error: Error | null; data?: Buffer }>((ok) =>
			deflate.decompress(
				Buffer.from([0xff, 0xff, 0xff, 0x00, 0x12, 0x34]),
				true,
				(error: Error | null, data?: Buffer) => ok({ error, data })
			)
		);
		expect(answer.error).toBeInstanceOf(Error);
		expect(received).toHaveLength(0);
		await close();
	});
});
