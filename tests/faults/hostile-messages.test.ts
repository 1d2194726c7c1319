// Scenario 5: malformed and hostile messages reach /sync. The server stays up, stores nothing it
// should not, and a tablet syncing at the same time is not disturbed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { sendRawFrames } from '../support/raw-socket';
import { Tablet, PLAN, expectServerHoldsUnion } from './fleet';

let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
});
afterAll(async () => {
	await server.kill();
});

/** Sends raw frames to /sync and drops the socket once the server has read them. */
function sendRaw(messages: Uint8Array[]): Promise<void> {
	return sendRawFrames(server.url, messages);
}

/** A Hocuspocus-framed message for a document: name, then a y-protocols sync message. */
function framed(docName: string, body: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, docName);
	body(e);
	return encoding.toUint8Array(e);
}

it('random bytes, forged frames and an oversized message do not take the server down', async () => {
	const tablet = new Tablet('u-proctor-1');
	tablet.connect(server.url, await signInToken(server.url, 'jiankao1'));
	await tablet.whenConnected();
	const forgedUpdate = new Y.Doc();
	forgedUpdate.getMap('entries').set('e-forged', { v: 1, id: 'e-forged' });
	const update = Y.encodeStateAsUpdate(forgedUpdate);

	await fc.assert(
		fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 600 }), fc.boolean(), async (bytes, isFramed) => {
			tablet.write();
			const message = isFramed ? framed(`day:${PLAN}:u-proctor-2`, (e) => encoding.writeUint8Array(e, bytes)) : bytes;
			await sendRaw([message]);
		}),
		{ numRuns: 60 }
	);
	// Unauthenticated sync update (type 0 = sync, 2 = update) for someone else's document.
	await sendRaw([
		framed(`day:${PLAN}:u-proctor-2`, (e) => {
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 2);
			encoding.writeVarUint8Array(e, update);
		})
	]);
	await sendRaw([new Uint8Array(20 * 1024 * 1024)]); // above the 16 MiB limit: the socket is closed
	expect(server.process.exitCode, server.output()).toBeNull();

	expect((await fetch(`${server.url}/api/health`)).ok).toBe(true);
	await tablet.whenAcknowledged();
	expectServerHoldsUnion(server.dataDir, [tablet]);
	expect(storedDoc(server.dataDir, `day:${PLAN}:u-proctor-2`).getMap('entries').size).toBe(0);
	if (process.env.SHOW_SERVER_OUTPUT) console.log(server.output());
	await tablet.close();
});

it('a valid update for a document the user does not own is refused; a schema-breaking one is kept out of views', async () => {
	const token = await signInToken(server.url, 'jiankao3');
	const intruder = connectDevice(server.url, `review:${PLAN}:u-supervisor`, token);
	await intruder.whenSynced;
	intruder.doc.getMap('entries').set('e-fake-decision', { v: 1, id: 'e-fake-decision', kind: 'decision' });
	await waitFor(() => intruder.messages.some((m) => m.type === 'refused'), 10_000, 'refusal');
	intruder.destroy();
	expect(storedDoc(server.dataDir, `review:${PLAN}:u-supervisor`).getMap('entries').has('e-fake-decision')).toBe(false);

	const own = new Tablet('u-proctor-3');
	own.connect(server.url, token);
	await own.whenConnected();
	own.doc.getMap('entries').set('e-not-an-entry', { hello: 'world' });
	await own.whenAcknowledged();
	const db = new Database(join(server.dataDir, 'kaowu.sqlite'), { readonly: true });
	await waitFor(
		() => !!db.prepare('SELECT 1 FROM doc_violations WHERE path = ?').get('entries/e-not-an-entry'),
		5000,
		'violation'
	);
	db.close();
	await own.close();
	expect((await fetch(`${server.url}/api/health`)).ok).toBe(true);
});
