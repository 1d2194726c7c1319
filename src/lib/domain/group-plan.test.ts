import { describe, expect, it } from 'vitest';
import { defaultRubric, groupKindOfRoom, planGroups, REVIEW_RUBRIC_ITEMS, type GroupPlanInput } from './group-plan';
import { makeResidentId } from './identity';
import type { Candidate, ExamSession, Group, Room } from './record-schemas';

const rooms: Room[] = [
	{ v: 1, id: 'x1', name: '301 实操考场', type: 'practical', rows: 1, cols: 4, capacity: 4 },
	{ v: 1, id: 'rv', name: '401 答辩室', type: 'review', rows: 1, cols: 1, capacity: 1 },
	{ v: 1, id: 'c1', name: '101 机房', type: 'computer', rows: 5, cols: 6, capacity: 30 }
];
const session = (id: string, subject: ExamSession['subject'], roomId: string): ExamSession => ({
	v: 1,
	id,
	subject,
	roomId,
	date: '2027-01-16',
	start: '09:00',
	end: '09:00'
});
const sessions = [
	session('s-skill', 'skill', 'x1'),
	session('s-review', 'review', 'rv'),
	session('s-theory', 'theory', 'c1')
];
let seq = 101;
const candidate = (id: string, occupationId: string, level: Candidate['level'], approved = true): Candidate => ({
	v: 1,
	id,
	name: id,
	idType: 'resident-id',
	idNumber: makeResidentId('500101', '1990-01-01', seq++),
	sex: 'M',
	birthDate: '1990-01-01',
	occupationId,
	level,
	admissionNo: `27010010${id.slice(-2)}`,
	eligibility: approved
		? { status: 'approved', reviewedBy: 'u', reviewedAt: '2027-01-01T00:00:00+08:00' }
		: { status: 'pending' }
});
const candidates = [
	...['c06', 'c05', 'c04', 'c03', 'c02', 'c01'].map((id) => candidate(id, 'health-caregiver', 4)),
	candidate('c07', 'health-caregiver', 4, false),
	candidate('c08', 'hr-manager', 2),
	candidate('c09', 'hr-manager', 2),
	candidate('c10', 'hr-manager', 3)
];
const input: GroupPlanInput = {
	info: { examDate: '2027-01-16' },
	rooms,
	sessions,
	candidates,
	groups: [],
	rubrics: []
};

describe('group planning (group-plan.ts)', () => {
	it('a practical room holds skill groups, a review room review panels, other rooms none', () => {
		expect(groupKindOfRoom('practical')).toBe('skill');
		expect(groupKindOfRoom('review')).toBe('review');
		expect(groupKindOfRoom('computer')).toBeUndefined();
	});

	it('deals approved candidates of one occupation and level into even groups of at most the stations, in admission order', () => {
		const plan = planGroups(input);
		if (!plan.ok) throw new Error(JSON.stringify(plan));
		const skill = plan.groups.filter((g) => g.kind === 'skill');
		expect(skill.map((g) => [g.name, g.candidateIds, g.parallel, g.minutesPerCandidate])).toEqual([
			['健康照护师四级 第1组', ['c01', 'c02', 'c03'], 4, 60],
			['健康照护师四级 第2组', ['c04', 'c05', 'c06'], 4, 60]
		]);
		const review = plan.groups.filter((g) => g.kind === 'review');
		// Only levels 2 and 1 take the review; the level-3 candidate and the pending one are in no group.
		expect(review.map((g) => [g.name, g.candidateIds, g.parallel, g.minutesPerCandidate])).toEqual([
			['企业人力资源管理师二级 答辩组', ['c08', 'c09'], 1, 15]
		]);
		// Sessions end when their last group ends: two skill groups of 60 minutes; two reviews of 15.
		expect(plan.sessions.map((s) => [s.id, s.end])).toEqual([
			['s-skill', '11:00'],
			['s-review', '09:30']
		]);
	});

	it('uses the plan’s own rubric when it has one, else the default (one item of 100; 40/40/20 for a review)', () => {
		const own = { ...defaultRubric('health-caregiver', 4, 'skill', '健康照护师四级'), name: '自定评分表' };
		const plan = planGroups({ ...input, rubrics: [own] });
		if (!plan.ok) throw new Error(JSON.stringify(plan));
		const byId = new Map(plan.rubrics.map((r) => [r.id, r]));
		expect(byId.get('rubric-health-caregiver-4-skill')?.name).toBe('自定评分表');
		expect(byId.get('rubric-hr-manager-2-review')).toEqual({
			v: 1,
			id: 'rubric-hr-manager-2-review',
			name: '企业人力资源管理师二级综合评审评分表',
			items: REVIEW_RUBRIC_ITEMS
		});
		expect(defaultRubric('x', 3, 'skill', 'X三级').items).toEqual([{ id: 'skill', label: '技能操作', max: 100 }]);
	});

	it('removes the old groups of these sessions that the new plan no longer has', () => {
		const old: Group = { ...(planGroups(input) as { groups: Group[] }).groups[0], id: 'g-s-skill-9' };
		const plan = planGroups({ ...input, groups: [old] });
		expect(plan.ok && plan.removedGroupIds).toEqual(['g-s-skill-9']);
	});

	it('says when no approved candidate takes a practical skill test or a review', () => {
		expect(planGroups({ ...input, candidates: [candidate('c10', 'hr-manager', 3)] })).toEqual({
			ok: false,
			reason: 'no-groups'
		});
	});
});
