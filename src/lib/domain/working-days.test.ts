import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import {
	addWorkingDays,
	addWorkingDaysDetailed,
	dayStatus,
	defaultWorkingDayCalendar,
	holidayDataCoverage,
	isWorkingDay,
	parseHolidayYear,
	withHolidayYears,
	workingDaysBetween,
	type HolidayYear
} from './working-days';
import { addDays, fromDayNumber, toDayNumber } from './iso-date';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

/** The 2027 arrangement as an administrator would enter it (made-up dates: the real notice is not out). */
const YEAR_2027: HolidayYear = {
	year: 2027,
	holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
	makeUpWorkdays: [],
	source: '测试数据'
};

describe('default data (chinese-days)', () => {
	it('knows the 2026 arrangement of the State Council notice', () => {
		for (const d of [
			'2026-01-01',
			'2026-01-02',
			'2026-02-16',
			'2026-02-23',
			'2026-04-06',
			'2026-05-01',
			'2026-05-05',
			'2026-06-19',
			'2026-09-25',
			'2026-10-01',
			'2026-10-07'
		]) {
			expect(isWorkingDay(d), d).toBe(false);
		}
		for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
			expect(dayStatus(d)).toMatchObject({ isWorkingDay: true, isCertain: true, kind: 'make-up-workday' });
		}
		expect(dayStatus('2026-05-04')).toMatchObject({ kind: 'holiday', reason: '2026-05-04 是法定节假日（劳动节）' });
		expect(isWorkingDay('2026-05-06')).toBe(true);
		expect(isWorkingDay('2026-05-16')).toBe(false);
	});
	it('knows National Day 2025 with its make-up Sundays/Saturdays', () => {
		expect(isWorkingDay('2025-09-28')).toBe(true);
		expect(isWorkingDay('2025-10-11')).toBe(true);
		for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(isWorkingDay(d), d).toBe(false);
	});
	it("agrees with the package's own lookup on every day of every year it carries", () => {
		// The data file is read instead of the package's code (working-days.ts); its answers must be
		// the package's: day off or working day, and the holiday's name.
		for (const year of defaultWorkingDayCalendar().years) {
			for (let d = `${year.year}-01-01`; d <= `${year.year}-12-31`; d = addDays(d, 1)) {
				const detail = chineseDays.getDayDetail(d);
				const status = dayStatus(d);
				expect(status.isWorkingDay, d).toBe(detail.work);
				if (status.kind === 'holiday' || status.kind === 'make-up-workday')
					expect(status.reason, d).toContain(detail.name.split(',')[1]);
			}
		}
	});
	it('ends at 2026 and says so', () => {
		const coverage = holidayDataCoverage();
		expect(coverage.firstYear).toBe(2004);
		expect(coverage.lastYear).toBe(2026);
		expect(coverage.years).toContain(2025);
		expect(coverage.years).not.toContain(2027);
	});
});

describe('beyond the data', () => {
	it('guesses Monday–Friday for 2027 but marks it uncertain with a reason', () => {
		const s = dayStatus('2027-01-04');
		expect(s).toMatchObject({ isWorkingDay: true, isCertain: false });
		expect(s.reason).toContain('2027 年的法定节假日安排尚未录入');
		expect(s.reason).toContain('只到 2026 年');
		expect(dayStatus('2027-01-01').isWorkingDay).toBe(true); // the guess, which is why it is flagged
	});
	it('flags a count that crosses into 2027', () => {
		const r = addWorkingDaysDetailed('2026-12-28', 5);
		expect(r.isCertain).toBe(false);
		expect(r.uncertainYears).toEqual([2027]);
		expect(r.reason).toContain('2027');
		expect(addWorkingDaysDetailed('2026-12-01', 5)).toEqual({
			date: '2026-12-08',
			isCertain: true,
			uncertainYears: []
		});
	});
	it('becomes certain once an administrator enters the year', () => {
		const calendar = withHolidayYears(defaultWorkingDayCalendar(), [YEAR_2027]);
		expect(dayStatus('2027-01-01', calendar)).toMatchObject({ isWorkingDay: false, isCertain: true });
		const r = addWorkingDaysDetailed('2026-12-31', 1, calendar);
		expect(r).toEqual({ date: '2027-01-04', isCertain: true, uncertainYears: [] });
		expect(holidayDataCoverage(calendar).lastYear).toBe(2027);
		// the default calendar is not modified
		expect(holidayDataCoverage().lastYear).toBe(2026);
	});
	it('lets an entered year replace a known year', () => {
		const corrected = withHolidayYears(defaultWorkingDayCalendar(), [
			{ year: 2026, holidays: ['2026-01-01'], makeUpWorkdays: [] }
		]);
		expect(isWorkingDay('2026-05-04', corrected)).toBe(true);
	});
});

