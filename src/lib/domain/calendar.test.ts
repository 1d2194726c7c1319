import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	examDaySchedule,
	examWeekendOf,
	isJointExamDay,
	jointExamDays,
	jointExamDaysDetailed,
	jointExamDaysBetween,
	nextJointExamDay,
	parsePublishedExamDays,
	previousJointExamDay,
	thirdSaturday,
	type PublishedExamMonth
} from './calendar';
import { CATALOG_2025_08, subjectsFor } from './catalog';
import { addDays, dayOfWeek } from './iso-date';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

describe('jointExamDays (third-Saturday rule)', () => {
	it('gives the two 2025 weekends stated by the notice', () => {
		const days = jointExamDays(2025);
		expect(days).toContainEqual({ saturday: '2025-09-20', sunday: '2025-09-21' });
		expect(days).toContainEqual({ saturday: '2025-11-15', sunday: '2025-11-16' });
	});
	it('gives the 2026 list of DOMAIN.md', () => {
		expect(jointExamDays(2026)).toEqual([
			{ saturday: '2026-01-17', sunday: '2026-01-18' },
			{ saturday: '2026-03-21', sunday: '2026-03-22' },
			{ saturday: '2026-05-16', sunday: '2026-05-17' },
			{ saturday: '2026-07-18', sunday: '2026-07-19' },
			{ saturday: '2026-09-19', sunday: '2026-09-20' },
			{ saturday: '2026-11-21', sunday: '2026-11-22' }
		]);
	});
	it('gives 2027-01-16/17', () => {
		expect(jointExamDays(2027)[0]).toEqual({ saturday: '2027-01-16', sunday: '2027-01-17' });
	});
	it('always yields a Saturday on day 15–21 followed by its Sunday', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
				const days = jointExamDays(year);
				expect(days).toHaveLength(6);
				for (const { saturday, sunday } of days) {
					expect(dayOfWeek(saturday)).toBe(6);
					expect(sunday).toBe(addDays(saturday, 1));
					const day = Number(saturday.slice(8));
					expect(day).toBeGreaterThanOrEqual(15);
					expect(day).toBeLessThanOrEqual(21);
				}
			})
		);
	});
	it('finds the third Saturday when the month starts on a Saturday or a Sunday', () => {
		expect(thirdSaturday(2025, 11)).toBe('2025-11-15'); // 1 Nov 2025 is a Saturday
		expect(thirdSaturday(2026, 3)).toBe('2026-03-21'); // 1 Mar 2026 is a Sunday
	});
});

describe('published days win over the rule', () => {
	const published: PublishedExamMonth[] = [
		{ month: '2026-05', weekends: [{ saturday: '2026-05-23', sunday: '2026-05-24' }] },
		{ month: '2026-07', weekends: [] },
		{ month: '2026-10', weekends: [{ saturday: '2026-10-17', sunday: '2026-10-18' }] }
	];
	it('replaces, cancels and adds months', () => {
		const days = jointExamDaysDetailed(2026, published);
		expect(days.map((d) => d.saturday)).toEqual([
			'2026-01-17',
			'2026-03-21',
			'2026-05-23',
			'2026-09-19',
			'2026-10-17',
			'2026-11-21'
		]);
		expect(days.find((d) => d.saturday === '2026-05-23')?.isPublished).toBe(true);
		expect(days.find((d) => d.saturday === '2026-01-17')?.isPublished).toBe(false);
		expect(isJointExamDay('2026-05-16', published)).toBe(false);
		expect(isJointExamDay('2026-05-24', published)).toBe(true);
		expect(isJointExamDay('2026-07-18', published)).toBe(false);
	});
	it('leaves other years alone', () => {
		expect(jointExamDays(2027, published)).toEqual(jointExamDays(2027));
	});
	it('next/previous follow the published days', () => {
		expect(nextJointExamDay('2026-05-17', published)).toEqual({ saturday: '2026-05-23', sunday: '2026-05-24' });
		expect(nextJointExamDay('2026-06-01', published)).toEqual({ saturday: '2026-09-19', sunday: '2026-09-20' });
		expect(previousJointExamDay('2026-09-01', published)).toEqual({ saturday: '2026-05-23', sunday: '2026-05-24' });
	});
	it('validates published data', () => {
		expect(parsePublishedExamDays(published).ok).toBe(true);
		const notConsecutive = parsePublishedExamDays([
			{ month: '2026-05', weekends: [{ saturday: '2026-05-23', sunday: '2026-05-25' }] }
		]);
		expect(notConsecutive.ok).toBe(false);
		const wrongMonth = parsePublishedExamDays([
			{ month: '2026-06', weekends: [{ saturday: '2026-05-23', sunday: '2026-05-24' }] }
		]);
		expect(wrongMonth.ok).toBe(false);
		const duplicate = parsePublishedExamDays([published[0], published[0]]);
		expect(!duplicate.ok && duplicate.error).toEqual({
			key: 'checks.calendar.monthTwice',
			params: { month: '2026-05' }
		});
	});
	it('says why published data is refused, in Chinese as before and in English', async () => {
		const said = async (input: unknown) => {
			const r = parsePublishedExamDays(input);
			if (r.ok) throw new Error('accepted');
			return inBothLanguages(r.error);
		};
		const pair = await said([{ month: '2026-05', weekends: [{ saturday: '2026-05-23', sunday: '2026-05-25' }] }]);
		expect(pair.zh).toBe('公布的联考日有误：联考日须为连续两天（周六与其后的周日）');
		expect(pair.en).toBe(
			'The published exam days are not right: a joint exam weekend is two days in a row (a Saturday and the Sunday after it)'
		);
		const month = await said([{ month: '2026-06', weekends: [{ saturday: '2026-05-23', sunday: '2026-05-24' }] }]);
		expect(month.zh).toBe('公布的联考日有误：公布的联考日须落在所填月份内');
		const badDate = await said([{ month: '2026-05', weekends: [{ saturday: '2026-05-32', sunday: '2026-05-33' }] }]);
		expect(badDate.zh).toContain('日期格式应为 YYYY-MM-DD，且须为真实存在的日期');
		const twice = await said([published[0], published[0]]);
		expect(twice.zh).toBe('2026-05 重复公布，请合并为一条');
		// zod's own words (a wrong type) read as "not in the expected form", never as English on a Chinese screen.
		const wrongType = await said([{ month: 5, weekends: [] }]);
		expect(wrongType.zh).toBe('公布的联考日有误：0.month 格式不正确');
		for (const r of [pair, month, badDate, twice, wrongType]) expect(r.en).not.toMatch(CJK);
	});
});

