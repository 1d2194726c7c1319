// "The demo is on for any server": every demo account, centre admin included, has the published
// password, and /api/demo-accounts lists them on any address. The demo still appears on a fresh
// start, but says so loudly, and ends the moment a real account is created with the admin CLI.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken } from '../support/node-device';
import { admin } from './admin';

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

const signIn = (username: string, password = 'kaowu2027') =>
	fetch(`${s.url}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
const demoAccounts = async () => (await (await fetch(`${s.url}/api/demo-accounts`)).json()).accounts as unknown[];

describe('demo safety', () => {
	it('a fresh start has the demo, and its banner says it is a demo not for a real exam', async () => {
		expect(s.output()).toContain('DEMO MODE');
		expect(s.output()).toContain('not for a real exam');
		expect(s.output()).toContain('KAOWU_DEMO=0');
		expect((await demoAccounts()).length).toBeGreaterThan(0);
		expect((await signIn('zhongxin')).status).toBe(200);
	});

	it('creating the first real account ends the demo: demo sign-in refused saying why, demo tokens dead, list empty', async () => {
		const demoToken = await signInToken(s.url, 'zhongxin');
		const added = await admin(s.dataDir, [
			'add-user',
			'--username',
			'wangli',
			'--name',
			'王丽',
			'--role',
			'centre-admin',
			'--org',
			'centre'
		]);
		expect(added.code, added.out).toBe(0);
		const refused = await signIn('zhongxin');
		expect(refused.status).toBe(403);
		const body = await refused.json();
		expect(body.error).toBe('demo-ended');
		expect(body.message).toContain('本服务器已创建正式账号');
		expect((await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${demoToken}` } })).status).toBe(401);
		expect(await demoAccounts()).toEqual([]);
		const password = /password: (\S+)/.exec(added.out)![1];
		expect((await signIn('wangli', password)).status).toBe(200);
		// A wrong password for a demo account does not learn anything more than any wrong password.
		expect((await signIn('jiankao1', 'not-the-password')).status).toBe(401);
	});

	it('the README says how to run without the demo in production', () => {
		const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
		expect(readme).toMatch(/KAOWU_DEMO=0 npm start/);
	});
});
