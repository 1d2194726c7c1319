import { describe, expect, it } from 'vitest';
import type { Entry } from './entries';
import type { Candidate } from './record-schemas';
import { planResults, publishedResultFor, verdictOf } from './published-result';
import type { PlanFacts } from './reconcile';

let seq = 0;
function entry(kind: string, data: Record<string, unknown>, extra: Partial<Entry> = {}): Entry {
	seq++;
	return {
		v: 1,
		id: `e-pub-${String(seq).padStart(4, '0')}`,
		kind,
		at: '2026-11-21T10:00:00+08:00',
		hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}:000000:dev`,
		author: 'sup',
		deviceId: 'dev',
		planId: 'p1',
		data,
		...extra
	} as Entry;
}
const candidate: Candidate = {
	v: 1,
	id: 'c1',
	name: '张三',
	idType: 'resident-id',
	idNumber: '500101199001011234',
	occupationId: 'hr-manager',
	level: 3,
	admissionNo: '2611101',
	eligibility: { status: 'approved' }
};
const plan: PlanFacts = {
	examDate: '2026-11-21',
	candidates: [candidate],
	sessions: [{ v: 1, id: 's-skill', subject: 'skill', roomId: 'r1', date: '2026-11-21', start: '14:00', end: '16:00' }],
	staff: [],
	groups: [],
	rubrics: [],
	seatedBySession: new Map([['s-skill', ['c1']]])
};
const scores = (subject: string, score: number) =>
	entry('score-import', { subject, fileName: `${subject}.xlsx`, rows: [{ candidateId: 'c1', row: 2, score }] });
const publication = entry('publication', {
	startDate: '2026-11-23',
	endDate: '2026-11-27',
	deadline: '2026-11-23',
	isLate: false,
	results: [{ candidateId: 'c1', hasPassed: true, subjects: {} }]
});
const now = '2026-11-24T10:00:00+08:00';

describe('one published result', () => {
	it('a 复核 correction to 55 turns the published pass into a fail that names the subject', () => {
		const review = [scores('theory', 80), scores('skill', 70), publication];
		const before = planResults({ plan, days: [], review, now });
		expect(publishedResultFor(before.rows, review, 'c1')).toMatchObject({ verdict: 'passed', failedSubjects: [] });
		const corrected = [
			...review,
			entry('result-correction', { subject: 'skill', score: 55, reason: '复核：登分错误' }, { candidateId: 'c1' })
		];
		const after = planResults({ plan, days: [], review: corrected, now });
		const result = publishedResultFor(after.rows, corrected, 'c1')!;
		expect(result).toMatchObject({ verdict: 'failed', hasPassed: false, failedSubjects: ['skill'], isCorrected: true });
		expect(result.subjects.map((s) => s.cell)).toEqual(['80', '55']);
		// The desk reads the same rows.
		expect(verdictOf(after.rows[0])).toBe('failed');
	});
	it('a candidate the publication does not list has no published result', () => {
		const review = [scores('theory', 80), scores('skill', 70)];
		expect(publishedResultFor(planResults({ plan, days: [], review, now }).rows, review, 'c1')).toBeUndefined();
	});
});
