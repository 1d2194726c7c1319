// Scenario 1: the server is killed (kill -9) while devices are sending, and restarted.
import { afterEach, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, storedDoc, waitFor } from '../support/node-device';
import { Tablet, expectServerHoldsUnion } from './fleet';

let servers: KaowuServer[] = [];
let tablets: Tablet[] = [];
afterEach(async () => {
	tablets.forEach((t) => t.disconnect());
	for (const s of servers) if (s.process.exitCode === null) await s.kill();
	servers = [];
	tablets = [];
});

it('kill -9 while 5 tablets send: after a restart every entry is stored exactly once', async () => {
	const first = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
	servers.push(first);
	tablets = [1, 2, 3, 4, 5].map((n) => new Tablet(`u-proctor-${n}`));
	const tokens = await Promise.all(tablets.map((t, i) => signInToken(first.url, `jiankao${i + 1}`)));
	tablets.forEach((t, i) => t.connect(first.url, tokens[i]));
	await Promise.all(tablets.map((t) => t.device!.whenSynced));

	// Keep writing while the server dies: every 10 ms, every tablet records an entry.
	let isWriting = true;
	const writer = (async () => {
		while (isWriting) {
			tablets.forEach((t) => t.write());
			await new Promise((r) => setTimeout(r, 10));
		}
	})();
	await waitFor(() => tablets.every((t) => t.acknowledgedEntryIds().length >= 5), 15_000, 'first acknowledgements');
	await new Promise((r) => setTimeout(r, 100));
	const acknowledged = tablets.map((t) => t.acknowledgedEntryIds());
	await first.kill();
	// Whatever a tablet was told is stored must be in the SQLite file of the dead server.
	tablets.forEach((t, i) => {
		const onDisk = storedDoc(first.dataDir, t.docName).getMap('entries');
		expect(acknowledged[i].length).toBeGreaterThan(0);
		for (const id of acknowledged[i]) expect(onDisk.has(id), `${id} acknowledged but not on disk`).toBe(true);
	});
	await new Promise((r) => setTimeout(r, 300)); // tablets keep recording while the server is down
	const second = await startKaowu({ dataDir: first.dataDir, port: first.port, env: { KAOWU_NO_APP: '1' } });
	servers.push(second);
	await new Promise((r) => setTimeout(r, 300));
	isWriting = false;
	await writer;

	// The providers reconnect by themselves and resend whatever the server lacks.
	await Promise.all(tablets.map((t) => t.whenAcknowledged(30_000)));
	expect(tablets.every((t) => t.made.size > 30)).toBe(true);
	expectServerHoldsUnion(second.dataDir, tablets);
});
