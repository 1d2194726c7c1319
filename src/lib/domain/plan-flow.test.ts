import { messageText } from './message-text';
import { plainTranslator, zhText } from '../i18n/plain-translator';
import { describe, expect, it } from 'vitest';
import { isSitting, leavingChanges, strandedBy, strandingMessage } from './plan-flow';
import { planMapsOf } from './plan-maps';
import { planFactsFrom } from './plan-facts';
import { rosterSlice } from './roster-slice';
import type { Candidate, Group, PlanInfo, Seat, StaffAssignment } from './record-schemas';

type Status = Candidate['eligibility']['status'];
const candidate = (id: string, status: Status, level: 3 | 4 = 4): Candidate => ({
	v: 1,
	id,
	name: `考生${id}`,
	idType: 'resident-id',
	idNumber: `50010119900101${id.padStart(4, '0')}`,
	occupationId: 'caregiver',
	level,
	eligibility: status === 'rejected' ? { status, reason: '工作年限不足' } : { status }
});
const seat = (sessionId: string, candidateId: string, col: number): Seat => ({
	v: 1,
	sessionId,
	candidateId,
	row: 0,
	col
});
const group = (id: string, candidateIds: string[], level: 3 | 4 = 4): Group => ({
	v: 2,
	id,
	kind: 'skill',
	name: `第${id}组`,
	sessionId: 's-skill',
	occupationId: 'caregiver',
	level,
	candidateIds,
	rubricId: 'r',
	parallel: 1
});
const info: PlanInfo = {
	v: 1,
	id: 'p1',
	name: '计划',
	institutionId: 'i1',
	siteId: 'site',
	examDate: '2027-01-16',
	occupations: [
		{ occupationId: 'caregiver', level: 4 },
		{ occupationId: 'caregiver', level: 3 }
	],
	expectedCandidates: 4,
	createdAt: '2026-12-01T00:00:00Z',
	createdBy: 'u'
};
const proctor: StaffAssignment = { v: 1, id: 'a1', userId: 'u-p', duty: 'invigilator', sessionId: 's-theory' };

/** c1 approved, c2 rejected after seating, c3 re-opened (pending) after seating; all seated and grouped. */
function maps() {
	const candidates = [candidate('c1', 'approved'), candidate('c2', 'rejected'), candidate('c3', 'pending')];
	const seats = [seat('s-theory', 'c1', 0), seat('s-theory', 'c2', 1), seat('s-theory', 'c3', 2)];
	return {
		plan: { plan: new Map<string, unknown>([['info', info]]) },
		doc: {
			candidates: new Map<string, unknown>(candidates.map((c) => [c.id, c])),
			seats: new Map<string, unknown>(seats.map((s) => [`${s.sessionId}:${s.candidateId}`, s])),
			groups: new Map<string, unknown>([['g1', group('g1', ['c1', 'c2', 'c3'])]]),
			staff: new Map<string, unknown>([['a1', proctor]]),
			sessions: new Map<string, unknown>([
				[
					's-theory',
					{ v: 1, id: 's-theory', subject: 'theory', roomId: 'r1', date: info.examDate, start: '09:00', end: '10:30' }
				]
			])
		}
	};
}