describe('parseHolidayYear', () => {
	it('accepts a well-formed year and sorts/dedupes it', () => {
		const r = parseHolidayYear({
			year: 2027,
			holidays: ['2027-01-02', '2027-01-01', '2027-01-01'],
			makeUpWorkdays: []
		});
		expect(r.ok && r.year.holidays).toEqual(['2027-01-01', '2027-01-02']);
	});
	it('refuses dates outside the year, weekday make-up days and contradictions', () => {
		expect(parseHolidayYear({ year: 2027, holidays: ['2026-12-31'], makeUpWorkdays: [] }).ok).toBe(false);
		const weekday = parseHolidayYear({ year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-04'] });
		expect(!weekday.ok && weekday.error.key).toBe('checks.calendar.makeUpNotWeekend');
		const both = parseHolidayYear({
			year: 2027,
			holidays: ['2027-01-01', '2027-01-09'],
			makeUpWorkdays: ['2027-01-09']
		});
		expect(!both.ok && both.error.key).toBe('checks.calendar.holidayAndWorkday');
		expect(parseHolidayYear({ year: 2027, holidays: ['2027-02-30'], makeUpWorkdays: [] }).ok).toBe(false);
	});
	it('says why in Chinese as before and in English', async () => {
		const said = async (input: unknown) => {
			const r = parseHolidayYear(input);
			if (r.ok) throw new Error('accepted');
			return inBothLanguages(r.error);
		};
		const outside = await said({ year: 2027, holidays: ['2026-12-31'], makeUpWorkdays: [] });
		expect(outside.zh).toBe('2026-12-31 不在 2027 年内');
		expect(outside.en).toBe('2026-12-31 is not in 2027');
		const weekday = await said({ year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-04'] });
		expect(weekday.zh).toBe('调休上班日 2027-01-04 不是周六或周日，请核对');
		const both = await said({ year: 2027, holidays: ['2027-01-01', '2027-01-09'], makeUpWorkdays: ['2027-01-09'] });
		expect(both.zh).toBe('2027-01-09 同时被录为放假日和调休上班日');
		const none = await said({ year: 2027, holidays: [], makeUpWorkdays: [] });
		expect(none.zh).toBe('2027 年未录入任何放假日（至少应有元旦）');
		const badDate = await said({ year: 2027, holidays: ['2027-02-30'], makeUpWorkdays: [] });
		expect(badDate.zh).toBe('节假日数据格式有误：日期格式应为 YYYY-MM-DD，且须为真实存在的日期');
		for (const r of [outside, weekday, both, none, badDate]) expect(r.en).not.toMatch(CJK);
	});
});

describe('addWorkingDays', () => {
	it('skips holidays and counts make-up days', () => {
		expect(addWorkingDays('2026-04-30', 1)).toBe('2026-05-06');
		expect(addWorkingDays('2026-05-08', -2)).toBe('2026-05-06');
		expect(addWorkingDays('2026-05-06', -1)).toBe('2026-04-30');
		expect(addWorkingDays('2026-05-08', 1)).toBe('2026-05-09'); // Saturday, worked
		expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
		expect(addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
		expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
		expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
	});
	it('never counts the start day and returns it for n = 0', () => {
		expect(addWorkingDays('2026-05-02', 0)).toBe('2026-05-02');
		expect(addWorkingDays('2026-05-02', 1)).toBe('2026-05-06');
		expect(addWorkingDays('2026-05-02', -1)).toBe('2026-04-30');
	});
	it('refuses a fractional count', () => {
		expect(() => addWorkingDays('2026-05-06', 1.5)).toThrow(RangeError);
	});
	it('returns to the start: addWorkingDays(addWorkingDays(d, n), -n) = d for a working day d', () => {
		const start = toDayNumber('2004-01-01');
		const end = toDayNumber('2026-12-31');
		fc.assert(
			fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: -60, max: 60 }), (day, n) => {
				const d = fromDayNumber(day);
				fc.pre(isWorkingDay(d));
				expect(addWorkingDays(addWorkingDays(d, n), -n)).toBe(d);
			}),
			{ numRuns: 300 }
		);
	});
	it('lands on a working day and crosses exactly |n| working days', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2026-10-31') }),
				fc.integer({ min: 1, max: 40 }),
				(day, n) => {
					const d = fromDayNumber(day);
					const later = addWorkingDays(d, n);
					expect(isWorkingDay(later)).toBe(true);
					expect(workingDaysBetween(d, later).count).toBe(n - 1);
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('workingDaysBetween', () => {
	it('excludes both ends and is antisymmetric', () => {
		expect(workingDaysBetween('2026-04-30', '2026-05-16').count).toBe(9); // May 6,7,8,9,11–15
		expect(workingDaysBetween('2026-05-16', '2026-04-30').count).toBe(-9);
		expect(workingDaysBetween('2026-05-06', '2026-05-06').count).toBe(0);
	});
});
