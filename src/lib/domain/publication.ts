// Publication (成绩公示), review requests (复核) and finalisation: the rules of 附件3 applied to what
// the review document holds. Dates come from deadlines.ts; "today" is always passed in.
import { SUBJECT_NAMES, type SubjectKind } from './catalog';
import { checkPublication, checkReviewRequest, publicationPeriod, reviewReplyDeadline } from './deadlines';
import { compareHlc, type Entry } from './entries';
import type { PublicationData, ReviewGround, ReviewReplyData, ReviewRequestData } from './review-entries';
import { REVIEW_GROUNDS } from './review-entries';
import type { ReconcileItem } from './reconcile';
import type { CandidateResultRow } from './results';

export interface PublicationPlan {
	startDate: string;
	endDate: string;
	deadline: string;
	isLate: boolean;
	reason: string;
}

/** Publishing on `today`: the period of 5 working days, and whether the start is late (allowed, flagged). */
export function planPublication(
	examLastDay: string,
	today: string
): { ok: true; plan: PublicationPlan } | { ok: false; error: string } {
	const check = checkPublication(examLastDay, today);
	if (!check.isInTime && today < examLastDay) return { ok: false, error: check.reason };
	const period = publicationPeriod(today);
	return {
		ok: true,
		plan: {
			startDate: period.start,
			endDate: period.end,
			deadline: check.deadline,
			isLate: !check.isInTime,
			reason: check.reason
		}
	};
}

/** Nothing is published while an item is undecided or a required subject has no result at all. */
export function checkReadyToPublish(
	items: readonly ReconcileItem[],
	rows: readonly CandidateResultRow[]
): { ok: true } | { ok: false; error: string } {
	const open = items.filter((i) => !i.isResolved).length;
	if (open) return { ok: false, error: `还有 ${open} 项待处理事项，处理完后才能公示` };
	const incomplete = rows.filter((r) => r.subjects.some((s) => s.status === 'missing' || s.status === 'pending'));
	if (incomplete.length) {
		const names = incomplete
			.slice(0, 5)
			.map((r) => r.candidate.name)
			.join('、');
		return {
			ok: false,
			error: `${incomplete.length} 名考生还有科目没有成绩（${names}${incomplete.length > 5 ? '等' : ''}），请先在“成绩导入”中导入成绩文件或处理相关事项`
		};
	}
	return { ok: true };
}

export function latestPublication(review: readonly Entry[]): { entry: Entry; data: PublicationData } | undefined {
	const list = review.filter((e) => e.kind === 'publication').sort((a, b) => compareHlc(a.hlc, b.hlc));
	const last = list.at(-1);
	return last ? { entry: last, data: last.data as PublicationData } : undefined;
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

export type ReviewRequestCheck = { ok: true; replyDeadline: string; reason: string } | { ok: false; error: string };

/** A 复核 request is accepted only during the publication period and only on an allowed ground. */
export function checkReviewRequestAllowed(
	publication: PublicationData | undefined,
	ground: string,
	receivedDate: string
): ReviewRequestCheck {
	if (!publication) return { ok: false, error: '成绩尚未公示，暂不能申请复核' };
	if (!(REVIEW_GROUNDS as readonly string[]).includes(ground)) {
		return {
			ok: false,
			error: '复核只核查是否漏评、计分或登分错误、违纪记录和其他异常情况，不重新评阅试卷，该申请不予受理'
		};
	}
	const when = checkReviewRequest(publication.startDate, receivedDate);
	if (!when.isInTime) return { ok: false, error: when.reason };
	const deadline = reviewReplyDeadline(receivedDate);
	return { ok: true, replyDeadline: deadline.date, reason: `${when.reason}；须在 ${deadline.date} 前回复` };
}

export interface ReviewCase {
	request: Entry;
	data: ReviewRequestData;
	reply?: { entry: Entry; data: ReviewReplyData };
}

export function reviewCases(review: readonly Entry[]): ReviewCase[] {
	const replies = new Map<string, { entry: Entry; data: ReviewReplyData }>();
	for (const e of review)
		if (e.kind === 'review-reply')
			replies.set((e.data as ReviewReplyData).requestId, { entry: e, data: e.data as ReviewReplyData });
	return review
		.filter((e) => e.kind === 'review-request')
		.sort((a, b) => compareHlc(a.hlc, b.hlc))
		.map((request) => ({ request, data: request.data as ReviewRequestData, reply: replies.get(request.id) }));
}

/** Results become final when published and every review request has its reply; before the period ends it is flagged. */
export function checkFinalisation(
	review: readonly Entry[],
	today: string
): { ok: true; isEarly: boolean; note: string } | { ok: false; error: string } {
	const publication = latestPublication(review);
	if (!publication) return { ok: false, error: '成绩尚未公示，不能确认最终结果' };
	const open = reviewCases(review).filter((c) => !c.reply);
	if (open.length) return { ok: false, error: `还有 ${open.length} 件复核申请未回复` };
	const isEarly = today <= publication.data.endDate;
	return {
		ok: true,
		isEarly,
		note: isEarly
			? `公示期至 ${publication.data.endDate} 结束，现提前确认：此后收到的复核申请仍须受理`
			: `公示期已于 ${publication.data.endDate} 结束`
	};
}

export function subjectName(subject: SubjectKind): string {
	return SUBJECT_NAMES[subject];
}
