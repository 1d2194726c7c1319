import { describe, expect, it } from 'vitest';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import fc from 'fast-check';
import {
	allocateCertificateNumbers,
	buildCertificateNumber,
	validateCertificateNumber,
	type CertificateScopeInput
} from './certificate-number';

const scope: CertificateScopeInput = { evaluatorType: 'S', orgCode: '0000', orgSerial: '000123', year: 2026, level: 3 };

describe('validateCertificateNumber', () => {
	it('splits a valid number into its fields', () => {
		expect(validateCertificateNumber('S000050000123263000001')).toEqual({
			ok: true,
			number: 'S000050000123263000001',
			evaluatorType: 'S',
			orgCode: '0000',
			province: '50',
			orgSerial: '000123',
			year: '26',
			level: 3,
			serial: '000001',
			serialNumber: 1
		});
		expect(validateCertificateNumber(' y123450000123254999999 ').ok).toBe(true);
	});
	it('refuses each kind of error with a reason', () => {
		const cases: [string, string][] = [
			['S00005000012326300000', '应为 22 位'],
			['X000050000123263000001', '第 1 位应为 S'],
			['S0000500001232630000A1', '应全部为数字'],
			['S000050000123266000001', '应为 1–5'],
			['S000050000123260000001', '应为 1–5'],
			['S000099000123263000001', '省份代码'],
			['S000050000123263000000', '000000']
		];
		for (const [no, message] of cases) {
			const r = validateCertificateNumber(no);
			expect(r.ok, no).toBe(false);
			expect(!r.ok && r.error, no).toContain(message);
		}
	});
});

describe('buildCertificateNumber', () => {
	it('defaults the province to Chongqing 50 and pads the fields', () => {
		const r = buildCertificateNumber(scope, 42);
		expect(r.ok && r.number).toBe('S000050000123263000042');
		const elsewhere = buildCertificateNumber({ ...scope, province: '51', evaluatorType: 'Y', orgCode: '0007' }, 1);
		expect(elsewhere.ok && elsewhere.number).toBe('Y000751000123263000001');
	});
	it('refuses bad scopes and serials', () => {
		expect(buildCertificateNumber({ ...scope, orgCode: '12' }, 1).ok).toBe(false);
		expect(buildCertificateNumber({ ...scope, province: '99' }, 1).ok).toBe(false);
		expect(buildCertificateNumber(scope, 0).ok).toBe(false);
		expect(buildCertificateNumber(scope, 1_000_000).ok).toBe(false);
	});
});

describe('allocateCertificateNumbers', () => {
	it('continues after the highest serial of the same scope only', () => {
		const allocated = [
			'S000050000123263000007',
			'S000050000123263000003',
			'S000050000123253000500',
			'S000050000123264000900'
		];
		const r = allocateCertificateNumbers(scope, 2, allocated);
		expect(r).toEqual({ ok: true, numbers: ['S000050000123263000008', 'S000050000123263000009'] });
		expect(allocateCertificateNumbers(scope, 1, [])).toEqual({ ok: true, numbers: ['S000050000123263000001'] });
	});
	it('refuses to run past 999999, in both languages', async () => {
		const r = allocateCertificateNumbers(scope, 2, ['S000050000123263999998']);
		if (r.ok) throw new Error('accepted');
		const said = await inBothLanguages(r.error);
		expect(said.zh).toBe('该机构 2026 年3级证书流水号已用至 999998，不足以再分配 2 个');
		expect(said.en).toBe(
			'This organisation’s level-3 certificate serials for 2026 are used up to 999998: 2 more cannot be allocated'
		);
		const count = allocateCertificateNumbers(scope, -1, []);
		if (count.ok) throw new Error('accepted');
		expect((await inBothLanguages(count.error)).en).not.toMatch(CJK);
	});
	it('never repeats a number, over any sequence of allocations', () => {
		const scopeArb = fc.record({
			evaluatorType: fc.constantFrom('S' as const, 'Y' as const),
			orgCode: fc.constantFrom('0000', '0001'),
			orgSerial: fc.constantFrom('000123', '000124'),
			year: fc.constantFrom(2025, 2026),
			level: fc.constantFrom(1 as const, 3 as const, 5 as const)
		});
		fc.assert(
			fc.property(
				fc.array(fc.tuple(scopeArb, fc.integer({ min: 0, max: 20 })), { maxLength: 15 }),
				fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 10 }),
				(steps, preSerials) => {
					// some numbers already issued, with gaps
					const used: string[] = preSerials.map((s) => {
						const r = buildCertificateNumber(scope, s);
						if (!r.ok) throw new Error(r.error);
						return r.number;
					});
					for (const [stepScope, count] of steps) {
						const r = allocateCertificateNumbers(stepScope, count, used);
						if (!r.ok) throw new Error(r.error.key);
						expect(r.numbers).toHaveLength(count);
						for (const n of r.numbers) expect(validateCertificateNumber(n).ok).toBe(true);
						used.push(...r.numbers);
					}
					expect(new Set(used).size).toBe(used.length);
				}
			)
		);
	});
});
