// One line of Chinese describing any entry, for the merged view and the audit trail.
import { beijingText } from './exam-clock';
import type { AttendanceData, IncidentData, ScoreSheetData } from './day-entries';
import type { Entry } from './entries';
import { ATTENDANCE_NAMES } from './reconcile';
import type {
	DecisionData,
	ReviewReplyData,
	ReviewRequestData,
	ResultCorrectionData,
	TheoryImportData
} from './review-entries';
import { SUBJECT_NAMES } from './catalog';

export const ACTION_NAMES: Record<string, string> = {
	present: '认定到考',
	absent: '认定缺考',
	'keep-score': '认定实际参考，保留成绩',
	score: '核定分数',
	accept: '确认采用现有评分',
	dismiss: '无法确认考生，不予处理',
	void: '认定违纪，该科成绩作废',
	'no-effect': '不认定违纪',
	acknowledge: '已知悉'
};

export interface EntryTextContext {
	nameOf?: (id: string) => string;
	/** e.g. "理论知识考试 · 101 机房" for a session id. */
	sessionLabel?: (sessionId: string) => string;
}

/** `about`: the candidate the line is shown for (picks his row out of an import). */
export function describeEntry(e: Entry, context: EntryTextContext = {}, about?: string): string {
	const nameOf = context.nameOf ?? ((x: string) => x);
	const sessionOf = context.sessionLabel ?? ((x: string) => x);
	const d = e.data as Record<string, unknown>;
	switch (e.kind) {
		case 'attendance': {
			const a = d as AttendanceData;
			return `考勤：${nameOf(e.candidateId ?? '')} ${ATTENDANCE_NAMES[a.state] ?? a.state}（${sessionOf(a.sessionId)}，${beijingText(a.time)}）`;
		}
		case 'score-sheet': {
			const s = d as ScoreSheetData;
			return `评分表：${nameOf(e.candidateId ?? '')} ${SUBJECT_NAMES[s.subject]} ${s.total} 分（${s.items.map((i) => `${i.itemId} ${i.score}`).join('，')}）${s.isSubmitted ? '' : '·草稿'}`;
		}
		case 'incident': {
			const i = d as IncidentData;
			return `情况记录：${i.description}（${sessionOf(i.sessionId)}，${beijingText(i.time)}${e.candidateId ? `，${nameOf(e.candidateId)}` : '，未写明考生'}）`;
		}
		case 'decision': {
			const x = d as DecisionData;
			return `督导决定：${ACTION_NAMES[x.action] ?? x.action}${x.value !== undefined ? ` ${typeof x.value === 'string' ? nameOf(x.value) : x.value}` : ''}。理由：${x.reason}`;
		}
		case 'theory-import': {
			const x = d as TheoryImportData;
			const who = e.candidateId ?? about;
			const row = who ? x.rows.find((r) => r.candidateId === who) : undefined;
			return `导入理论成绩：${x.fileName}，${x.rows.length} 人${row ? `，本人 ${row.score} 分` : ''}`;
		}
		case 'review-request': {
			const x = d as ReviewRequestData;
			return `复核申请：${SUBJECT_NAMES[x.subject]}，${x.description}（收到 ${x.receivedDate}，须于 ${x.replyDeadline} 前回复）`;
		}
		case 'review-reply': {
			const x = d as ReviewReplyData;
			return `复核答复：${x.outcome === 'changed' ? `成绩更正为 ${x.newScore} 分` : '维持原成绩'}。${x.explanation}`;
		}
		case 'result-correction': {
			const x = d as ResultCorrectionData;
			return `成绩更正：${SUBJECT_NAMES[x.subject]} ${x.previousScore ?? ''} → ${x.score} 分。${x.reason}`;
		}
		case 'publication':
			return `成绩公示：${String(d.startDate)} 至 ${String(d.endDate)}`;
		case 'finalisation':
			return `确认最终结果（${String(d.finalisedDate)}）`;
		case 'certificates-issued':
			return `分配证书编号 ${(d.numbers as unknown[]).length} 个`;
		case 'note':
			return `备注：${String(d.text)}`;
		default:
			return `${e.kind}：${JSON.stringify(d).slice(0, 120)}`;
	}
}
