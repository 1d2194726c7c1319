import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DOCUMENT_TYPES,
	ageOn,
	dateOfAge,
	makeResidentId,
	maskId,
	parseIdentityDocument,
	parseResidentId,
	residentIdCheckChar
} from './identity';

describe('residentIdCheckChar', () => {
	it('computes the GB 11643-1999 example check characters', () => {
		// Examples printed in GB 11643-1999 appendix.
		expect(residentIdCheckChar('11010519491231002')).toBe('X');
		expect(residentIdCheckChar('44052418800101001')).toBe('4');
	});
	it('maps remainder 0 to 1 and remainder 2 to X', () => {
		// weighted sum of 17 zeros is 0 → remainder 0 → '1'
		expect(residentIdCheckChar('00000000000000000')).toBe('1');
		// a single 1 at position 2 (weight 9) → remainder 9 → '3'; at position 1 (weight 7) → '5'
		expect(residentIdCheckChar('01000000000000000')).toBe('3');
		expect(residentIdCheckChar('10000000000000000')).toBe('5');
	});
	it('throws on anything but 17 digits', () => {
		expect(() => residentIdCheckChar('1234')).toThrow(RangeError);
		expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
	});
});

describe('parseResidentId', () => {
	it('accepts a valid number and reads birth date and sex', () => {
		const r = parseResidentId('11010519491231002X');
		expect(r).toEqual({
			ok: true,
			id: '11010519491231002X',
			areaCode: '110105',
			birthDate: '1949-12-31',
			sex: 'F',
			sequence: '002'
		});
	});
	it('normalises lower-case x, spaces and full-width characters', () => {
		const lower = parseResidentId(' 11010519491231002x ');
		expect(lower.ok && lower.id).toBe('11010519491231002X');
		const fullWidth = parseResidentId('１１０１０５１９４９１２３１００２Ｘ');
		expect(fullWidth.ok && fullWidth.id).toBe('11010519491231002X');
	});
	it('reads odd sequence as male, even as female', () => {
		const male = parseResidentId(makeResidentId('500101', '1990-05-17', 123));
		const female = parseResidentId(makeResidentId('500101', '1990-05-17', 124));
		expect(male.ok && male.sex).toBe('M');
		expect(female.ok && female.sex).toBe('F');
	});
	it('rejects a wrong check character with a reason naming the expected one', () => {
		const r = parseResidentId('110105194912310021');
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.code).toBe('checksum');
			expect(r.error).toContain('校验位');
			expect(r.error).toContain('应为 X');
		}
	});
	it('rejects every single-digit typo (MOD 11-2 catches all of them)', () => {
		const id = makeResidentId('500101', '1988-02-29', 37);
		for (let i = 0; i < 17; i++) {
			const digit = Number(id[i]);
			const typo = id.slice(0, i) + String((digit + 1) % 10) + id.slice(i + 1);
			expect(parseResidentId(typo).ok, `typo at ${i}`).toBe(false);
		}
	});
	it('rejects wrong length, letters, impossible birth dates, unknown provinces', () => {
		expect(parseResidentId('1101051949123100').ok).toBe(false);
		const len = parseResidentId('1101051949123100');
		expect(!len.ok && len.code).toBe('length');
		expect(!parseResidentId('1101051949A231002X').ok).toBe(true);
		// 1990-02-30 does not exist; build with a correct checksum so only the date is wrong
		const first17 = '50010119900230001';
		const bad = parseResidentId(first17 + residentIdCheckChar(first17));
		expect(!bad.ok && bad.code).toBe('birth-date');
		const area = '99010119900101001';
		const badArea = parseResidentId(area + residentIdCheckChar(area));
		expect(!badArea.ok && badArea.code).toBe('area');
	});
	it('rejects a birth date after today when today is given', () => {
		const id = makeResidentId('500101', '2026-12-01', 1);
		expect(parseResidentId(id).ok).toBe(true);
		const r = parseResidentId(id, { today: '2026-11-27' });
		expect(!r.ok && r.code).toBe('future-birth-date');
	});
	it('points a residence-permit number to the right document type', () => {
		const first17 = '81000019900101001';
		const r = parseResidentId(first17 + residentIdCheckChar(first17));
		expect(!r.ok && r.code).toBe('residence-permit');
	});
});