describe('decisions that flow: only an approved candidate sits', () => {
	it('a rejected or re-opened candidate leaves the seats and groups everyone reads (plan screens, desk, server)', () => {
		const { plan, doc } = maps();
		const read = planMapsOf(doc, plan);
		expect([...(read.seats as Map<string, Seat>).values()].map((s) => s.candidateId)).toEqual(['c1']);
		expect((read.groups.get('g1') as Group).candidateIds).toEqual(['c1']);
		// Her record stays, with the decision (the audit trail).
		expect((read.candidates.get('c2') as Candidate).eligibility).toMatchObject({ status: 'rejected' });
		expect(isSitting(read.candidates.get('c2') as Candidate)).toBe(false);
	});

	it("the proctor's tablet list and 应到 count drop her", () => {
		const { plan, doc } = maps();
		const slice = rosterSlice(planMapsOf(doc, plan), { id: 'u-p', role: 'proctor' });
		expect([...slice.seats.values()].map((s) => (s as Seat).candidateId)).toEqual(['c1']);
		expect([...slice.candidates.keys()]).toEqual(['c1']);
	});

	it('the desk has rows only for those who sit; the others are kept by name for the audit trail', () => {
		const { plan, doc } = maps();
		const facts = planFactsFrom(planMapsOf(doc, plan))!;
		expect(facts.candidates.map((c) => c.id)).toEqual(['c1']);
		expect(facts.left?.map((c) => c.id)).toEqual(['c2', 'c3']);
		expect([...facts.seatedBySession.get('s-theory')!]).toEqual(['c1']);
	});

	it('the decision is written with her seats removed and her group places taken out', () => {
		const seats = [seat('s-theory', 'c1', 0), seat('s-theory', 'c2', 1), seat('s-paper', 'c2', 0)];
		const groups = [group('g1', ['c1', 'c2']), group('g2', ['c1'])];
		const changes = leavingChanges(new Set(['c2']), { seats, groups });
		expect(changes.seatKeys).toEqual(['s-theory:c2', 's-paper:c2']);
		expect(changes.groups.map((g) => [g.id, g.candidateIds])).toEqual([['g1', ['c1']]]);
	});
});

describe('a plan change that would strand approved candidates, groups or scores is refused with the list', () => {
	const levelName = (o: { level: number }) => `养老护理员 ${o.level}级`;
	const only4 = [{ occupationId: 'caregiver', level: 4 as const }];
	const staff: StaffAssignment[] = [
		{ v: 1, id: 'e1', userId: 'u-e1', duty: 'examiner', groupId: 'g3' },
		{ v: 1, id: 'e2', userId: 'u-e2', duty: 'examiner', groupId: 'g4' }
	];

	it('dropping a level with approved candidates, a group with its examiner and a submitted score sheet lists them all', () => {
		const candidates = [candidate('c1', 'approved', 4), candidate('c5', 'approved', 3), candidate('c6', 'rejected', 3)];
		const s = strandedBy(
			only4,
			{ candidates, groups: [group('g3', ['c5'], 3), group('g4', ['c1'])], staff },
			new Set(['c5'])
		);
		expect(s?.candidates.map((c) => c.id)).toEqual(['c5']);
		expect(s?.groups.map((g) => g.id)).toEqual(['g3']);
		expect(s?.examiners.map((a) => a.id)).toEqual(['e1']);
		expect(s?.scored.map((c) => c.id)).toEqual(['c5']);
		const message = zhText(strandingMessage(s!, levelName));
		expect(message).toContain('已审核通过的考生 1 名（考生c5·养老护理员 3级）');
		expect(message).toContain('考评组 1 个（第g3组）');
		expect(message).toContain('已提交评分表的考生 1 名');
		expect(message).toMatch(/^未保存：取消这些职业等级会使以下安排失去着落——已审核通过的考生.*；考评组.*。请先撤回/);
		const english = messageText(strandingMessage(s!, levelName), plainTranslator('en'));
		expect(english).toBe(
			"Not saved: dropping these occupations and levels would leave the following without a place: approved candidates: 1 (考生c5·养老护理员 3级); examiner groups: 1 (第g3组); examiner assignments: 1; candidates with a submitted score sheet: 1 (考生c5). First withdraw these candidates' eligibility decisions and dissolve the examiner groups, then change the plan."
		);
	});

	it('dropping a level nobody sits is allowed (pending and rejected candidates do not hold it)', () => {
		const candidates = [candidate('c1', 'approved', 4), candidate('c6', 'rejected', 3), candidate('c7', 'pending', 3)];
		expect(strandedBy(only4, { candidates, groups: [group('g4', ['c1'])], staff: [] }, new Set())).toBeNull();
		// Keeping every level strands nothing.
		expect(
			strandedBy(info.occupations, { candidates, groups: [group('g3', [], 3)], staff }, new Set(['c1']))
		).toBeNull();
	});
});
