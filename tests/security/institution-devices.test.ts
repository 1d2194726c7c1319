// The institution admin's devices screen (issue 15): he lists his institution's accounts and ends
// their devices' sign-ins, and no one else's. Before, the API let him end his staff's devices but
// gave him no way to list them (the centre's accounts screen is the centre's only).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInDevice, signInToken } from '../support/node-device';

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

const get = async (path: string, token: string) => {
	const r = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
	return { status: r.status, body: await r.json() };
};

it('an institution admin lists only his institution’s accounts and ends one of their devices', async () => {
	const jigou = await signInToken(s.url, 'jigou');
	const listed = await get('/api/users', jigou);
	expect(listed.status).toBe(200);
	const names = (listed.body.users as { username: string }[]).map((u) => u.username);
	expect(names).toEqual(expect.arrayContaining(['jiankao1', 'jiankao7', 'dudao']));
	// Examiners are dispatched from another institution; the centre's accounts are not his either.
	expect(names).not.toContain('kaoping1');
	expect(names).not.toContain('zhongxin');
	expect(JSON.stringify(listed.body)).not.toContain('passwordHash');

	const { token: tablet, sessionId } = await signInDevice(s.url, 'jiankao7');
	expect((await get('/api/me', tablet)).status).toBe(200);
	const devices = await get('/api/users/jiankao7/sessions', jigou);
	expect((devices.body.sessions as { id: string }[]).map((d) => d.id)).toContain(sessionId);
	const ended = await fetch(`${s.url}/api/users/jiankao7/sessions/${sessionId}/end`, {
		method: 'POST',
		headers: { authorization: `Bearer ${jigou}` }
	});
	expect(ended.status).toBe(200);
	expect((await get('/api/me', tablet)).status).toBe(401);
	// Another institution's examiner's devices are not his to see.
	expect((await get('/api/users/kaoping1/sessions', jigou)).status).toBe(404);
});

it('proctors and examiners may not list accounts', async () => {
	for (const username of ['jiankao1', 'kaoping1', 'dudao']) {
		const r = await get('/api/users', await signInToken(s.url, username));
		expect(r.status, username).toBe(403);
	}
});
