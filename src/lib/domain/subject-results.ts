// Results per candidate and subject, derived from the reconciliation, the supervisors' decisions and
// later corrections: the score with its provenance, 缺考/违纪, pass/fail, retake and carry-over.
import { SUBJECT_KINDS, type SubjectKind } from './catalog';
import { retakeLastDay, retakesLeft } from './deadlines';
import type { Entry } from './entries';
import type { Candidate } from './record-schemas';
import type { IncidentData } from './day-entries';
import { carriedOf, evaluateCandidateResult, isPassingScore, retakesUsedBy, type SubjectOutcome } from './scoring';
import { importedGroups, requiredSubjectsOf, subjectKey, type Reconciliation } from './reconcile';
import { scoreCorrections, type ScoreCorrection } from './publication';
import type { Message } from './message-text';
import type { Translate } from './entry-text';

export interface SubjectResult {
	subject: SubjectKind;
	status: 'scored' | 'absent' | 'voided' | 'missing' | 'carried-over' | 'pending';
	score?: number;
	isPassed: boolean;
	/** Where the figure comes from: sheets, import file, decision, correction (messageText words it). */
	provenance: Message[];
	/** Entries behind the figure (day sheets, imports, decisions, corrections). */
	entryIds: string[];
}

export interface CandidateResultRow {
	candidate: Candidate;
	subjects: SubjectResult[];
	hasPassed: boolean;
	/** Open items about this candidate keep the result provisional. */
	isPending: boolean;
	summary: string;
	retake: { isEligible: boolean; lastDay?: string; carried: SubjectKind[]; reason: Message };
}

export function deriveResults(
	candidates: readonly Candidate[],
	examDate: string,
	rec: Reconciliation,
	review: readonly Entry[]
): CandidateResultRow[] {
	const ctx = resultContextOf(candidates, rec, review);
	return candidates.map((candidate) => resultRowOf(candidate, examDate, rec, ctx));
}

/** What every row reads besides its candidate's subjects: open items, corrections, voids, imported files. */
export interface ResultContext {
	openByCandidate: Set<string>;
	corrections: Map<string, ScoreCorrection>;
	voided: Map<string, { candidateId: string; reason: string; message: Message; entryIds: string[] }>;
	fileCame: ReadonlySet<string>;
}

export function resultContextOf(
	candidates: readonly Candidate[],
	rec: Reconciliation,
	review: readonly Entry[],
	fileCame?: ReadonlySet<string>
): ResultContext {
	const openByCandidate = new Set(rec.items.filter((i) => !i.isResolved && i.candidateId).map((i) => i.candidateId!));
	const corrections = new Map<string, ScoreCorrection>();
	for (const c of scoreCorrections(review)) corrections.set(subjectKey(c.candidateId, c.subject), c);
	// Voided subjects: incident rulings and incidents attributed to a candidate by a decision.
	const voided = new Map<string, { candidateId: string; reason: string; message: Message; entryIds: string[] }>();
	const incidentById = new Map(rec.incidents.map((i) => [i.entry.id, i]));
	for (const item of rec.items) {
		if (!item.decision || item.decision.data.action !== 'void') continue;
		const incident = incidentById.get(item.entryIds[0]);
		const candidateId =
			item.kind === 'incident-no-candidate' ? String(item.decision.data.value ?? '') : item.candidateId;
		if (!candidateId || (!item.subject && !incident)) continue;
		const subject = item.subject ?? subjectOfIncident(rec, candidateId, incident?.data);
		if (!subject) continue;
		voided.set(subjectKey(candidateId, subject), {
			candidateId,
			reason: `违纪：${incident?.data.description ?? ''}（督导决定：${item.decision.data.reason}）`,
			message: {
				key: 'results.provenance.voided',
				params: { description: incident?.data.description ?? '', reason: item.decision.data.reason }
			},
			entryIds: [...item.entryIds, item.decision.entry.id]
		});
	}
	return {
		openByCandidate,
		corrections,
		voided,
		fileCame:
			fileCame ??
			importedGroups(
				candidates,
				new Map([...rec.subjects].flatMap(([k, f]) => (f.imported ? [[k, f.imported] as const] : [])))
			)
	};
}

