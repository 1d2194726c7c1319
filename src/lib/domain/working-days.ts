// Working days (工作日) under China's official holiday schedule, with its make-up working days (调休).
// Default data comes from `chinese-days`; an administrator adds newly published years. Knows where its data ends.
// The package's own data file, not its code: the code builds lookup tables when it is loaded, on
// every page that reads a plan, and its lookups guess for unknown years (below).
import packageDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Message } from './message-text';
import { issueMessage } from './schema-issue';
import { addDays, assertIsoDate, isWeekend, makeIsoDate, yearOf } from './iso-date';

// The schema of a year lives apart (holiday-year.ts): the documents' schemas need it, not the
// calendar and its data.
import { HolidayYearSchema, type HolidayYear } from './holiday-year';
export { HolidayYearSchema, type HolidayYear };

/** Plain data: the years whose arrangement is known. A year absent here is unknown, not "no holidays". */
export interface WorkingDayCalendar {
	years: readonly HolidayYear[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface DayStatus {
	date: string;
	isWorkingDay: boolean;
	/** False when the year's arrangement is not in the data: the answer is the Monday–Friday guess. */
	isCertain: boolean;
	kind: DayKind;
	/** Chinese explanation for a clerk. */
	reason: string;
	/** The unknown year's note as a message (message-text.ts), for the reader's language. */
	note?: Message;
}

export interface CertainResult {
	date: string;
	isCertain: boolean;
	/** Why the result may be wrong; absent when certain. */
	reason?: string;
	/** The same as a message (message-text.ts), for the reader's language. */
	note?: Message;
	/** Years the computation crossed without holiday data. */
	uncertainYears: number[];
}

// ---------------------------------------------------------------------------------------------
// Default data from chinese-days. Its own lookups treat an unknown year as "weekdays work",
// which is exactly the silent guess we must not make, so we copy its data into per-year records.

const PACKAGE_SOURCE = 'npm chinese-days 1.5.7（国务院办公厅节假日安排）';

function holidayNameOf(raw: string): string | undefined {
	// chinese-days names look like "Labour Day,劳动节,2".
	const parts = raw.split(',');
	return parts.length >= 2 ? parts[1] : undefined;
}

/** The package's years, each with its days off and its make-up working days on weekends. */
function yearsFromPackage(): HolidayYear[] {
	const byYear = new Map<number, HolidayYear & { names: Record<string, string> }>();
	const yearRecord = (year: number) => {
		let record = byYear.get(year);
		if (!record)
			byYear.set(year, (record = { year, holidays: [], makeUpWorkdays: [], names: {}, source: PACKAGE_SOURCE }));
		return record;
	};
	for (const [date, raw] of Object.entries(packageDays.holidays as Record<string, string>)) {
		const name = holidayNameOf(raw);
		if (!name) continue;
		const record = yearRecord(yearOf(date));
		record.holidays.push(date);
		record.names[date] = name;
	}
	for (const [date, raw] of Object.entries(packageDays.workdays as Record<string, string>)) {
		const name = holidayNameOf(raw);
		const record = byYear.get(yearOf(date));
		if (!name || !record || !isWeekend(date)) continue;
		record.makeUpWorkdays.push(date);
		record.names[date] = name;
	}
	// Every official arrangement gives 1 January off; a year without it is not one the package has.
	const years = [...byYear.values()]
		.filter((y) => y.holidays.includes(makeIsoDate(y.year, 1, 1)))
		.sort((a, b) => a.year - b.year);
	for (const y of years) {
		y.holidays.sort();
		y.makeUpWorkdays.sort();
	}
	return years;
}

let defaultCalendar: WorkingDayCalendar | undefined;

/** chinese-days data, 2004 up to the last year it carries (2026 for 1.5.7). Built once, lazily. */
export function defaultWorkingDayCalendar(): WorkingDayCalendar {
	defaultCalendar ??= { years: yearsFromPackage() };
	return defaultCalendar;
}

/**
 * A calendar with `entered` years added, each replacing any year of the same number
 * (an administrator entering the newly published year, or correcting one).
 */
export function withHolidayYears(base: WorkingDayCalendar, entered: readonly HolidayYear[]): WorkingDayCalendar {
	const byYear = new Map(base.years.map((y) => [y.year, y]));
	for (const year of entered) byYear.set(year.year, year);
	return { years: [...byYear.values()].sort((a, b) => a.year - b.year) };
}

export type HolidayYearResult = { ok: true; year: HolidayYear } | { ok: false; error: Message };
const refusal = (key: string, params: Message['params']): { ok: false; error: Message } => ({
	ok: false,
	error: { key: `checks.calendar.${key}`, params }
});

/** Validates a year an administrator enters: dates inside the year, make-up days on weekends, no day both. */
export function parseHolidayYear(input: unknown): HolidayYearResult {
	const parsed = HolidayYearSchema.safeParse(input);
	if (!parsed.success) {
		return refusal('holidayInvalid', { why: { msg: issueMessage(parsed.error.issues[0]) } });
	}
	const year = parsed.data;
	const outside = [...year.holidays, ...year.makeUpWorkdays].find((d) => yearOf(d) !== year.year);
	if (outside) return refusal('outsideYear', { date: outside, year: year.year });
	const weekdayMakeUp = year.makeUpWorkdays.find((d) => !isWeekend(d));
	if (weekdayMakeUp) return refusal('makeUpNotWeekend', { date: weekdayMakeUp });
	const holidays = new Set(year.holidays);
	const both = year.makeUpWorkdays.find((d) => holidays.has(d));
	if (both) return refusal('holidayAndWorkday', { date: both });
	if (year.holidays.length === 0) return refusal('noHolidays', { year: year.year });
	return {
		ok: true,
		year: {
			...year,
			holidays: [...new Set(year.holidays)].sort(),
			makeUpWorkdays: [...new Set(year.makeUpWorkdays)].sort()
		}
	};
}

// ---------------------------------------------------------------------------------------------

interface YearIndex {
	holidays: Set<string>;
	makeUp: Set<string>;
	names: Record<string, string>;
}
interface CalendarIndex {
	years: Map<number, YearIndex>;
	lastYear: number | undefined;
	firstYear: number | undefined;
}

const indexCache = new WeakMap<WorkingDayCalendar, CalendarIndex>();

function indexOf(calendar: WorkingDayCalendar): CalendarIndex {
	const cached = indexCache.get(calendar);
	if (cached) return cached;
	const years = new Map<number, YearIndex>();
	for (const y of calendar.years) {
		years.set(y.year, { holidays: new Set(y.holidays), makeUp: new Set(y.makeUpWorkdays), names: y.names ?? {} });
	}
	const numbers = [...years.keys()];
	const index: CalendarIndex = {
		years,
		firstYear: numbers.length ? Math.min(...numbers) : undefined,
		lastYear: numbers.length ? Math.max(...numbers) : undefined
	};
	indexCache.set(calendar, index);
	return index;
}

/** The years with known arrangements, e.g. to show "节假日数据截至 2026 年". */
export function holidayDataCoverage(calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): {
	years: number[];
	firstYear: number | undefined;
	lastYear: number | undefined;
} {
	const index = indexOf(calendar);
	return { years: [...index.years.keys()].sort((a, b) => a - b), firstYear: index.firstYear, lastYear: index.lastYear };
}

/** unknownYearReason as a message: the same sentence in the reader's language. */
function unknownYearNote(year: number, index: CalendarIndex): Message {
	const known: Message =
		index.lastYear === undefined
			? { key: 'checks.holidays.noData', params: {} }
			: { key: 'checks.holidays.knownUntil', params: { year: index.lastYear } };
	const hint =
		index.lastYear !== undefined && year > index.lastYear ? 'checks.holidays.hintNextYear' : 'checks.holidays.hint';
	return {
		key: 'checks.holidays.unknownYear',
		params: { year, known: { msg: known }, hint: { msg: { key: hint, params: {} } } }
	};
}

function unknownYearReason(year: number, index: CalendarIndex): string {
	const known = index.lastYear === undefined ? '尚无任何年份的节假日数据' : `节假日数据只到 ${index.lastYear} 年`;
	const hint =
		index.lastYear !== undefined && year > index.lastYear
			? '国务院通常在上一年 11–12 月公布次年安排，公布后请管理员录入。'
			: '请管理员录入该年安排。';
	return `${year} 年的法定节假日安排尚未录入（${known}），暂按周一至周五为工作日推算，结果可能不准确。${hint}`;
}

export function dayStatus(date: string, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): DayStatus {
	assertIsoDate(date);
	const index = indexOf(calendar);
	const year = index.years.get(yearOf(date));
	const weekend = isWeekend(date);
	if (!year) {
		return {
			date,
			isWorkingDay: !weekend,
			isCertain: false,
			kind: weekend ? 'weekend' : 'workday',
			reason: unknownYearReason(yearOf(date), index),
			note: unknownYearNote(yearOf(date), index)
		};
	}
	const name = year.names[date];
	if (year.makeUp.has(date)) {
		return {
			date,
			isWorkingDay: true,
			isCertain: true,
			kind: 'make-up-workday',
			reason: `${date} 是调休上班日${name ? `（${name}）` : ''}`
		};
	}
	if (year.holidays.has(date)) {
		return {
			date,
			isWorkingDay: false,
			isCertain: true,
			kind: 'holiday',
			reason: `${date} 是法定节假日${name ? `（${name}）` : ''}`
		};
	}
	return weekend
		? { date, isWorkingDay: false, isCertain: true, kind: 'weekend', reason: `${date} 是周末` }
		: { date, isWorkingDay: true, isCertain: true, kind: 'workday', reason: `${date} 是工作日` };
}

export function isWorkingDay(date: string, calendar: WorkingDayCalendar = defaultWorkingDayCalendar()): boolean {
	return dayStatus(date, calendar).isWorkingDay;
}

/**
 * The n-th working day after `date` (n > 0) or before it (n < 0); `date` itself is never counted.
 * n = 0 returns `date` unchanged. Reports whether any day it looked at lies in a year without data.
 */
export function addWorkingDaysDetailed(
	date: string,
	n: number,
	calendar: WorkingDayCalendar = defaultWorkingDayCalendar()
): CertainResult {
	assertIsoDate(date);
	if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer, got ${n}`);
	const uncertain = new Set<number>();
	const step = n > 0 ? 1 : -1;
	let remaining = Math.abs(n);
	let current = date;
	while (remaining > 0) {
		current = addDays(current, step);
		const status = dayStatus(current, calendar);
		if (!status.isCertain) uncertain.add(yearOf(current));
		if (status.isWorkingDay) remaining--;
	}
	return certainty(current, uncertain, calendar);
}

function certainty(date: string, uncertain: Set<number>, calendar: WorkingDayCalendar): CertainResult {
	const uncertainYears = [...uncertain].sort((a, b) => a - b);
	if (uncertainYears.length === 0) return { date, isCertain: true, uncertainYears };
	return {
		date,
		isCertain: false,
		reason: unknownYearReason(uncertainYears[0], indexOf(calendar)),
		note: unknownYearNote(uncertainYears[0], indexOf(calendar)),
		uncertainYears
	};
}

export function addWorkingDays(
	date: string,
	n: number,
	calendar: WorkingDayCalendar = defaultWorkingDayCalendar()
): string {
	return addWorkingDaysDetailed(date, n, calendar).date;
}

/** Working days strictly between `from` and `to` (both excluded); negative when `to` is before `from`. */
export function workingDaysBetween(
	from: string,
	to: string,
	calendar: WorkingDayCalendar = defaultWorkingDayCalendar()
): { count: number; isCertain: boolean; reason?: string; uncertainYears: number[] } {
	assertIsoDate(from);
	assertIsoDate(to);
	const [start, end, sign] = from <= to ? [from, to, 1] : [to, from, -1];
	const uncertain = new Set<number>();
	let count = 0;
	for (let d = addDays(start, 1); d < end; d = addDays(d, 1)) {
		const status = dayStatus(d, calendar);
		if (!status.isCertain) uncertain.add(yearOf(d));
		if (status.isWorkingDay) count++;
	}
	const { isCertain, reason, uncertainYears } = certainty(end, uncertain, calendar);
	return { count: count === 0 ? 0 : count * sign, isCertain, reason, uncertainYears };
}
