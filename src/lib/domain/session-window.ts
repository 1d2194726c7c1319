// When an exam-day entry belongs to its session: on the session's date (Beijing), from shortly
// before it starts until shortly after it ends. The one rule the tablets use to ask the person to
// confirm an entry made outside it, and the desk uses to flag such entries (by the server's receipt
// time). Pure: the caller says what "now" is.
import { beijingDateOf } from './iso-date';

export interface SessionTimes {
	/** YYYY-MM-DD, Beijing. */
	date: string;
	/** HH:MM, Beijing. */
	start: string;
	end: string;
}

/**
 * How far around a session an entry still counts as part of it: check-in starts before the
 * session (candidates are admitted 30 minutes before, proctors arrive earlier), and the room is
 * closed, papers counted and the summary signed after it ends.
 */
export const SESSION_WINDOW_MARGIN = { beforeMinutes: 60, afterMinutes: 90 } as const;

export type SessionWindowCheck =
	| { isInside: true }
	| {
			isInside: false;
			/** `other-day`: not on the session's date at all; `early` / `late`: on the day, outside the hours. */
			reason: 'other-day' | 'early' | 'late' | 'unreadable';
			/** The Beijing date and HH:MM of the moment checked ('' when unreadable). */
			date: string;
			time: string;
	  };

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const minutesOf = (hhmm: string): number => {
	const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
	return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** The Beijing HH:MM of a moment, or '' when unreadable. */
export function beijingTimeOf(moment: string | Date): string {
	const ms = moment instanceof Date ? moment.getTime() : Date.parse(moment);
	if (Number.isNaN(ms)) return '';
	return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(11, 16);
}

/** Is `moment` (an ISO instant or Date) inside the session's window? */
export function checkSessionWindow(
	session: SessionTimes,
	moment: string | Date,
	margin: { beforeMinutes: number; afterMinutes: number } = SESSION_WINDOW_MARGIN
): SessionWindowCheck {
	const date = typeof moment === 'string' && !/[T ]/.test(moment.trim()) ? null : beijingDateOf(moment);
	const time = beijingTimeOf(moment);
	if (!date || !time) return { isInside: false, reason: 'unreadable', date: '', time: '' };
	if (date !== session.date) return { isInside: false, reason: 'other-day', date, time };
	const at = minutesOf(time);
	const from = minutesOf(session.start) - margin.beforeMinutes;
	const to = minutesOf(session.end) + margin.afterMinutes;
	if (at < from) return { isInside: false, reason: 'early', date, time };
	if (at > to) return { isInside: false, reason: 'late', date, time };
	return { isInside: true };
}

/**
 * Whether an entry for `session` may be recorded at `moment` without asking: inside the window it
 * may; outside it the person must first confirm that he records outside the session's hours
 * (`isConfirmed`, held per session on the device). Returns the window check that needs the
 * confirmation, or null when recording may go ahead.
 */
export function outsideHoursToConfirm(
	session: SessionTimes,
	moment: string | Date,
	isConfirmed: boolean
): Extract<SessionWindowCheck, { isInside: false }> | null {
	const check = checkSessionWindow(session, moment);
	return check.isInside || isConfirmed ? null : check;
}
