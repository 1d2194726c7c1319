// Calendar-date arithmetic on ISO `YYYY-MM-DD` strings, shared by the domain files.
// Dates are civil dates in China (no time zone), so everything runs in UTC to avoid DST/offset drift.
// No zod here: the exam clock (in the shell of every page) needs these without the schemas;
// iso-date.ts re-exports them with IsoDateSchema for the domain's schemas.
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
	const match = ISO_DATE_PATTERN.exec(value);
	if (!match) return false;
	const [, y, m, d] = match;
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

export function assertIsoDate(value: string): void {
	if (!isIsoDate(value)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${value}`);
}

/** Days since 1970-01-01; lets callers compare and subtract dates as integers. */
export function toDayNumber(date: string): number {
	assertIsoDate(date);
	const [y, m, d] = date.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): string {
	const date = new Date(day * DAY_MS);
	return formatUtcDate(date);
}

function formatUtcDate(date: Date): string {
	const y = String(date.getUTCFullYear()).padStart(4, '0');
	const m = String(date.getUTCMonth() + 1).padStart(2, '0');
	const d = String(date.getUTCDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}

export function addDays(date: string, n: number): string {
	return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function dayOfWeek(date: string): number {
	// 1970-01-01 was a Thursday (4).
	return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
	const dow = dayOfWeek(date);
	return dow === 0 || dow === 6;
}

export function yearOf(date: string): number {
	return Number(date.slice(0, 4));
}

export function makeIsoDate(year: number, month: number, day: number): string {
	return formatUtcDate(new Date(Date.UTC(year, month - 1, day)));
}

export function compareIsoDates(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same month and day `years` later; 29 February falls back to the 28th, which is how
 * 民法典 art. 202 ends a period counted in years when the end month has no matching day.
 */
export function addYears(date: string, years: number): string {
	assertIsoDate(date);
	const [y, m, d] = date.split('-').map(Number);
	const target = y + years;
	const lastDay = new Date(Date.UTC(target, m, 0)).getUTCDate();
	return makeIsoDate(target, m, Math.min(d, lastDay));
}

/** Whole years from `birthDate` to `onDate` (age as a clerk counts it; the birthday itself counts). */
export function fullYearsBetween(from: string, to: string): number {
	assertIsoDate(from);
	assertIsoDate(to);
	const [fy, fm, fd] = from.split('-').map(Number);
	const [ty, tm, td] = to.split('-').map(Number);
	let years = ty - fy;
	if (tm < fm || (tm === fm && td < fd)) years -= 1;
	return years;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The civil date in Beijing (UTC+8, no DST) of a moment. Accepts a plain `YYYY-MM-DD`
 * (taken as that date) or an ISO date-time; a date-time without offset is read as Beijing time.
 * Returns null for anything unreadable.
 */
export function beijingDateOf(moment: string | Date): string | null {
	if (moment instanceof Date) {
		if (Number.isNaN(moment.getTime())) return null;
		return formatUtcDate(new Date(moment.getTime() + BEIJING_OFFSET_MS));
	}
	const trimmed = moment.trim();
	if (isIsoDate(trimmed)) return trimmed;
	const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
	const parsed = new Date(hasOffset ? trimmed : `${trimmed}+08:00`);
	if (Number.isNaN(parsed.getTime())) return null;
	return formatUtcDate(new Date(parsed.getTime() + BEIJING_OFFSET_MS));
}
