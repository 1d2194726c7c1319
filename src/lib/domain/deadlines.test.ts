import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plainTranslator, zhText } from '../i18n/plain-translator';
import {
	checkPlanCreation,
	checkPublication,
	checkRetake,
	checkReviewReply,
	checkReviewRequest,
	checkStaffArrangement,
	planDeadline,
	publicationDeadline,
	publicationPeriod,
	retakeLastDay,
	retakeOptions,
	reviewReplyDeadline,
	staffArrangementDeadline
} from './deadlines';
import {
	addWorkingDays,
	defaultWorkingDayCalendar,
	isWorkingDay,
	withHolidayYears,
	workingDaysBetween
} from './working-days';
import { fromDayNumber, toDayNumber } from './iso-date';
import { messageText, type Message } from './message-text';
import { translator } from '../../../tests/support/translator';

const zh = async (m: Message) => messageText(m, await translator('zh-CN'));
const en = async (m: Message) => messageText(m, await translator('en'));

describe('plan: ≥ 10 working days before the exam', () => {
	it('2026-05-16 across 劳动节 (May 1–5 off, May 9 worked): deadline 2026-04-30', () => {
		expect(planDeadline('2026-05-16')).toEqual({ date: '2026-04-30', isCertain: true, uncertainty: undefined });
		// 10th working day before: accepted
		expect(checkPlanCreation('2026-05-16', '2026-04-30').isInTime).toBe(true);
		// 9th working day before: refused
		const late = checkPlanCreation('2026-05-16', '2026-05-06');
		expect(late.isInTime).toBe(false);
		expect(late.reason).toContain('仅剩 9 个工作日');
		expect(late.reason).toContain('2026-04-30');
		// May 4 would be the 10th day if holidays were ignored; inside the holiday only 9 are left
		const inHoliday = checkPlanCreation('2026-05-16', '2026-05-04');
		expect(inHoliday.isInTime).toBe(false);
		expect(inHoliday.reason).toContain('仅剩 9 个工作日');
	});
	it('reads a moment as its Beijing date', () => {
		expect(checkPlanCreation('2026-05-16', '2026-04-30T23:59:00+08:00').isInTime).toBe(true);
		expect(checkPlanCreation('2026-05-16', '2026-04-30T15:59:00Z').isInTime).toBe(true);
		expect(checkPlanCreation('2026-05-16', '2026-04-30T16:00:00Z').isInTime).toBe(false); // 00:00 May 1 in Beijing
		expect(checkPlanCreation('2026-05-16', new Date('2026-04-30T10:00:00+08:00')).isInTime).toBe(true);
		expect(() => checkPlanCreation('2026-05-16', 'yesterday')).toThrow(RangeError);
	});
	it('National Day 2025 (Oct 1–8 off, Sep 28 and Oct 11 worked), exam 2025-10-18', () => {
		expect(planDeadline('2025-10-18').date).toBe('2025-09-29');
		expect(checkPlanCreation('2025-10-18', '2025-09-29').isInTime).toBe(true);
		expect(checkPlanCreation('2025-10-18', '2025-09-30').isInTime).toBe(false);
		expect(checkPlanCreation('2025-10-18', '2025-09-28').isInTime).toBe(true); // a worked Sunday
		expect(staffArrangementDeadline('2025-10-18').date).toBe('2025-10-10'); // Oct 11 (Sat) worked counts
	});
	it('Spring Festival 2026 (Feb 15–23 off, Feb 14 and 28 worked), exam 2026-03-07', () => {
		expect(planDeadline('2026-03-07').date).toBe('2026-02-24');
		expect(checkPlanCreation('2026-03-07', '2026-02-24').isInTime).toBe(true);
		expect(checkPlanCreation('2026-03-07', '2026-02-25').isInTime).toBe(false);
		expect(checkPlanCreation('2026-03-07', '2026-02-20').isInTime).toBe(true);
		expect(staffArrangementDeadline('2026-03-07').date).toBe('2026-02-27');
	});
	it('for every day: in time exactly when at least 10 working days remain', () => {
		const calendar = defaultWorkingDayCalendar();
		fc.assert(
			fc.property(
				fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2026-12-31') }),
				fc.integer({ min: 0, max: 40 }),
				(examDay, back) => {
					const exam = fromDayNumber(examDay);
					const at = fromDayNumber(examDay - back);
					const left = workingDaysBetween(at, exam, calendar).count + (isWorkingDay(at, calendar) ? 1 : 0);
					expect(checkPlanCreation(exam, at).isInTime).toBe(left >= 10);
				}
			),
			{ numRuns: 300 }
		);
	});
	it('2027-01-16 falls beyond the holiday data: the deadline is flagged uncertain', () => {
		const d = planDeadline('2027-01-16');
		expect(d.date).toBe('2027-01-04');
		expect(d.isCertain).toBe(false);
		const check = checkPlanCreation('2027-01-16', '2026-12-01');
		expect(check.isInTime).toBe(true);
		expect(check.isCertain).toBe(false);
		expect(check.reason).toContain('2027 年的法定节假日安排尚未录入');
		// once the administrator enters 2027 (example: Jan 1–3 off), the answer is certain and moves
		const calendar = withHolidayYears(defaultWorkingDayCalendar(), [
			{ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeUpWorkdays: [] }
		]);
		expect(planDeadline('2027-01-16', { calendar })).toEqual({
			date: '2027-01-04',
			isCertain: true,
			uncertainty: undefined
		});
		// a count reaching back over 1 January shows the difference the entered year makes
		const rules = { planWorkingDaysBefore: 15 };
		expect(planDeadline('2027-01-16', { rules })).toMatchObject({ date: '2026-12-28', isCertain: false });
		expect(planDeadline('2027-01-16', { rules, calendar })).toMatchObject({ date: '2026-12-25', isCertain: true });
	});
	it('takes the number of days as data', () => {
		expect(planDeadline('2026-05-16', { rules: { planWorkingDaysBefore: 11 } }).date).toBe('2026-04-29');
	});
});

