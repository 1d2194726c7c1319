// A device renews its token while online; an expired token cannot be renewed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken } from '../support/node-device';

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TOKEN_SECONDS: '4' } });
});
afterAll(async () => {
	await s.kill();
});

const refresh = (token: string) =>
	fetch(`${s.url}/api/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

it('renews a valid token with a later expiry and refuses an expired one', async () => {
	const token = await signInToken(s.url, 'jiankao1');
	await new Promise((r) => setTimeout(r, 1100));
	const renewed = await refresh(token);
	expect(renewed.status).toBe(200);
	const body = await renewed.json();
	expect(decodeJwt(body.token).exp!).toBeGreaterThan(decodeJwt(token).exp!);
	expect(body.user.username).toBe('jiankao1');

	await new Promise((r) => setTimeout(r, 4200));
	expect((await refresh(token)).status).toBe(401);
});
