import { describe, expect, it } from 'vitest';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import fc from 'fast-check';
import {
	admissionNumber,
	checkSeats,
	renumberedForSeat,
	seatNumber,
	theoryAdmissionNumbers,
	planSeats,
	roomCells,
	sequentialSeats,
	type SeatCandidate,
	type SeatRoom
} from './seat-plan';

function cohort(
	prefix: string,
	occupationId: string,
	level: number,
	count: number,
	employers = ['甲', '乙', '丙']
): SeatCandidate[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `${prefix}${i}`,
		occupationId,
		level,
		employer: employers[i % employers.length]
	}));
}

const room = (id: string, rows: number, cols: number, capacity = rows * cols): SeatRoom => ({
	id,
	rows,
	cols,
	capacity
});

function expectValid(
	seats: { roomId: string; candidateId: string; row: number; col: number }[],
	candidates: SeatCandidate[],
	rooms: SeatRoom[]
) {
	// every candidate exactly once
	expect(seats.map((s) => s.candidateId).sort()).toEqual(candidates.map((c) => c.id).sort());
	// no two on one seat, every seat a usable cell of its room
	const cells = new Set(seats.map((s) => `${s.roomId}|${s.row}|${s.col}`));
	expect(cells.size).toBe(seats.length);
	for (const r of rooms) {
		const usable = new Set(roomCells(r).map((c) => `${c.row}|${c.col}`));
		const inRoom = seats.filter((s) => s.roomId === r.id);
		expect(inRoom.length).toBeLessThanOrEqual(r.capacity);
		for (const s of inRoom) expect(usable.has(`${s.row}|${s.col}`)).toBe(true);
	}
}