/** One candidate's result row: depends on its subjects in `rec`, the decisions and the context. */
export function resultRowOf(
	candidate: Candidate,
	examDate: string,
	rec: Reconciliation,
	{ openByCandidate, corrections, voided, fileCame }: ResultContext
): CandidateResultRow {
	const decisionFor = (key: string) => rec.decisions.get(key);
	const requiredList = requiredSubjectsOf(examDate, candidate);
	const required = requiredList.map((r) => r.subject);
	const carried = carriedOf(candidate);
	const outcomes: Partial<Record<SubjectKind, SubjectOutcome>> = {};
	const subjects: SubjectResult[] = [];
	for (const { subject, source } of SUBJECT_KINDS.flatMap((k) => requiredList.filter((r) => r.subject === k))) {
		const key = subjectKey(candidate.id, subject);
		const f = rec.subjects.get(key);
		const kept = carried.find((c) => c.subject === subject);
		const provenance: Message[] = [];
		const says = (key: string, params: Message['params'] = {}) =>
			provenance.push({ key: `results.provenance.${key}`, params });
		const entryIds: string[] = [];
		let status: SubjectResult['status'] = 'missing';
		let score: number | undefined;
		const attendanceDecision = f ? decisionFor(`attendance:${f.sessionId}:${candidate.id}`) : undefined;
		const attendance = f?.attendance ?? (attendanceDecision?.data.action as 'present' | 'absent' | undefined) ?? null;
		if (attendanceDecision)
			says(attendanceDecision.data.action === 'absent' ? 'attendanceAbsent' : 'attendancePresent', {
				reason: attendanceDecision.data.reason
			});
		if (!f && kept) {
			status = 'carried-over';
			score = kept.score;
			says('carried', { from: kept.fromSitting });
		} else if (f?.imported && f.imported.score !== undefined) {
			score = f.imported.score;
			status = 'scored';
			says('imported', { file: f.imported.fileName });
			entryIds.push(f.imported.entry.id);
		} else if (f?.imported?.isAbsent) {
			says('importedAbsent', { file: f.imported.fileName });
			entryIds.push(f.imported.entry.id);
			if (attendance !== 'present') status = 'absent';
		} else if (f?.aggregate?.ok) {
			score = f.aggregate.score;
			status = 'scored';
			says('sheets', { totals: f.sheets.map((s) => `${s.total}`).join(' / '), score: f.aggregate.score });
			entryIds.push(...f.sheets.map((s) => s.entry.id));
		} else if (f?.aggregate && !f.aggregate.ok) {
			provenance.push(f.aggregate.error);
		}
		for (const k of [
			`spread:${subject}:${candidate.id}`,
			...(f?.groupId ? [`short:${f.groupId}:${candidate.id}`] : []),
			`missing:${subject}:${candidate.id}`,
			`sheet-error:${subject}:${candidate.id}`
		]) {
			const d = decisionFor(k);
			if (!d) continue;
			entryIds.push(d.entry.id);
			if (d.data.action === 'score') {
				score = Number(d.data.value);
				status = 'scored';
				says('decidedScore', { score, reason: d.data.reason });
			} else if (d.data.action === 'absent') {
				status = 'absent';
				score = undefined;
				says('decidedAbsent', { reason: d.data.reason });
			} else says('confirmed', { reason: d.data.reason });
		}
		const absentDecision = decisionFor(`absent-score:${subject}:${candidate.id}`);
		if (absentDecision?.data.action === 'absent') {
			status = 'absent';
			score = undefined;
			says('decidedAbsent', { reason: absentDecision.data.reason });
		} else if (absentDecision) {
			says('keptPresent', { reason: absentDecision.data.reason });
		} else if (attendance === 'absent' && status !== 'absent') {
			// A score for someone marked absent waits for the supervisor; without one it is 缺考.
			status = status === 'scored' ? 'pending' : 'absent';
			if (status === 'absent') score = undefined;
		}
		const v = voided.get(key);
		if (v) {
			status = 'voided';
			score = undefined;
			provenance.push(v.message);
			entryIds.push(...v.entryIds);
		}
		const c = corrections.get(key);
		if (c && status !== 'voided') {
			score = c.score;
			status = 'scored';
			says('corrected', { score: c.score, reason: c.reason });
			entryIds.push(c.entry.id);
		}
		// A score still to come keeps the result 待定, never 不合格: a file nobody has imported yet
		// (theory, a written or computer skill exam), or sheets and items still open.
		if (status === 'missing') {
			const fileAwaited =
				(f?.source ?? source) === 'import' && !fileCame.has(`${subject}|${candidate.occupationId}|${candidate.level}`);
			if (fileAwaited) says('awaitingFile', { subject: { subject } });
			status = 'pending';
		}
		if (status === 'scored' && score !== undefined) outcomes[subject] = { status: 'scored', score };
		else if (status === 'absent') outcomes[subject] = { status: 'absent' };
		else if (status === 'voided') outcomes[subject] = { status: 'voided', reason: v?.reason ?? '违纪' };
		subjects.push({
			subject,
			status,
			score,
			isPassed: (status === 'scored' || status === 'carried-over') && score !== undefined && isPassingScore(score),
			provenance,
			entryIds
		});
	}
	const verdict = evaluateCandidateResult({ requiredSubjects: required, outcomes, carriedOver: carried });
	const isPending = openByCandidate.has(candidate.id) || subjects.some((s) => s.status === 'pending');
	return {
		candidate,
		subjects,
		hasPassed: verdict.hasPassed && !isPending,
		isPending,
		summary: verdict.summary,
		retake: isPending
			? { isEligible: false, carried: [], reason: { key: 'results.retake.pending', params: {} } }
			: retakeOf(candidate, examDate, subjects, verdict.hasPassed)
	};
}

