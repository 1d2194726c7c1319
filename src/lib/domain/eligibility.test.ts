import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DEFAULT_ELIGIBILITY_RULES,
	TEMPLATE_2023_CONDITIONS,
	ageShortfall,
	conditionMessage,
	conditionsFor,
	minimumAgeFor,
	evaluateEligibility,
	relevantWorkDays,
	type CandidateProfileInput,
	type EligibilityRules
} from './eligibility';
import type { Level } from './catalog';
import { messageText, type Message } from './message-text';
import { plainTranslator } from '../i18n/plain-translator';

/** A message of the rules as a clerk reads it (Chinese), or in English. */
const zh = (m: Message | undefined) => (m ? messageText(m, plainTranslator('zh-CN')) : m);
const en = (m: Message | undefined) => (m ? messageText(m, plainTranslator('en')) : m);

const AS_OF = '2026-11-27';
const base: CandidateProfileInput = { birthDate: '1990-06-01' };

function check(level: Level, profile: CandidateProfileInput, asOf = AS_OF, rules?: EligibilityRules) {
	return evaluateEligibility({ occupationId: 'hr-manager', level, asOf, profile }, rules);
}
function metId(level: Level, profile: CandidateProfileInput, asOf = AS_OF) {
	const r = check(level, profile, asOf);
	if (!r.ok) throw new Error(zh(r.error));
	return r.isEligible ? r.condition.id : null;
}

describe('level 5', () => {
	it('needs 16 full years of age', () => {
		expect(metId(5, { birthDate: '2010-11-27' })).toBe('L5-age-work');
		const young = check(5, { birthDate: '2010-11-28' });
		expect(young.ok && !young.isEligible && zh(young.unmet[0].notes[0])).toBe(
			'截至 2026-11-27 年龄 15 周岁，未满 16 周岁'
		);
	});
	it('the age floor is read from the conditions (one rule for the roster import and the evaluation)', () => {
		expect(minimumAgeFor('hr-manager', 5)).toBe(16);
		expect(minimumAgeFor('hr-manager', 4)).toBeUndefined();
		expect(zh(ageShortfall('hr-manager', 5, '2010-11-28', AS_OF))).toBe('五级/初级工申报须年满16周岁');
		expect(ageShortfall('hr-manager', 5, '2010-11-27', AS_OF)).toBeUndefined();
		const rules: EligibilityRules = {
			...DEFAULT_ELIGIBILITY_RULES,
			byOccupation: {
				'hr-manager': {
					5: [{ id: 'L5-18', description: '年满18周岁', requirements: [{ kind: 'min-age', years: 18 }] }]
				}
			}
		};
		expect(zh(ageShortfall('hr-manager', 5, '2010-11-27', AS_OF, rules))).toBe('五级/初级工申报须年满18周岁');
	});
	it('fails when the candidate neither works nor intends to', () => {
		expect(metId(5, { ...base, intendsToWorkInOccupation: false })).toBeNull();
		expect(metId(5, { ...base, intendsToWorkInOccupation: false, work: [{ from: '2026-01-01' }] })).toBe('L5-age-work');
	});
});

