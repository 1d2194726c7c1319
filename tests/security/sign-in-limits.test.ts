// "Sign-in": the limit was per IP + username, so spraying one password over all accounts was
// unlimited while everyone behind one exam-site NAT could lock a proctor out; an unknown username
// answered in 0.9 ms and a known one in 59 ms; `add-user --password 1` was accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { admin } from './admin';

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_SIGNIN_IP_FAILURES: '20' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

async function signIn(username: string, password: string) {
	const t = performance.now();
	const r = await fetch(`${s.url}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
	return {
		status: r.status,
		ms: performance.now() - t,
		body: await r.json(),
		retryAfter: r.headers.get('retry-after')
	};
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('sign-in limits', () => {
	it('an unknown username costs the same scrypt work as a known one (timing tells nothing)', async () => {
		const known: number[] = [];
		const unknown: number[] = [];
		// One wrong attempt per account, interleaved, so no backoff and no ordering effect.
		for (const name of ['jiankao1', 'jiankao2', 'jiankao3', 'jiankao5', 'jiankao6', 'kaoping3', 'quju']) {
			known.push((await signIn(name, 'wrong-password')).ms);
			unknown.push((await signIn(`${name}-nobody`, 'wrong-password')).ms);
		}
		expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
	});

	it('per-account backoff: after 3 failures the next attempt waits, and the answer says how long', async () => {
		for (let i = 0; i < 3; i++) expect((await signIn('jigou', `guess-${i}`)).status).toBe(401);
		const refused = await signIn('jigou', 'kaowu2027'); // even the right password waits
		expect(refused.status).toBe(429);
		expect(refused.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
		expect(refused.body.message).toMatch(/请 \d+ 秒后再试/);
		expect(refused.retryAfter).toBe(String(refused.body.retryAfterSeconds));
	});

	it('the admin CLI refuses a weak password and takes one from standard input', async () => {
		const weak = await admin(s.dataDir, ['set-password', '--username', 'jiankao4', '--password-stdin'], {
			stdin: '1\n'
		});
		expect(weak.code).not.toBe(0);
		expect(weak.out).toContain('密码至少 10 位');
		const added = await admin(
			s.dataDir,
			[
				'add-user',
				'--username',
				'weak',
				'--name',
				'弱',
				'--role',
				'proctor',
				'--org',
				'inst-shancheng',
				'--password',
				'1'
			],
			{}
		);
		expect(added.code).not.toBe(0);
		const strong = await admin(s.dataDir, ['set-password', '--username', 'jiankao4', '--password-stdin'], {
			stdin: 'shancheng-exam-7781\n'
		});
		expect(strong.code, strong.out).toBe(0);
		expect(strong.out).not.toContain('shancheng-exam-7781');
		expect((await signIn('jiankao4', 'shancheng-exam-7781')).status).toBe(200);
	});
	it('spraying one password over many accounts hits a per-address ceiling, yet the site’s own staff still sign in', async () => {
		expect((await signIn('dudao', 'kaowu2027')).status).toBe(200); // the supervisor's tablet, earlier
		let ceiling = 0;
		for (let i = 0; i < 30 && !ceiling; i++) {
			const r = await signIn(`user${i}`, 'Spring2027!');
			if (r.status === 429) ceiling = i;
		}
		expect(ceiling, 'the spray was never stopped').toBeGreaterThan(0);
		expect((await signIn('jiankao8', 'Spring2027!')).status).toBe(429);
		expect((await signIn('dudao', 'kaowu2027')).status).toBe(200);
	});
});
