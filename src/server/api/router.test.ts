// JSON answers are compressed for clients that accept it (brotli, else gzip) once they are large
// enough to gain from it, and sent plain otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { json } from './router';

const big = { rows: Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, name: '考生', score: i })) };
const small = { ok: true };
let server: Server;
let port = 0;

beforeAll(async () => {
	server = createServer((req, res) => json(res, 200, req.url === '/big' ? big : small));
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function get(path: string, acceptEncoding: string) {
	return new Promise<{ encoding?: string; body: Buffer }>((ok, fail) =>
		request({ port, host: '127.0.0.1', path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => ok({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
		})
			.on('error', fail)
			.end()
	);
}

describe('json()', () => {
	it('compresses a large answer with brotli when accepted', async () => {
		const r = await get('/big', 'gzip, deflate, br');
		expect(r.encoding).toBe('br');
		expect(r.body.length).toBeLessThan(JSON.stringify(big).length / 4);
		expect(JSON.parse(brotliDecompressSync(r.body).toString())).toEqual(big);
	});

	it('falls back to gzip, and sends plain JSON to a client that accepts neither', async () => {
		const gz = await get('/big', 'gzip');
		expect(gz.encoding).toBe('gzip');
		expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(big);
		const plain = await get('/big', 'identity');
		expect(plain.encoding).toBeUndefined();
		expect(JSON.parse(plain.body.toString())).toEqual(big);
	});

	it('sends a small answer as it is', async () => {
		const r = await get('/small', 'br');
		expect(r.encoding).toBeUndefined();
		expect(JSON.parse(r.body.toString())).toEqual(small);
	});
});
