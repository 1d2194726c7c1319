// Scores of a subject sat on paper or on computer from a file (rows already read from .xlsx/.csv):
// theory from the exam platform, a written or computer skill exam from its marking. Find the columns,
// match each row to a candidate by ID number or admission number, recognise absentees (缺考 or an
// empty score cell), and report every bad row (as messages, in the reader's language). All or nothing: a file with any bad row
// imports nothing.
import {
	catalogFor,
	findOccupation,
	scoreSourceOf,
	subjectSpecOf,
	SUBJECT_KINDS,
	type Level,
	type SubjectKind
} from './catalog';
import type { Candidate } from './record-schemas';
import { importedGroups, requiredSubjectsOf, type Reconciliation } from './reconcile';
import { toCenti } from './scoring';
import type { Message } from './message-text';

/** One imported row: a score, or 缺考 (never both; an empty cell is never a zero). */
export interface ScoreRow {
	row: number;
	candidateId: string;
	score?: number;
	isAbsent?: true;
}

export interface RowError {
	/** 1-based row number as the spreadsheet shows it (header = row 1). */
	row: number;
	/** Why, in the reader's language (desk.scoreFile.*): names and values as the file wrote them. */
	message: Message;
}

const fileMsg = (key: string, params: Message['params'] = {}): Message => ({ key: `desk.scoreFile.${key}`, params });
/** "第 N 行：…" */
const rowMsg = (row: number, key: string, params: Message['params']): Message =>
	fileMsg('row', { row, why: { msg: fileMsg(key, params) } });

export type ScoreImportResult = { ok: true; rows: ScoreRow[] } | { ok: false; errors: RowError[]; validCount: number };

const SCORE_HEADERS: Record<SubjectKind, readonly string[]> = {
	theory: ['理论成绩', '理论知识成绩', '理论知识考试成绩'],
	skill: ['技能成绩', '技能考核成绩', '操作技能成绩', '技能'],
	review: ['综合评审成绩', '评审成绩']
};
const GENERIC_SCORE_HEADERS = ['成绩', '分数', '得分', 'score'];

const HEADERS = {
	idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', 'idnumber', 'id'],
	admissionNo: ['准考证号', '准考证', 'admissionno'],
	name: ['姓名', 'name']
} as const;

/** What a score file writes for a candidate who did not sit the exam. */
const ABSENT_WORDS = ['缺考', '缺', '缺席', '未参考', '未考', 'ABSENT'];

const norm = (v: unknown) =>
	String(v ?? '')
		.trim()
		.replace(/\s+/g, '')
		.toUpperCase();

function findColumn(header: string[], names: readonly string[]): number {
	const h = header.map((x) => norm(x).toLowerCase());
	return h.findIndex((x) => names.some((n) => x === n.toLowerCase()));
}

/**
 * Reads a score file for `subject`. `examDate` chooses the catalogue, which says whether each
 * candidate sits the subject on paper or on computer (imported) or before examiners (score sheets:
 * such a row is refused).
 */
