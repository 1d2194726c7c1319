// Scenario 2: the WebSocket drops in the middle of a sync, again and again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, waitFor } from '../support/node-device';
import { startProxy } from './proxy';
import { Tablet, expectServerHoldsUnion } from './fleet';

let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
});
afterAll(async () => {
	await server.kill();
});

it('connections cut mid-sync 8 times: every entry arrives exactly once', async () => {
	const proxy = await startProxy(server.port);
	const tablets = [1, 2, 3].map((n) => new Tablet(`u-proctor-${n}`));
	try {
		const tokens = await Promise.all(tablets.map((_, i) => signInToken(server.url, `jiankao${i + 1}`)));
		tablets.forEach((t, i) => t.connect(proxy.url, tokens[i]));
		await Promise.all(tablets.map((t) => t.whenConnected()));
		for (let round = 0; round < 8; round++) {
			// A burst of large transactions so a drop lands while updates are in flight.
			const before = proxy.bytesFromClients();
			tablets.forEach((t) => t.write(40));
			// Cut once the tablets have started sending the burst, so the drop lands mid-flight.
			await waitFor(() => proxy.bytesFromClients() > before, 10_000, 'burst on the wire');
			proxy.dropAll();
			if (round % 3 === 1) {
				proxy.setRefusing(true); // the network stays away until every tablet has tried again
				const refused = proxy.refusedConnections();
				tablets.forEach((t) => t.write(5));
				await waitFor(() => proxy.refusedConnections() >= refused + tablets.length, 10_000, 'reconnects refused');
				proxy.setRefusing(false);
			}
		}
		await Promise.all(tablets.map((t) => t.whenAcknowledged(30_000)));
		expect(tablets[0].made.size).toBe(8 * 40 + 3 * 5);
		// What counts is the disk, not the server's memory: stop everything without a chance to flush.
		tablets.forEach((t) => t.disconnect());
		await server.kill();
		expectServerHoldsUnion(server.dataDir, tablets);
	} finally {
		await Promise.all(tablets.map((t) => t.close()));
		await proxy.close();
	}
});
