// The preamble many node test files shared: one server of their own (no app build) started before
// the file's tests and killed after them, /sync devices opened on it and closed at the end, and the
// JSON API called with a token. `server.url` and `server.dataDir` read the running server.
export { planHashOf } from './plan-hash';
import { afterAll, beforeAll } from 'vitest';
import { startKaowu, type KaowuServer } from './kaowu-server';
import { connectDevice, type NodeDevice } from './node-device';

export interface FileServer {
	readonly url: string;
	readonly dataDir: string;
	readonly running: KaowuServer;
	/** A /sync device on one document, closed after the file's tests. */
	open(docName: string, token: string): NodeDevice;
	/** The JSON API as `token`'s holder: status and parsed body. */
	api(
		method: string,
		path: string,
		token: string,
		body?: unknown
	): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Registers beforeAll/afterAll: a server for this file (KAOWU_NO_APP=1 unless `env` says otherwise). */
export function serverForFile(options: Parameters<typeof startKaowu>[0] = {}): FileServer {
	let server: KaowuServer | null = null;
	const devices: NodeDevice[] = [];
	beforeAll(async () => {
		server = await startKaowu({ ...options, env: { KAOWU_NO_APP: '1', ...options.env } });
	}, 60_000);
	afterAll(async () => {
		for (const d of devices.splice(0)) d.destroy();
		await server?.kill();
	});
	const running = (): KaowuServer => {
		if (!server) throw new Error('the server has not started (use it inside a test)');
		return server;
	};
	return {
		get url() {
			return running().url;
		},
		get dataDir() {
			return running().dataDir;
		},
		get running() {
			return running();
		},
		open(docName, token) {
			const device = connectDevice(running().url, docName, token);
			devices.push(device);
			return device;
		},
		async api(method, path, token, body) {
			const r = await fetch(`${running().url}${path}`, {
				method,
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				...(body === undefined ? {} : { body: JSON.stringify(body) })
			});
			return { status: r.status, body: (await r.json()) as Record<string, unknown> };
		}
	};
}
