// One "today" and one "now" for every rule: the server's, as Beijing time. A demo or a test may fix
// the date (KAOWU_TODAY); the time of day still runs, on that date, so "has the session ended" and
// "is it today" agree with each other on the desk and on the tablets.
import { beijingDateOf } from './civil-date';

export interface ExamClock {
	/** The Beijing date, YYYY-MM-DD. */
	today: string;
	/** The moment as ISO with the Beijing offset, e.g. 2026-11-28T17:05:00+08:00. */
	now: string;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Beijing wall-clock time of `moment` as HH:MM:SS. */
function beijingTimeOf(moment: Date): string {
	return new Date(moment.getTime() + BEIJING_OFFSET_MS).toISOString().slice(11, 19);
}

/** The exam clock at `real` (the server's clock), with the date fixed to `fixedToday` when given. */
export function examClock(fixedToday: string | undefined, real: Date = new Date()): ExamClock {
	const today = fixedToday ?? beijingDateOf(real)!;
	return { today, now: `${today}T${beijingTimeOf(real)}+08:00` };
}

/** How KAOWU_TODAY sets the clock: a fixed date, or a start moment from which the clock runs on. */
export interface ClockSetting {
	/** The Beijing date the setting names (YYYY-MM-DD). */
	today?: string;
	/** With a time: how far the clock is set from the real one (ms), so it starts there and runs on. */
	offsetMs?: number;
}

/**
 * Reads KAOWU_TODAY: `2027-01-16` fixes the date while the time of day runs on; `2027-01-16T09:30`
 * (Beijing) starts the clock at that moment when the server starts, and it runs on from there, so a
 * demo or a test can stand inside a session's hours whatever the real time of day is.
 */
export function readClockSetting(value: string | undefined, startedAtMs: number): ClockSetting {
	if (!value?.trim()) return {};
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?$/.exec(value.trim());
	if (!m) throw new Error(`KAOWU_TODAY "${value}" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
	if (!m[2]) return { today: m[1] };
	return { today: m[1], offsetMs: Date.parse(`${m[1]}T${m[2]}:00+08:00`) - startedAtMs };
}

/** The exam clock at `real` under a setting (see readClockSetting). */
export function clockAt(setting: ClockSetting, real: Date = new Date()): ExamClock {
	return setting.offsetMs !== undefined
		? examClock(undefined, new Date(real.getTime() + setting.offsetMs))
		: examClock(setting.today, real);
}

/**
 * A device's view of the exam clock: the server's clock as last told, moved on by the time the
 * device has counted since (so it keeps running offline), never the device's own date.
 */
export function clockSince(told: ExamClock, toldAtMs: number, deviceNowMs: number): ExamClock {
	const moment = new Date(Date.parse(told.now) + Math.max(0, deviceNowMs - toldAtMs));
	return { today: beijingDateOf(moment)!, now: `${beijingDateOf(moment)}T${beijingTimeOf(moment)}+08:00` };
}

/**
 * A moment the server recorded on its real clock (a receipt), read on the exam clock: moved by
 * `offsetMs` (exam clock − real clock; 0 in real use, KAOWU_TODAY moves it in demos and tests).
 */
export function onExamClock(realMoment: string, offsetMs: number | undefined): string {
	return offsetMs ? new Date(Date.parse(realMoment) + offsetMs).toISOString() : realMoment;
}

/** Whether ISO moment `a` is at or before `b`, whatever offsets each is written with. */
export function isAtOrBefore(a: string, b: string): boolean {
	return Date.parse(a) <= Date.parse(b);
}

/**
 * How a moment reads to a person: Beijing time, "2026-11-30 21:55" (seconds when asked). Whatever
 * offset the ISO string carries (Z from a device, +08:00 from the server), never an ISO string.
 */
export function beijingText(moment: string | undefined | null, withSeconds = false): string {
	if (!moment) return '';
	const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(moment) ? moment : `${moment}+08:00`);
	if (Number.isNaN(ms)) return moment;
	const beijing = new Date(ms + BEIJING_OFFSET_MS).toISOString();
	return `${beijing.slice(0, 10)} ${beijing.slice(11, withSeconds ? 19 : 16)}`;
}
