import { describe, expect, it } from 'vitest';
import { roomList, roomLists, type RoomListInput } from './room-lists';
import type { Candidate, ExamSession, Group, Room, Seat } from './record-schemas';

const candidate = (id: string): Candidate => ({
	v: 1,
	id,
	name: `考生${id}`,
	idType: 'resident-id',
	idNumber: '500103199001011234',
	occupationId: 'health-caregiver',
	level: 4,
	admissionNo: `27${id}`,
	eligibility: { status: 'approved' }
});
const session = (id: string, roomId: string, subject: ExamSession['subject'], start: string, end: string) =>
	({ v: 1, id, subject, roomId, date: '2027-01-16', start, end }) satisfies ExamSession;
const rooms: Room[] = [
	{ v: 1, id: 'r101', name: '101 机房', type: 'computer', rows: 2, cols: 3, capacity: 6 },
	{ v: 1, id: 'r201', name: '201 笔试考场', type: 'paper', rows: 1, cols: 2, capacity: 2 },
	{ v: 1, id: 'r301', name: '301 实操考场', type: 'practical', rows: 1, cols: 2, capacity: 2 },
	{ v: 1, id: 'r401', name: '401 答辩室', type: 'review', rows: 1, cols: 1, capacity: 1 }
];
const sessions = [
	session('s-theory', 'r101', 'theory', '09:00', '10:30'),
	session('s-paper', 'r201', 'skill', '10:30', '12:30'),
	session('s-practical', 'r301', 'skill', '10:30', '12:30'),
	session('s-review', 'r401', 'review', '09:00', '12:00')
];
const seat = (sessionId: string, candidateId: string, row: number, col: number): Seat => ({
	v: 1,
	sessionId,
	candidateId,
	row,
	col
});
const group = (id: string, kind: Group['kind'], sessionId: string, ids: string[], minutes: number): Group => ({
	v: 2,
	id,
	kind,
	name: `组${id}`,
	sessionId,
	occupationId: 'health-caregiver',
	level: 4,
	candidateIds: ids,
	rubricId: 'rubric',
	minutesPerCandidate: minutes,
	parallel: 1
});
const people = ['a', 'b', 'c', 'd', 'e', 'f'].map(candidate);
const input: RoomListInput = {
	sessions,
	rooms,
	// Seats given out of order: the list goes by seat number (row by row).
	seats: [seat('s-theory', 'c', 1, 2), seat('s-theory', 'a', 0, 0), seat('s-theory', 'b', 0, 2)],
	groups: [
		group('g1', 'skill', 's-practical', ['a', 'b'], 20),
		group('g2', 'skill', 's-practical', ['c', 'gone'], 20),
		group('p1', 'review', 's-review', ['d', 'e', 'f'], 15)
	],
	candidates: new Map(people.map((c) => [c.id, c]))
};

describe('roomList', () => {
	it('lists a seated room (computer or paper) by seat number', () => {
		const list = roomList(sessions[0], input)!;
		expect(list.isSeated).toBe(true);
		expect(list.blocks).toHaveLength(1);
		expect(list.blocks[0].rows.map((r) => [r.candidate.id, r.place])).toEqual([
			['a', 1],
			['b', 3],
			['c', 6]
		]);
		expect(list.count).toBe(3);
	});

	it('lists a practical room by group in running order, each candidate with the slot, groups one after another', () => {
		const list = roomList(sessions[2], input)!;
		expect(list.isSeated).toBe(false);
		expect(list.blocks.map((b) => [b.group?.name, b.start, b.end])).toEqual([
			['组g1', '10:30', '11:10'],
			['组g2', '11:10', '11:30']
		]);
		expect(list.blocks.flatMap((b) => b.rows.map((r) => [r.candidate.id, r.place, r.start, r.end]))).toEqual([
			['a', 1, '10:30', '10:50'],
			['b', 2, '10:50', '11:10'],
			['c', 3, '11:10', '11:30']
		]);
		// A candidate who no longer sits (not among the plan's candidates) is not listed.
		expect(list.count).toBe(3);
	});

	it('lists a defence room by its review panel with each candidate’s time', () => {
		const list = roomList(sessions[3], input)!;
		expect(list.blocks).toHaveLength(1);
		expect(list.blocks[0].group).toMatchObject({ kind: 'review', name: '组p1' });
		expect(list.blocks[0].rows.map((r) => `${r.candidate.id} ${r.start}–${r.end}`)).toEqual([
			'd 09:00–09:15',
			'e 09:15–09:30',
			'f 09:30–09:45'
		]);
	});

	it('has nothing to print for a room with nobody seated or grouped', () => {
		expect(roomList(sessions[1], input)).toBeNull();
		expect(roomLists(['s-paper', 's-review', 's-theory', 'missing'], input).map((l) => l.room.name)).toEqual([
			'401 答辩室',
			'101 机房'
		]);
	});
});
