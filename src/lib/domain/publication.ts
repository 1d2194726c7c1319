// Publication (成绩公示), review requests (复核) and finalisation: the rules of 附件3 applied to what
// the review document holds. Dates come from deadlines.ts; "today" is always passed in.
import type { Message } from './message-text';
import { SUBJECT_NAMES, type SubjectKind } from './catalog';
import {
	checkPublication,
	checkReviewReply,
	checkReviewRequest,
	publicationPeriod,
	reviewReplyDeadline
} from './deadlines';
import { compareHlc, ofKind, type Entry } from './entries';
import { scoreFromInput } from './scoring';
import type { PublicationData, ReviewGround, ReviewReplyData, ReviewRequestData } from './review-entries';
import { REVIEW_GROUNDS } from './review-entries';
import type { ReconcileItem } from './reconcile';
import type { CandidateResultRow } from './subject-results';

export interface PublicationPlan {
	startDate: string;
	endDate: string;
	deadline: string;
	isLate: boolean;
	reason: string;
	/** The reason in the reader's language. */
	message?: Message;
}

/** Publishing on `today`: the period of 5 working days, and whether the start is late (allowed, flagged). */
export function planPublication(
	examLastDay: string,
	today: string
): { ok: true; plan: PublicationPlan } | { ok: false; error: Message } {
	const check = checkPublication(examLastDay, today);
	if (!check.isInTime && today < examLastDay) return { ok: false, error: check.message! };
	const period = publicationPeriod(today);
	return {
		ok: true,
		plan: {
			startDate: period.start,
			endDate: period.end,
			deadline: check.deadline,
			isLate: !check.isInTime,
			reason: check.reason,
			message: check.message
		}
	};
}

/** Nothing is published while an item is undecided or a required subject has no result at all. */
export function checkReadyToPublish(
	items: readonly ReconcileItem[],
	rows: readonly CandidateResultRow[]
): { ok: true } | { ok: false; error: Message } {
	const open = items.filter((i) => !i.isResolved).length;
	if (open) return { ok: false, error: { key: 'desk.rule.openItems', params: { count: open } } };
	const incomplete = rows.filter((r) => r.subjects.some((s) => s.status === 'missing' || s.status === 'pending'));
	if (incomplete.length) {
		const names = { list: incomplete.slice(0, 5).map((r) => r.candidate.name) };
		return {
			ok: false,
			error: {
				key: incomplete.length > 5 ? 'desk.rule.incompleteMore' : 'desk.rule.incomplete',
				params: { count: incomplete.length, names }
			}
		};
	}
	return { ok: true };
}

export function latestPublication(review: readonly Entry[]): { entry: Entry; data: PublicationData } | undefined {
	const list = ofKind(review, 'publication').sort((a, b) => compareHlc(a.hlc, b.hlc));
	const last = list.at(-1);
	return last ? { entry: last, data: last.data } : undefined;
}

/** Whether the public look-up is open on `today`. */
export function isPublicationOpen(data: PublicationData, today: string): boolean {
	return today >= data.startDate && today <= data.endDate;
}

export const GROUND_NAMES: Record<ReviewGround | 're-mark', string> = {
	'missed-marking': '漏评',
	'adding-error': '计分错误',
	'entry-error': '登分错误',
	'discipline-record': '违纪记录有误',
	'other-anomaly': '其他异常情况',
	're-mark': '要求重新评阅试卷'
};

export type ReviewRequestCheck =
	{ ok: true; replyDeadline: string; reason: string; message: Message } | { ok: false; error: Message };

/** A 复核 request is accepted only during the publication period and only on an allowed ground. */
export function checkReviewRequestAllowed(
	publication: PublicationData | undefined,
	ground: string,
	receivedDate: string,
	context: { today?: string; subject?: SubjectKind; row?: Pick<CandidateResultRow, 'subjects'> } = {}
): ReviewRequestCheck {
	if (!publication) return { ok: false, error: { key: 'desk.rule.reviewNotPublished', params: {} } };
	if (context.subject && context.row && !reviewableSubjects(context.row).includes(context.subject))
		return { ok: false, error: { key: 'desk.rule.reviewNotSat', params: { subject: { subject: context.subject } } } };
	if (!(REVIEW_GROUNDS as readonly string[]).includes(ground))
		return { ok: false, error: { key: 'desk.rule.reviewGroundRefused', params: {} } };
	const when = checkReviewRequest(publication.startDate, receivedDate);
	if (!when.isInTime) return { ok: false, error: when.message! };
	if (context.today && receivedDate > context.today)
		return {
			ok: false,
			error: { key: 'desk.rule.receivedAfterToday', params: { received: receivedDate, today: context.today } }
		};
	const deadline = reviewReplyDeadline(receivedDate);
	return {
		ok: true,
		replyDeadline: deadline.date,
		reason: `${when.reason}；须在 ${deadline.date} 前回复`,
		message: { key: 'desk.rule.reviewAccepted', params: { sentence: { msg: when.message! }, deadline: deadline.date } }
	};
}

/** The subjects a candidate sat at this sitting (not those carried over from an earlier one). */
export function reviewableSubjects(row: Pick<CandidateResultRow, 'subjects'>): SubjectKind[] {
	return row.subjects.filter((s) => s.status !== 'carried-over').map((s) => s.subject);
}

