// Theory scores from the exam platform's file (rows already read from .xlsx/.csv): find the columns,
// match each row to a candidate by ID number or admission number, and report every bad row in
// Chinese. All or nothing: a file with any bad row imports nothing.
import type { Candidate } from './records';
import { toCenti } from './scoring';

export interface TheoryRow {
	row: number;
	candidateId: string;
	score: number;
}

export interface RowError {
	/** 1-based row number as the spreadsheet shows it (header = row 1). */
	row: number;
	message: string;
}

export type TheoryImportResult =
	{ ok: true; rows: TheoryRow[] } | { ok: false; errors: RowError[]; validCount: number };

const HEADERS = {
	idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', 'idnumber', 'id'],
	admissionNo: ['准考证号', '准考证', 'admissionno'],
	name: ['姓名', 'name'],
	score: ['理论成绩', '理论知识成绩', '成绩', '分数', '得分', 'score']
} as const;

const norm = (v: unknown) =>
	String(v ?? '')
		.trim()
		.replace(/\s+/g, '')
		.toUpperCase();

function findColumn(header: string[], names: readonly string[]): number {
	const h = header.map((x) => norm(x).toLowerCase());
	return h.findIndex((x) => names.some((n) => x === n.toLowerCase()));
}

export function parseTheoryRows(
	table: readonly (readonly unknown[])[],
	candidates: readonly Candidate[]
): TheoryImportResult {
	if (table.length < 2) return { ok: false, errors: [{ row: 1, message: '文件中没有成绩数据' }], validCount: 0 };
	const header = table[0].map((x) => String(x ?? ''));
	const col = {
		idNumber: findColumn(header, HEADERS.idNumber),
		admissionNo: findColumn(header, HEADERS.admissionNo),
		name: findColumn(header, HEADERS.name),
		score: findColumn(header, HEADERS.score)
	};
	if (col.score < 0)
		return {
			ok: false,
			errors: [{ row: 1, message: '表头中找不到成绩列（应为“理论成绩”“成绩”或“分数”）' }],
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
	const rows: TheoryRow[] = [];
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
		const raw = cells[col.score];
		const text = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
		const score = Number(text);
		if (text === '' || !Number.isFinite(score)) {
			errors.push({ row, message: `第 ${row} 行：成绩“${text}”不是数字` });
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
		const earlier = seen.get(candidate.id);
		if (earlier) {
			errors.push({ row, message: `第 ${row} 行：${candidate.name}的成绩在第 ${earlier} 行已出现过` });
			return;
		}
		seen.set(candidate.id, row);
		rows.push({ row, candidateId: candidate.id, score });
	});
	if (errors.length) return { ok: false, errors, validCount: rows.length };
	if (!rows.length) return { ok: false, errors: [{ row: 1, message: '文件中没有成绩数据' }], validCount: 0 };
	return { ok: true, rows };
}
