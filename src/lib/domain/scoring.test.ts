import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	aggregateSubjectScore,
	carryOverSubjects,
	evaluateCandidateResult,
	isPassingScore,
	sheetTotal,
	subjectsToRetake,
	toCenti,
	validateRubric,
	type Rubric,
	type ScoreSheet
} from './scoring';
import { messageText, type Message } from './message-text';
import { translator } from '../../../tests/support/translator';

const zh = async (m: Message | false | undefined) => (m ? messageText(m, await translator('zh-CN')) : '');
const en = async (m: Message | false | undefined) => (m ? messageText(m, await translator('en')) : '');

const rubric: Rubric = {
	id: 'care-4-skill',
	subject: 'skill',
	items: [
		{ id: 'prep', label: '准备', max: 20 },
		{ id: 'op', label: '操作', max: 60 },
		{ id: 'talk', label: '沟通', max: 20 }
	]
};
const sheet = (examinerId: string, prep: number, op: number, talk: number): ScoreSheet => ({
	examinerId,
	items: { prep, op, talk }
});

describe('pass mark', () => {
	it('60 passes, 59.9 and 59.99 fail', () => {
		expect(isPassingScore(60)).toBe(true);
		expect(isPassingScore(60.0)).toBe(true);
		expect(isPassingScore(59.9)).toBe(false);
		expect(isPassingScore(59.99)).toBe(false);
		expect(isPassingScore(100)).toBe(true);
		expect(isPassingScore(0)).toBe(false);
	});
	it('is not fooled by float sums', () => {
		// 0.1 + 0.2 style errors: 19.9 + 20.1 + 20 is 60 in exact arithmetic
		expect(isPassingScore(19.9 + 20.1 + 20)).toBe(true);
		expect(isPassingScore(0.1 * 3 * 200)).toBe(true); // 60.00000000000001
		expect(isPassingScore(59.995)).toBe(false); // not a valid 2-decimal score: never passes
	});
	it('matches exact decimal comparison for every score with two decimals', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (centi) => {
				expect(isPassingScore(centi / 100)).toBe(centi >= 6000);
				expect(toCenti(centi / 100)).toBe(centi);
			})
		);
	});
});

describe('rubrics and sheets', () => {
	it('requires maxima adding up to 100', () => {
		expect(validateRubric(rubric).ok).toBe(true);
		const r = validateRubric({ ...rubric, items: rubric.items.slice(1) });
		expect(!r.ok && r.error).toContain('应为 100 分');
	});
	it('totals a sheet and refuses missing, unknown or out-of-range items, in both languages', async () => {
		expect(sheetTotal(rubric, sheet('e1', 15.5, 40, 4.5))).toEqual({ ok: true, total: 60, centi: 6000 });
		expect(sheetTotal(rubric, { examinerId: 'e1', items: { prep: 10, op: 40 } }).ok).toBe(false);
		expect(sheetTotal(rubric, { examinerId: 'e1', items: { prep: 10, op: 40, talk: 5, extra: 1 } }).ok).toBe(false);
		const over = sheetTotal(rubric, sheet('e1', 21, 40, 5));
		expect(await zh(!over.ok && over.error)).toContain('超出 0–20 分');
		expect(await en(!over.ok && over.error)).toContain('outside 0–20');
		const missing = sheetTotal(rubric, { examinerId: 'e1', examinerName: '李四', items: { prep: 10, op: 40 } });
		expect(await zh(!missing.ok && missing.error)).toMatch(/^考评人员李四的评分表缺少“.+”一项$/);
		expect(sheetTotal(rubric, sheet('e1', 10.123, 40, 5)).ok).toBe(false);
	});
});