describe('level 4', () => {
	it('5 years of work, counted inclusively', () => {
		expect(metId(4, { ...base, work: [{ from: '2021-11-28' }] })).toBe('L4-work-5y');
		expect(metId(4, { ...base, work: [{ from: '2021-05-01', to: '2026-04-30' }] })).toBe('L4-work-5y');
		// two days short of 5 × 365
		expect(metId(4, { ...base, work: [{ from: '2021-05-03', to: '2026-04-30' }] })).toBeNull();
	});
	it('merges overlapping periods and ignores irrelevant work', () => {
		const profile: CandidateProfileInput = {
			...base,
			work: [
				{ from: '2019-01-01', to: '2021-12-31' },
				{ from: '2021-01-01', to: '2022-12-31' },
				{ from: '2010-01-01', to: '2018-12-31', isRelevant: false }
			]
		};
		expect(metId(4, profile)).toBeNull(); // 4 years, not 5+1
		const r = check(4, profile);
		expect(r.ok && !r.isEligible && zh(r.unmet[0].notes[0])).toContain('约 4.0 年，不满 5 年');
	});
	it('level-5 certificate + 3 years after it', () => {
		const profile: CandidateProfileInput = {
			...base,
			work: [{ from: '2018-01-01' }],
			certificates: [{ level: 5, issuedOn: '2023-12-01' }]
		};
		expect(metId(4, profile)).toBe('L4-work-5y');
		const onlyAfter: CandidateProfileInput = {
			...base,
			work: [{ from: '2023-06-01' }],
			certificates: [{ level: 5, issuedOn: '2023-06-01' }]
		};
		expect(metId(4, onlyAfter)).toBe('L4-cert5-3y');
		const tooSoon: CandidateProfileInput = {
			...base,
			work: [{ from: '2022-06-01' }],
			certificates: [{ level: 5, issuedOn: '2024-06-01' }]
		};
		const r = check(4, tooSoon);
		expect(r.ok && !r.isEligible && zh(r.unmet.find((u) => u.id === 'L4-cert5-3y')?.notes[0])).toContain(
			'取得五级/初级工证书（2024-06-01）后'
		);
	});
	it('a diploma, final-year students included', () => {
		expect(metId(4, { ...base, education: [{ school: 'secondary-vocational', status: 'final-year' }] })).toBe(
			'L4-diploma'
		);
		expect(metId(4, { ...base, education: [{ school: 'secondary-vocational', status: 'enrolled' }] })).toBeNull();
		expect(
			metId(4, { ...base, education: [{ school: 'university', status: 'graduated', isRelevant: false }] })
		).toBeNull();
	});
});

describe('level 3', () => {
	it('initial title + 1 year, and 技工院校 高级工班', () => {
		expect(
			metId(3, { ...base, work: [{ from: '2020-01-01' }], titles: [{ rank: 'junior', issuedOn: '2025-11-27' }] })
		).toBe('L3-junior-title-1y');
		// a higher title counts for "初级职称"
		expect(
			metId(3, { ...base, work: [{ from: '2020-01-01' }], titles: [{ rank: 'intermediate', issuedOn: '2025-01-01' }] })
		).toBe('L3-junior-title-1y');
		expect(
			metId(3, { ...base, education: [{ school: 'technical-school', technicalClass: 'senior', status: 'final-year' }] })
		).toBe('L3-technical-senior-class');
		expect(
			metId(3, {
				...base,
				education: [{ school: 'technical-school', technicalClass: 'intermediate', status: 'graduated' }]
			})
		).toBeNull();
	});
	it('level-4 certificate + college diploma, or an assessed programme', () => {
		const college = { school: 'higher-vocational', status: 'graduated' } as const;
		expect(metId(3, { ...base, education: [college] })).toBeNull();
		expect(metId(3, { ...base, education: [college], certificates: [{ level: 4, issuedOn: '2022-01-01' }] })).toBe(
			'L3-cert4-college'
		);
		expect(metId(3, { ...base, education: [{ ...college, isAssessedProgramme: true }] })).toBe('L3-assessed-college');
	});
	it('lists every unmet condition with a reason', () => {
		const r = check(3, base);
		expect(r.ok && !r.isEligible).toBe(true);
		if (r.ok && !r.isEligible) {
			expect(r.unmet.map((u) => u.id)).toEqual(TEMPLATE_2023_CONDITIONS[3].map((c) => c.id));
			for (const u of r.unmet) expect(u.notes.length).toBeGreaterThan(0);
			expect(zh(r.unmet[1].notes[0])).toBe('未见本职业或相关职业四级/中级工及以上证书');
			expect(zh(r.summary)).toContain('不得录入');
		}
	});
});

