import { describe, expect, it } from 'vitest';
import { sittingsOf } from './ticket-sittings';
import type { ExamSession, Group, Room, Seat } from './record-schemas';

const rooms: Room[] = [
	{ v: 1, id: 'r101', name: '101 机房', type: 'computer', rows: 2, cols: 3, capacity: 6 },
	{ v: 1, id: 'r301', name: '301 实操考场', type: 'practical', rows: 1, cols: 2, capacity: 2 }
];
const sessions: ExamSession[] = [
	{ v: 1, id: 's-practical', subject: 'skill', roomId: 'r301', date: '2027-01-16', start: '10:30', end: '12:30' },
	{ v: 1, id: 's-theory', subject: 'theory', roomId: 'r101', date: '2027-01-16', start: '09:00', end: '10:30' }
];
const seats: Seat[] = [
	{ v: 1, sessionId: 's-theory', candidateId: 'b', row: 1, col: 1 },
	{ v: 1, sessionId: 's-theory', candidateId: 'a', row: 0, col: 0 }
];
const group = (id: string, ids: string[]): Group => ({
	v: 2,
	id,
	kind: 'skill',
	name: `第${id}组`,
	sessionId: 's-practical',
	occupationId: 'health-caregiver',
	level: 4,
	candidateIds: ids,
	rubricId: 'rubric',
	minutesPerCandidate: 20,
	parallel: 1
});
const groups = [group('1', ['a', 'x']), group('2', ['y', 'b'])];

describe('a candidate’s ticket sittings', () => {
	it('lists the seat by its number and the group by its place and time slot, in the order of the day', () => {
		const b = sittingsOf('b', sessions, rooms, seats, groups);
		expect(b.map((s) => [s.session.id, s.room.name, s.place])).toEqual([
			['s-theory', '101 机房', '5'],
			['s-practical', '301 实操考场', '第2组 2 · 11:30']
		]);
	});

	it('lists nothing for a candidate with neither a seat nor a place in a group', () => {
		expect(sittingsOf('nobody', sessions, rooms, seats, groups)).toEqual([]);
	});
});
