import { describe, expect, it } from 'vitest';
import type { Candidate } from './record-schemas';
import type { Reconciliation } from './reconcile';
import type { CandidateResultRow, SubjectResult } from './subject-results';
import { deskStats } from './desk-stats';

const c = (id: string, occupationId: string, level: 3 | 4): Candidate => ({
	v: 1,
	id,
	name: id,
	idType: 'resident-id',
	idNumber: '500101199001011234',
	occupationId,
	level,
	eligibility: { status: 'approved' }
});
const s = (subject: 'theory' | 'skill', status: SubjectResult['status'], score?: number): SubjectResult => ({
	subject,
	status,
	score,
	isPassed: score !== undefined && score >= 60,
	provenance: [],
	entryIds: []
});
const row = (cand: Candidate, subjects: SubjectResult[]): CandidateResultRow => ({
	candidate: cand,
	subjects,
	hasPassed: subjects.every((x) => x.isPassed),
	isPending: false,
	summary: '',
	retake: { isEligible: false, carried: [], reason: { key: 'results.retake.allPassed', params: {} } }
});

describe('desk statistics', () => {
	it('counts attendance, pass rates by occupation/level and subject, the distribution and incidents', () => {
		const rows = [
			row(c('a', 'hr-manager', 3), [s('theory', 'scored', 75), s('skill', 'scored', 61)]),
			row(c('b', 'hr-manager', 3), [s('theory', 'scored', 59.9), s('skill', 'scored', 80)]),
			row(c('d', 'health-caregiver', 4), [s('theory', 'absent'), s('skill', 'absent')])
		];
		const rec = {
			incidents: [
				{ data: { category: 'violation' } },
				{ data: { category: 'equipment' } },
				{ data: { category: 'violation' } }
			]
		} as unknown as Reconciliation;
		const stats = deskStats(rows, rec, '2026-11-21');
		expect(stats).toMatchObject({ candidates: 3, sat: 2, absentAll: 1, passed: 1 });
		expect(stats.byOccupation).toEqual([
			{ label: '企业人力资源管理师 三级', value: 1, total: 2 },
			{ label: '健康照护师 四级', value: 0, total: 1 }
		]);
		expect(stats.bySubject).toEqual([
			{ label: '理论知识考试', value: 1, total: 3 },
			{ label: '技能考核', value: 2, total: 3 }
		]);
		expect(stats.distribution[5].value).toBe(1); // 59.9 falls in 50–59
		expect(stats.distribution[9].value).toBe(0);
		expect(stats.incidents).toEqual([
			{ label: '违纪', value: 2 },
			{ label: '设备故障', value: 1 }
		]);
	});
});
