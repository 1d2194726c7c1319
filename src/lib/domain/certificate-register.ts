// Certificates after finalisation: allocate numbers (certificate-number.ts) to those who passed every subject,
// and the province-upload table (layout documented in docs/province-upload-layout.md).
import { allocateCertificateNumbers } from './certificate-number';
import type { Message } from './message-text';
import { catalogFor, findOccupation, LEVEL_NAMES, SUBJECT_NAMES, type Level } from './catalog';
import { DOCUMENT_TYPE_NAMES } from './identity';
import { ofKind, type Entry } from './entries';
import { scoreCorrections } from './publication';
import type { CertificateConfigData } from './review-entries';
import { subjectCell, type CandidateResultRow } from './subject-results';
import { retakesUsedBy } from './scoring';
import { VERDICT_NAMES, verdictOf } from './published-result';

export function issuedNumbers(review: readonly Entry[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const e of review)
		if (e.kind === 'certificates-issued') for (const n of e.data.numbers) out.set(n.candidateId, n.number);
	return out;
}

export interface CertificateLine {
	candidateId: string;
	number: string;
	/** Withdrawn: the candidate no longer passes (a review corrected a score); the number is never re-used. */
	isWithdrawn: boolean;
	/** Why, naming the review (复核) and the correction that caused it. */
	withdrawal?: { reason: string; correctionId?: string; requestId?: string };
}

/**
 * Every number issued, each valid while its candidate passes and withdrawn (visibly, with the review
 * that caused it) once he does not. Withdrawn numbers stay issued: `allocateForPassed` skips them.
 */
export function certificateLines(rows: readonly CandidateResultRow[], review: readonly Entry[]): CertificateLine[] {
	const byId = new Map(rows.map((r) => [r.candidate.id, r]));
	const corrections = scoreCorrections(review);
	const out: CertificateLine[] = [];
	for (const [candidateId, number] of issuedNumbers(review)) {
		const row = byId.get(candidateId);
		if (row && verdictOf(row) === 'passed') {
			out.push({ candidateId, number, isWithdrawn: false });
			continue;
		}
		const data = corrections.filter((c) => c.candidateId === candidateId).at(-1);
		const failed = row
			? row.subjects.filter((s) => !s.isPassed).map((s) => `${SUBJECT_NAMES[s.subject]}${subjectCell(s)}`)
			: [];
		const reason = data
			? `${SUBJECT_NAMES[data.subject]}成绩经复核更正为 ${data.score} 分（${data.reason}），结果不再合格，证书编号撤销`
			: `${failed.length ? `${failed.join('、')}，` : ''}结果${row ? VERDICT_NAMES[verdictOf(row)] : '不再合格'}，证书编号撤销`;
		out.push({
			candidateId,
			number,
			isWithdrawn: true,
			withdrawal: { reason, correctionId: data?.entry.id, requestId: data?.requestId }
		});
	}
	return out;
}

/** Numbers in force (not withdrawn), per candidate: what the province file and the list carry. */
export function validNumbers(lines: readonly CertificateLine[]): Map<string, string> {
	return new Map(lines.filter((l) => !l.isWithdrawn).map((l) => [l.candidateId, l.number]));
}

export function latestCertificateConfig(review: readonly Entry[]): CertificateConfigData | undefined {
	const list = ofKind(review, 'certificate-config').sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
	return list.at(-1)?.data;
}

/** Numbers for every passed candidate without one yet, per level, after every number already issued. */
export function allocateForPassed(
	rows: readonly CandidateResultRow[],
	config: CertificateConfigData,
	issued: ReadonlyMap<string, string>
): { ok: true; numbers: { candidateId: string; number: string }[] } | { ok: false; error: Message } {
	const waiting = rows.filter((r) => r.hasPassed && !issued.has(r.candidate.id));
	const out: { candidateId: string; number: string }[] = [];
	const byLevel = new Map<Level, CandidateResultRow[]>();
	for (const r of waiting) byLevel.set(r.candidate.level, [...(byLevel.get(r.candidate.level) ?? []), r]);
	for (const [level, list] of byLevel) {
		list.sort((a, b) =>
			(a.candidate.admissionNo ?? a.candidate.id).localeCompare(b.candidate.admissionNo ?? b.candidate.id)
		);
		const result = allocateCertificateNumbers({ ...config, level }, list.length, issued.values());
		if (!result.ok) return result;
		list.forEach((r, i) => out.push({ candidateId: r.candidate.id, number: result.numbers[i] }));
	}
	return { ok: true, numbers: out };
}

/** Column order of the province upload (see docs/province-upload-layout.md). */
export const PROVINCE_COLUMNS = [
	'序号',
	'姓名',
	'证件类型',
	'证件号码',
	'准考证号',
	'职业（工种）',
	'职业编码',
	'等级',
	'理论知识成绩',
	'操作技能成绩',
	'综合评审成绩',
	'评定结果',
	'证书编号',
	'考试日期',
	'备注'
] as const;

/** The province upload: `valid` holds only numbers in force; a withdrawn number never appears. */
export function provinceRows(
	rows: readonly CandidateResultRow[],
	examDate: string,
	valid: ReadonlyMap<string, string>
): string[][] {
	const catalog = catalogFor(examDate);
	return rows.map((r, i) => {
		const c = r.candidate;
		const occupation = catalog.ok ? findOccupation(catalog.catalog, c.occupationId) : undefined;
		const cell = (s: 'theory' | 'skill' | 'review') => subjectCell(r.subjects.find((x) => x.subject === s));
		const notes = r.subjects
			.filter((s) => s.status === 'carried-over')
			.map((s) => `${s.subject === 'theory' ? '理论' : '技能'}成绩保留`);
		if (retakesUsedBy(c) > 0) notes.unshift('补考');
		return [
			String(i + 1),
			c.name,
			DOCUMENT_TYPE_NAMES[c.idType],
			c.idNumber,
			c.admissionNo ?? '',
			occupation?.workType ?? occupation?.name ?? c.occupationId,
			occupation?.code ?? '',
			LEVEL_NAMES[c.level],
			cell('theory'),
			cell('skill'),
			cell('review'),
			VERDICT_NAMES[verdictOf(r)],
			verdictOf(r) === 'passed' ? (valid.get(c.id) ?? '') : '',
			examDate,
			notes.join('；')
		];
	});
}
