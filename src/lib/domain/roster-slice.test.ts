import { describe, expect, it } from 'vitest';
import { rosterSlice, type PlanMaps } from './roster-slice';
import type { Candidate, ExamSession, Group, Seat, StaffAssignment } from './record-schemas';

const candidate = (id: string, idNumber: string): Candidate => ({
	v: 1,
	id,
	name: `考生${id}`,
	idType: 'resident-id',
	idNumber,
	occupationId: 'caregiver',
	level: 4,
	phone: '13800000000',
	employer: '某公司',
	birthDate: '1990-01-01',
	admissionNo: `A${id}`,
	declared: { workYears: 5 },
	eligibility: { status: 'approved', evidence: '工作证明', reviewedBy: 'u-inst' }
});
const session = (id: string, roomId: string, start: string): ExamSession => ({
	v: 1,
	id,
	subject: 'theory',
	roomId,
	date: '2027-01-16',
	start,
	end: '11:00'
});
const seat = (sessionId: string, candidateId: string, col: number): Seat => ({
	v: 1,
	sessionId,
	candidateId,
	row: 0,
	col
});

function plan(): PlanMaps {
	const candidates = [
		candidate('c1', '500101199001011234'),
		candidate('c2', '500101199001012345'),
		candidate('c3', '500101199001013456'),
		candidate('c4', '500101199001014567')
	];
	const sessions = [session('s-a', 'r-a', '09:00'), session('s-b', 'r-b', '09:00'), session('s-c', 'r-c', '14:00')];
	const seats = [seat('s-a', 'c1', 0), seat('s-b', 'c2', 0), seat('s-c', 'c3', 0), seat('s-c', 'c4', 1)];
	const groups: Group[] = [
		{
			v: 2,
			id: 'g-1',
			kind: 'skill',
			name: '第1组',
			sessionId: 's-c',
			occupationId: 'caregiver',
			level: 4,
			candidateIds: ['c3'],
			rubricId: 'r',
			parallel: 1
		}
	];
	const staff: StaffAssignment[] = [
		{ v: 1, id: 'a-1', userId: 'u-proctor', duty: 'invigilator', sessionId: 's-a' },
		{ v: 1, id: 'a-2', userId: 'u-examiner', duty: 'examiner', groupId: 'g-1' }
	];
	return {
		plan: new Map([['info', { v: 1, id: 'p' }]]),
		candidates: new Map(candidates.map((c) => [c.id, c])),
		sessions: new Map(sessions.map((s) => [s.id, s])),
		seats: new Map(seats.map((s) => [`${s.sessionId}:${s.candidateId}`, s])),
		groups: new Map(groups.map((g) => [g.id, g])),
		staff: new Map(staff.map((a) => [a.id, a])),
		rooms: new Map(),
		rubrics: new Map()
	};
}

describe('rosterSlice', () => {
	it('gives an examiner only the candidates of his groups, ID numbers masked, no phone or evidence', () => {
		const slice = rosterSlice(plan(), { id: 'u-examiner', role: 'examiner' });
		expect([...slice.candidates.keys()]).toEqual(['c3']);
		expect(slice.candidates.get('c3')).toEqual({
			v: 1,
			id: 'c3',
			name: '考生c3',
			idType: 'resident-id',
			idNumber: '500101********3456',
			occupationId: 'caregiver',
			level: 4,
			admissionNo: 'Ac3',
			eligibility: { status: 'approved' }
		});
		expect([...slice.groups.keys()]).toEqual(['g-1']);
		expect([...slice.seats.keys()]).toEqual(['s-c:c3']);
	});

	it('gives a proctor his room’s candidates with the full number and others of the same time masked', () => {
		const slice = rosterSlice(plan(), { id: 'u-proctor', role: 'proctor' });
		expect([...slice.candidates.keys()].sort()).toEqual(['c1', 'c2']);
		expect((slice.candidates.get('c1') as Candidate).idNumber).toBe('500101199001011234');
		expect((slice.candidates.get('c2') as Candidate).idNumber).toBe('500101********2345');
		expect(slice.candidates.get('c1')).not.toHaveProperty('phone');
		expect([...slice.seats.keys()].sort()).toEqual(['s-a:c1', 's-b:c2']);
		expect(slice.groups.size).toBe(0);
	});

	it('gives someone with no duty in the plan no candidates, and other roles nothing', () => {
		expect(rosterSlice(plan(), { id: 'u-other', role: 'examiner' }).candidates.size).toBe(0);
		expect(rosterSlice(plan(), { id: 'u-proctor', role: 'supervisor' })).toEqual({});
	});
});
