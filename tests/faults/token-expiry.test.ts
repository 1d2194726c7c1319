// Scenario 6: a token expires while a tablet is offline for a day; after signing in again, its
// unsent entries are delivered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, storedDoc, waitFor } from '../support/node-device';
import { Tablet, expectServerHoldsUnion } from './fleet';

let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TOKEN_SECONDS: '3' } });
});
afterAll(async () => {
	await server.kill();
});

it('entries recorded offline past the token’s expiry reach the server after signing in again', async () => {
	const tablet = new Tablet('u-proctor-4');
	tablet.connect(server.url, await signInToken(server.url, 'jiankao4'));
	await tablet.device!.whenSynced;
	tablet.write(3);
	await tablet.whenAcknowledged();
	const token = (tablet.device!.provider.configuration.token as string) ?? '';

	tablet.disconnect(); // the network is gone for "a day" (longer than the token lives)
	tablet.write(10);
	await new Promise((r) => setTimeout(r, 3500));

	const expired = tablet.connect(server.url, token);
	await waitFor(() => expired.authFailures.length > 0, 10_000, 'refusal');
	expect(expired.authFailures[0]).toBe('token-expired');
	expect(storedDoc(server.dataDir, tablet.docName).getMap('entries').size).toBe(3); // nothing accepted on an expired token

	tablet.connect(server.url, await signInToken(server.url, 'jiankao4')); // the proctor signs in again
	await tablet.whenAcknowledged();
	expect(tablet.made.size).toBe(13);
	expectServerHoldsUnion(server.dataDir, [tablet]);
	tablet.disconnect();
});