function subjectOfIncident(
	rec: Reconciliation,
	candidateId: string,
	data: IncidentData | undefined
): SubjectKind | undefined {
	if (!data) return undefined;
	for (const f of rec.subjects.values())
		if (f.candidateId === candidateId && f.sessionId === data.sessionId) return f.subject;
	return undefined;
}

/** A failed candidate may retake the failed subjects once within a year; passed subjects carry over. */
function retakeOf(
	candidate: Candidate,
	examDate: string,
	subjects: SubjectResult[],
	hasPassed: boolean
): CandidateResultRow['retake'] {
	if (hasPassed) return { isEligible: false, carried: [], reason: { key: 'results.retake.allPassed', params: {} } };
	const left = retakesLeft(retakesUsedBy(candidate));
	if (left.reason) return { isEligible: false, carried: [], reason: left.reason };
	const carried = subjects.filter((s) => s.isPassed && s.status === 'scored').map((s) => s.subject);
	const lastDay = retakeLastDay(examDate);
	const reason: Message = carried.length
		? {
				key: 'results.retake.eligibleKeeping',
				params: { lastDay, subjects: { list: carried.map((subject) => ({ subject })) } }
			}
		: { key: 'results.retake.eligible', params: { lastDay } };
	return { isEligible: true, lastDay, carried, reason };
}

export const STATUS_NAMES: Record<SubjectResult['status'], string> = {
	scored: '',
	absent: '缺考',
	voided: '违纪',
	missing: '无成绩',
	'carried-over': '保留',
	pending: '待定'
};

/** A subject result's cell: its score, or the word for its status. */
function cellOf(s: SubjectResult | undefined, word: (status: SubjectResult['status']) => string): string {
	if (!s) return '';
	if ((s.status === 'scored' || s.status === 'carried-over') && s.score !== undefined) return String(s.score);
	return s.status === 'scored' ? '' : word(s.status);
}

/** How a subject result reads in the exports and the province's files: a score, or 缺考/违纪/…. */
export function subjectCell(s: SubjectResult | undefined): string {
	return cellOf(s, (status) => STATUS_NAMES[status]);
}

/** How a subject result reads on a screen, in the interface language (`desk.lookup.<status>`). */
export function subjectCellText(s: SubjectResult | undefined, tr: Translate): string {
	return cellOf(s, (status) => tr(`desk.lookup.${status}`));
}
