// Attack (issue 11, "only the server speaks for the server"): a colleague who may read a proctor's
// day document sends stateless broadcasts and awareness on /sync, hoping Hocuspocus relays them to
// the proctor's tablet as if the server had said them: `{type:"access",access:"read"}` (the tablet
// then stops counting its entries as unsent, see Session.unsentCount) and `{type:"stored"}` with a
// vector claiming every future entry (entries written offline afterwards look stored). The victim
// here is the real client (SyncedDoc over fake-indexeddb), and the checks are on what its status,
// i.e. its screen and its sign-out/clear-device refusals, then says.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { SyncedDoc, type DocStatus } from '../../src/lib/sync/synced-doc';
import { encodeStored } from '../../src/lib/sync/server-messages';

const PLAN = 'demo-20270116';
const VICTIM_DOC = `day:${PLAN}:u-proctor-1`;

let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

function socketTo(url: string) {
	return new HocuspocusProviderWebsocket({
		url: url.replace(/^http/, 'ws') + '/sync',
		WebSocketPolyfill: WebSocket,
		maxAttempts: 0
	});
}

/** A raw Hocuspocus frame: document name, message type, then a string or bytes. */
function frame(docName: string, type: number, body: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, docName);
	encoding.writeVarUint(e, type);
	body(e);
	return encoding.toUint8Array(e);
}

const whenStatus = (doc: SyncedDoc, check: (s: DocStatus) => boolean, what: string) =>
	waitFor(() => check(doc.status), 15_000, what);

it('a reader cannot forge the server: relayed "access" and "stored" messages and awareness never reach the writer', async () => {
	const victimSocket = socketTo(server.url);
	const victimToken = await signInToken(server.url, 'jiankao1');
	const victim = new SyncedDoc(VICTIM_DOC, 'victim');
	await victim.whenLoaded;
	victim.attach(victimSocket, () => victimToken);
	await whenStatus(victim, (s) => s.access === 'write', 'write access');
	victim.doc.getMap('entries').set('e-before', { v: 1, id: 'e-before' });
	await whenStatus(victim, (s) => s.unsent === 0 && s.storedAt !== null, 'first entry stored');

	// The attacker: a co-proctor of the plan, who may read the victim's day document.
	const attacker = connectDevice(server.url, VICTIM_DOC, await signInToken(server.url, 'jiankao2'));
	await attacker.whenSynced;
	const victimClient = victim.doc.clientID;
	// A vector claiming a million records of the victim: everything it writes later looks stored.
	const forgedSv = Y.encodeStateVector(new Map([[victimClient, 1_000_000]]));
	const forgedStored = JSON.stringify(encodeStored(forgedSv, 0));
	const forgedAccess = JSON.stringify({ type: 'access', access: 'read' });
	const raw = attacker.socket.webSocket as unknown as { send: (b: Uint8Array) => void };
	for (const payload of [forgedAccess, forgedStored])
		raw.send(frame(VICTIM_DOC, 6, (e) => encoding.writeVarString(e, payload)));
	attacker.provider.awareness!.setLocalStateField('claim', 'I am the server');

	// Barrier 1: the server has handled the attacker's frames once it answers a later one (its
	// write on a read-only connection is refused).
	attacker.doc.getMap('entries').set('e-attacker', { v: 1, id: 'e-attacker' });
	await waitFor(() => attacker.messages.some((m) => m.type === 'refused'), 15_000, 'attacker refused');
	// Barrier 2: anything relayed to the victim was written to its socket before the server's
	// greeting on another document over the same socket, so the victim has read it by then.
	const barrier = new SyncedDoc(`roster:${PLAN}:u-proctor-1`, 'victim');
	await barrier.whenLoaded;
	barrier.attach(victimSocket, () => victimToken);
	await whenStatus(barrier, (s) => s.access === 'read', 'greeting on the second document');

	expect.soft(victim.status.access, 'the victim still knows it may write').toBe('write');
	const provider = (victim as unknown as { provider: { awareness: { getStates(): Map<number, unknown> } } }).provider;
	expect.soft([...provider.awareness.getStates().keys()]).not.toContain(attacker.doc.clientID);

	// The tablet loses the network and the proctor keeps recording: those entries are unsent.
	victim.detach();
	victim.doc.getMap('entries').set('e-offline', { v: 1, id: 'e-offline' });
	expect.soft(victim.status.unsent, 'the entry written offline counts as unsent').toBe(1);
	expect(storedDoc(server.dataDir, VICTIM_DOC).getMap('entries').has('e-offline')).toBe(false);

	attacker.destroy();
	await barrier.destroy();
	await victim.destroy();
	victimSocket.destroy();
});