describe('aggregateSubjectScore', () => {
	const sheets = [sheet('e1', 15, 40, 5), sheet('e2', 15, 40, 4.9), sheet('e3', 15, 40, 5)]; // 60, 59.9, 60
	it('mean, rounded half-up to one decimal, exactly', () => {
		const r = aggregateSubjectScore(rubric, sheets);
		// (60 + 59.9 + 60) / 3 = 59.9666… → 60.0
		expect(r.ok && r.score).toBe(60);
		const floor = aggregateSubjectScore(rubric, sheets, { rounding: 'floor' });
		expect(floor.ok && floor.score).toBe(59.9);
		const twoDecimals = aggregateSubjectScore(rubric, sheets, { decimals: 2 });
		expect(twoDecimals.ok && twoDecimals.score).toBe(59.97);
	});
	it('rounds a half exactly up (59.95 → 60.0), which floats get wrong', () => {
		const r = aggregateSubjectScore(rubric, [sheet('e1', 15, 40, 5), sheet('e2', 15, 40, 4.9)]); // mean 59.95
		expect(r.ok && r.score).toBe(60);
	});
	it('rounds halves at two decimals exactly where float arithmetic drops them', () => {
		// mean of 59.11 and 59.12 is 59.115; in floats it is 59.114999… and rounds down
		expect(Math.round(((59.11 + 59.12) / 2) * 100) / 100).toBe(59.11);
		const r = aggregateSubjectScore(rubric, [sheet('e1', 15, 39.11, 5), sheet('e2', 15, 39.12, 5)], { decimals: 2 });
		expect(r.ok && r.score).toBe(59.12);
	});
	it('median and drop-high-low', () => {
		const four = [sheet('a', 20, 60, 20), sheet('b', 10, 40, 10), sheet('c', 10, 40, 12), sheet('d', 0, 10, 0)]; // 100, 60, 62, 10
		const median = aggregateSubjectScore(rubric, four, { aggregation: 'median' });
		expect(median.ok && median.score).toBe(61);
		const trimmed = aggregateSubjectScore(rubric, four, { aggregation: 'trimmed-mean' });
		expect(trimmed.ok && trimmed.score).toBe(61);
		expect(aggregateSubjectScore(rubric, four.slice(0, 2), { aggregation: 'trimmed-mean' }).ok).toBe(false);
	});
	it('flags examiners differing by more than the threshold, not at it', async () => {
		const at = aggregateSubjectScore(rubric, [sheet('a', 10, 40, 10), sheet('b', 10, 30, 10)]); // 60 vs 50
		expect(at.ok && at.hasDiscrepancy).toBe(false);
		const over = aggregateSubjectScore(rubric, [sheet('a', 10, 40, 10), sheet('b', 10, 29.5, 10)]);
		expect(over.ok && over.hasDiscrepancy).toBe(true);
		expect(await zh(over.ok && over.discrepancyNote)).toContain('相差 10.5 分，超过 10 分');
		expect(await en(over.ok && over.discrepancyNote)).toContain('differ by 10.5 points, more than 10');
		const strict = aggregateSubjectScore(rubric, [sheet('a', 10, 40, 10), sheet('b', 10, 35, 10)], {
			discrepancyThreshold: 3
		});
		expect(strict.ok && strict.hasDiscrepancy).toBe(true);
	});
	it('refuses no sheets, too few sheets, and two sheets from one examiner, in both languages', async () => {
		expect(aggregateSubjectScore(rubric, []).ok).toBe(false);
		const few = aggregateSubjectScore(rubric, [sheets[0]], { minSheets: 3 });
		expect(await zh(!few.ok && few.error)).toBe('技能考核需至少 3 份评分表，现有 1 份');
		expect(await en(!few.ok && few.error)).toBe('The skill test needs at least 3 score sheets; there are 1');
		const twice = aggregateSubjectScore(rubric, [sheets[0], sheets[0]]);
		expect(await zh(!twice.ok && twice.error)).toContain('两份评分表');
		expect(await en(!twice.ok && twice.error)).toContain('submitted two sheets');
	});
	it('stays within the range of the sheets and ignores their order', () => {
		const sheetArb = fc.tuple(
			fc.integer({ min: 0, max: 2000 }),
			fc.integer({ min: 0, max: 6000 }),
			fc.integer({ min: 0, max: 2000 })
		);
		fc.assert(
			fc.property(
				fc.array(sheetArb, { minLength: 3, maxLength: 7 }),
				fc.constantFrom('mean', 'median', 'trimmed-mean' as const),
				(raw, aggregation) => {
					const list = raw.map(([p, o, t], i) => sheet(`e${i}`, p / 100, o / 100, t / 100));
					const a = aggregateSubjectScore(rubric, list, { aggregation, decimals: 2 });
					const b = aggregateSubjectScore(rubric, [...list].reverse(), { aggregation, decimals: 2 });
					if (!a.ok || !b.ok) throw new Error('unexpected failure');
					expect(a.score).toBe(b.score);
					const totals = raw.map(([p, o, t]) => p + o + t);
					expect(a.centi).toBeGreaterThanOrEqual(Math.min(...totals));
					expect(a.centi).toBeLessThanOrEqual(Math.max(...totals));
				}
			)
		);
	});
});

