// Turns a plan's sessions, seats, groups and assignments into the input of the staffing rules
// (staffing.ts): who is in which room at which time, and how many candidates each room holds.
import type { SessionStaffing, StaffMember } from '$lib/domain/staffing';
import type { SubjectMode } from '$lib/domain/catalog';
import type { ExamSession, Group, Person, PlanInfo, Room, Seat, StaffAssignment } from '$lib/domain/records';

const MODE_OF_ROOM: Record<Room['type'], SubjectMode> = { computer: 'computer', paper: 'paper', practical: 'practical', review: 'oral' };

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
	return sessions.flatMap((s) => {
		const room = rooms.find((r) => r.id === s.roomId);
		if (!room) return [];
		const ownGroups = groups.filter((g) => g.sessionId === s.id);
		const candidateIds = ownGroups.length ? ownGroups.flatMap((g) => g.candidateIds) : seats.filter((x) => x.sessionId === s.id).map((x) => x.candidateId);
		const assigned = staff.filter((a) => a.sessionId === s.id || (a.groupId && ownGroups.some((g) => g.id === a.groupId)));
		return [
			{
				label: room.name,
				subject: s.subject,
				mode: MODE_OF_ROOM[room.type],
				slot: `${s.date} ${s.start}`,
				candidates: candidateIds.map((id) => ({ id, institutionId: info.institutionId })),
				staff: assigned.map(member)
			}
		];
	});
}