describe('level 2', () => {
	it('level-3 certificate + 5 years after it', () => {
		const p: CandidateProfileInput = {
			...base,
			work: [{ from: '2015-01-01' }],
			certificates: [{ level: 3, issuedOn: '2021-11-01' }]
		};
		expect(metId(2, p)).toBe('L2-cert3-5y');
		expect(metId(2, { ...p, certificates: [{ level: 3, issuedOn: '2022-01-01' }] })).toBeNull();
	});
	it('initial title + 5 years needs 1 year since the level-3 certificate too', () => {
		const p: CandidateProfileInput = {
			...base,
			work: [{ from: '2015-01-01' }],
			titles: [{ rank: 'junior', issuedOn: '2020-01-01' }],
			certificates: [{ level: 3, issuedOn: '2026-01-01' }]
		};
		const r = check(2, p);
		expect(r.ok && !r.isEligible && r.unmet.find((u) => u.id === 'L2-junior-title-5y')?.notes.map(zh)).toEqual([
			'取得三级/高级工证书（2026-01-01）后累计从事本职业或相关职业工作约 0.9 年，不满 1 年（还差约 34 天）'
		]);
		expect(metId(2, p, '2026-12-31')).toBe('L2-junior-title-5y');
	});
	it('技师学院 student with a level-3 certificate held 2 years', () => {
		const p: CandidateProfileInput = {
			birthDate: '2004-03-01',
			certificates: [{ level: 3, issuedOn: '2024-11-27' }],
			education: [
				{
					school: 'technical-school',
					technicalSchoolGrade: 'technician-college',
					technicalClass: 'preparatory-technician',
					status: 'enrolled'
				}
			]
		};
		expect(metId(2, p)).toBe('L2-technician-class-student');
		expect(metId(2, p, '2026-11-26')).toBeNull();
	});
	it('a candidate without a review-level basis fails with reasons', () => {
		const r = check(2, base);
		expect(r.ok && !r.isEligible && r.unmet).toHaveLength(5);
	});
});

describe('level 1', () => {
	it('senior title + 1 year', () => {
		expect(
			metId(1, { ...base, work: [{ from: '2010-01-01' }], titles: [{ rank: 'senior', issuedOn: '2025-06-01' }] })
		).toBe('L1-senior-title-1y');
		expect(
			metId(1, { ...base, work: [{ from: '2010-01-01' }], titles: [{ rank: 'intermediate', issuedOn: '2015-06-01' }] })
		).toBeNull();
	});
});

describe('rules as data', () => {
	it('an occupation override replaces the default conditions of that level only', () => {
		const rules: EligibilityRules = {
			...DEFAULT_ELIGIBILITY_RULES,
			byOccupation: {
				'health-caregiver': {
					5: [{ id: 'HC5-age-18', description: '年满18周岁', requirements: [{ kind: 'min-age', years: 18 }] }]
				}
			}
		};
		expect(conditionsFor('health-caregiver', 5, rules).map((c) => c.id)).toEqual(['HC5-age-18']);
		expect(conditionsFor('health-caregiver', 4, rules)).toBe(TEMPLATE_2023_CONDITIONS[4]);
		expect(conditionsFor('hr-manager', 5, rules)).toBe(TEMPLATE_2023_CONDITIONS[5]);
		const r = evaluateEligibility(
			{ occupationId: 'health-caregiver', level: 5, asOf: AS_OF, profile: { birthDate: '2009-01-01' } },
			rules
		);
		expect(r.ok && r.isEligible).toBe(false);
	});
	it('rejects malformed input at the edge', () => {
		const r = evaluateEligibility({
			occupationId: 'hr-manager',
			level: 4,
			asOf: AS_OF,
			profile: { birthDate: '1990-02-30' }
		});
		expect(r.ok).toBe(false);
		const period = evaluateEligibility({
			occupationId: 'hr-manager',
			level: 4,
			asOf: AS_OF,
			profile: { birthDate: '1990-01-01', work: [{ from: '2020-01-01', to: '2019-01-01' }] }
		});
		expect(!period.ok && zh(period.error)).toContain('结束日期早于开始日期');
	});
});

