// Deadlines of 附件3 counted in working days (plan, staff arrangement, publication, review, reply)
// and the one-year retake window. Each check says whether a moment is in time, and why, in Chinese.
//
// How we count (one convention for every rule, so clerks can predict it):
// - "N working days before day X" (考前 N 个工作日): the deadline is the N-th working day counted
//   backwards from X, X itself not counted. Anything done on or before that day is in time. Put
//   differently, doing it on day D is in time iff the working days in [D, X) — D included when it is
//   a working day, X excluded — number at least N. So on the 9th working day before, it is late.
// - "within N working days after day X" (考后 1 个工作日之内, 受理后 5 个工作日内): the deadline is the
//   N-th working day after X, X not counted; anything up to the end of that day is in time.
// - "lasts N working days" (公示时间为 5 个工作日): the period starts on its first day, which counts
//   as day 1 when it is a working day (the usual "公示期 5 月 6 日至 5 月 12 日" reading), and ends at
//   the end of its N-th working day.
// - A moment is read as its civil date in Beijing: a deadline day lasts until 24:00 Beijing time.
// - "within one year of the first sitting" (自首次参加联考之日起一年内): per 民法典 arts. 201–202 the
//   first day is not counted and the period ends on the same month and day a year later, inclusive.
import { issueMessage } from './schema-issue';
import { z } from 'zod';
import {
	examWeekendOf,
	isJointExamDay,
	jointExamDaysBetween,
	type ExamWeekend,
	type PublishedExamDays
} from './calendar';
import { IsoDateSchema, addYears, assertIsoDate, beijingDateOf } from './iso-date';
import type { Message } from './message-text';
import {
	addWorkingDaysDetailed,
	dayStatus,
	defaultWorkingDayCalendar,
	isWorkingDay,
	workingDaysBetween,
	type WorkingDayCalendar
} from './working-days';

/** The periods of 渝人社办〔2025〕121号 附件3 and 劳社厅函〔2006〕3号; data so a later notice can change them. */
export const DeadlineRulesSchema = z.object({
	planWorkingDaysBefore: z.number().int().nonnegative(),
	staffWorkingDaysBefore: z.number().int().nonnegative(),
	publishWithinWorkingDays: z.number().int().nonnegative(),
	publicationWorkingDays: z.number().int().positive(),
	reviewReplyWorkingDays: z.number().int().nonnegative(),
	retakeWithinYears: z.number().int().positive(),
	maxRetakes: z.number().int().nonnegative()
});
export type DeadlineRules = z.infer<typeof DeadlineRulesSchema>;

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
	planWorkingDaysBefore: 10,
	staffWorkingDaysBefore: 7,
	publishWithinWorkingDays: 1,
	publicationWorkingDays: 5,
	reviewReplyWorkingDays: 5,
	retakeWithinYears: 1,
	maxRetakes: 1
};

export interface DeadlineOptions {
	calendar?: WorkingDayCalendar;
	rules?: Partial<DeadlineRules>;
}

export interface DeadlineDate {
	date: string;
	/** False when the count crossed a year without holiday data; `uncertainty` says which. */
	isCertain: boolean;
	uncertainty?: string;
	/** The uncertainty as a message, for the reader's language. */
	uncertaintyNote?: Message;
}

export interface DeadlineCheck {
	/** The last day on which the step is in time (inclusive). */
	deadline: string;
	/** The first day on which the step is allowed, where there is one. */
	earliest?: string;
	/** Civil date in Beijing of the moment checked. */
	checkedDate: string;
	isInTime: boolean;
	isCertain: boolean;
	/** A sentence a clerk can act on; mentions the uncertainty when there is one. */
	reason: string;
	/** The same sentence as a message (message-text.ts), in the reader's language. */
	message?: Message;
}

