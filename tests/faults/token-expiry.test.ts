// Scenario 6: a token expires while a tablet is offline for a day; after signing in again, its
// unsent entries are delivered. The server's signing secret is the test's, so the expired token is
// signed with a clock two days back instead of waiting for a real one to run out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, waitFor } from '../support/node-device';
import { decodeJwt } from 'jose';
import { TokenSigner, type TokenClaims } from '../../src/server/auth';
import { Tablet, entryWritesInRows, expectServerHoldsUnion } from './fleet';

const SECRET = 'fault-suite-token-expiry-secret-0123456789abcdef';
const DAY = 24 * 3600_000;

let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_SECRET: SECRET } });
});
afterAll(async () => {
	await server.kill();
});

it('entries recorded offline past the token’s expiry reach the server after signing in again', async () => {
	const tablet = new Tablet('u-proctor-4');
	try {
		const signedIn = await signInToken(server.url, 'jiankao4');
		tablet.connect(server.url, signedIn);
		await tablet.whenConnected();
		tablet.write(3);
		await tablet.whenAcknowledged();

		tablet.disconnect(); // the network is gone for "a day" (longer than the token lives)
		tablet.write(10);
		// The same sign-in (same session and claims), as if issued two days ago for one day.
		const claims = decodeJwt(signedIn) as unknown as TokenClaims;
		const { token: expired } = await new TokenSigner(SECRET, DAY / 1000).sign(claims, Date.now() - 2 * DAY);

		tablet.connect(server.url, expired);
		await waitFor(() => tablet.synced.status.authError !== null, 10_000, 'refusal');
		expect(tablet.synced.status.authError).toBe('token-expired');
		expect(tablet.synced.status.unsent).toBe(10);
		expect(entryWritesInRows(server.dataDir, tablet.docName).size).toBe(3); // nothing accepted on an expired token

		tablet.connect(server.url, await signInToken(server.url, 'jiankao4')); // the proctor signs in again
		await tablet.whenAcknowledged();
		expect(tablet.made.size).toBe(13);
		expectServerHoldsUnion(server.dataDir, [tablet]);
	} finally {
		await tablet.close();
	}
});
