// Scenario 1: the server is killed (kill -9) while devices are sending, and restarted.
import { afterEach, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, storedDoc, waitFor } from '../support/node-device';
import { Tablet, expectServerHoldsUnion } from './fleet';

let servers: KaowuServer[] = [];
let tablets: Tablet[] = [];
afterEach(async () => {
	await Promise.all(tablets.map((t) => t.close()));
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
	await Promise.all(tablets.map((t) => t.whenConnected()));

	// Keep writing while the server dies: every 10 ms, every tablet records an entry.
	let isWriting = true;
	const writer = (async () => {
		while (isWriting) {
			tablets.forEach((t) => t.write());
			await new Promise((r) => setTimeout(r, 10));
		}
	})();
	await waitFor(() => tablets.every((t) => t.acknowledgedEntryIds().length >= 5), 15_000, 'first acknowledgements');
	const acknowledged = tablets.map((t) => t.acknowledgedEntryIds());
	await first.kill();
	// Whatever a tablet was told is stored must be in the SQLite file of the dead server.
	tablets.forEach((t, i) => {
		const onDisk = storedDoc(first.dataDir, t.docName).getMap('entries');
		expect(acknowledged[i].length).toBeGreaterThan(0);
		for (const id of acknowledged[i]) expect(onDisk.has(id), `${id} acknowledged but not on disk`).toBe(true);
	});
	// Tablets keep recording while the server is down.
	const madeWhileDown = tablets.map((t) => t.made.size + 10);
	await waitFor(() => tablets.every((t, i) => t.made.size >= madeWhileDown[i]), 10_000, 'entries made offline');
	const second = await startKaowu({ dataDir: first.dataDir, port: first.port, env: { KAOWU_NO_APP: '1' } });
	servers.push(second);
	// …and while they reconnect to the restarted server.
	const madeBeforeRestart = tablets.map((t) => t.made.size + 10);
	await waitFor(
		() => tablets.every((t, i) => t.made.size >= madeBeforeRestart[i]),
		10_000,
		'entries made after restart'
	);
	isWriting = false;
	await writer;

	// The providers reconnect by themselves and resend whatever the server lacks.
	await Promise.all(tablets.map((t) => t.whenAcknowledged(30_000)));
	expect(tablets.every((t) => t.made.size > 30)).toBe(true);
	expectServerHoldsUnion(second.dataDir, tablets);
});