export function parseScoreRows(
	table: readonly (readonly unknown[])[],
	candidates: readonly Candidate[],
	subject: SubjectKind = 'theory',
	examDate?: string
): ScoreImportResult {
	if (table.length < 2) return { ok: false, errors: [{ row: 1, message: fileMsg('noData') }], validCount: 0 };
	const header = table[0].map((x) => String(x ?? ''));
	const specific = findColumn(header, SCORE_HEADERS[subject]);
	const col = {
		idNumber: findColumn(header, HEADERS.idNumber),
		admissionNo: findColumn(header, HEADERS.admissionNo),
		name: findColumn(header, HEADERS.name),
		score: specific >= 0 ? specific : findColumn(header, GENERIC_SCORE_HEADERS)
	};
	const catalog = examDate ? catalogFor(examDate) : undefined;
	if (col.score < 0)
		return {
			ok: false,
			errors: [
				{
					row: 1,
					message: fileMsg('noScoreColumn', { header: SCORE_HEADERS[subject][0] })
				}
			],
			validCount: 0
		};
	if (col.idNumber < 0 && col.admissionNo < 0)
		return {
			ok: false,
			errors: [{ row: 1, message: fileMsg('noIdColumn') }],
			validCount: 0
		};
	const byId = new Map(candidates.map((c) => [norm(c.idNumber), c]));
	const byAdmission = new Map(candidates.filter((c) => c.admissionNo).map((c) => [norm(c.admissionNo), c]));
	const rows: ScoreRow[] = [];
	const errors: RowError[] = [];
	const seen = new Map<string, number>();
	table.slice(1).forEach((cells, i) => {
		const row = i + 2;
		if (cells.every((c) => norm(c) === '')) return;
		const idNumber = col.idNumber >= 0 ? norm(cells[col.idNumber]) : '';
		const admissionNo = col.admissionNo >= 0 ? norm(cells[col.admissionNo]) : '';
		const candidate = (idNumber && byId.get(idNumber)) || (admissionNo && byAdmission.get(admissionNo)) || undefined;
		if (!candidate) {
			errors.push({
				row,
				message: rowMsg(row, 'noCandidate', {
					idNumber: idNumber ? { msg: fileMsg('quoted', { value: idNumber }) } : { msg: fileMsg('empty') },
					admissionNo: admissionNo ? { msg: fileMsg('quoted', { value: admissionNo }) } : { msg: fileMsg('empty') }
				})
			});
			return;
		}
		if (idNumber && admissionNo && candidate.admissionNo && norm(candidate.admissionNo) !== admissionNo) {
			errors.push({
				row,
				message: rowMsg(row, 'otherCandidate', { name: candidate.name, own: candidate.admissionNo, given: admissionNo })
			});
			return;
		}
		const name = col.name >= 0 ? String(cells[col.name] ?? '').trim() : '';
		if (name && name !== candidate.name) {
			errors.push({ row, message: rowMsg(row, 'nameDiffers', { given: name, name: candidate.name }) });
			return;
		}
		if (catalog?.ok) {
			const spec = subjectSpecOf(catalog.catalog, candidate.occupationId, candidate.level, subject);
			if (!spec) {
				errors.push({ row, message: rowMsg(row, 'notSat', { name: candidate.name, subject: { subject } }) });
				return;
			}
			if (scoreSourceOf(spec) !== 'import') {
				errors.push({
					row,
					message: rowMsg(row, 'onSheets', { name: candidate.name, subject: { subject }, mode: { mode: spec.mode } })
				});
				return;
			}
		}
		const raw = cells[col.score];
		const text = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
		const earlier = seen.get(candidate.id);
		if (earlier) {
			errors.push({ row, message: rowMsg(row, 'repeated', { name: candidate.name, earlier }) });
			return;
		}
		// An absentee: the file says 缺考, or leaves the score empty. Recorded as 缺考, never as 0.
		if (text === '' || ABSENT_WORDS.includes(text.replace(/\s+/g, '').toUpperCase())) {
			seen.set(candidate.id, row);
			rows.push({ row, candidateId: candidate.id, isAbsent: true });
			return;
		}
		const score = Number(text);
		if (!Number.isFinite(score)) {
			errors.push({ row, message: rowMsg(row, 'notANumber', { value: text }) });
			return;
		}
		if (score < 0 || score > 100) {
			errors.push({ row, message: rowMsg(row, 'outOfRange', { score }) });
			return;
		}
		if (toCenti(score) === null) {
			errors.push({ row, message: rowMsg(row, 'tooPrecise', { score }) });
			return;
		}
		seen.set(candidate.id, row);
		rows.push({ row, candidateId: candidate.id, score });
	});
	if (errors.length) return { ok: false, errors, validCount: rows.length };
	if (!rows.length) return { ok: false, errors: [{ row: 1, message: fileMsg('noData') }], validCount: 0 };
	return { ok: true, rows };
}

/** The subjects some candidate of the plan sits on paper or on computer: scored from a file. */
export function fileScoredSubjects(
	candidates: readonly Pick<Candidate, 'occupationId' | 'level'>[],
	examDate: string
): SubjectKind[] {
	const out = new Set<SubjectKind>();
	for (const c of candidates)
		for (const r of requiredSubjectsOf(examDate, c)) if (r.source === 'import') out.add(r.subject);
	return SUBJECT_KINDS.filter((s) => out.has(s));
}

export interface AwaitedScoreFile {
	subject: SubjectKind;
	occupationId: string;
	level: Level;
	count: number;
	/** "技能考核：企业人力资源管理师 三级/高级工（40 人）", in the reader's language (the occupation as the catalogue names it). */
	message: Message;
}

/** Per subject, occupation and level scored from a file: the groups no imported file has named yet. */
export function awaitedScoreFiles(
	candidates: readonly Candidate[],
	examDate: string,
	rec: Pick<Reconciliation, 'subjects'>
): AwaitedScoreFile[] {
	const imported = new Map([...rec.subjects].flatMap(([k, f]) => (f.imported ? [[k, f.imported] as const] : [])));
	const came = importedGroups(candidates, imported);
	const catalog = catalogFor(examDate);
	const out = new Map<string, Omit<AwaitedScoreFile, 'message'>>();
	for (const c of candidates)
		for (const r of requiredSubjectsOf(examDate, c)) {
			const key = `${r.subject}|${c.occupationId}|${c.level}`;
			if (r.source !== 'import' || came.has(key)) continue;
			const held = out.get(key);
			if (held) held.count++;
			else out.set(key, { subject: r.subject, occupationId: c.occupationId, level: c.level, count: 1 });
		}
	return [...out.values()].map((a) => {
		const occupation = catalog.ok ? findOccupation(catalog.catalog, a.occupationId) : undefined;
		const params = {
			subject: { subject: a.subject },
			occupation: occupation?.name ?? a.occupationId,
			level: { level: a.level },
			count: a.count
		};
		return { ...a, message: { key: 'desk.theory.awaitedGroup', params } };
	});
}
