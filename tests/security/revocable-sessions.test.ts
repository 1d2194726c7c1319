// "Tokens cannot be revoked": after a password change the old token still signed in, refreshed
// and synced; a disabled user's open WebSocket kept writing. Now every token names its sign-in
// (session) and the user's token version, both checked on every API call and /sync connection,
// and the server closes the sockets of an ended sign-in at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { admin } from './admin';
import { messageText } from '../../src/lib/domain/message-text';
import { translator } from '../support/translator';

const PLAN = 'demo-20270116';
let s: KaowuServer;

beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

const me = (token: string) => fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
const refresh = (token: string) =>
	fetch(`${s.url}/api/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

/** Whether /sync lets this token open the user's own day document. */
async function syncAccepts(token: string, docName: string): Promise<boolean> {
	const device = connectDevice(s.url, docName, token);
	try {
		return await Promise.race([
			device.whenSynced.then(() => true),
			waitFor(() => device.authFailures.length > 0, 15_000, 'auth failure').then(() => false)
		]);
	} finally {
		device.destroy();
	}
}

describe('revocable sign-ins', () => {
	it('a password change made with the admin CLI ends the old token for the API, refresh and /sync', async () => {
		const token = await signInToken(s.url, 'jiankao3');
		expect((await me(token)).status).toBe(200);
		const changed = await admin(s.dataDir, ['set-password', '--username', 'jiankao3']);
		expect(changed.code, changed.out).toBe(0);
		const refused = await me(token);
		expect(refused.status).toBe(401);
		const body = await refused.json();
		expect(body.message).toContain('密码已更改');
		// The screen words the refusal in its language (describeError reads `msg`).
		expect(messageText(body.msg, await translator('en'))).toContain('the password was changed');
		expect((await refresh(token)).status).toBe(401);
		expect(await syncAccepts(token, `day:${PLAN}:u-proctor-3`)).toBe(false);
	});

	it('an expired or unknown token and a sign-in without a password are refused in both languages', async () => {
		const expired = await (await me('not-a-token')).json();
		expect(expired).toMatchObject({ error: 'unauthenticated', message: '登录已过期，请重新登录' });
		expect(messageText(expired.msg, await translator('en'))).toBe('Your sign-in has expired: sign in again');
		const blank = await fetch(`${s.url}/api/auth/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'jiankao3' })
		});
		expect(blank.status).toBe(400);
		const said = await blank.json();
		expect(said.message).toBe('请输入用户名和密码');
		expect(messageText(said.msg, await translator('en'))).toBe('Enter the username and password');
	});

	it('disabling a user closes his open /sync socket at once, and nothing he sends after is stored', async () => {
		const token = await signInToken(s.url, 'jiankao4');
		const docName = `day:${PLAN}:u-proctor-4`;
		const device = connectDevice(s.url, docName, token);
		let isClosed = false;
		device.provider.on('close', () => (isClosed = true));
		try {
			await device.whenSynced;
			const disabled = await admin(s.dataDir, ['disable-user', '--username', 'jiankao4']);
			expect(disabled.code, disabled.out).toBe(0);
			await waitFor(() => isClosed, 10_000, 'the disabled user’s socket to close');
			device.doc.getMap('entries').set('e-after-disable', { v: 1, id: 'e-after-disable' });
			await waitFor(() => device.authFailures.length > 0, 10_000, 'the reconnect to be refused');
			expect(device.authFailures).toContain('session-ended');
			expect(storedDoc(s.dataDir, docName).getMap('entries').has('e-after-disable')).toBe(false);
		} finally {
			device.destroy();
		}
	});

	it('"sign out everywhere" ends every device of the user, including its open sockets', async () => {
		const tablet = await signInToken(s.url, 'kaoping1');
		const phone = await signInToken(s.url, 'kaoping1');
		const out = await fetch(`${s.url}/api/auth/sign-out-everywhere`, {
			method: 'POST',
			headers: { authorization: `Bearer ${phone}` }
		});
		expect(out.status).toBe(200);
		expect((await me(tablet)).status).toBe(401);
		expect((await refresh(phone)).status).toBe(401);
		const again = await signInToken(s.url, 'kaoping1');
		expect((await me(again)).status).toBe(200);
	});

	it('an admin lists a user’s devices and ends one; the other device keeps working', async () => {
		const lost = await signInToken(s.url, 'kaoping2');
		const kept = await signInToken(s.url, 'kaoping2');
		const centre = await signInToken(s.url, 'zhongxin');
		const listed = await fetch(`${s.url}/api/users/kaoping2/sessions`, {
			headers: { authorization: `Bearer ${centre}` }
		});
		expect(listed.status).toBe(200);
		const { sessions } = (await listed.json()) as { sessions: { id: string; endedAt: string | null }[] };
		expect(sessions.filter((d) => !d.endedAt)).toHaveLength(2);
		const cli = await admin(s.dataDir, ['list-devices', '--username', 'kaoping2']);
		expect(cli.out).toContain(sessions[1].id);
		// sessions are newest first: [kept, lost]
		const ended = await admin(s.dataDir, ['end-device', '--username', 'kaoping2', '--id', sessions[1].id]);
		expect(ended.code, ended.out).toBe(0);
		expect((await me(lost)).status).toBe(401);
		expect((await me(kept)).status).toBe(200);
	});

	it('a proctor may not list or end another user’s devices', async () => {
		const proctor = await signInToken(s.url, 'jiankao1');
		const r = await fetch(`${s.url}/api/users/zhongxin/sessions`, { headers: { authorization: `Bearer ${proctor}` } });
		expect(r.status).not.toBe(200);
	});
});

void Y;
