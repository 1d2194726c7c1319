import { describe, expect, it } from 'vitest';
import {
	CATALOG_2025_08,
	LONG_TERM_CARE_2025_10_EXAMPLE,
	catalogById,
	catalogFor,
	parseCatalogVersion,
	requiredSubjectKinds,
	subjectsFor,
	type Level
} from './catalog';
import type { Message } from './message-text';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

const ANNEX_1: [string, string, Level[]][] = [
	['企业人力资源管理师', '4-07-03-04', [4, 3, 2, 1]],
	['劳务派遣管理员', '4-07-03-06', [4, 3, 2]],
	['物业管理师', '4-06-01-01', [4, 3, 2]],
	['健康管理师', '4-14-02-02', [3, 2]],
	['劳动关系协调师', '4-07-03-02', [4, 3, 2, 1]],
	['营养师（公共营养师）', '4-14-02-01', [4, 3, 2, 1]],
	['职业指导师', '4-07-03-01', [4, 3]],
	['客户服务管理员', '4-07-02-03', [3, 2, 1]],
	['健康照护师', '4-14-01-03', [5, 4, 3, 2, 1]],
	['健康照护师（长期照护师）', '4-14-01-03', [5]],
	['供应链管理师', '4-02-06-05', [3]]
];

describe('the 2025 catalogue', () => {
	it('holds the 11 occupations of 附件1 with their codes and levels, in order', () => {
		expect(CATALOG_2025_08.occupations.map((o) => [o.name, o.code, o.levels.map((l) => l.level)])).toEqual(ANNEX_1);
	});
	it('has unique ascii ids and passes its own validation', () => {
		const ids = CATALOG_2025_08.occupations.map((o) => o.id);
		expect(new Set(ids).size).toBe(11);
		expect(parseCatalogVersion(CATALOG_2025_08).ok).toBe(true);
	});
	it('requires the comprehensive review exactly at levels 2 and 1', () => {
		for (const occupation of CATALOG_2025_08.occupations) {
			for (const spec of occupation.levels) {
				const kinds = spec.subjects.map((s) => s.kind);
				expect(kinds).toEqual(spec.level <= 2 ? ['theory', 'skill', 'review'] : ['theory', 'skill']);
			}
		}
	});
	it('gives theory by computer and practical skill examiner ratios', () => {
		const care = subjectsFor(CATALOG_2025_08, 'health-caregiver', 5);
		expect(care.ok).toBe(true);
		if (care.ok) {
			expect(care.subjects[0]).toMatchObject({
				kind: 'theory',
				mode: 'computer',
				staffRatio: { role: 'invigilator', candidatesPerStaff: 15, minimum: 2 }
			});
			expect(care.subjects[1]).toMatchObject({
				kind: 'skill',
				mode: 'practical',
				staffRatio: { role: 'examiner', candidatesPerStaff: 5, minimum: 3, mustBeOdd: true }
			});
		}
		expect(requiredSubjectKinds(CATALOG_2025_08, 'hr-manager', 1)).toEqual(['theory', 'skill', 'review']);
	});
	it('explains a level that is not offered', () => {
		const r = subjectsFor(CATALOG_2025_08, 'supply-chain', 2);
		expect(!r.ok && r.error.key).toBe('checks.catalog.noLevel');
		expect(subjectsFor(CATALOG_2025_08, 'nope', 3).ok).toBe(false);
	});
	it('says each refusal in Chinese as before and in English', async () => {
		const said = async (r: { ok: true } | { ok: false; error: Message }) => {
			if (r.ok) throw new Error('accepted');
			return inBothLanguages(r.error);
		};
		const level = await said(subjectsFor(CATALOG_2025_08, 'supply-chain', 2));
		expect(level.zh).toBe('供应链管理师在联考中不设二级/技师，可报：三级/高级工');
		expect(level.en).toBe(
			'供应链管理师 has no Level 2 (technician) in the joint exam; it offers: Level 3 (senior worker)'
		);
		const none = await said(subjectsFor(CATALOG_2025_08, 'nope', 3));
		expect(none.zh).toBe('联考目录（2025-08）中没有该职业（nope）');
		const early = await said(catalogFor('2025-01-01'));
		expect(early.zh).toBe('2025-01-01 尚无生效的联考职业目录（联考自 2025-08-10 起实行）');
		const badDate = await said(catalogFor('2025-13-01'));
		expect(badDate.zh).toBe('日期“2025-13-01”格式不正确，应为 YYYY-MM-DD');
		const version = await said(catalogById('nope'));
		expect(version.zh).toBe('找不到职业目录版本“nope”');
		const twice = await said(
			parseCatalogVersion({
				...CATALOG_2025_08,
				occupations: [CATALOG_2025_08.occupations[0], CATALOG_2025_08.occupations[0]]
			})
		);
		expect(twice.zh).toBe('职业编号“hr-manager”重复');
		const broken = await said(parseCatalogVersion({ ...CATALOG_2025_08, effectiveFrom: '2025-02-30' }));
		expect(broken.zh).toBe('职业目录数据不完整或格式错误：日期格式应为 YYYY-MM-DD，且须为真实存在的日期');
		// Occupation names are data, written as the catalogue has them.
		for (const r of [level, none, early, badDate, version, twice, broken])
			expect(r.en.replace('供应链管理师', '')).not.toMatch(CJK);
	});
});

describe('versions', () => {
	const versions = [CATALOG_2025_08, LONG_TERM_CARE_2025_10_EXAMPLE];
	it('picks the version in force on a date', () => {
		const before = catalogFor('2025-10-13', versions);
		const after = catalogFor('2025-10-14', versions);
		expect(before.ok && before.catalog.id).toBe('2025-08');
		expect(after.ok && after.catalog.id).toBe('2025-10-long-term-care');
		expect(catalogFor('2025-08-09', versions).ok).toBe(false);
	});
	it('does not depend on the order versions are stored in', () => {
		const r = catalogFor('2026-01-17', [...versions].reverse());
		expect(r.ok && r.catalog.id).toBe('2025-10-long-term-care');
	});
	it('adds 长期照护师 levels 4 and 3 without touching the old version', () => {
		expect(subjectsFor(LONG_TERM_CARE_2025_10_EXAMPLE, 'long-term-caregiver', 4).ok).toBe(true);
		expect(subjectsFor(CATALOG_2025_08, 'long-term-caregiver', 4).ok).toBe(false);
		const old = catalogById('2025-08', versions);
		expect(old.ok && old.catalog.occupations.find((o) => o.id === 'long-term-caregiver')?.levels).toHaveLength(1);
		expect(LONG_TERM_CARE_2025_10_EXAMPLE.occupations).toHaveLength(11);
	});
	it('refuses inconsistent catalogue data', () => {
		const missingReview = structuredClone(CATALOG_2025_08);
		missingReview.occupations[0].levels[2].subjects.pop();
		expect(parseCatalogVersion(missingReview).ok).toBe(false);
		const duplicate = structuredClone(CATALOG_2025_08);
		duplicate.occupations.push(duplicate.occupations[0]);
		expect(parseCatalogVersion(duplicate).ok).toBe(false);
	});
});