describe('planSeats', () => {
	it('separates two equal cohorts in one room completely (a chessboard exists)', () => {
		const candidates = [...cohort('a', 'hr-manager', 3, 15), ...cohort('b', 'labor-relations', 3, 15)];
		const rooms = [room('r1', 5, 6)];
		const r = planSeats(candidates, rooms, 1);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expectValid(r.plan.seats, candidates, rooms);
		expect(r.plan.sameKindNeighbours).toBe(0);
		expect(checkSeats(r.plan.seats, candidates).sameKindNeighbours).toBe(0);
	});

	it('separates the demo mix (45/15/20/40) over four 30-seat rooms', () => {
		const candidates = [
			...cohort('a', 'hr-manager', 3, 45),
			...cohort('b', 'hr-manager', 2, 15),
			...cohort('c', 'labor-relations', 3, 20),
			...cohort('d', 'health-caregiver', 4, 40)
		];
		const rooms = ['r101', 'r102', 'r103', 'r104'].map((id) => room(id, 5, 6));
		const r = planSeats(candidates, rooms, 42);
		expect(r.ok && r.plan.sameKindNeighbours).toBe(0);
		if (r.ok) expectValid(r.plan.seats, candidates, rooms);
	});

	it('handles rooms with fewer seats than the grid and odd sizes', () => {
		const candidates = [...cohort('a', 'x', 3, 20), ...cohort('b', 'y', 3, 12), ...cohort('c', 'z', 4, 9)];
		const rooms = [room('r1', 5, 5, 23), room('r2', 4, 7, 25)];
		const r = planSeats(candidates, rooms, 7);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expectValid(r.plan.seats, candidates, rooms);
		expect(r.plan.sameKindNeighbours).toBe(0);
	});

	it('is deterministic for a seed and differs between seeds', () => {
		const candidates = [...cohort('a', 'x', 3, 30), ...cohort('b', 'y', 3, 30)];
		const rooms = [room('r1', 5, 6), room('r2', 5, 6)];
		const a = planSeats(candidates, rooms, 5);
		const b = planSeats(candidates, rooms, 5);
		const c = planSeats(candidates, rooms, 6);
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
	});

	it('spreads colleagues of one employer when the mix allows', () => {
		const candidates = [
			...cohort('a', 'x', 3, 15, ['甲', '乙', '丙', '丁', '戊']),
			...cohort('b', 'y', 3, 15, ['己', '庚', '辛', '壬', '癸'])
		];
		const r = planSeats(candidates, [room('r1', 5, 6)], 3);
		expect(r.ok && r.plan.sameEmployerNeighbours).toBe(0);
	});

	it('refuses when seats are short and when a candidate appears twice, in both languages', async () => {
		const r = planSeats(cohort('a', 'x', 3, 31), [room('r1', 5, 6)], 1);
		if (r.ok) throw new Error('accepted');
		const short = await inBothLanguages(r.error);
		expect(short.zh).toBe('考场座位不足：考生 31 人，所选考场共 30 个座位，请增加考场');
		expect(short.en).toBe('Not enough seats: 31 candidates, 30 seats in the rooms chosen; add rooms');
		const twice = [...cohort('a', 'x', 3, 2), { id: 'a0', occupationId: 'x', level: 3 }];
		const again = planSeats(twice, [room('r1', 5, 6)], 1);
		if (again.ok) throw new Error('accepted');
		const said = await inBothLanguages(again.error);
		expect(said.zh).toBe('考生 a0 重复出现，每名考生只能编排一次');
		expect(said.en).not.toMatch(CJK);
	});

	it('property: any mix where no kind exceeds a third of each room is seated exactly once with no same-kind neighbours', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 3, maxLength: 6 }),
				fc.integer({ min: 1, max: 4 }),
				fc.integer(),
				(sizes, roomCount, seed) => {
					const rooms = Array.from({ length: roomCount }, (_, i) => room(`r${i}`, 5, 6));
					const capacity = roomCount * 30;
					const total = sizes.reduce((a, b) => a + b, 0);
					const max = Math.max(...sizes);
					fc.pre(total <= capacity && max * 3 <= total);
					const candidates = sizes.flatMap((n, k) => cohort(`k${k}-`, `o${k}`, 3, n));
					const r = planSeats(candidates, rooms, seed);
					if (!r.ok) return false;
					expectValid(r.plan.seats, candidates, rooms);
					return r.plan.sameKindNeighbours === 0;
				}
			),
			{ numRuns: 500 }
		);
	});

	it('property: nearly full rooms (60–100 %) with no kind over a third still have no same-kind neighbours', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 10, max: 40 }), { minLength: 3, maxLength: 6 }),
				fc.integer(),
				(sizes, seed) => {
					const total = sizes.reduce((a, b) => a + b, 0);
					const roomCount = Math.ceil(total / 30);
					fc.pre(Math.max(...sizes) * 3 <= total && total >= roomCount * 30 * 0.6);
					const rooms = Array.from({ length: roomCount }, (_, i) => room(`r${i}`, 5, 6));
					const candidates = sizes.flatMap((n, k) => cohort(`k${k}-`, `o${k}`, 3, n));
					const r = planSeats(candidates, rooms, seed);
					if (!r.ok) return false;
					expectValid(r.plan.seats, candidates, rooms);
					return r.plan.sameKindNeighbours === 0;
				}
			),
			{ numRuns: 300 }
		);
	});

	it('regression: a sparse mix over four rooms (found by the property test)', () => {
		const candidates = [8, 10, 9, 7].flatMap((n, k) => cohort(`k${k}-`, `o${k}`, 3, n));
		const rooms = Array.from({ length: 4 }, (_, i) => room(`r${i}`, 5, 6));
		const r = planSeats(candidates, rooms, -99209183);
		expect(r.ok && r.plan.sameKindNeighbours).toBe(0);
	});

	it('the sequential baseline puts one cohort side by side (why the planner exists)', () => {
		const candidates = [...cohort('a', 'x', 3, 15), ...cohort('b', 'y', 3, 15)];
		const seats = sequentialSeats(candidates, [room('r1', 5, 6)]);
		expect(checkSeats(seats, candidates).sameKindNeighbours).toBeGreaterThan(20);
	});
});

describe('admissionNumber', () => {
	it('writes year, month, room and seat', () => {
		expect(admissionNumber('2027-01-16', 3, 7)).toBe('2701003007');
	});
	it('numbers seats row by row from 1', () => {
		expect(seatNumber({ row: 0, col: 0 }, { cols: 6 })).toBe(1);
		expect(seatNumber({ row: 2, col: 3 }, { cols: 6 })).toBe(16);
	});
	it('gives a theory plan its numbers: room ordinal in the list, seat number in the room', () => {
		const rooms = [
			{ id: 'rB', cols: 4 },
			{ id: 'rA', cols: 6 }
		];
		const numbers = theoryAdmissionNumbers('2027-01-16', rooms, [
			{ roomId: 'rA', candidateId: 'c1', row: 1, col: 2 },
			{ roomId: 'rB', candidateId: 'c2', row: 0, col: 3 }
		]);
		expect(Object.fromEntries(numbers)).toEqual({ c1: '2701002009', c2: '2701001004' });
	});
	it('renumbers a planner-made number for a new seat and keeps any other number', () => {
		expect(renumberedForSeat('2701002009', 12)).toBe('2701002012');
		expect(renumberedForSeat('2701002009', 9)).toBeUndefined();
		expect(renumberedForSeat('A-77', 3)).toBeUndefined();
		expect(renumberedForSeat(undefined, 3)).toBeUndefined();
	});
});
