import { describe, expect, it } from 'vitest';
import { checkNewPlan } from './plan-rules';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import { zhText } from '../i18n/plain-translator';

const base = {
	name: '2026年5月联考',
	siteId: 'site-1',
	examDate: '2026-05-16',
	occupations: [{ occupationId: 'hr-manager', level: 3 }],
	expectedCandidates: 60
};

describe('checkNewPlan across the May Day holiday (May 1–5 off, Saturday May 9 worked)', () => {
	it('accepts a plan 10 working days before the exam (2026-04-30)', () => {
		const r = checkNewPlan(base, { today: '2026-04-30', isCentre: false });
		expect(r).toMatchObject({ ok: true, saturday: '2026-05-16', deadline: '2026-04-30', isException: false });
	});

	it('refuses a plan 9 working days before (2026-05-06, the first day after the holiday), showing the deadline', () => {
		const r = checkNewPlan(base, { today: '2026-05-06', isCentre: false });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.deadline).toBe('2026-04-30');
		expect(zhText(r.error)).toContain('最迟 2026-04-30');
		expect(zhText(r.error)).toContain('仅剩 9 个工作日');
	});

	it('lets the centre record an exception with a reason, never an institution', () => {
		const late = { ...base, exceptionReason: '考点调整，经中心批准' };
		expect(checkNewPlan(late, { today: '2026-05-06', isCentre: true })).toMatchObject({ ok: true, isException: true });
		expect(checkNewPlan(late, { today: '2026-05-06', isCentre: false }).ok).toBe(false);
	});

	it('refuses a day that is not a joint exam day, and reads the Sunday as its weekend', () => {
		const notExamDay = checkNewPlan({ ...base, examDate: '2026-05-23' }, { today: '2026-03-01', isCentre: false });
		expect(notExamDay.ok || zhText(notExamDay.error)).toContain('不是联考日');
		expect(checkNewPlan({ ...base, examDate: '2026-05-17' }, { today: '2026-03-01', isCentre: false })).toMatchObject({
			ok: true,
			saturday: '2026-05-16'
		});
	});

	it('refuses a level the occupation does not have', () => {
		const r = checkNewPlan(
			{ ...base, occupations: [{ occupationId: 'supply-chain', level: 4 }] },
			{ today: '2026-03-01', isCentre: false }
		);
		expect(r.ok || zhText(r.error)).toContain('没有');
	});
});

describe('the new-plan refusals in the reader’s language', () => {
	const refusal = (input: object, context: Parameters<typeof checkNewPlan>[1]) => {
		const r = checkNewPlan({ ...base, ...input }, context);
		if (r.ok) throw new Error('expected a refusal');
		return inBothLanguages(r.error);
	};

	it('an unfilled or wrong field of the form reads in Chinese as before and in English', async () => {
		const context = { today: '2026-03-01', isCentre: false };
		const unnamed = await refusal({ name: ' ' }, context);
		expect(unnamed).toEqual({ zh: '请填写计划名称', en: 'Enter the plan’s name' });
		const none = await refusal({ occupations: [] }, context);
		expect(none).toEqual({ zh: '请至少选择一个职业等级', en: 'Choose at least one occupation level' });
		const negative = await refusal({ expectedCandidates: -1 }, context);
		expect(negative.zh).toBe('预计人数不能为负数');
		expect(negative.en).not.toMatch(CJK);
	});

	it('the deadline refusal reads in Chinese as before and in English with its dates', async () => {
		const late = await refusal({}, { today: '2026-05-06', isCentre: false });
		expect(late.zh).toBe(
			'考试计划须在考前 10 个工作日完成，最迟 2026-04-30；2026-05-06 距考试（2026-05-16）仅剩 9 个工作日，已逾期。' +
				'如确有特殊情况，须由市职鉴中心登记例外并说明理由'
		);
		expect(late.en).not.toMatch(CJK);
		for (const date of ['2026-04-30', '2026-05-06', '2026-05-16']) expect(late.en).toContain(date);
		expect(late.en).toContain('The exam plan must be done 10 working days before the exam');
	});

	it('a change to a plan after the deadline says so (修改考试计划), in both languages', async () => {
		const late = await refusal({}, { today: '2026-05-06', isCentre: false, isChange: true });
		expect(late.zh).toBe(
			'修改考试计划须在考前 10 个工作日完成，最迟 2026-04-30；2026-05-06 距考试（2026-05-16）仅剩 9 个工作日，已逾期。' +
				'如确有特殊情况，须由市职鉴中心登记例外并说明理由'
		);
		expect(late.en).toMatch(/^Changing the exam plan must be done 10 working days before the exam/);
		expect(late.en).not.toMatch(CJK);
	});

	it('a day that is not an exam day, an unknown occupation and a missing level read in both languages', async () => {
		const today = { today: '2026-03-01', isCentre: false };
		const day = await refusal({ examDate: '2026-05-23' }, today);
		expect(day.zh).toBe('2026-05-23 不是联考日，考试计划只能安排在联考日（1、3、5、7、9、11 月第三周的周末）');
		expect(day.en).toMatch(/^2026-05-23 is not a joint exam day/);
		const unknown = await refusal({ occupations: [{ occupationId: 'astronaut', level: 3 }] }, today);
		expect(unknown.zh).toBe('职业“astronaut”不在联考目录中');
		const level = await refusal({ occupations: [{ occupationId: 'supply-chain', level: 4 }] }, today);
		expect(level.zh).toMatch(/^供应链管理师没有四级\/中级工$/);
		expect(level.en).toContain('has no Level 4 (intermediate worker)');
		for (const r of [day, unknown]) expect(r.en).not.toMatch(CJK);
	});
});
