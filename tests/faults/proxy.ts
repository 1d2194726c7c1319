// A TCP proxy between tablets and the server that a test can cut: every open connection is
// destroyed mid-stream (like a Wi-Fi drop), optionally refusing new ones for a while; or make hang:
// connections are accepted and nothing ever comes back (the site's Wi-Fi up, the server unreachable).
import { createServer, connect, type Socket } from 'node:net';

export async function startProxy(targetPort: number) {
	const sockets = new Set<Socket>();
	const upstreams = new Map<Socket, Socket>();
	let isRefusing = false;
	let isHanging = false;
	let bytes = 0;
	let refused = 0;
	/** Reads whatever the client sends and never answers: the socket stays open until the client gives up. */
	const hold = (client: Socket) => {
		const upstream = upstreams.get(client);
		if (upstream) {
			upstreams.delete(client);
			client.unpipe(upstream);
			upstream.unpipe(client);
			upstream.removeAllListeners('close');
			upstream.destroy();
		}
		client.resume();
	};
	const server = createServer((client) => {
		if (isRefusing) {
			refused++;
			return void client.destroy();
		}
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		client.on('data', (d) => (bytes += d.length));
		if (isHanging) return hold(client);
		const upstream = connect(targetPort, '127.0.0.1');
		upstreams.set(client, upstream);
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => upstream.destroy());
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
		/** Every open connection and every new one goes silent: accepted, read, never answered. */
		setHanging(value: boolean) {
			isHanging = value;
			if (value) for (const client of [...upstreams.keys()]) hold(client);
		},
		close: () =>
			new Promise<void>((ok) => {
				for (const s of sockets) s.destroy();
				server.close(() => ok());
			})
	};
}
