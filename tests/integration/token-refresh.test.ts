// A device renews its token while online; an expired token cannot be renewed. The server's signing
// secret is the test's, so older and expired tokens are signed with a clock set back instead of
// waiting for real ones to age.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken } from '../support/node-device';
import { TokenSigner, type TokenClaims } from '../../src/server/auth';

const SECRET = 'token-refresh-test-secret-0123456789abcdef';
const LIFETIME_SECONDS = 3600;

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({
		env: { KAOWU_NO_APP: '1', KAOWU_SECRET: SECRET, KAOWU_TOKEN_SECONDS: String(LIFETIME_SECONDS) }
	});
}, 60_000);
afterAll(async () => {
	await s?.kill();
});

const refresh = (token: string) =>
	fetch(`${s.url}/api/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

/** The same sign-in's claims, signed as if `agoMs` ago. */
async function signedAgo(token: string, agoMs: number): Promise<string> {
	const claims = decodeJwt(token) as unknown as TokenClaims;
	return (await new TokenSigner(SECRET, LIFETIME_SECONDS).sign(claims, Date.now() - agoMs)).token;
}

it('renews a valid token with a later expiry and refuses an expired one', async () => {
	const signedIn = await signInToken(s.url, 'jiankao1');
	const older = await signedAgo(signedIn, 10 * 60_000); // ten minutes old, still valid
	const renewed = await refresh(older);
	expect(renewed.status).toBe(200);
	const body = await renewed.json();
	expect(decodeJwt(body.token).exp!).toBeGreaterThan(decodeJwt(older).exp!);
	expect(body.user.username).toBe('jiankao1');

	const expired = await signedAgo(signedIn, 2 * LIFETIME_SECONDS * 1000);
	expect((await refresh(expired)).status).toBe(401);
});
