// What a candidate's admission ticket lists and how an occupation and level are labelled on paper:
// each sitting with its room and place (seat number, or group, place in the running order and time
// slot). Who each room's sheets list: room-lists.ts.
import { LEVEL_NAMES, catalogFor, findOccupation } from './catalog';
import type { Candidate, ExamSession, Group, PlanInfo, Room, Seat } from './record-schemas';
import { sessionSlots } from './group-slots';
import { seatNumber } from './seat-plan';

/** An occupation's name in the catalogue in force on the exam day (its id when it is not there). */
export function occupationNameOn(examDate: string, occupationId: string): string {
	const catalog = catalogFor(examDate);
	return (catalog.ok ? findOccupation(catalog.catalog, occupationId)?.name : undefined) ?? occupationId;
}

/** 「企业人力资源管理师 三级/高级工」, or short 「企业人力资源管理师三级」 where a column is narrow. */
export function occupationLabel(info: PlanInfo, c: Pick<Candidate, 'occupationId' | 'level'>, short = false): string {
	const name = occupationNameOn(info.examDate, c.occupationId);
	const level = LEVEL_NAMES[c.level as 1 | 2 | 3 | 4 | 5];
	return short ? `${name}${level.slice(0, 2)}` : `${name} ${level}`;
}

export interface TicketSitting {
	session: ExamSession;
	room: Room;
	/** Seat number, or the group, place in the running order and time slot. */
	place: string;
}

export function sittingsOf(
	candidateId: string,
	sessions: readonly ExamSession[],
	rooms: readonly Room[],
	seats: readonly Seat[],
	groups: readonly Group[]
): TicketSitting[] {
	const seated = seats.flatMap((seat) => {
		if (seat.candidateId !== candidateId) return [];
		const session = sessions.find((x) => x.id === seat.sessionId);
		const room = session && rooms.find((r) => r.id === session.roomId);
		return session && room ? [{ session, room, place: String(seatNumber(seat, room)) }] : [];
	});
	const grouped = groups.flatMap((g) => {
		const k = g.candidateIds.indexOf(candidateId);
		const session = k >= 0 ? sessions.find((x) => x.id === g.sessionId) : undefined;
		const room = session && rooms.find((r) => r.id === session.roomId);
		if (!session || !room) return [];
		const slot = sessionSlots(session, groups).byId.get(candidateId);
		return [{ session, room, place: `${g.name} ${k + 1}${slot ? ` · ${slot.start}` : ''}` }];
	});
	return [...seated, ...grouped].sort((a, b) =>
		a.session.date + a.session.start < b.session.date + b.session.start ? -1 : 1
	);
}
