// Turns a plan's sessions, seats, groups and assignments into the input of the staffing rules
// (staffing.ts): who is in which room at which time, and how many candidates each room holds.
import type { SessionStaffing, StaffMember } from './staffing';
import type { SubjectMode } from './catalog';
import { sessionSlots } from './group-slots';
import type { ExamSession, Group, Person, PlanInfo, Room, Seat, StaffAssignment } from './record-schemas';

const MODE_OF_ROOM: Record<Room['type'], SubjectMode> = {
	computer: 'computer',
	paper: 'paper',
	practical: 'practical',
	review: 'oral'
};

export function staffingInput(
	info: PlanInfo,
	sessions: readonly ExamSession[],
	rooms: readonly Room[],
	seats: readonly Seat[],
	groups: readonly Group[],
	staff: readonly StaffAssignment[],
	people: readonly Person[]
): SessionStaffing[] {
	const person = new Map(people.map((p) => [p.id, p]));
	const member = (a: StaffAssignment): StaffMember => ({
		id: a.userId,
		name: person.get(a.userId)?.name,
		role: a.duty === 'examiner' ? 'examiner' : a.duty === 'supervisor' ? 'supervisor' : 'invigilator',
		institutionId: person.get(a.userId)?.organisationId ?? 'unknown'
	});
	return staffingUnits(sessions, rooms, groups).flatMap((unit) => {
		const room = rooms.find((r) => r.id === unit.session.roomId)!;
		const group = groups.find((g) => g.id === unit.groupId);
		const candidateIds = group
			? group.candidateIds
			: seats.filter((x) => x.sessionId === unit.session.id).map((x) => x.candidateId);
		const assigned = staff.filter((a) =>
			group ? a.groupId === group.id : a.sessionId === unit.session.id && !a.groupId
		);
		return [
			{
				label: unit.label,
				subject: unit.session.subject,
				mode: MODE_OF_ROOM[room.type],
				slot: `${unit.session.date} ${group ? (sessionSlots(unit.session, groups).byId.get(group.candidateIds[0])?.start ?? unit.session.start) : unit.session.start}`,
				candidates: candidateIds.map((id) => ({ id, institutionId: info.institutionId })),
				staff: assigned.map(member)
			}
		];
	});
}

export interface StaffingUnit {
	key: string;
	label: string;
	session: ExamSession;
	/** Skill groups and review panels are staffed per group; rooms without groups per session. */
	groupId?: string;
	isExaminers: boolean;
}

export function staffingUnits(
	sessions: readonly ExamSession[],
	rooms: readonly Room[],
	groups: readonly Group[]
): StaffingUnit[] {
	return sessions.flatMap((session) => {
		const room = rooms.find((r) => r.id === session.roomId);
		if (!room) return [];
		const isExaminers = session.subject === 'review' || room.type === 'practical';
		const own = groups.filter((g) => g.sessionId === session.id);
		if (own.length)
			return own.map((g) => ({ key: g.id, label: `${room.name} · ${g.name}`, session, groupId: g.id, isExaminers }));
		// A room holding several sessions (a computer room: theory, then a computer skill test) names the time.
		const isShared = sessions.filter((s) => s.roomId === room.id).length > 1;
		return [{ key: session.id, label: isShared ? `${room.name} ${session.start}` : room.name, session, isExaminers }];
	});
}