describe('makeResidentId', () => {
	it('always builds numbers that parse back to the same birth date and sex', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2015-12-31T00:00:00Z'), noInvalidDate: true }),
				fc.integer({ min: 0, max: 999 }),
				(date, seq) => {
					const birthDate = date.toISOString().slice(0, 10);
					const r = parseResidentId(makeResidentId('500101', birthDate, seq));
					expect(r.ok).toBe(true);
					if (r.ok) {
						expect(r.birthDate).toBe(birthDate);
						expect(r.sex).toBe(seq % 2 === 1 ? 'M' : 'F');
					}
				}
			)
		);
	});
	it('refuses bad arguments', () => {
		expect(() => makeResidentId('5001', '1990-01-01', 1)).toThrow();
		expect(() => makeResidentId('500101', '1990-13-01', 1)).toThrow();
		expect(() => makeResidentId('500101', '1990-01-01', 1000)).toThrow();
	});
});

describe('age', () => {
	it('counts whole years with the birthday itself included', () => {
		expect(ageOn('2010-11-27', '2026-11-26')).toBe(15);
		expect(ageOn('2010-11-27', '2026-11-27')).toBe(16);
	});
	it('handles 29 February birthdays', () => {
		expect(dateOfAge('2008-02-29', 16)).toBe('2024-02-29');
		expect(dateOfAge('2004-02-29', 17)).toBe('2021-03-01');
		expect(ageOn('2004-02-29', '2021-02-28')).toBe(16);
		expect(ageOn('2004-02-29', '2021-03-01')).toBe(17);
	});
});

describe('maskId', () => {
	it('keeps the first 6 and last 4 characters of an 18-character number', () => {
		expect(maskId('50010119900517123x')).toBe('500101********123X');
	});
	it('masks short numbers too', () => {
		expect(maskId('E12345678')).toBe('E1*****78');
		expect(maskId('ABC')).toBe('***');
	});
});

describe('parseIdentityDocument', () => {
	it('runs the checksum for resident IDs', () => {
		expect(parseIdentityDocument({ type: 'resident-id', number: '110105194912310021' }).ok).toBe(false);
		const r = parseIdentityDocument({ type: 'resident-id', number: '11010519491231002x' });
		expect(r.ok && r.isChecksumVerified).toBe(true);
	});
	it('accepts a residence permit without checksum and reads its birth date', () => {
		const r = parseIdentityDocument({ type: 'hmt-residence-permit', number: '810000199001010015' });
		expect(r).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'M', isChecksumVerified: false });
	});
	it('accepts passports and travel permits by shape only', () => {
		expect(parseIdentityDocument({ type: 'passport', number: 'e12345678' })).toMatchObject({
			ok: true,
			number: 'E12345678'
		});
		expect(parseIdentityDocument({ type: 'hk-macao-permit', number: 'H12345678' }).ok).toBe(true);
		expect(parseIdentityDocument({ type: 'taiwan-permit', number: '12345678' }).ok).toBe(true);
		const bad = parseIdentityDocument({ type: 'hk-macao-permit', number: 'X1' });
		expect(!bad.ok && bad.error).toContain('港澳居民来往内地通行证');
	});
	it('rejects malformed input at the edge', () => {
		expect(parseIdentityDocument({ type: 'driving-licence', number: '1' }).ok).toBe(false);
		expect(parseIdentityDocument(null).ok).toBe(false);
	});
});

describe('refusals as messages', () => {
	it('each refusal reads in Chinese exactly as its error, and in English without Chinese', async () => {
		const { translator } = await import('../../../tests/support/translator');
		const { messageText } = await import('./message-text');
		const zh = await translator('zh-CN');
		const en = await translator('en');
		const good = makeResidentId('500103', '1985-03-04', 951);
		const refusals = [
			parseResidentId('12345'),
			parseResidentId('5001031985030409A1'),
			parseResidentId('810000198503040951'),
			parseResidentId('990103198503040951'),
			parseResidentId('500103198513400951'),
			parseResidentId(makeResidentId('500103', '2030-01-01', 951), { today: '2027-01-16' }),
			parseResidentId(good.slice(0, 17) + (good[17] === '1' ? '2' : '1')),
			parseIdentityDocument({ type: 'nonsense', number: '1' }),
			...DOCUMENT_TYPES.filter((type) => type !== 'resident-id').map((type) =>
				parseIdentityDocument({ type, number: '#' })
			)
		];
		const codes = new Set<string>();
		for (const r of refusals) {
			if (r.ok) throw new Error('expected a refusal');
			codes.add(r.code);
			expect(messageText(r.message, zh)).toBe(r.error);
			expect(messageText(r.message, en)).not.toMatch(/[\u4e00-\u9fff]|import\./);
		}
		expect([...codes].sort()).toEqual(
			[
				'area',
				'birth-date',
				'characters',
				'checksum',
				'format',
				'future-birth-date',
				'input',
				'length',
				'residence-permit'
			].sort()
		);
	});
});
