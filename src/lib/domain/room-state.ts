// One room in one session as the proctor sees it: each seated candidate's current attendance,
// identity check and seat (after seat changes), the room's events and its summary. Derived from the
// day entries with currentEntries, so corrections win and nothing recorded is ever lost.
import { currentEntries, compareHlc, sessionIdOf, type Entry, type EntryOf } from './entries';
import type { Candidate, ExamSession, Room, Seat } from './record-schemas';
import type { Message } from './message-text';
import type {
	AttendanceState,
	IdentityCheckData,
	IncidentData,
	RoomEventData,
	RoomEventKind,
	RoomSummary
} from './day-entries';

export interface CandidateRoomState {
	candidate: Candidate;
	row: number;
	col: number;
	/** The seat the plan gave, when a seat change moved the candidate. */
	plannedSeat?: { row: number; col: number };
	state: AttendanceState | 'expected';
	stateTime?: string;
	identity?: IdentityCheckData;
	incidents: number;
	/**
	 * When co-invigilators' tablets disagree about this candidate's attendance: each one's latest
	 * record. Shown on both tablets; the supervisor decides at the desk.
	 */
	disagreement?: { author: string; state: AttendanceState; time: string }[];
}

export interface RoomState {
	session: ExamSession;
	room: Room;
	candidates: CandidateRoomState[];
	events: Partial<Record<RoomEventKind, { entry: Entry; data: RoomEventData }>>;
	incidents: { entry: Entry; data: IncidentData }[];
	summary: RoomSummary;
}

export interface RoomInput {
	session: ExamSession;
	room: Room;
	/** Every seat of the plan (filtered to the session here). */
	seats: readonly Seat[];
	candidates: ReadonlyMap<string, Candidate>;
	entries: Iterable<Entry>;
}

const latest = <T extends Entry>(a: T | undefined, b: T): T => (!a || compareHlc(b.hlc, a.hlc) > 0 ? b : a);

export function deriveRoomState(input: RoomInput): RoomState {
	const { session, room } = input;
	const { current } = currentEntries(input.entries);
	const ofSession = [...current.values()].filter((e) => sessionIdOf(e) === session.id);

	const attendance = new Map<string, EntryOf<'attendance'>>();
	const attendanceByAuthor = new Map<string, Map<string, EntryOf<'attendance'>>>();
	const identity = new Map<string, EntryOf<'identity-check'>>();
	const moves = new Map<string, EntryOf<'seat-change'>>();
	const incidentsByCandidate = new Map<string, number>();
	const incidents: { entry: Entry; data: IncidentData }[] = [];
	const events: RoomState['events'] = {};
	for (const e of ofSession) {
		const c = e.candidateId;
		if (e.kind === 'attendance' && c) {
			attendance.set(c, latest(attendance.get(c), e));
			const byAuthor = attendanceByAuthor.get(c) ?? new Map<string, EntryOf<'attendance'>>();
			byAuthor.set(e.author, latest(byAuthor.get(e.author), e));
			attendanceByAuthor.set(c, byAuthor);
		} else if (e.kind === 'identity-check' && c) identity.set(c, latest(identity.get(c), e));
		else if (e.kind === 'seat-change' && c) moves.set(c, latest(moves.get(c), e));
		else if (e.kind === 'incident') {
			incidents.push({ entry: e, data: e.data });
			if (c) incidentsByCandidate.set(c, (incidentsByCandidate.get(c) ?? 0) + 1);
		} else if (e.kind === 'room-event') {
			const data = e.data;
			const held = events[data.event];
			if (!held || compareHlc(e.hlc, held.entry.hlc) > 0) events[data.event] = { entry: e, data };
		}
	}
	incidents.sort((a, b) => compareHlc(a.entry.hlc, b.entry.hlc));

	const candidates: CandidateRoomState[] = [];
	for (const seat of input.seats) {
		if (seat.sessionId !== session.id) continue;
		const candidate = input.candidates.get(seat.candidateId);
		if (!candidate) continue;
		const move = moves.get(candidate.id)?.data;
		const att = attendance.get(candidate.id)?.data;
		candidates.push({
			candidate,
			row: move ? move.to.row : seat.row,
			col: move ? move.to.col : seat.col,
			...(move ? { plannedSeat: { row: seat.row, col: seat.col } } : {}),
			state: att?.state ?? 'expected',
			...(att ? { stateTime: att.time } : {}),
			...(identity.has(candidate.id) ? { identity: identity.get(candidate.id)!.data } : {}),
			incidents: incidentsByCandidate.get(candidate.id) ?? 0,
			...disagreementOf(attendanceByAuthor.get(candidate.id))
		});
	}
	candidates.sort((a, b) => a.row - b.row || a.col - b.col);
	return { session, room, candidates, events, incidents, summary: summarise(candidates, incidents.length) };
}

