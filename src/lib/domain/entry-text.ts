// One line describing any entry, for the merged view, the refused list and the audit trail, in the
// interface language (the caller passes its translation function).
import { beijingText } from './exam-clock';
import type { Entry } from './entries';
import type { SubjectKind } from './catalog';

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
		return s ? tr('desk.entry.session', { subject: tr(`catalog.subjectInline.${s.subject}`), room: s.room }) : id;
	};
	const subject = (s: string) => tr(`desk.subject.${s}`);
	const candidate = nameOf(e.candidateId ?? '');
	switch (e.kind) {
		case 'attendance': {
			const a = e.data;
			return tr('desk.entry.attendance', {
				candidate,
				state: tr(`desk.entry.state.${a.state}`),
				session: sessionOf(a.sessionId),
				time: beijingText(a.time)
			});
		}
		case 'score-sheet': {
			const s = e.data;
			return tr(s.isSubmitted ? 'desk.entry.scoreSheet' : 'desk.entry.scoreSheetDraft', {
				candidate,
				subject: subject(s.subject),
				total: s.total,
				items: s.items.map((i) => `${i.itemId} ${i.score}`).join(', ')
			});
		}
		case 'incident': {
			const i = e.data;
			return tr(e.candidateId ? 'desk.entry.incident' : 'desk.entry.incidentNoCandidate', {
				description: i.description,
				session: sessionOf(i.sessionId),
				time: beijingText(i.time),
				candidate
			});
		}
		case 'decision': {
			const x = e.data;
			const action = tr(`desk.action.${x.action}`);
			if (x.value === undefined) return tr('desk.entry.decision', { action, reason: x.reason });
			const value = typeof x.value === 'string' ? nameOf(x.value) : x.value;
			return tr('desk.entry.decisionValue', { action, value, reason: x.reason });
		}
		case 'theory-import': {
			const x = e.data;
			const who = e.candidateId ?? about;
			const row = who ? x.rows.find((r) => r.candidateId === who) : undefined;
			return tr(row ? 'desk.entry.theoryImportOwn' : 'desk.entry.theoryImport', {
				file: x.fileName,
				count: x.rows.length,
				score: row?.score
			});
		}
		case 'review-request': {
			const x = e.data;
			return tr('desk.entry.reviewRequest', {
				subject: subject(x.subject),
				description: x.description,
				received: x.receivedDate,
				deadline: x.replyDeadline
			});
		}
		case 'review-reply': {
			const x = e.data;
			return tr(x.outcome === 'changed' ? 'desk.entry.reviewReplyChanged' : 'desk.entry.reviewReplyKept', {
				score: x.newScore,
				explanation: x.explanation
			});
		}
		case 'result-correction': {
			const x = e.data;
			return tr('desk.entry.resultCorrection', {
				subject: subject(x.subject),
				previous: x.previousScore ?? '',
				score: x.score,
				reason: x.reason
			});
		}
		case 'publication':
			return tr('desk.entry.publication', { start: e.data.startDate, end: e.data.endDate });
		case 'finalisation':
			return tr('desk.entry.finalisation', { date: e.data.finalisedDate });
		case 'certificates-issued':
			return tr('desk.entry.certificatesIssued', { count: e.data.numbers.length });
		case 'note':
			return tr('desk.entry.note', { text: e.data.text });
		default:
			return tr('desk.entry.other', { kind: e.kind, data: JSON.stringify(e.data).slice(0, 120) });
	}
}
