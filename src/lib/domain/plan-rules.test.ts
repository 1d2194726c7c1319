import { describe, expect, it } from 'vitest';
import { checkNewPlan } from './plan-rules';

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
		expect(r.error).toContain('最迟 2026-04-30');
		expect(r.error).toContain('仅剩 9 个工作日');
	});

	it('lets the centre record an exception with a reason, never an institution', () => {
		const late = { ...base, exceptionReason: '考点调整，经中心批准' };
		expect(checkNewPlan(late, { today: '2026-05-06', isCentre: true })).toMatchObject({ ok: true, isException: true });
		expect(checkNewPlan(late, { today: '2026-05-06', isCentre: false }).ok).toBe(false);
	});

	it('refuses a day that is not a joint exam day, and reads the Sunday as its weekend', () => {
		expect(checkNewPlan({ ...base, examDate: '2026-05-23' }, { today: '2026-03-01', isCentre: false })).toMatchObject({
			ok: false,
			error: expect.stringContaining('不是联考日')
		});
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
		expect(r).toMatchObject({ ok: false, error: expect.stringContaining('没有') });
	});
});
