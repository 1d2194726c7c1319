// A small TCP balancer in front of several Kaowu instances: each new connection goes to the next
// instance in turn; an instance that refuses the connection (dead) is skipped. No stickiness.
import { createServer, connect, type Socket } from 'node:net';

export async function startBalancer(targetPorts: number[]) {
	const sockets = new Set<Socket>();
	let next = 0;
	/** Which instance each accepted connection went to, in order. */
	const routed: number[] = [];
	const server = createServer((client) => {
		client.pause();
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		const tryTarget = (attempt: number) => {
			if (attempt >= targetPorts.length) return void client.destroy();
			const port = targetPorts[next++ % targetPorts.length];
			const upstream = connect(port, '127.0.0.1');
			let isConnected = false;
			upstream.once('error', () => {
				upstream.destroy();
				if (!isConnected) tryTarget(attempt + 1);
			});
			upstream.once('connect', () => {
				isConnected = true;
				routed.push(port);
				sockets.add(upstream);
				upstream.on('close', () => {
					sockets.delete(upstream);
					client.destroy();
				});
				upstream.on('error', () => upstream.destroy());
				client.on('close', () => upstream.destroy());
				client.pipe(upstream);
				upstream.pipe(client);
				client.resume();
			});
		};
		tryTarget(0);
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}`,
		routed,
		close: () =>
			new Promise<void>((ok) => {
				for (const s of sockets) s.destroy();
				server.close(() => ok());
			})
	};
}
