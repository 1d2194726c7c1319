import { describe, expect, it } from 'vitest';
import type { Candidate } from './record-schemas';
import {
	awaitedScoreFiles,
	fileScoredSubjects,
	parseScoreRows,
	parseScoreRows as parseTheoryRows
} from './score-import';
import { messageText, type Message } from './message-text';
import { plainTranslator } from '../i18n/plain-translator';

const zh = (m: Message) => messageText(m, plainTranslator('zh-CN'));
const en = (m: Message) => messageText(m, plainTranslator('en'));

const c = (id: string, name: string, idNumber: string, admissionNo: string): Candidate => ({
	v: 1,
	id,
	name,
	idType: 'resident-id',
	idNumber,
	occupationId: 'hr-manager',
	level: 3,
	admissionNo,
	eligibility: { status: 'approved' }
});
const roster = [c('c1', '张三', '500101199001011234', '2611101'), c('c2', '李四', '50010119900202123X', '2611102')];

describe('theory score import', () => {
	it('matches by ID number or admission number', () => {
		const r = parseTheoryRows(
			[
				['准考证号', '身份证号', '姓名', '理论成绩'],
				['', '500101199001011234', '张三', 78.5],
				['2611102', '', '李四', '61']
			],
			roster
		);
		expect(r).toEqual({
			ok: true,
			rows: [
				{ row: 2, candidateId: 'c1', score: 78.5 },
				{ row: 3, candidateId: 'c2', score: 61 }
			]
		});
	});
	it('lower-case x and spaces in the ID number still match', () => {
		const r = parseTheoryRows(
			[
				['身份证号', '成绩'],
				[' 50010119900202123x ', 70]
			],
			roster
		);
		expect(r.ok).toBe(true);
	});
	it('every bad row is reported with its row number, and nothing is imported', () => {
		const r = parseTheoryRows(
			[
				['身份证号', '姓名', '成绩'],
				['500101199001011234', '张三', 105],
				['999', '王五', 60],
				['50010119900202123X', '李五', 60],
				['500101199001011234', '张三', 'abc']
			],
			roster
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
		expect(r.errors.map((e) => zh(e.message))).toEqual([
			'第 2 行：成绩 105 超出 0–100 分',
			'第 3 行：找不到证件号码为“999”、准考证号为“（空）”的考生',
			'第 4 行：姓名“李五”与报名信息“李四”不符',
			'第 5 行：成绩“abc”既不是数字也不是“缺考”'
		]);
		// In English: every word is English; only what the file and the roster wrote stays as written.
		expect(r.errors.map((e) => en(e.message))).toEqual([
			'Row 2: the score 105 is outside 0–100',
			'Row 3: no candidate has ID number “999” and admission number (empty)',
			'Row 4: the name “李五” differs from the registered “李四”',
			'Row 5: the score “abc” is neither a number nor “缺考” (absent)'
		]);
	});
	it('a duplicate row and a missing score column are refused', () => {
		const dup = parseTheoryRows(
			[
				['准考证号', '成绩'],
				['2611101', 60],
				['2611101', 61]
			],
			roster
		);
		expect(dup.ok || zh(dup.errors[0].message)).toBe('第 3 行：张三的成绩在第 2 行已出现过');
		expect(dup.ok || en(dup.errors[0].message)).toBe('Row 3: 张三’s score already appears in row 2');
		const noScore = parseTheoryRows(
			[
				['准考证号', '姓名'],
				['2611101', '张三']
			],
			roster
		);
		expect(noScore.ok || zh(noScore.errors[0].message)).toBe('表头中找不到成绩列（应为“理论成绩”“成绩”或“分数”）');
	});
	it('an absentee written as 缺考 or left empty is recorded as absent, never as 0, and the file is not refused', () => {
		const r = parseTheoryRows(
			[
				['准考证号', '理论成绩'],
				['2611101', '缺考'],
				['2611102', '']
			],
			roster
		);
		expect(r).toEqual({
			ok: true,
			rows: [
				{ row: 2, candidateId: 'c1', isAbsent: true },
				{ row: 3, candidateId: 'c2', isAbsent: true }
			]
		});
	});
});

describe('skill score import (written or computer skill exams)', () => {
	const caregiver: Candidate = {
		...roster[0],
		id: 'c3',
		occupationId: 'health-caregiver',
		level: 5,
		admissionNo: '2611103',
		idNumber: '500101199001011250'
	};
	it('reads the skill column of a written skill exam (企业人力资源管理师)', () => {
		const r = parseScoreRows(
			[
				['准考证号', '理论成绩', '技能成绩'],
				['2611101', 50, 72.5]
			],
			roster,
			'skill',
			'2026-11-28'
		);
		expect(r).toEqual({ ok: true, rows: [{ row: 2, candidateId: 'c1', score: 72.5 }] });
	});
	it('refuses a row of a candidate whose skill exam is practical (scored on sheets)', () => {
		const r = parseScoreRows(
			[
				['准考证号', '技能成绩'],
				['2611103', 80]
			],
			[...roster, caregiver],
			'skill',
			'2026-11-28'
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(zh(r.errors[0].message)).toBe('第 2 行：张三的技能考核为现场实操，由考评员在评分表上评分，不能从文件导入');
		expect(en(r.errors[0].message)).toBe(
			'Row 2: 张三’s skill test (practical) is scored by examiners on score sheets: it cannot come from a file'
		);
	});
});

describe('which subjects come from a file', () => {
	it('theory always; skill when sat on paper or computer; never the review', () => {
		expect(fileScoredSubjects(roster, '2026-11-28')).toEqual(['theory', 'skill']);
		expect(fileScoredSubjects([{ occupationId: 'health-caregiver', level: 5 }], '2026-11-28')).toEqual(['theory']);
	});
});

describe('score files still awaited', () => {
	it('name each subject, occupation, level and count in Chinese as before, and in English', () => {
		const awaited = awaitedScoreFiles(roster, '2026-11-28', { subjects: new Map() });
		expect(awaited.map((a) => zh(a.message))).toEqual([
			'理论知识考试：企业人力资源管理师 三级/高级工（2 人）',
			'技能考核：企业人力资源管理师 三级/高级工（2 人）'
		]);
		expect(awaited.map((a) => en(a.message))).toEqual([
			'theory exam: 企业人力资源管理师, Level 3 (senior worker) (2 candidates)',
			'skill test: 企业人力资源管理师, Level 3 (senior worker) (2 candidates)'
		]);
	});
});