export interface ReviewCase {
	request: Entry;
	data: ReviewRequestData;
	reply?: { entry: Entry; data: ReviewReplyData };
}

export function reviewCases(review: readonly Entry[]): ReviewCase[] {
	const replies = new Map<string, { entry: Entry; data: ReviewReplyData }>();
	for (const e of ofKind(review, 'review-reply')) replies.set(e.data.requestId, { entry: e, data: e.data });
	return ofKind(review, 'review-request')
		.sort((a, b) => compareHlc(a.hlc, b.hlc))
		.map((request) => ({ request, data: request.data, reply: replies.get(request.id) }));
}

/** A subject score changed after publication by a review, with the entry that changed it. */
export interface ScoreCorrection {
	entry: Entry;
	candidateId: string;
	subject: SubjectKind;
	score: number;
	previousScore?: number;
	requestId?: string;
	reason: string;
}

/**
 * Every score correction, in HLC order: a review reply that changed the score (one entry: the reply
 * is the correction) and result-correction entries written by earlier versions.
 */
export function scoreCorrections(review: readonly Entry[]): ScoreCorrection[] {
	const requests = new Map(reviewCases(review).map((c) => [c.request.id, c]));
	const out: ScoreCorrection[] = [];
	const repliedWithCorrection = new Set<string>();
	for (const e of ofKind(review, 'result-correction'))
		if (e.data.requestId) repliedWithCorrection.add(e.data.requestId);
	for (const e of [...review].sort((a, b) => compareHlc(a.hlc, b.hlc))) {
		if (e.kind === 'result-correction' && e.candidateId) {
			const d = e.data;
			out.push({ entry: e, candidateId: e.candidateId, ...d });
		} else if (e.kind === 'review-reply') {
			const d = e.data;
			const c = requests.get(d.requestId);
			if (d.outcome !== 'changed' || d.newScore === undefined || !c?.request.candidateId) continue;
			if (repliedWithCorrection.has(d.requestId)) continue; // the older two-entry form: counted once
			out.push({
				entry: e,
				candidateId: c.request.candidateId,
				subject: c.data.subject,
				score: d.newScore,
				previousScore: d.previousScore,
				requestId: d.requestId,
				reason: `复核（${GROUND_NAMES[c.data.ground]}）：${d.explanation}`
			});
		}
	}
	return out;
}

export interface ReviewReplyInput {
	outcome: 'changed' | 'unchanged';
	/** As typed: a blank is never a score. */
	newScore: string | number | null | undefined;
	explanation: string;
	today: string;
	/** The subject's score before the reply, kept in the entry. */
	previousScore?: number;
}

/**
 * The reply to a 复核 request as one entry: the outcome, its explanation (a late reply says so) and,
 * when the score changes, the new score, which corrects the result (see `scoreCorrections`).
 */
export function prepareReviewReply(
	c: ReviewCase,
	input: ReviewReplyInput
): { ok: true; data: ReviewReplyData } | { ok: false; error: Message } {
	if (c.reply) return { ok: false, error: { key: 'desk.rule.alreadyReplied', params: {} } };
	const text = input.explanation.trim();
	if (!text) return { ok: false, error: { key: 'desk.reviews.needExplanation', params: {} } };
	let score: number | undefined;
	if (input.outcome === 'changed') {
		const typed = scoreFromInput(input.newScore);
		if (!typed.ok) return { ok: false, error: { key: 'desk.reviews.needScore', params: {} } };
		score = typed.score;
	}
	const timing = checkReviewReply(c.data.receivedDate, input.today);
	if (input.today < c.data.receivedDate) return { ok: false, error: timing.message! };
	return {
		ok: true,
		data: {
			requestId: c.request.id,
			outcome: input.outcome,
			repliedDate: input.today,
			explanation: timing.isInTime ? text : `${text}（${timing.reason}）`,
			...(score !== undefined ? { newScore: score } : {}),
			...(score !== undefined && input.previousScore !== undefined ? { previousScore: input.previousScore } : {})
		}
	};
}

/** Results become final when published and every review request has its reply; before the period ends it is flagged. */
export function checkFinalisation(
	review: readonly Entry[],
	today: string
): { ok: true; isEarly: boolean; note: string; message: Message } | { ok: false; error: Message } {
	const publication = latestPublication(review);
	if (!publication) return { ok: false, error: { key: 'desk.rule.finaliseNotPublished', params: {} } };
	const open = reviewCases(review).filter((c) => !c.reply);
	if (open.length)
		return { ok: false, error: { key: 'desk.rule.finaliseOpenReviews', params: { count: open.length } } };
	const isEarly = today <= publication.data.endDate;
	const end = publication.data.endDate;
	return {
		ok: true,
		isEarly,
		// The note is kept in the finalisation record as written (Chinese, the record's language).
		note: isEarly ? `公示期至 ${end} 结束，现提前确认：此后收到的复核申请仍须受理` : `公示期已于 ${end} 结束`,
		message: { key: isEarly ? 'desk.rule.finaliseEarly' : 'desk.rule.finaliseAfter', params: { end } }
	};
}

export function subjectName(subject: SubjectKind): string {
	return SUBJECT_NAMES[subject];
}
