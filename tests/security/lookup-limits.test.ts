// "Public look-up: limited per IP only; with name and ID known, the sequential admission number
// was found in 98 guesses from 10 source addresses." Requests here come from 127.0.0.x source
// addresses (all loopback on Linux), as an attacker with several addresses would send them.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_LOOKUP_PER_MINUTE: '40' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

interface Answer {
	status: number;
	body: { error?: string; message?: string; retryAfterSeconds?: number };
	retryAfter: string | undefined;
}

function lookup(from: string, body: { name: string; idNumber: string; admissionNo: string }): Promise<Answer> {
	const text = JSON.stringify(body);
	return new Promise((ok, fail) => {
		const req = request(
			`${s.url}/api/lookup`,
			{
				method: 'POST',
				localAddress: from,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }
			},
			(res) => {
				let data = '';
				res.on('data', (d) => (data += d));
				res.on('end', () =>
					ok({ status: res.statusCode ?? 0, body: JSON.parse(data), retryAfter: res.headers['retry-after'] })
				);
			}
		);
		req.on('error', fail);
		req.end(text);
	});
}

describe('public look-up limits', () => {
	it('walking the admission numbers of one name and ID number from 10 addresses stops after 10 misses, and says when to try again', async () => {
		const answers: Answer[] = [];
		// 9 guesses per address stay under the per-address limit (10 a minute).
		for (let a = 0; a < 10; a++)
			for (let g = 0; g < 9; g++)
				answers.push(
					await lookup(`127.0.0.${2 + a}`, {
						name: '王小明',
						idNumber: '500101200001011234',
						admissionNo: String(26110001 + a * 9 + g)
					})
				);
		const checked = answers.filter((a) => a.status !== 429);
		expect(checked.length).toBe(10);
		const refused = answers.at(-1)!;
		expect(refused.status).toBe(429);
		expect(refused.body.error).toBe('lookup-too-many-misses');
		expect(refused.retryAfter).toBe(String(refused.body.retryAfterSeconds));
		expect(refused.body.message).toMatch(/请于北京时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 以后再试/);
		// Spelled with spaces or a lower-case x, it is the same person.
		const respelled = await lookup('127.0.0.30', {
			name: '王 小明',
			idNumber: '500101200001011234'.toLowerCase() + ' ',
			admissionNo: '26119999'
		});
		expect(respelled.body.error).toBe('lookup-too-many-misses');
	});

	it('one address is still limited to 10 look-ups a minute', async () => {
		const answers: Answer[] = [];
		for (let g = 0; g < 11; g++)
			answers.push(
				await lookup('127.0.2.2', {
					name: `张${g}`,
					idNumber: `50010120000102${String(g).padStart(4, '0')}`,
					admissionNo: '1'
				})
			);
		expect(answers.at(-1)!.body.error).toBe('lookup-too-frequent');
	});

	it('look-ups of many different people from many addresses meet an overall ceiling per minute', async () => {
		const answers: Answer[] = [];
		for (let a = 0; a < 10; a++)
			for (let g = 0; g < 5; g++)
				answers.push(
					await lookup(`127.0.1.${2 + a}`, {
						name: `考生${a}${g}`,
						idNumber: `5001012000010${String(a * 10 + g).padStart(5, '0')}`,
						admissionNo: '26110001'
					})
				);
		const busy = answers.filter((a) => a.body.error === 'lookup-busy');
		expect(busy.length).toBeGreaterThan(0);
		expect(busy[0].body.message).toMatch(/查询的人太多，请 \d+ 秒后再试/);
		expect(Number(busy[0].retryAfter)).toBeGreaterThan(0);
	});
});
