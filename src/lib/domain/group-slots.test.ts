import { describe, expect, it } from 'vitest';
import { sessionSlots } from './group-slots';
import { checkPlanStaffing } from './staffing';
import { staffingInput } from './staffing-input';
import type { ExamSession, Group, PlanInfo, Room, StaffAssignment } from './record-schemas';

const session: ExamSession = {
	v: 1,
	id: 's-skill-r3',
	subject: 'skill',
	roomId: 'r3',
	date: '2027-01-16',
	start: '10:30',
	end: '12:30'
};
const room: Room = { v: 1, id: 'r3', name: '实操室', type: 'practical', rows: 2, cols: 5, capacity: 10 };
// 18 candidates at 10 stations, split evenly: two groups of 9.
const groups: Group[] = [1, 2].map((n) => ({
	v: 2,
	id: `g${n}`,
	kind: 'skill',
	name: `第${n}组`,
	sessionId: session.id,
	occupationId: 'health-caregiver',
	level: 5,
	candidateIds: Array.from({ length: 9 }, (_, i) => `c${n}-${i}`),
	rubricId: 'r',
	minutesPerCandidate: 60,
	parallel: 10
}));

describe('sessionSlots', () => {
	it('runs the groups of a session one after another, so one panel of examiners serves them all', () => {
		const slots = sessionSlots(session, groups);
		expect(slots.byId.get('c1-0')).toMatchObject({ start: '10:30', end: '11:30' });
		expect(slots.byId.get('c2-0')).toMatchObject({ start: '11:30', end: '12:30' });
		expect(slots.end).toBe('12:30');
		const staff: StaffAssignment[] = ['g1', 'g2'].flatMap((groupId) =>
			['e1', 'e2', 'e3'].map((userId) => ({
				v: 1 as const,
				id: `${groupId}-${userId}`,
				userId,
				duty: 'examiner' as const,
				groupId
			}))
		);
		const info = { v: 1, id: 'p', institutionId: 'inst' } as unknown as PlanInfo;
		const r = checkPlanStaffing(staffingInput(info, [session], [room], [], groups, staff, []));
		expect(r.ok && r.result.doubleBookings).toEqual([]);
		expect(r.ok && r.result.isSufficient).toBe(true);
	});
});
