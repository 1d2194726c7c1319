// The seat planner (考场编排): deals candidates into rooms and seats so that nobody sits left, right,
// in front of or behind a candidate of the same occupation and level, and colleagues are spread.
// Pure and deterministic for a seed; the same rules check a manual swap.

import type { Message } from './message-text';

export interface SeatCandidate {
	id: string;
	occupationId: string;
	level: number;
	employer?: string;
}

export interface SeatRoom {
	id: string;
	rows: number;
	cols: number;
	capacity: number;
}

export interface PlannedSeat {
	roomId: string;
	candidateId: string;
	row: number;
	col: number;
}

export interface SeatPlan {
	seats: PlannedSeat[];
	/** Pairs of neighbours with the same occupation and level (0 whenever the mix allowed it). */
	sameKindNeighbours: number;
	/** Pairs of neighbours from the same employer. */
	sameEmployerNeighbours: number;
}

export type SeatPlanResult = { ok: true; plan: SeatPlan } | { ok: false; error: Message };

/** mulberry32, so a plan is the same on every device for the same seed. */
function random(seed: number): () => number {
	let a = seed | 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle<T>(list: T[], rnd: () => number): T[] {
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

const kindOf = (c: SeatCandidate) => `${c.occupationId}|${c.level}`;

/** The usable cells of a room: the first `capacity` cells row by row (a room may have broken seats at the back). */
export function roomCells(room: SeatRoom): { row: number; col: number }[] {
	const cells: { row: number; col: number }[] = [];
	const n = Math.min(room.capacity, room.rows * room.cols);
	for (let i = 0; i < n; i++) cells.push({ row: Math.floor(i / room.cols), col: i % room.cols });
	return cells;
}

/**
 * Interleaves groups evenly: each member i of a group of size n gets position (i + 0.5) / n, so a
 * contiguous slice of the result holds every group in proportion. Inside a group, employers are
 * dealt round-robin so colleagues end up far apart.
 */
function balancedStream(candidates: SeatCandidate[], rnd: () => number): SeatCandidate[] {
	const groups = new Map<string, SeatCandidate[]>();
	for (const c of candidates) {
		const list = groups.get(kindOf(c)) ?? [];
		list.push(c);
		groups.set(kindOf(c), list);
	}
	const keyed: { at: number; tie: number; c: SeatCandidate }[] = [];
	for (const key of [...groups.keys()].sort()) {
		const members = spreadEmployers(shuffle(groups.get(key)!, rnd));
		const offset = rnd();
		members.forEach((c, i) => keyed.push({ at: (i + offset) / members.length, tie: rnd(), c }));
	}
	keyed.sort((a, b) => a.at - b.at || a.tie - b.tie);
	return keyed.map((k) => k.c);
}

function spreadEmployers(members: SeatCandidate[]): SeatCandidate[] {
	const byEmployer = new Map<string, SeatCandidate[]>();
	for (const c of members) {
		const key = c.employer?.trim() || `\u0000${c.id}`;
		byEmployer.set(key, [...(byEmployer.get(key) ?? []), c]);
	}
	const queues = [...byEmployer.values()].sort((a, b) => b.length - a.length);
	const out: SeatCandidate[] = [];
	for (let round = 0; out.length < members.length; round++)
		for (const q of queues) if (round < q.length) out.push(q[round]);
	return out;
}

/** Chessboard order: all "black" cells, then all "white" ones, so a run of one kind never touches itself. */
function chessboardOrder(cells: { row: number; col: number }[]): number[] {
	const black: number[] = [];
	const white: number[] = [];
	cells.forEach((c, i) => ((c.row + c.col) % 2 === 0 ? black : white).push(i));
	return [...black, ...white];
}

function neighboursOf(cells: { row: number; col: number }[]): number[][] {
	const index = new Map(cells.map((c, i) => [`${c.row},${c.col}`, i]));
	return cells.map((c) =>
		[
			[c.row - 1, c.col],
			[c.row + 1, c.col],
			[c.row, c.col - 1],
			[c.row, c.col + 1]
		]
			.map(([r, k]) => index.get(`${r},${k}`))
			.filter((i): i is number => i !== undefined)
	);
}

const KIND_WEIGHT = 100;

/**
 * Arranges the candidates of one room, then repairs remaining clashes by swaps (or moves to empty
 * seats) that lower the cost. A room less than half full gets every other seat, so nobody has a
 * neighbour at all; fuller rooms fill the "black" seats first and then the "white" ones.
 */
function arrangeRoom(room: SeatRoom, members: SeatCandidate[]): PlannedSeat[] {
	const cells = roomCells(room);
	const nbrs = neighboursOf(cells);
	// Largest kind first on the black cells: it can then only touch itself if it is over half the room.
	const counts = new Map<string, number>();
	for (const c of members) counts.set(kindOf(c), (counts.get(kindOf(c)) ?? 0) + 1);
	const ordered = [...members].sort((a, b) => {
		const d = counts.get(kindOf(b))! - counts.get(kindOf(a))!;
		return d !== 0 ? d : kindOf(a) < kindOf(b) ? -1 : kindOf(a) > kindOf(b) ? 1 : 0;
	});
	const order = chessboardOrder(cells);
	const at: (SeatCandidate | undefined)[] = new Array(cells.length);
	ordered.forEach((c, i) => (at[order[i]] = c));

	const cost = (i: number, c: SeatCandidate | undefined): number => {
		if (!c) return 0;
		let n = 0;
		for (const j of nbrs[i]) {
			const o = at[j];
			if (!o || o === c) continue;
			if (kindOf(o) === kindOf(c)) n += KIND_WEIGHT;
			if (c.employer && o.employer === c.employer) n += 1;
		}
		return n;
	};
	const isSameSeatValue = (x: SeatCandidate | undefined, y: SeatCandidate | undefined) =>
		x === y || (!!x && !!y && kindOf(x) === kindOf(y) && x.employer === y.employer);
	for (let pass = 0; pass < 12; pass++) {
		let isImproved = false;
		for (let i = 0; i < cells.length; i++) {
			if (!at[i]) continue;
			const ci = cost(i, at[i]);
			if (ci === 0) continue;
			for (let j = 0; j < cells.length; j++) {
				// Swapping two of the same kind and employer (or two empty seats) changes nothing.
				if (j === i || isSameSeatValue(at[i], at[j])) continue;
				const before = ci + cost(j, at[j]);
				[at[i], at[j]] = [at[j], at[i]];
				const after = cost(i, at[i]) + cost(j, at[j]);
				if (after < before) {
					isImproved = true;
					break;
				}
				[at[i], at[j]] = [at[j], at[i]];
			}
		}
		if (!isImproved) break;
	}
	const seats: PlannedSeat[] = [];
	at.forEach((c, i) => c && seats.push({ roomId: room.id, candidateId: c.id, row: cells[i].row, col: cells[i].col }));
	return seats;
}

/** Splits the balanced stream over rooms in proportion to their capacity, so every room gets the same mix. */
function dealToRooms(stream: SeatCandidate[], rooms: SeatRoom[]): SeatCandidate[][] {
	const capacities = rooms.map((r) => roomCells(r).length);
	const total = capacities.reduce((a, b) => a + b, 0);
	const shares = capacities.map((c) => Math.floor((c / total) * stream.length));
	let left = stream.length - shares.reduce((a, b) => a + b, 0);
	for (let i = 0; left > 0; i = (i + 1) % rooms.length) {
		if (shares[i] < capacities[i]) {
			shares[i]++;
			left--;
		}
	}
	const out: SeatCandidate[][] = [];
	let from = 0;
	for (const share of shares) {
		out.push(stream.slice(from, from + share));
		from += share;
	}
	return out;
}

/** Counts neighbour clashes of a finished plan (also used to show the check after a manual swap). */
export function checkSeats(
	seats: readonly PlannedSeat[],
	candidates: readonly SeatCandidate[]
): {
	sameKindNeighbours: number;
	sameEmployerNeighbours: number;
	clashes: { a: string; b: string; isSameKind: boolean }[];
} {
	const byId = new Map(candidates.map((c) => [c.id, c]));
	const byCell = new Map(seats.map((s) => [`${s.roomId}|${s.row}|${s.col}`, s]));
	const clashes: { a: string; b: string; isSameKind: boolean }[] = [];
	let sameKindNeighbours = 0;
	let sameEmployerNeighbours = 0;
	for (const s of seats) {
		for (const [dr, dc] of [
			[0, 1],
			[1, 0]
		]) {
			const o = byCell.get(`${s.roomId}|${s.row + dr}|${s.col + dc}`);
			const a = byId.get(s.candidateId);
			const b = o && byId.get(o.candidateId);
			if (!a || !b) continue;
			const isSameKind = kindOf(a) === kindOf(b);
			const isSameEmployer = !!a.employer && a.employer === b.employer;
			if (isSameKind) sameKindNeighbours++;
			if (isSameEmployer) sameEmployerNeighbours++;
			if (isSameKind || isSameEmployer) clashes.push({ a: a.id, b: b.id, isSameKind });
		}
	}
	return { sameKindNeighbours, sameEmployerNeighbours, clashes };
}

/** Plans seats for one sitting (e.g. theory) across the given rooms. */
export function planSeats(
	candidates: readonly SeatCandidate[],
	rooms: readonly SeatRoom[],
	seed: number
): SeatPlanResult {
	const ids = new Set<string>();
	for (const c of candidates) {
		if (ids.has(c.id)) return { ok: false, error: { key: 'checks.seats.twice', params: { id: c.id } } };
		ids.add(c.id);
	}
	const usable = rooms.filter((r) => roomCells(r).length > 0);
	const capacity = usable.reduce((n, r) => n + roomCells(r).length, 0);
	if (candidates.length > capacity) {
		return {
			ok: false,
			error: { key: 'checks.seats.tooFew', params: { count: candidates.length, capacity } }
		};
	}
	if (candidates.length === 0)
		return { ok: true, plan: { seats: [], sameKindNeighbours: 0, sameEmployerNeighbours: 0 } };
	const rnd = random(seed);
	const sortedRooms = [...usable].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const stream = balancedStream(
		[...candidates].sort((a, b) => (a.id < b.id ? -1 : 1)),
		rnd
	);
	const dealt = dealToRooms(stream, sortedRooms);
	const seats = sortedRooms.flatMap((room, i) => arrangeRoom(room, dealt[i]));
	const check = checkSeats(seats, candidates);
	return {
		ok: true,
		plan: { seats, sameKindNeighbours: check.sameKindNeighbours, sameEmployerNeighbours: check.sameEmployerNeighbours }
	};
}

/** The naive plan clerks make by hand: rooms filled in roster order, row by row (the bench baseline). */
export function sequentialSeats(candidates: readonly SeatCandidate[], rooms: readonly SeatRoom[]): PlannedSeat[] {
	const seats: PlannedSeat[] = [];
	let k = 0;
	for (const room of rooms) {
		for (const cell of roomCells(room)) {
			if (k >= candidates.length) return seats;
			seats.push({ roomId: room.id, candidateId: candidates[k++].id, ...cell });
		}
	}
	return seats;
}

/** A seat's number in its room (1-based, row by row): printed on seat charts and door lists and ending the 准考证号. */
export function seatNumber(seat: { row: number; col: number }, room: { cols: number }): number {
	return seat.row * room.cols + seat.col + 1;
}

/** 准考证号: exam year and month, room ordinal (3 digits) and seat ordinal in the room (3 digits). */
export function admissionNumber(examDate: string, roomOrdinal: number, seatOrdinal: number): string {
	return `${examDate.slice(2, 4)}${examDate.slice(5, 7)}${String(roomOrdinal).padStart(3, '0')}${String(seatOrdinal).padStart(3, '0')}`;
}

/**
 * The admission numbers a theory seat plan gives: each candidate's number follows his theory seat,
 * the room's ordinal being its place in `rooms` (1-based) and the seat its number in the room.
 */
export function theoryAdmissionNumbers(
	examDate: string,
	rooms: readonly Pick<SeatRoom, 'id' | 'cols'>[],
	seats: readonly PlannedSeat[]
): Map<string, string> {
	const out = new Map<string, string>();
	rooms.forEach((room, i) => {
		for (const seat of seats)
			if (seat.roomId === room.id) out.set(seat.candidateId, admissionNumber(examDate, i + 1, seatNumber(seat, room)));
	});
	return out;
}

/**
 * A candidate's admission number after he moves to another seat of the same theory room: only a
 * number made by `admissionNumber` (10 digits) carries the seat, and its last three digits follow
 * the new seat. Any other number (typed by hand, imported) is kept: undefined.
 */
export function renumberedForSeat(admissionNo: string | undefined, seatOrdinal: number): string | undefined {
	if (!admissionNo || !/^\d{10}$/.test(admissionNo)) return undefined;
	const next = admissionNo.slice(0, -3) + String(seatOrdinal).padStart(3, '0');
	return next === admissionNo ? undefined : next;
}
