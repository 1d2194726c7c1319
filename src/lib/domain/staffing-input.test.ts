import { describe, expect, it } from 'vitest';
import { checkPlanStaffing } from './staffing';
import { staffingInput, staffingUnits } from './staffing-input';
import type { ExamSession, PlanInfo, Room, Seat, StaffAssignment } from './record-schemas';

const room: Room = { v: 1, id: 'r1', name: '机房 1', type: 'computer', rows: 5, cols: 6, capacity: 30 };
const sessions: ExamSession[] = [
	{ v: 1, id: 's-theory-r1', subject: 'theory', roomId: 'r1', date: '2027-01-16', start: '09:00', end: '10:30' },
	{ v: 1, id: 's-skill-r1', subject: 'skill', roomId: 'r1', date: '2027-01-16', start: '10:30', end: '12:30' }
];
const info = { v: 1, id: 'p', institutionId: 'inst' } as unknown as PlanInfo;
const seats: Seat[] = Array.from({ length: 20 }, (_, i) => ({
	v: 1,
	sessionId: i < 10 ? 's-theory-r1' : 's-skill-r1',
	candidateId: `c${i}`,
	row: 0,
	col: i
}));
const staff: StaffAssignment[] = ['u1', 'u2'].map((userId) => ({
	v: 1,
	id: `a-${userId}`,
	userId,
	duty: 'invigilator',
	sessionId: 's-theory-r1'
}));

describe('staffingUnits', () => {
	it('names the time when a room holds two sessions, and each session is checked on its own', () => {
		const units = staffingUnits(sessions, [room], []);
		expect(units.map((u) => u.label)).toEqual(['机房 1 09:00', '机房 1 10:30']);
		const r = checkPlanStaffing(staffingInput(info, sessions, [room], seats, [], staff, []));
		expect(r.ok && r.result.sessions.map((s) => [s.label, s.isSufficient])).toEqual([
			['机房 1 09:00', true],
			['机房 1 10:30', false]
		]);
	});
});
