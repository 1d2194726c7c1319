// A TCP proxy between tablets and the server that a test can cut: every open connection is
// destroyed mid-stream (like a Wi-Fi drop), optionally refusing new ones for a while.
import { createServer, connect, type Socket } from 'node:net';

export async function startProxy(targetPort: number) {
	const sockets = new Set<Socket>();
	let isRefusing = false;
	let bytes = 0;
	let refused = 0;
	const server = createServer((client) => {
		if (isRefusing) {
			refused++;
			return void client.destroy();
		}
		const upstream = connect(targetPort, '127.0.0.1');
		for (const s of [client, upstream]) {
			sockets.add(s);
			s.on('close', () => sockets.delete(s));
			s.on('error', () => s.destroy());
		}
		client.on('data', (d) => (bytes += d.length));
		client.pipe(upstream);
		upstream.pipe(client);
		client.on('close', () => upstream.destroy());
		upstream.on('close', () => client.destroy());
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}`,
		bytesFromClients: () => bytes,
		/** Connections turned away while refusing. */
		refusedConnections: () => refused,
		/** Destroys every connection at once, mid-message if one is in flight. */
		dropAll() {
			for (const s of sockets) s.destroy();
		},
		setRefusing(value: boolean) {
			isRefusing = value;
		},
		close: () =>
			new Promise<void>((ok) => {
				for (const s of sockets) s.destroy();
				server.close(() => ok());
			})
	};
}
