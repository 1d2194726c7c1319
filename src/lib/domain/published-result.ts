// The one place that decides a result as it is published: the desk's results table, the publication
// list and its export, the public look-up and the province file all read it. It runs the whole
// pipeline (day records → reconciliation → supervisors' decisions, absences, 违纪 voids → review
// corrections) over plain lists of entries, so the server and a device give the same answer.
import { SUBJECT_NAMES, type SubjectKind } from './catalog';
import type { Entry } from './entries';
import { latestPublication, scoreCorrections } from './publication';
import { reconcile, type DayDocument, type PlanFacts, type Reconciliation, type StoredFacts } from './reconcile';
import { deriveResults, subjectCell, type CandidateResultRow } from './subject-results';

export interface PlanResultsInput {
	plan: PlanFacts;
	days: readonly DayDocument[];
	review: readonly Entry[];
	/** The server's "now" (ISO): sessions that ended before it should have records. */
	now: string;
	stored?: ReadonlyMap<string, StoredFacts>;
	/** See ReconcileInput.receiptClockOffsetMs. */
	receiptClockOffsetMs?: number;
	names?: ReadonlyMap<string, string>;
}

/** Reconciliation and every candidate's result row of a plan. */
export function planResults(input: PlanResultsInput): { rec: Reconciliation; rows: CandidateResultRow[] } {
	const rec = reconcile(input);
	return { rec, rows: deriveResults(input.plan.candidates, input.plan.examDate, rec, input.review) };
}

export type Verdict = 'passed' | 'failed' | 'pending';

export const VERDICT_NAMES: Record<Verdict, string> = { passed: '合格', failed: '不合格', pending: '待定' };

/** 合格 / 不合格 / 待定 of one row: pending while any score is missing or an item is open. */
export function verdictOf(row: Pick<CandidateResultRow, 'hasPassed' | 'isPending'>): Verdict {
	return row.isPending ? 'pending' : row.hasPassed ? 'passed' : 'failed';
}

export interface PublishedSubject {
	subject: SubjectKind;
	name: string;
	status: CandidateResultRow['subjects'][number]['status'];
	score?: number;
	/** What the list shows: the score, or 缺考/违纪/待定. */
	cell: string;
	isPassed: boolean;
}

export interface PublishedResult {
	candidateId: string;
	subjects: PublishedSubject[];
	verdict: Verdict;
	hasPassed: boolean;
	/** Subjects that make the result 不合格 (below 60, 缺考 or 违纪). */
	failedSubjects: SubjectKind[];
	/** A review (复核) changed a score after publication. */
	isCorrected: boolean;
}

/** The published form of one result row (the same figures the desk shows). */
export function publishedResultOf(row: CandidateResultRow, review: readonly Entry[]): PublishedResult {
	const verdict = verdictOf(row);
	return {
		candidateId: row.candidate.id,
		subjects: row.subjects.map((s) => ({
			subject: s.subject,
			name: SUBJECT_NAMES[s.subject],
			status: s.status,
			...(s.score !== undefined ? { score: s.score } : {}),
			cell: subjectCell(s),
			isPassed: s.isPassed
		})),
		verdict,
		hasPassed: verdict === 'passed',
		failedSubjects:
			verdict === 'failed'
				? row.subjects.filter((s) => !s.isPassed && s.status !== 'pending').map((s) => s.subject)
				: [],
		isCorrected: scoreCorrections(review).some((c) => c.candidateId === row.candidate.id)
	};
}

/** The published result of a candidate, or undefined when the latest publication does not list him. */
export function publishedResultFor(
	rows: readonly CandidateResultRow[],
	review: readonly Entry[],
	candidateId: string
): PublishedResult | undefined {
	const publication = latestPublication(review);
	if (!publication?.data.results.some((r) => r.candidateId === candidateId)) return undefined;
	const row = rows.find((r) => r.candidate.id === candidateId);
	return row ? publishedResultOf(row, review) : undefined;
}
