// Joint exam days (联考日) and the timetable of an exam weekend. The rule is the third Saturday of
// Jan/Mar/May/Jul/Sep/Nov and the Sunday after (*inferred*); days the centre publishes win over it.
import { z } from 'zod';
import type { SubjectSpec } from './catalog';
import type { Message } from './message-text';
import { issueMessage } from './schema-issue';
import { IsoDateSchema, addDays, assertIsoDate, dayOfWeek, isIsoDate, makeIsoDate } from './iso-date';

/** Months holding a joint exam (notice §三: 每年 1、3、5、7、9、11 月第三周的周末). */
export const EXAM_MONTHS = [1, 3, 5, 7, 9, 11] as const;

export interface ExamWeekend {
	saturday: string;
	sunday: string;
}

export interface ExamWeekendInfo extends ExamWeekend {
	/** True when the centre published this weekend; false when it comes from the third-Saturday rule. */
	isPublished: boolean;
}

/**
 * Days the centre published for one month. They replace whatever the rule gives for that month;
 * an empty `weekends` cancels the month. A month outside the rule's months adds an exam weekend.
 */
export const PublishedExamMonthSchema = z
	.object({
		month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'checks.schema.month'),
		weekends: z.array(
			z
				.object({ saturday: IsoDateSchema, sunday: IsoDateSchema })
				.refine((w) => isIsoDate(w.saturday) && isIsoDate(w.sunday) && addDays(w.saturday, 1) === w.sunday, {
					message: 'checks.schema.weekendPair'
				})
		),
		source: z.string().optional()
	})
	.refine((m) => m.weekends.every((w) => w.saturday.startsWith(m.month)), {
		message: 'checks.schema.weekendInMonth'
	});
export type PublishedExamMonth = z.infer<typeof PublishedExamMonthSchema>;
export const PublishedExamDaysSchema = z.array(PublishedExamMonthSchema);
export type PublishedExamDays = readonly PublishedExamMonth[];

/** Validates the centre's published days (from the config document or an admin form). */
export function parsePublishedExamDays(
	input: unknown
): { ok: true; published: PublishedExamMonth[] } | { ok: false; error: Message } {
	const parsed = PublishedExamDaysSchema.safeParse(input);
	if (!parsed.success) {
		const why = issueMessage(parsed.error.issues[0]);
		return { ok: false, error: { key: 'checks.calendar.publishedInvalid', params: { why: { msg: why } } } };
	}
	const months = new Set<string>();
	for (const m of parsed.data) {
		if (months.has(m.month))
			return { ok: false, error: { key: 'checks.calendar.monthTwice', params: { month: m.month } } };
		months.add(m.month);
	}
	return { ok: true, published: parsed.data };
}

/** Third Saturday of a month: the first Saturday falls on day 1–7, the third 14 days later. */
export function thirdSaturday(year: number, month: number): string {
	const first = makeIsoDate(year, month, 1);
	const offset = (6 - dayOfWeek(first) + 7) % 7;
	return addDays(first, offset + 14);
}

function ruleWeekend(year: number, month: number): ExamWeekend {
	const saturday = thirdSaturday(year, month);
	return { saturday, sunday: addDays(saturday, 1) };
}

/** Exam weekends of a year, in date order, with published months replacing the rule. */
export function jointExamDaysDetailed(year: number, published: PublishedExamDays = []): ExamWeekendInfo[] {
	const prefix = `${String(year).padStart(4, '0')}-`;
	const publishedByMonth = new Map(published.filter((m) => m.month.startsWith(prefix)).map((m) => [m.month, m]));
	const result: ExamWeekendInfo[] = [];
	for (const month of EXAM_MONTHS) {
		const key = `${prefix}${String(month).padStart(2, '0')}`;
		if (publishedByMonth.has(key)) continue;
		result.push({ ...ruleWeekend(year, month), isPublished: false });
	}
	for (const m of publishedByMonth.values()) {
		for (const w of m.weekends) result.push({ saturday: w.saturday, sunday: w.sunday, isPublished: true });
	}
	return result.sort((a, b) => (a.saturday < b.saturday ? -1 : a.saturday > b.saturday ? 1 : 0));
}

/** Exam weekends of a year as `{ saturday, sunday }` (ISO dates), in date order. */
export function jointExamDays(year: number, published: PublishedExamDays = []): ExamWeekend[] {
	return jointExamDaysDetailed(year, published).map(({ saturday, sunday }) => ({ saturday, sunday }));
}

/** The exam weekend containing `date`, if it is a joint exam day. */
export function examWeekendOf(date: string, published: PublishedExamDays = []): ExamWeekend | undefined {
	assertIsoDate(date);
	const year = Number(date.slice(0, 4));
	return jointExamDays(year, published).find((w) => w.saturday === date || w.sunday === date);
}

export function isJointExamDay(date: string, published: PublishedExamDays = []): boolean {
	return examWeekendOf(date, published) !== undefined;
}

/** How far to look for a weekend when the centre has cancelled months; beyond it the data is wrong. */
const SEARCH_YEARS = 10;

/**
 * The first exam weekend whose Saturday is on or after `onOrAfter`. A weekend already under way
 * (onOrAfter is its Sunday) is not "next": nothing can still be planned for it.
 */