describe('evaluateCandidateResult', () => {
	it('passes only when every required subject is ≥ 60', () => {
		const r = evaluateCandidateResult({
			requiredSubjects: ['theory', 'skill'],
			outcomes: { theory: { status: 'scored', score: 60 }, skill: { status: 'scored', score: 88.5 } }
		});
		expect(r.hasPassed).toBe(true);
		const fail = evaluateCandidateResult({
			requiredSubjects: ['theory', 'skill'],
			outcomes: { theory: { status: 'scored', score: 59.9 }, skill: { status: 'scored', score: 100 } }
		});
		expect(fail.hasPassed).toBe(false);
		expect(fail.failedSubjects).toEqual(['theory']);
		expect(fail.summary).toContain('理论知识考试 59.9 分，不合格');
	});
	it('a level-2 candidate without a review score fails', () => {
		const r = evaluateCandidateResult({
			requiredSubjects: ['theory', 'skill', 'review'],
			outcomes: { theory: { status: 'scored', score: 90 }, skill: { status: 'scored', score: 90 } }
		});
		expect(r.hasPassed).toBe(false);
		expect(r.subjects[2]).toMatchObject({ subject: 'review', status: 'missing', reason: '缺少综合评审成绩' });
	});
	it('absent and voided subjects fail with their reason', () => {
		const r = evaluateCandidateResult({
			requiredSubjects: ['theory', 'skill'],
			outcomes: { theory: { status: 'absent' }, skill: { status: 'voided', reason: '携带手机' } }
		});
		expect(r.hasPassed).toBe(false);
		expect(r.subjects.map((s) => s.reason)).toEqual(['理论知识考试缺考', '技能考核因违纪成绩无效：携带手机']);
	});
	it('a subject with no requirements list cannot pass', () => {
		expect(evaluateCandidateResult({ requiredSubjects: [], outcomes: {} }).hasPassed).toBe(false);
	});
});

describe('retake carry-over', () => {
	const first = {
		sittingDate: '2025-11-15',
		outcomes: { theory: { status: 'scored' as const, score: 72 }, skill: { status: 'scored' as const, score: 55 } }
	};
	it('keeps passed subjects for a retake within one year', () => {
		const carried = carryOverSubjects(first, '2026-05-16');
		expect(carried).toEqual([{ subject: 'theory', score: 72, fromSitting: '2025-11-15' }]);
		expect(subjectsToRetake(['theory', 'skill'], carried)).toEqual(['skill']);
		const retake = evaluateCandidateResult({
			requiredSubjects: ['theory', 'skill'],
			outcomes: { skill: { status: 'scored', score: 61 } },
			carriedOver: carried
		});
		expect(retake.hasPassed).toBe(true);
		expect(retake.subjects[0]).toMatchObject({
			status: 'carried-over',
			reason: '理论知识考试沿用 2025-11-15 的合格成绩 72 分'
		});
	});
	it('keeps nothing after a year or before the first sitting', () => {
		expect(carryOverSubjects(first, '2026-11-21')).toEqual([]);
		expect(carryOverSubjects(first, '2026-11-15')).toHaveLength(1);
		expect(carryOverSubjects(first, '2025-11-15')).toEqual([]);
	});
	it('a new result replaces a carried one', () => {
		const r = evaluateCandidateResult({
			requiredSubjects: ['theory', 'skill'],
			outcomes: { theory: { status: 'absent' }, skill: { status: 'scored', score: 70 } },
			carriedOver: [{ subject: 'theory', score: 72, fromSitting: '2025-11-15' }]
		});
		expect(r.hasPassed).toBe(false);
	});
});