describe('isJointExamDay / next / previous', () => {
	it('knows exam days and the days around them', () => {
		expect(isJointExamDay('2025-09-20')).toBe(true);
		expect(isJointExamDay('2025-09-21')).toBe(true);
		expect(isJointExamDay('2025-09-19')).toBe(false);
		expect(isJointExamDay('2025-09-22')).toBe(false);
		expect(isJointExamDay('2025-10-18')).toBe(false);
		expect(examWeekendOf('2026-11-22')).toEqual({ saturday: '2026-11-21', sunday: '2026-11-22' });
	});
	it('next: on or after the Saturday; a weekend under way is not next', () => {
		expect(nextJointExamDay('2026-11-21')).toEqual({ saturday: '2026-11-21', sunday: '2026-11-22' });
		expect(nextJointExamDay('2026-11-22')).toEqual({ saturday: '2027-01-16', sunday: '2027-01-17' });
		expect(nextJointExamDay('2026-11-27')).toEqual({ saturday: '2027-01-16', sunday: '2027-01-17' });
	});
	it('previous: the last weekend fully over before the date', () => {
		expect(previousJointExamDay('2026-11-27')).toEqual({ saturday: '2026-11-21', sunday: '2026-11-22' });
		expect(previousJointExamDay('2026-11-22')).toEqual({ saturday: '2026-09-19', sunday: '2026-09-20' });
		expect(previousJointExamDay('2026-11-23')).toEqual({ saturday: '2026-11-21', sunday: '2026-11-22' });
		expect(previousJointExamDay('2026-01-10')).toEqual({ saturday: '2025-11-15', sunday: '2025-11-16' });
	});
	it('lists weekends across years', () => {
		expect(jointExamDaysBetween('2025-11-01', '2026-03-31').map((w) => w.saturday)).toEqual([
			'2025-11-15',
			'2026-01-17',
			'2026-03-21'
		]);
	});
});

describe('examDaySchedule', () => {
	const weekend = { saturday: '2026-05-16', sunday: '2026-05-17' };
	it('theory at Saturday 09:00, skill right after, review Sunday 09:00', () => {
		const hr2 = subjectsFor(CATALOG_2025_08, 'hr-manager', 2);
		if (!hr2.ok) throw new Error(hr2.error.key);
		const r = examDaySchedule(weekend, hr2.subjects, { reviewCandidates: 8, reviewPanels: 2 });
		expect(r).toEqual({
			ok: true,
			sessions: [
				{ kind: 'theory', mode: 'computer', date: '2026-05-16', start: '09:00', end: '10:30', durationMinutes: 90 },
				{ kind: 'skill', mode: 'paper', date: '2026-05-16', start: '10:30', end: '12:30', durationMinutes: 120 },
				{ kind: 'review', mode: 'oral', date: '2026-05-17', start: '09:00', end: '10:00', durationMinutes: 60 }
			]
		});
	});
	it('applies overrides: a break and practical rounds', () => {
		const care = subjectsFor(CATALOG_2025_08, 'health-caregiver', 4);
		if (!care.ok) throw new Error(care.error.key);
		const r = examDaySchedule(weekend, care.subjects, { config: { breakAfterTheoryMinutes: 30 }, skillRounds: 3 });
		expect(r.ok && r.sessions.map((s) => [s.kind, s.start, s.end])).toEqual([
			['theory', '09:00', '10:30'],
			['skill', '11:00', '14:00']
		]);
	});
	it('refuses a timetable running past midnight', () => {
		const r = examDaySchedule(weekend, [{ kind: 'review', mode: 'oral', durationMinutes: 15 }], {
			reviewCandidates: 70
		});
		expect(r.ok).toBe(false);
	});
});