export function nextJointExamDay(onOrAfter: string, published: PublishedExamDays = []): ExamWeekend {
	assertIsoDate(onOrAfter);
	const start = Number(onOrAfter.slice(0, 4));
	for (let year = start; year <= start + SEARCH_YEARS; year++) {
		const found = jointExamDays(year, published).find((w) => w.saturday >= onOrAfter);
		if (found) return found;
	}
	throw new RangeError(`no joint exam day within ${SEARCH_YEARS} years after ${onOrAfter}`);
}

/** The last exam weekend that ended (Sunday) strictly before `before`. */
export function previousJointExamDay(before: string, published: PublishedExamDays = []): ExamWeekend {
	assertIsoDate(before);
	const start = Number(before.slice(0, 4));
	for (let year = start; year >= start - SEARCH_YEARS; year--) {
		const found = jointExamDays(year, published)
			.filter((w) => w.sunday < before)
			.at(-1);
		if (found) return found;
	}
	throw new RangeError(`no joint exam day within ${SEARCH_YEARS} years before ${before}`);
}

/** Exam weekends with Saturday in [from, to], both inclusive, across years. */
export function jointExamDaysBetween(from: string, to: string, published: PublishedExamDays = []): ExamWeekend[] {
	assertIsoDate(from);
	assertIsoDate(to);
	const result: ExamWeekend[] = [];
	for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
		for (const w of jointExamDays(year, published)) if (w.saturday >= from && w.saturday <= to) result.push(w);
	}
	return result;
}

// ---------------------------------------------------------------------------------------------
// The day schedule (附件3 §四): theory from Saturday 09:00, skill right after theory ends,
// comprehensive review from Sunday 09:00.

export const ScheduleConfigSchema = z.object({
	theoryStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
	reviewStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
	/** Minutes between the end of theory and the start of skill (the notice says "after"; 0 = at once). */
	breakAfterTheoryMinutes: z.number().int().nonnegative()
});
export type ScheduleConfig = z.infer<typeof ScheduleConfigSchema>;

export const DEFAULT_SCHEDULE_CONFIG: ScheduleConfig = {
	theoryStart: '09:00',
	reviewStart: '09:00',
	breakAfterTheoryMinutes: 0
};

export interface ScheduledSession {
	kind: SubjectSpec['kind'];
	mode: SubjectSpec['mode'];
	date: string;
	/** Local (Beijing) wall-clock times, HH:MM. */
	start: string;
	end: string;
	durationMinutes: number;
}

export interface ScheduleOptions {
	config?: Partial<ScheduleConfig>;
	/** Practical skill often runs in rounds when there are more candidates than stations. */
	skillRounds?: number;
	/** Candidates sitting the review; its length is per candidate. */
	reviewCandidates?: number;
	/** Review panels running in parallel. */
	reviewPanels?: number;
}

export type ScheduleResult = { ok: true; sessions: ScheduledSession[] } | { ok: false; error: string };

function toMinutes(hhmm: string): number {
	const [h, m] = hhmm.split(':').map(Number);
	return h * 60 + m;
}
function toHhmm(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const MINUTES_PER_DAY = 24 * 60;

/**
 * The timetable of one occupation/level on an exam weekend, from its subject specs (durations
 * come from the catalogue). Fails when a session would run past midnight.
 */
export function examDaySchedule(
	weekend: ExamWeekend,
	subjects: readonly Pick<SubjectSpec, 'kind' | 'mode' | 'durationMinutes'>[],
	options: ScheduleOptions = {}
): ScheduleResult {
	const config = { ...DEFAULT_SCHEDULE_CONFIG, ...options.config };
	const parsedConfig = ScheduleConfigSchema.safeParse(config);
	if (!parsedConfig.success) return { ok: false, error: '考试开始时间格式应为 HH:MM' };
	const sessions: ScheduledSession[] = [];
	const theory = subjects.find((s) => s.kind === 'theory');
	const skill = subjects.find((s) => s.kind === 'skill');
	const review = subjects.find((s) => s.kind === 'review');

	let cursor = toMinutes(config.theoryStart);
	if (theory) {
		sessions.push(session(theory, weekend.saturday, cursor, theory.durationMinutes));
		cursor += theory.durationMinutes + config.breakAfterTheoryMinutes;
	}
	if (skill) {
		const rounds = Math.max(1, Math.floor(options.skillRounds ?? 1));
		sessions.push(session(skill, weekend.saturday, cursor, skill.durationMinutes * rounds));
	}
	if (review) {
		const candidates = Math.max(1, Math.floor(options.reviewCandidates ?? 1));
		const panels = Math.max(1, Math.floor(options.reviewPanels ?? 1));
		const minutes = Math.ceil(candidates / panels) * review.durationMinutes;
		sessions.push(session(review, weekend.sunday, toMinutes(config.reviewStart), minutes));
	}
	const overrun = sessions.find((s) => toMinutes(s.start) + s.durationMinutes > MINUTES_PER_DAY);
	if (overrun) {
		return { ok: false, error: `${overrun.date} 的考试安排超过当天 24:00，请增加考场、考评组或调整时长` };
	}
	return { ok: true, sessions };
}

function session(
	spec: Pick<SubjectSpec, 'kind' | 'mode'>,
	date: string,
	startMinutes: number,
	durationMinutes: number
): ScheduledSession {
	const endMinutes = startMinutes + durationMinutes;
	return {
		kind: spec.kind,
		mode: spec.mode,
		date,
		start: toHhmm(startMinutes),
		end: toHhmm(Math.min(endMinutes, MINUTES_PER_DAY)),
		durationMinutes
	};
}
