// The bundle check's refusals, which the device page and the server's 400 show: each in Chinese as
// before and in English.
import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, checkBundle, signBundle } from './bundle-format';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

async function signedBundle() {
	const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
	const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', key.publicKey)) as {
		kty: 'EC';
		crv: 'P-256';
		x: string;
		y: string;
	};
	return signBundle(
		{
			format: BUNDLE_FORMAT,
			version: 2,
			deviceId: 'dev-1',
			userId: 'u1',
			createdAt: '2026-11-28T09:00:00+08:00',
			isUnsentOnly: false,
			publicKey: { kty, crv, x, y },
			docs: [{ name: 'day:p1:u1', update: 'AAA' }]
		},
		key.privateKey
	);
}

async function refusal(text: string) {
	const checked = await checkBundle(text);
	if (checked.ok) throw new Error('expected a refusal');
	return inBothLanguages(checked.error);
}

describe('the bundle check says why a file is not taken, in both languages', () => {
	it('accepts a signed bundle', async () => {
		expect((await checkBundle(JSON.stringify(await signedBundle()))).ok).toBe(true);
	});

	it('a file that is not JSON, an old unsigned bundle, another file, an edited bundle', async () => {
		const edited = { ...(await signedBundle()), userId: 'u2' };
		const cases = [
			['not json', '文件不是考务数据包（无法读取）', 'The file is not an exam data bundle (it cannot be read)'],
			[
				JSON.stringify({ format: BUNDLE_FORMAT, version: 1, docs: [] }),
				'旧版数据包（未签名）不再接受：请在原设备更新应用并重新登录后再导出',
				'Old (unsigned) bundles are no longer accepted'
			],
			[
				JSON.stringify({ hello: 1 }),
				'文件不是考务数据包，或版本不受支持',
				'The file is not an exam data bundle, or its version is not supported'
			],
			[
				JSON.stringify(edited),
				'数据包签名不符：文件在导出后被修改或已损坏，未导入任何内容',
				'The bundle’s signature does not match'
			]
		] as const;
		for (const [text, zh, en] of cases) {
			const words = await refusal(text);
			expect(words.zh).toBe(zh);
			expect(words.en).toContain(en);
			expect(words.en).not.toMatch(CJK);
		}
	});
});
