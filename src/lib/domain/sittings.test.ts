import { describe, expect, it } from 'vitest';
import { sittingCandidates, sittingSessions } from './sittings';
import type { Candidate, ExamSession, PlanInfo, Room } from './record-schemas';
import { makeResidentId } from './identity';

const rooms: Room[] = [
	{ v: 1, id: 'c1', name: '101', type: 'computer', rows: 5, cols: 6, capacity: 30 },
	{ v: 1, id: 'p1', name: '201', type: 'paper', rows: 5, cols: 8, capacity: 40 },
	{ v: 1, id: 'x1', name: '301', type: 'practical', rows: 1, cols: 4, capacity: 4 }
];
const session = (id: string, subject: ExamSession['subject'], roomId: string): ExamSession => ({
	v: 1,
	id,
	subject,
	roomId,
	date: '2027-01-16',
	start: '09:00',
	end: '10:30'
});
const sessions = [
	session('t', 'theory', 'c1'),
	session('sc', 'skill', 'c1'),
	session('sp', 'skill', 'p1'),
	session('sx', 'skill', 'x1')
];

describe('sittings', () => {
	it('theory in any room; paper skill in paper rooms; computer skill in computer rooms; practical rooms sit none', () => {
		expect(sittingSessions('theory', sessions, rooms).map((s) => s.id)).toEqual(['t']);
		expect(sittingSessions('skill-paper', sessions, rooms).map((s) => s.id)).toEqual(['sp']);
		expect(sittingSessions('skill-computer', sessions, rooms).map((s) => s.id)).toEqual(['sc']);
	});

	it('seats only approved candidates, in the sitting their level takes', () => {
		const info = { examDate: '2027-01-16' } as PlanInfo;
		const candidate = (id: string, occupationId: string, level: Candidate['level'], approved: boolean): Candidate => ({
			v: 1,
			id,
			name: id,
			idType: 'resident-id',
			idNumber: makeResidentId('500101', '1990-01-01', 101),
			sex: 'M',
			birthDate: '1990-01-01',
			occupationId,
			level,
			eligibility: approved
				? { status: 'approved', reviewedBy: 'u', reviewedAt: '2027-01-01T00:00:00+08:00' }
				: { status: 'pending' }
		});
		const list = [
			candidate('hr', 'hr-manager', 3, true),
			candidate('care', 'health-caregiver', 4, true),
			candidate('cs', 'customer-service', 3, true),
			candidate('waiting', 'hr-manager', 3, false)
		];
		expect(sittingCandidates('theory', info, list).map((c) => c.id)).toEqual(['hr', 'care', 'cs']);
		expect(sittingCandidates('skill-paper', info, list).map((c) => c.id)).toEqual(['hr']);
		expect(sittingCandidates('skill-computer', info, list).map((c) => c.id)).toEqual(['cs']);
	});
});
