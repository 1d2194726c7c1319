// One line describing any entry, for the merged view, the refused list and the audit trail, in the
// interface language (the caller passes its translation function).
import { beijingText } from './exam-clock';
import type { AttendanceData, IncidentData, ScoreSheetData } from './day-entries';
import type { Entry } from './entries';
import type { SubjectKind } from './catalog';
import type {
	DecisionData,
	ReviewReplyData,
	ReviewRequestData,
	ResultCorrectionData,
	TheoryImportData
} from './review-entries';

export interface EntryTextContext {
	nameOf?: (id: string) => string;
	/** A session's subject and room, worded as "理论知识考试 · 101 机房" in the reader's language. */
	sessionOf?: (sessionId: string) => { subject: SubjectKind; room: string } | undefined;
}

/** The interface's translation function (`t` of src/lib/i18n): the domain holds no language. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * One line describing any entry, in the interface language: the message keys are `desk.entry.*`
 * (subjects `desk.subject.*`, attendance `desk.entry.state.*`, decisions `desk.action.*`).
 * `about`: the candidate the line is shown for (picks his row out of an import).
 */
export function describeEntry(e: Entry, context: EntryTextContext, about: string | undefined, tr: Translate): string {
	const nameOf = context.nameOf ?? ((x: string) => x);
	const sessionOf = (id: string) => {
		const s = context.sessionOf?.(id);
		return s ? tr('desk.entry.session', { subject: tr(`desk.item.subject.${s.subject}`), room: s.room }) : id;
	};
	const subject = (s: string) => tr(`desk.subject.${s}`);
	const d = e.data as Record<string, unknown>;
	const candidate = nameOf(e.candidateId ?? '');
	switch (e.kind) {
		case 'attendance': {
			const a = d as AttendanceData;
			return tr('desk.entry.attendance', {
				candidate,
				state: tr(`desk.entry.state.${a.state}`),
				session: sessionOf(a.sessionId),
				time: beijingText(a.time)
			});
		}
		case 'score-sheet': {
			const s = d as ScoreSheetData;
			return tr(s.isSubmitted ? 'desk.entry.scoreSheet' : 'desk.entry.scoreSheetDraft', {
				candidate,
				subject: subject(s.subject),
				total: s.total,
				items: s.items.map((i) => `${i.itemId} ${i.score}`).join(', ')
			});
		}
		case 'incident': {
			const i = d as IncidentData;
			return tr(e.candidateId ? 'desk.entry.incident' : 'desk.entry.incidentNoCandidate', {
				description: i.description,
				session: sessionOf(i.sessionId),
				time: beijingText(i.time),
				candidate
			});
		}
		case 'decision': {
			const x = d as DecisionData;
			const action = tr(`desk.action.${x.action}`);
			if (x.value === undefined) return tr('desk.entry.decision', { action, reason: x.reason });
			const value = typeof x.value === 'string' ? nameOf(x.value) : x.value;
			return tr('desk.entry.decisionValue', { action, value, reason: x.reason });
		}
		case 'theory-import': {
			const x = d as TheoryImportData;
			const who = e.candidateId ?? about;
			const row = who ? x.rows.find((r) => r.candidateId === who) : undefined;
			return tr(row ? 'desk.entry.theoryImportOwn' : 'desk.entry.theoryImport', {
				file: x.fileName,
				count: x.rows.length,
				score: row?.score
			});
		}
		case 'review-request': {
			const x = d as ReviewRequestData;
			return tr('desk.entry.reviewRequest', {
				subject: subject(x.subject),
				description: x.description,
				received: x.receivedDate,
				deadline: x.replyDeadline
			});
		}
		case 'review-reply': {
			const x = d as ReviewReplyData;
			return tr(x.outcome === 'changed' ? 'desk.entry.reviewReplyChanged' : 'desk.entry.reviewReplyKept', {
				score: x.newScore,
				explanation: x.explanation
			});
		}
		case 'result-correction': {
			const x = d as ResultCorrectionData;
			return tr('desk.entry.resultCorrection', {
				subject: subject(x.subject),
				previous: x.previousScore ?? '',
				score: x.score,
				reason: x.reason
			});
		}
		case 'publication':
			return tr('desk.entry.publication', { start: String(d.startDate), end: String(d.endDate) });
		case 'finalisation':
			return tr('desk.entry.finalisation', { date: String(d.finalisedDate) });
		case 'certificates-issued':
			return tr('desk.entry.certificatesIssued', { count: (d.numbers as unknown[]).length });
		case 'note':
			return tr('desk.entry.note', { text: String(d.text) });
		default:
			return tr('desk.entry.other', { kind: e.kind, data: JSON.stringify(d).slice(0, 120) });
	}
}
