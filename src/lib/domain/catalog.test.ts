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
		expect(!r.ok && r.error).toContain('不设二级/技师');
		expect(subjectsFor(CATALOG_2025_08, 'nope', 3).ok).toBe(false);
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