describe('staff arrangement: ≥ 7 working days before', () => {
	it('2026-05-16: 7th working day before is May 8, the worked Saturday May 9 is too late', () => {
		expect(staffArrangementDeadline('2026-05-16').date).toBe('2026-05-08');
		expect(checkStaffArrangement('2026-05-16', '2026-05-08').isInTime).toBe(true);
		const late = checkStaffArrangement('2026-05-16', '2026-05-09');
		expect(late.isInTime).toBe(false);
		expect(late.reason).toContain('仅剩 6 个工作日');
	});

	it('the sentence as a message reads as the Chinese reason, and in English', () => {
		const en = plainTranslator('en');
		for (const [exam, at] of [
			['2026-05-16', '2026-05-08'],
			['2026-05-16', '2026-05-09'],
			['2028-01-15', '2027-12-30'] // no holiday data for 2028: the reason says so
		]) {
			const check = checkStaffArrangement(exam, at);
			expect(zhText(check.message!)).toBe(check.reason);
			expect(messageText(check.message!, en)).toMatch(/^The exam staff arrangement must be done 7 working days/);
			expect(messageText(check.message!, en)).not.toMatch(/[\u4e00-\u9fff]|\[missing/);
		}
		expect(messageText(checkStaffArrangement('2028-01-15', '2027-12-30').message!, en)).toContain(
			'Note: The public holidays of 2028 have not been entered yet (holiday data go up to'
		);
		expect(messageText(checkStaffArrangement('2026-05-16', '2026-05-09').message!, en)).toBe(
			'The exam staff arrangement must be done 7 working days before the exam, by 2026-05-08 at the latest; on 2026-05-09 only 6 working days are left before the exam (2026-05-16): too late'
		);
	});
});

describe('publication within 1 working day after the exam', () => {
	it('exam ending Sunday 2026-05-17 publishes by Monday', () => {
		expect(publicationDeadline('2026-05-17').date).toBe('2026-05-18');
		expect(checkPublication('2026-05-17', '2026-05-17T18:00:00+08:00').isInTime).toBe(true);
		expect(checkPublication('2026-05-17', '2026-05-18').isInTime).toBe(true);
		expect(checkPublication('2026-05-17', '2026-05-19').isInTime).toBe(false);
		const early = checkPublication('2026-05-17', '2026-05-16');
		expect(early.isInTime).toBe(false);
		expect(early.reason).toContain('尚未结束');
	});
	it('counts a worked Sunday (2026-09-20 is both an exam day and a make-up day)', () => {
		expect(publicationDeadline('2026-09-20').date).toBe('2026-09-21');
		expect(publicationDeadline('2025-09-30').date).toBe('2025-10-09');
	});
});

describe('publication period and review requests', () => {
	it('lasts 5 working days, counting the day of publication', () => {
		expect(publicationPeriod('2026-05-18')).toMatchObject({ start: '2026-05-18', end: '2026-05-22', isCertain: true });
		// published on a Sunday: Monday is day 1
		expect(publicationPeriod('2026-05-17').end).toBe('2026-05-22');
		// across National Day 2025
		expect(publicationPeriod('2025-09-29').end).toBe('2025-10-11');
	});
	it('accepts review requests only inside the period', () => {
		expect(checkReviewRequest('2026-05-18', '2026-05-18').isInTime).toBe(true);
		expect(checkReviewRequest('2026-05-18', '2026-05-22T23:00:00+08:00').isInTime).toBe(true);
		const late = checkReviewRequest('2026-05-18', '2026-05-23');
		expect(late.isInTime).toBe(false);
		expect(late.reason).toContain('已过公示期');
		expect(checkReviewRequest('2026-05-18', '2026-05-17').isInTime).toBe(false);
	});
});

describe('review reply within 5 working days after acceptance', () => {
	it('across National Day 2025', () => {
		expect(reviewReplyDeadline('2025-09-29').date).toBe('2025-10-13');
		expect(checkReviewReply('2025-09-29', '2025-10-13').isInTime).toBe(true);
		expect(checkReviewReply('2025-09-29', '2025-10-14').isInTime).toBe(false);
		expect(checkReviewReply('2025-09-29', '2025-09-28').reason).toContain('早于受理日期');
	});
	it('across Spring Festival 2026', () => {
		expect(reviewReplyDeadline('2026-02-12').date).toBe('2026-02-26');
		expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
	});
});

describe('retake within one year of the first sitting', () => {
	it('ends on the same day a year later', () => {
		expect(retakeLastDay('2025-09-20')).toBe('2026-09-20');
		expect(retakeLastDay('2028-02-29')).toBe('2029-02-28');
	});
	it('allows a later joint exam day within the year, once', async () => {
		expect(checkRetake({ firstSittingDate: '2025-09-20', retakeDate: '2025-11-15' }).isAllowed).toBe(true);
		expect(checkRetake({ firstSittingDate: '2025-09-20', retakeDate: '2026-09-20' }).isAllowed).toBe(true);
		const twice = checkRetake({ firstSittingDate: '2025-09-20', retakeDate: '2026-01-17', previousRetakes: 1 });
		expect(twice.isAllowed).toBe(false);
		expect(await zh(twice.reason)).toContain('仅 1 次');
		expect(await en(twice.reason)).toContain('only 1 retake is allowed');
	});
	it('refuses a day after the year, a non-exam day and the same weekend', async () => {
		const late = checkRetake({ firstSittingDate: '2025-11-15', retakeDate: '2026-11-21' });
		expect(late.isAllowed).toBe(false);
		expect(await zh(late.reason)).toContain('视为自动放弃');
		expect(await en(late.reason)).toContain('counts as giving up');
		expect(await zh(checkRetake({ firstSittingDate: '2025-11-15', retakeDate: '2026-11-14' }).reason)).toContain(
			'不是联考日'
		);
		expect(checkRetake({ firstSittingDate: '2025-11-15', retakeDate: '2025-11-16' }).isAllowed).toBe(false);
	});
	it('lists the weekends to choose from', () => {
		expect(retakeOptions('2025-11-15').map((w) => w.saturday)).toEqual([
			'2026-01-17',
			'2026-03-21',
			'2026-05-16',
			'2026-07-18',
			'2026-09-19'
		]);
		expect(retakeOptions('2025-09-20').map((w) => w.saturday)).toEqual([
			'2025-11-15',
			'2026-01-17',
			'2026-03-21',
			'2026-05-16',
			'2026-07-18',
			'2026-09-19'
		]);
	});
	it('follows published exam days', () => {
		const published = [{ month: '2026-11', weekends: [{ saturday: '2026-11-14', sunday: '2026-11-15' }] }];
		expect(checkRetake({ firstSittingDate: '2025-11-15', retakeDate: '2026-11-14' }, { published }).isAllowed).toBe(
			true
		);
	});
});

describe('retake input', () => {
	it('refuses impossible dates with a reason instead of throwing', async () => {
		const r = checkRetake({ firstSittingDate: '2025-13-01', retakeDate: '2026-01-17' });
		expect(r.isAllowed).toBe(false);
		expect(await zh(r.reason)).toContain('YYYY-MM-DD');
		expect(await en(r.reason)).not.toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('after the exam: each sentence also as a message', () => {
	// Publication, 复核 requests and replies, in time, late, too early, and across a year without holiday data.
	const checks = [
		checkPublication('2026-05-17', '2026-05-16'),
		checkPublication('2026-05-17', '2026-05-18'),
		checkPublication('2026-05-17', '2026-05-25'),
		checkPublication('2026-12-31', '2027-01-04'),
		checkReviewRequest('2026-05-18', '2026-05-17'),
		checkReviewRequest('2026-05-18', '2026-05-20'),
		checkReviewRequest('2026-05-18', '2026-06-20'),
		checkReviewRequest('2026-12-30', '2027-01-02'),
		checkReviewReply('2026-05-20', '2026-05-19'),
		checkReviewReply('2026-05-20', '2026-05-22'),
		checkReviewReply('2026-05-20', '2026-06-22'),
		checkReviewReply('2026-12-29', '2027-01-05')
	];
	it('the message in Chinese is the reason word for word', async () => {
		for (const check of checks) expect(await zh(check.message!)).toBe(check.reason);
	});
	it('reads in English, with every date the Chinese names', async () => {
		for (const check of checks) {
			const text = await en(check.message!);
			expect(text).not.toMatch(/[\u4e00-\u9fff]/);
			for (const date of check.reason.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(text).toContain(date);
		}
	});
});