/** A deadline sentence as a message, with the uncertainty (a year without holiday data) when there is one. */
function sentenceWithUncertainty(
	key: string,
	params: Message['params'],
	uncertainty: { uncertainty?: string; uncertaintyNote?: Message }
): Message {
	const sentence: Message = { key, params };
	if (!uncertainty.uncertainty) return sentence;
	const note = uncertainty.uncertaintyNote ? { msg: uncertainty.uncertaintyNote } : uncertainty.uncertainty;
	return { key: 'checks.deadline.uncertain', params: { sentence: { msg: sentence }, uncertainty: note } };
}

function resolve(options: DeadlineOptions): { calendar: WorkingDayCalendar; rules: DeadlineRules } {
	return {
		calendar: options.calendar ?? defaultWorkingDayCalendar(),
		rules: { ...DEFAULT_DEADLINE_RULES, ...options.rules }
	};
}

function dateOfMoment(at: string | Date): string {
	const date = beijingDateOf(at);
	if (!date) throw new RangeError(`unreadable moment: ${String(at)}`);
	return date;
}

function withUncertainty(reason: string, uncertainty: string | undefined): string {
	return uncertainty ? `${reason}。注意：${uncertainty}` : reason;
}

/** Working days from `date` (included if a working day) up to `exam` (excluded). */
function workingDaysLeft(date: string, exam: string, calendar: WorkingDayCalendar): number {
	if (date >= exam) return 0;
	return workingDaysBetween(date, exam, calendar).count + (isWorkingDay(date, calendar) ? 1 : 0);
}

function workingDaysBeforeDeadline(examDate: string, n: number, calendar: WorkingDayCalendar): DeadlineDate {
	assertIsoDate(examDate);
	const r = addWorkingDaysDetailed(examDate, -n, calendar);
	return { date: r.date, isCertain: r.isCertain, uncertainty: r.reason, uncertaintyNote: r.note };
}

const STEP_NAMES = { plan: '考试计划', planChange: '修改考试计划', staff: '考务安排' } as const;

function checkBefore(
	examDate: string,
	at: string | Date,
	n: number,
	which: keyof typeof STEP_NAMES,
	calendar: WorkingDayCalendar
): DeadlineCheck {
	const step = STEP_NAMES[which];
	const deadline = workingDaysBeforeDeadline(examDate, n, calendar);
	const checkedDate = dateOfMoment(at);
	const isInTime = checkedDate <= deadline.date;
	const params = {
		step: { msg: { key: `checks.deadline.step.${which}`, params: {} } },
		n,
		deadline: deadline.date,
		checked: checkedDate,
		exam: examDate,
		left: isInTime ? 0 : workingDaysLeft(checkedDate, examDate, calendar)
	};
	const sentence: Message = { key: isInTime ? 'checks.deadline.inTime' : 'checks.deadline.late', params };
	const reason = isInTime
		? `${step}须在考前 ${n} 个工作日完成，最迟 ${deadline.date}；${checkedDate} 办理，符合要求`
		: `${step}须在考前 ${n} 个工作日完成，最迟 ${deadline.date}；${checkedDate} 距考试（${examDate}）仅剩 ${workingDaysLeft(checkedDate, examDate, calendar)} 个工作日，已逾期`;
	return {
		deadline: deadline.date,
		checkedDate,
		isInTime,
		isCertain: deadline.isCertain,
		reason: withUncertainty(reason, deadline.uncertainty),
		message: deadline.uncertainty
			? {
					key: 'checks.deadline.uncertain',
					params: {
						sentence: { msg: sentence },
						uncertainty: deadline.uncertaintyNote ? { msg: deadline.uncertaintyNote } : deadline.uncertainty
					}
				}
			: sentence
	};
}

/** The last day an exam plan may be created in the system (考前 10 个工作日). `examDate` is the exam Saturday. */
export function planDeadline(examDate: string, options: DeadlineOptions = {}): DeadlineDate {
	const { calendar, rules } = resolve(options);
	return workingDaysBeforeDeadline(examDate, rules.planWorkingDaysBefore, calendar);
}

