// Who each room's door list (考场门贴) and sign-in sheet (签到表) lists, for every room kind: computer
// and paper rooms by seat number; practical rooms and review rooms (答辩室) by skill group or review
// panel, in running order with each candidate's time slot (group-slots.ts). A session with neither
// seats nor groups has nothing to print.
import { sessionSlots } from './group-slots';
import { seatNumber } from './seat-plan';
import type { Candidate, ExamSession, Group, Room, Seat } from './record-schemas';

export interface RoomListRow {
	candidate: Candidate;
	/** Seat number in the room (row by row, from 1) or place in the session's running order. */
	place: number;
	/** The candidate's time slot (groups and panels only). */
	start?: string;
	end?: string;
}

/** One block of a list: the whole room when seated, else one group or panel with its slot. */
export interface RoomListBlock {
	group?: Pick<Group, 'id' | 'name' | 'kind' | 'occupationId' | 'level'>;
	start: string;
	end: string;
	rows: RoomListRow[];
}

export interface RoomList {
	session: ExamSession;
	room: Room;
	/** Seated (computer and paper rooms) or grouped (practical and review rooms). */
	isSeated: boolean;
	blocks: RoomListBlock[];
	count: number;
}

export interface RoomListInput {
	sessions: readonly ExamSession[];
	rooms: readonly Room[];
	seats: readonly Seat[];
	groups: readonly Group[];
	candidates: ReadonlyMap<string, Candidate>;
}

/** The list of one session, or null when nobody is seated or grouped in it. */
export function roomList(session: ExamSession, input: RoomListInput): RoomList | null {
	const room = input.rooms.find((r) => r.id === session.roomId);
	if (!room) return null;
	const seated = input.seats
		.filter((s) => s.sessionId === session.id)
		.flatMap((seat) => {
			const candidate = input.candidates.get(seat.candidateId);
			return candidate ? [{ candidate, place: seatNumber(seat, room) }] : [];
		})
		.sort((a, b) => a.place - b.place);
	if (seated.length)
		return {
			session,
			room,
			isSeated: true,
			blocks: [{ start: session.start, end: session.end, rows: seated }],
			count: seated.length
		};
	const slots = sessionSlots(session, input.groups);
	const blocks = slots.groups.flatMap((g): RoomListBlock[] => {
		const rows = g.candidateIds.flatMap((id): RoomListRow[] => {
			const candidate = input.candidates.get(id);
			const slot = slots.byId.get(id);
			return candidate
				? [{ candidate, place: slot?.order ?? 0, start: slot?.start ?? session.start, end: slot?.end ?? session.end }]
				: [];
		});
		if (!rows.length) return [];
		const { id, name, kind, occupationId, level } = g;
		return [{ group: { id, name, kind, occupationId, level }, start: rows[0].start!, end: rows.at(-1)!.end!, rows }];
	});
	const count = blocks.reduce((n, b) => n + b.rows.length, 0);
	return count ? { session, room, isSeated: false, blocks, count } : null;
}

/** The lists of the given sessions that have someone to list, in the order given. */
export function roomLists(sessionIds: readonly string[], input: RoomListInput): RoomList[] {
	return sessionIds.flatMap((id) => {
		const session = input.sessions.find((s) => s.id === id);
		const list = session && roomList(session, input);
		return list ? [list] : [];
	});
}
