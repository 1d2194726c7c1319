// Scores of a subject sat on paper or on computer from a file (rows already read from .xlsx/.csv):
// theory from the exam platform, a written or computer skill exam from its marking. Find the columns,
// match each row to a candidate by ID number or admission number, recognise absentees (缺考 or an
// empty score cell), and report every bad row in Chinese. All or nothing: a file with any bad row
// imports nothing.
import {
	catalogFor,
	findOccupation,
	occupationLevelName,
	scoreSourceOf,
	subjectSpecOf,
	LEVEL_NAMES,
	MODE_NAMES,
	SUBJECT_KINDS,
	SUBJECT_NAMES,
	type Level,
	type SubjectKind
} from './catalog';
import type { Candidate } from './record-schemas';
import { importedGroups, requiredSubjectsOf, type Reconciliation } from './reconcile';
import { toCenti } from './scoring';

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
	message: string;
}

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
	if (table.length < 2) return { ok: false, errors: [{ row: 1, message: '文件中没有成绩数据' }], validCount: 0 };
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
					message: `表头中找不到成绩列（应为“${SCORE_HEADERS[subject][0]}”“成绩”或“分数”）`
				}
			],
			validCount: 0
		};
	if (col.idNumber < 0 && col.admissionNo < 0)
		return {
			ok: false,
			errors: [{ row: 1, message: '表头中找不到“身份证号”或“准考证号”列，无法对应考生' }],
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
				message: `第 ${row} 行：找不到证件号码为“${idNumber || '（空）'}”、准考证号为“${admissionNo || '（空）'}”的考生`
			});
			return;
		}
		if (idNumber && admissionNo && candidate.admissionNo && norm(candidate.admissionNo) !== admissionNo) {
			errors.push({
				row,
				message: `第 ${row} 行：证件号码属于${candidate.name}（准考证号 ${candidate.admissionNo}），与该行准考证号 ${admissionNo} 不符`
			});
			return;
		}
		const name = col.name >= 0 ? String(cells[col.name] ?? '').trim() : '';
		if (name && name !== candidate.name) {
			errors.push({ row, message: `第 ${row} 行：姓名“${name}”与报名信息“${candidate.name}”不符` });
			return;
		}
		if (catalog?.ok) {
			const spec = subjectSpecOf(catalog.catalog, candidate.occupationId, candidate.level, subject);
			if (!spec) {
				errors.push({ row, message: `第 ${row} 行：${candidate.name}的职业等级不考${SUBJECT_NAMES[subject]}` });
				return;
			}
			if (scoreSourceOf(spec) !== 'import') {
				errors.push({
					row,
					message: `第 ${row} 行：${candidate.name}的${SUBJECT_NAMES[subject]}为${MODE_NAMES[spec.mode]}，由考评员在评分表上评分，不能从文件导入`
				});
				return;
			}
		}
		const raw = cells[col.score];
		const text = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
		const earlier = seen.get(candidate.id);
		if (earlier) {
			errors.push({ row, message: `第 ${row} 行：${candidate.name}的成绩在第 ${earlier} 行已出现过` });
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
			errors.push({ row, message: `第 ${row} 行：成绩“${text}”既不是数字也不是“缺考”` });
			return;
		}
		if (score < 0 || score > 100) {
			errors.push({ row, message: `第 ${row} 行：成绩 ${score} 超出 0–100 分` });
			return;
		}
		if (toCenti(score) === null) {
			errors.push({ row, message: `第 ${row} 行：成绩 ${score} 最多保留两位小数` });
			return;
		}
		seen.set(candidate.id, row);
		rows.push({ row, candidateId: candidate.id, score });
	});
	if (errors.length) return { ok: false, errors, validCount: rows.length };
	if (!rows.length) return { ok: false, errors: [{ row: 1, message: '文件中没有成绩数据' }], validCount: 0 };
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
	/** "技能考核：企业人力资源管理师 三级/高级工（40 人）" */
	label: string;
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
	const out = new Map<string, AwaitedScoreFile>();
	for (const c of candidates)
		for (const r of requiredSubjectsOf(examDate, c)) {
			const key = `${r.subject}|${c.occupationId}|${c.level}`;
			if (r.source !== 'import' || came.has(key)) continue;
			const held = out.get(key);
			if (held) held.count++;
			else out.set(key, { subject: r.subject, occupationId: c.occupationId, level: c.level, count: 1, label: '' });
		}
	return [...out.values()].map((a) => {
		const occupation = catalog.ok ? findOccupation(catalog.catalog, a.occupationId) : undefined;
		const name = occupation ? occupationLevelName(occupation, a.level) : `${a.occupationId} ${LEVEL_NAMES[a.level]}`;
		return { ...a, label: `${SUBJECT_NAMES[a.subject]}：${name}（${a.count} 人）` };
	});
}