/** Whether a plan may be created (or, `isChange`, changed) on `at`: the same deadline, worded for the step. */
export function checkPlanCreation(
	examDate: string,
	at: string | Date,
	options: DeadlineOptions = {},
	isChange = false
): DeadlineCheck {
	const { calendar, rules } = resolve(options);
	return checkBefore(examDate, at, rules.planWorkingDaysBefore, isChange ? 'planChange' : 'plan', calendar);
}

/** The last day the 考务安排 (supervisors, exam staff, invigilators) must be done (考前 7 个工作日). */
export function staffArrangementDeadline(examDate: string, options: DeadlineOptions = {}): DeadlineDate {
	const { calendar, rules } = resolve(options);
	return workingDaysBeforeDeadline(examDate, rules.staffWorkingDaysBefore, calendar);
}

export function checkStaffArrangement(
	examDate: string,
	at: string | Date,
	options: DeadlineOptions = {}
): DeadlineCheck {
	const { calendar, rules } = resolve(options);
	return checkBefore(examDate, at, rules.staffWorkingDaysBefore, 'staff', calendar);
}

/** The last day scores may be published: the first working day after the exam's last day (考后 1 个工作日之内). */
export function publicationDeadline(examLastDay: string, options: DeadlineOptions = {}): DeadlineDate {
	const { calendar, rules } = resolve(options);
	assertIsoDate(examLastDay);
	const r = addWorkingDaysDetailed(examLastDay, rules.publishWithinWorkingDays, calendar);
	return { date: r.date, isCertain: r.isCertain, uncertainty: r.reason, uncertaintyNote: r.note };
}

/** Publishing is allowed from the exam's last day (scores are complete that day) to the deadline. */
export function checkPublication(examLastDay: string, at: string | Date, options: DeadlineOptions = {}): DeadlineCheck {
	const { rules } = resolve(options);
	const deadline = publicationDeadline(examLastDay, options);
	const checkedDate = dateOfMoment(at);
	let isInTime: boolean;
	let reason: string;
	let key: string;
	if (checkedDate < examLastDay) {
		isInTime = false;
		reason = `考试（${examLastDay} 结束）尚未结束，不能公示成绩`;
		key = 'desk.rule.publishBeforeEnd';
	} else if (checkedDate > deadline.date) {
		isInTime = false;
		reason = `成绩须在考后 ${rules.publishWithinWorkingDays} 个工作日之内公示，最迟 ${deadline.date}；${checkedDate} 公示已逾期`;
		key = 'desk.rule.publishLate';
	} else {
		isInTime = true;
		reason = `成绩须在考后 ${rules.publishWithinWorkingDays} 个工作日之内公示，最迟 ${deadline.date}；${checkedDate} 公示，符合要求`;
		key = 'desk.rule.publishInTime';
	}
	const params = { end: examLastDay, n: rules.publishWithinWorkingDays, deadline: deadline.date, checked: checkedDate };
	return {
		deadline: deadline.date,
		earliest: examLastDay,
		checkedDate,
		isInTime,
		isCertain: deadline.isCertain,
		reason: withUncertainty(reason, deadline.uncertainty),
		message: sentenceWithUncertainty(key, params, deadline)
	};
}

export interface PublicationPeriod {
	start: string;
	/** Last day of the period, inclusive. */
	end: string;
	isCertain: boolean;
	uncertainty?: string;
	uncertaintyNote?: Message;
}