function disagreementOf(
	byAuthor: Map<string, EntryOf<'attendance'>> | undefined
): Pick<CandidateRoomState, 'disagreement'> {
	if (!byAuthor || byAuthor.size < 2) return {};
	const records = [...byAuthor.values()].map((e) => ({ author: e.author, ...e.data }));
	if (new Set(records.map((r) => r.state)).size < 2) return {};
	return { disagreement: records.map((r) => ({ author: r.author, state: r.state, time: r.time })) };
}

/** Present counts everyone who sat the exam: on time, late, or left early. */
export function summarise(candidates: readonly CandidateRoomState[], incidents: number): RoomSummary {
	const count = (s: CandidateRoomState['state']) => candidates.filter((c) => c.state === s).length;
	const late = count('late');
	const leftEarly = count('left-early');
	return {
		expected: candidates.length,
		present: count('present') + late + leftEarly,
		absent: count('absent'),
		late,
		leftEarly,
		unrecorded: count('expected'),
		incidents
	};
}

/** Who sits where: the seat a candidate has in this session, or why not here (day.proctor.refused.*). */
export type SeatLookup = { ok: true; seat: Seat } | { ok: false; error: Message };

export function seatInSession(
	candidate: Candidate,
	session: ExamSession,
	seats: readonly Seat[],
	sessions: readonly ExamSession[],
	rooms: readonly Room[]
): SeatLookup {
	const here = seats.find((s) => s.sessionId === session.id && s.candidateId === candidate.id);
	if (here) return { ok: true, seat: here };
	const sameTime = new Set(
		sessions.filter((s) => s.date === session.date && s.start === session.start).map((s) => s.id)
	);
	const elsewhere = seats.find((s) => s.candidateId === candidate.id && sameTime.has(s.sessionId));
	if (elsewhere) {
		const other = sessions.find((s) => s.id === elsewhere.sessionId);
		const room = rooms.find((r) => r.id === other?.roomId);
		return {
			ok: false,
			error: {
				key: room || other ? 'day.proctor.refused.elsewhere' : 'day.proctor.refused.elsewhereUnknown',
				params: {
					name: candidate.name,
					room: room?.name ?? other?.roomId ?? '',
					row: elsewhere.row + 1,
					col: elsewhere.col + 1
				}
			}
		};
	}
	return { ok: false, error: { key: 'day.proctor.refused.notSeated', params: { name: candidate.name } } };
}

/** One desk of the seat map and everyone the records put there (after seat changes). */
export interface SeatCell {
	row: number;
	col: number;
	/** Who sits here, those not absent first; more than one when records put two people on one desk. */
	occupants: CandidateRoomState[];
	/** Two or more candidates not absent on this desk: records disagree about where someone sits. */
	isClash: boolean;
}

/**
 * Every desk of the room with everyone the records put on it: two candidates on one desk are both
 * shown (one tablet moved a candidate onto an absentee's desk while another checked the absentee in),
 * so the tiles always add up to the room's counts. Candidates placed outside the grid are kept too.
 */
export function seatCells(state: Pick<RoomState, 'room' | 'candidates'>): SeatCell[] {
	const byDesk = new Map<string, CandidateRoomState[]>();
	for (const c of state.candidates) {
		const key = `${c.row}:${c.col}`;
		byDesk.set(key, [...(byDesk.get(key) ?? []), c]);
	}
	const cells: SeatCell[] = [];
	const cell = (row: number, col: number): SeatCell => {
		const occupants = [...(byDesk.get(`${row}:${col}`) ?? [])].sort(
			(a, b) => Number(a.state === 'absent') - Number(b.state === 'absent')
		);
		byDesk.delete(`${row}:${col}`);
		return { row, col, occupants, isClash: occupants.filter((o) => o.state !== 'absent').length > 1 };
	};
	for (let row = 0; row < state.room.rows; row++)
		for (let col = 0; col < state.room.cols; col++) cells.push(cell(row, col));
	for (const key of [...byDesk.keys()]) {
		const [row, col] = key.split(':').map(Number);
		cells.push(cell(row, col));
	}
	return cells;
}

/**
 * Where a candidate can be moved: desks with nobody on them, and desks held only by absent
 * candidates (an absentee's desk is free; in a full room it is the only place left).
 */
export function freeDesks(state: Pick<RoomState, 'room' | 'candidates'>): {
	empty: { row: number; col: number }[];
	ofAbsent: { row: number; col: number; names: string[] }[];
} {
	const inGrid = seatCells(state).filter((c) => c.row < state.room.rows && c.col < state.room.cols);
	return {
		empty: inGrid.filter((c) => !c.occupants.length).map(({ row, col }) => ({ row, col })),
		ofAbsent: inGrid
			.filter((c) => c.occupants.length && c.occupants.every((o) => o.state === 'absent'))
			.map(({ row, col, occupants }) => ({ row, col, names: occupants.map((o) => o.candidate.name) }))
	};
}

/** Desks with two or more candidates not absent. */
export function seatClashes(state: Pick<RoomState, 'room' | 'candidates'>): SeatCell[] {
	return seatCells(state).filter((c) => c.isClash);
}

/** A short seat label for the seat map: row-column, counted from 1. */
export function seatLabel(row: number, col: number): string {
	return `${row + 1}-${col + 1}`;
}