describe('order independence', () => {
	const dateArb = fc
		.integer({ min: 0, max: 365 * 30 })
		.map((n) => new Date(Date.UTC(1996, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
	const levelArb = fc.constantFrom<Level>(1, 2, 3, 4, 5);
	const profileArb = fc.record({
		birthDate: fc.constantFrom('1970-01-01', '1990-06-01', '2010-12-01'),
		intendsToWorkInOccupation: fc.boolean(),
		work: fc.array(
			fc.tuple(dateArb, dateArb, fc.boolean(), fc.boolean()).map(([a, b, ongoing, isRelevant]) => ({
				from: a < b ? a : b,
				...(ongoing ? {} : { to: a < b ? b : a }),
				isRelevant
			})),
			{ maxLength: 5 }
		),
		certificates: fc.array(fc.record({ level: levelArb, issuedOn: dateArb, isRelevant: fc.boolean() }), {
			maxLength: 4
		}),
		titles: fc.array(
			fc.record({
				rank: fc.constantFrom('junior', 'intermediate', 'senior'),
				issuedOn: dateArb,
				isRelevant: fc.boolean()
			}),
			{ maxLength: 3 }
		),
		education: fc.array(
			fc.record({
				school: fc.constantFrom('technical-school', 'secondary-vocational', 'higher-vocational', 'university'),
				technicalClass: fc.constantFrom('intermediate', 'senior', 'preparatory-technician', 'technician'),
				technicalSchoolGrade: fc.constantFrom('technical-school', 'senior-technical-school', 'technician-college'),
				status: fc.constantFrom('graduated', 'final-year', 'enrolled'),
				isRelevant: fc.boolean(),
				isAssessedProgramme: fc.boolean()
			}),
			{ maxLength: 3 }
		)
	}) as fc.Arbitrary<CandidateProfileInput>;

	it('gives the same answer whatever order the evidence is entered in', () => {
		fc.assert(
			fc.property(profileArb, levelArb, fc.nat(), (profile, level, seed) => {
				const shuffled = {
					...profile,
					work: shuffle(profile.work ?? [], seed),
					certificates: shuffle(profile.certificates ?? [], seed + 1),
					titles: shuffle(profile.titles ?? [], seed + 2),
					education: shuffle(profile.education ?? [], seed + 3)
				};
				expect(check(level, shuffled)).toEqual(check(level, profile));
			}),
			{ numRuns: 400 }
		);
	});
	it('work days do not depend on period order and never exceed the span', () => {
		fc.assert(
			fc.property(profileArb, fc.nat(), (profile, seed) => {
				const work = (profile.work ?? []).map((w) => ({ isRelevant: true, ...w }));
				const a = relevantWorkDays({ work }, AS_OF);
				const b = relevantWorkDays({ work: shuffle(work, seed) }, AS_OF);
				expect(a).toBe(b);
				expect(a).toBeLessThanOrEqual(365 * 31 + 8);
			})
		);
	});
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
	const result = [...items];
	let s = seed || 1;
	for (let i = result.length - 1; i > 0; i--) {
		s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
		const j = s % (i + 1);
		[result[i], result[j]] = [result[j], result[i]];
	}
	return result;
}

describe('the rules in the reader’s language', () => {
	it('words notes, conditions and the summary in Chinese as before and in English without Chinese', () => {
		const r = check(3, {
			...base,
			work: [{ from: '2020-01-01' }],
			certificates: [{ level: 5, issuedOn: '2018-01-01' }],
			education: [{ school: 'technical-school', technicalClass: 'intermediate', status: 'graduated' }]
		});
		if (!r.ok || r.isEligible) throw new Error('expected unmet');
		const all = [...r.unmet.flatMap((u) => u.notes), r.summary];
		expect(all.map(zh)).toContain('累计从事本职业或相关职业工作约 6.9 年，不满 10 年（还差约 1127 天）');
		expect(all.map(zh)).toContain(
			'未见符合要求的学历：需本专业或相关专业的技工院校高级工班及以上，已毕业或在校应届毕业生'
		);
		expect(zh(r.summary)).toBe('不符合三级/高级工申报条件：6 项条件均未满足，不得录入');
		for (const text of all.map(en)) {
			expect(text).not.toMatch(/[\u4e00-\u9fff]/);
			expect(text).not.toContain('checks.');
		}
		expect(en(r.unmet[0].notes[0])).toBe(
			'about 6.9 years of work in this or a related occupation in all, under 10 (about 1127 days short)'
		);
		for (const c of Object.values(TEMPLATE_2023_CONDITIONS).flat()) {
			expect(zh(conditionMessage(c))).toBe(c.description);
			expect(en(conditionMessage(c))).not.toMatch(/[\u4e00-\u9fff]/);
		}
		expect(en(conditionMessage({ id: 'HC5-age-18', description: '年满18周岁' }))).toBe('年满18周岁');
	});
});