/** The publication period (公示期) of 5 working days starting on the day of publication. */
export function publicationPeriod(publishedAt: string | Date, options: DeadlineOptions = {}): PublicationPeriod {
	const { calendar, rules } = resolve(options);
	const start = dateOfMoment(publishedAt);
	// The start day is day 1 when it is a working day; otherwise day 1 is the next working day.
	const extra = isWorkingDay(start, calendar) ? rules.publicationWorkingDays - 1 : rules.publicationWorkingDays;
	const r = addWorkingDaysDetailed(start, extra, calendar);
	const startStatus = dayStatus(start, calendar);
	const isCertain = r.isCertain && startStatus.isCertain;
	return {
		start,
		end: r.date,
		isCertain,
		uncertainty: r.reason ?? (startStatus.isCertain ? undefined : startStatus.reason),
		uncertaintyNote: r.reason ? r.note : startStatus.isCertain ? undefined : startStatus.note
	};
}

/** A review request (复核申请) is accepted only during the publication period. */
export function checkReviewRequest(
	publishedAt: string | Date,
	at: string | Date,
	options: DeadlineOptions = {}
): DeadlineCheck {
	const period = publicationPeriod(publishedAt, options);
	const checkedDate = dateOfMoment(at);
	const isInTime = checkedDate >= period.start && checkedDate <= period.end;
	const window = `公示期为 ${period.start} 至 ${period.end}`;
	const reason = isInTime
		? `${window}；${checkedDate} 提出复核申请，在公示期内，可以受理`
		: checkedDate < period.start
			? `${window}；成绩尚未公示，暂不能申请复核`
			: `${window}；${checkedDate} 已过公示期，不能再申请复核`;
	const key = isInTime
		? 'desk.rule.reviewInTime'
		: checkedDate < period.start
			? 'desk.rule.reviewBeforePublication'
			: 'desk.rule.reviewAfterPeriod';
	return {
		deadline: period.end,
		earliest: period.start,
		checkedDate,
		isInTime,
		isCertain: period.isCertain,
		reason: withUncertainty(reason, period.uncertainty),
		message: sentenceWithUncertainty(key, { start: period.start, end: period.end, checked: checkedDate }, period)
	};
}

/** The institution replies within 5 working days after accepting a review request (受理后, acceptance day not counted). */
export function reviewReplyDeadline(acceptedAt: string | Date, options: DeadlineOptions = {}): DeadlineDate {
	const { calendar, rules } = resolve(options);
	const r = addWorkingDaysDetailed(dateOfMoment(acceptedAt), rules.reviewReplyWorkingDays, calendar);
	return { date: r.date, isCertain: r.isCertain, uncertainty: r.reason, uncertaintyNote: r.note };
}

export function checkReviewReply(
	acceptedAt: string | Date,
	at: string | Date,
	options: DeadlineOptions = {}
): DeadlineCheck {
	const { rules } = resolve(options);
	const accepted = dateOfMoment(acceptedAt);
	const deadline = reviewReplyDeadline(accepted, options);
	const checkedDate = dateOfMoment(at);
	const isInTime = checkedDate >= accepted && checkedDate <= deadline.date;
	const reason =
		checkedDate < accepted
			? `回复日期 ${checkedDate} 早于受理日期 ${accepted}，请核对`
			: isInTime
				? `复核须在受理后 ${rules.reviewReplyWorkingDays} 个工作日内回复，最迟 ${deadline.date}；${checkedDate} 回复，符合要求`
				: `复核须在受理后 ${rules.reviewReplyWorkingDays} 个工作日内回复，最迟 ${deadline.date}；${checkedDate} 回复已逾期`;
	const key =
		checkedDate < accepted
			? 'desk.rule.replyBeforeAccepted'
			: isInTime
				? 'desk.rule.replyInTime'
				: 'desk.rule.replyLate';
	return {
		deadline: deadline.date,
		earliest: accepted,
		checkedDate,
		isInTime,
		isCertain: deadline.isCertain,
		reason: withUncertainty(reason, deadline.uncertainty),
		message: sentenceWithUncertainty(
			key,
			{ accepted, n: rules.reviewReplyWorkingDays, deadline: deadline.date, checked: checkedDate },
			deadline
		)
	};
}

// ---------------------------------------------------------------------------------------------
// Retake (补考): once, on a later joint exam day the candidate chooses, within one year of the first sitting.

export interface RetakeOptions {
	published?: PublishedExamDays;
	rules?: Partial<DeadlineRules>;
}

/** The last day a retake may take place (inclusive): same month and day, one year after the first sitting. */
export function retakeLastDay(firstSittingDate: string, options: RetakeOptions = {}): string {
	const rules = { ...DEFAULT_DEADLINE_RULES, ...options.rules };
	return addYears(firstSittingDate, rules.retakeWithinYears);
}

/** Later exam weekends the candidate may choose from (at least one day of the weekend within the window). */
export function retakeOptions(firstSittingDate: string, options: RetakeOptions = {}): ExamWeekend[] {
	assertIsoDate(firstSittingDate);
	const last = retakeLastDay(firstSittingDate, options);
	const firstWeekendEnd = examWeekendOf(firstSittingDate, options.published)?.sunday ?? firstSittingDate;
	return jointExamDaysBetween(firstSittingDate, last, options.published).filter((w) => w.saturday > firstWeekendEnd);
}

/**
 * Retakes still open to a candidate who has already retaken `previousRetakes` times (补考仅一次),
 * with the reason when none is left. The one place the count is judged: `checkRetake` and the
 * results' retake line both ask it.
 */
export function retakesLeft(previousRetakes: number, options: RetakeOptions = {}): { count: number; reason?: Message } {
	const rules = { ...DEFAULT_DEADLINE_RULES, ...options.rules };
	const count = Math.max(0, rules.maxRetakes - previousRetakes);
	return count > 0
		? { count }
		: {
				count,
				reason:
					previousRetakes > 0
						? { key: 'results.retake.used', params: { used: previousRetakes, max: rules.maxRetakes } }
						: { key: 'results.retake.none', params: {} }
			};
}

export interface RetakeCheck {
	isAllowed: boolean;
	lastDay: string;
	reason: Message;
}

export const RetakeRequestSchema = z.object({
	firstSittingDate: IsoDateSchema,
	retakeDate: IsoDateSchema,
	previousRetakes: z.number().int().nonnegative().default(0)
});
export type RetakeRequest = z.input<typeof RetakeRequestSchema>;

/** Whether a candidate who first sat on `firstSittingDate` may retake on `retakeDate`. */
export function checkRetake(request: RetakeRequest, options: RetakeOptions = {}): RetakeCheck {
	const parsed = RetakeRequestSchema.safeParse(request);
	if (!parsed.success) {
		return {
			isAllowed: false,
			lastDay: '',
			reason: { key: 'results.retakeCheck.badInput', params: { detail: { msg: issueMessage(parsed.error.issues[0]) } } }
		};
	}
	const { firstSittingDate, retakeDate, previousRetakes } = parsed.data;
	const lastDay = retakeLastDay(firstSittingDate, options);
	const refuse = (reason: Message): RetakeCheck => ({ isAllowed: false, lastDay, reason });
	const left = retakesLeft(previousRetakes, options);
	if (left.reason) return refuse(left.reason);
	if (!isJointExamDay(retakeDate, options.published)) {
		return refuse({ key: 'results.retakeCheck.notExamDay', params: { day: retakeDate } });
	}
	const firstWeekendEnd = examWeekendOf(firstSittingDate, options.published)?.sunday ?? firstSittingDate;
	if (retakeDate <= firstWeekendEnd) {
		return refuse({ key: 'results.retakeCheck.tooEarly', params: { first: firstSittingDate } });
	}
	if (retakeDate > lastDay) {
		return refuse({
			key: 'results.retakeCheck.tooLate',
			params: { first: firstSittingDate, lastDay, day: retakeDate }
		});
	}
	return {
		isAllowed: true,
		lastDay,
		reason: { key: 'results.retakeCheck.allowed', params: { day: retakeDate, lastDay } }
	};
}
