// What of a plan one proctor or examiner may read (issue 15): the server writes it into his
// `roster:{planId}:{userId}` document instead of letting him read the whole plan.
// - An examiner: the groups he scores and their candidates, ID numbers masked (he tells candidates
//   apart by name and admission number; the number itself is not his to read).
// - A proctor: the candidates seated in his sessions with the full ID number (he compares it with
//   the card at the door, and searches by its digits), and, masked, those seated elsewhere at the
//   same times, so a candidate at the wrong door is told where to go.
// Nobody in a slice keeps a phone, employer, birth date, declared evidence or the eligibility
// review's notes. Rooms, sessions, rubrics and the staff list (no candidate data) come whole.
// Pure: the same function serves the server (writer) and tests.
import { maskId } from './identity';
import type { Candidate, ExamSession, Group, Seat, StaffAssignment } from './record-schemas';

/** A plan's validated maps by name (readDocContent's `maps`), keys as the plan document has them. */
export type PlanMaps = Record<string, Map<string, unknown>>;

/** The fields of a candidate a day screen uses; everything else stays in the plan document. */
function dayCandidate(c: Candidate, isIdNeeded: boolean): Candidate {
	return {
		v: c.v,
		id: c.id,
		name: c.name,
		idType: c.idType,
		idNumber: isIdNeeded ? c.idNumber : maskId(c.idNumber),
		...(c.sex ? { sex: c.sex } : {}),
		occupationId: c.occupationId,
		level: c.level,
		...(c.admissionNo ? { admissionNo: c.admissionNo } : {}),
		eligibility: { status: c.eligibility.status }
	};
}

/**
 * The candidates a person checks in (seated in his sessions, or in a group of them) or scores (in
 * his groups): the ones whose full identity his work is about.
 */
export function ownCandidateIds(
	plan: { staff: readonly StaffAssignment[]; seats: readonly Seat[]; groups: readonly Group[] },
	userId: string
): Set<string> {
	const duties = plan.staff.filter((a) => a.userId === userId);
	const sessions = new Set(duties.filter((d) => d.sessionId).map((d) => d.sessionId!));
	const groups = new Set(duties.filter((d) => d.groupId).map((d) => d.groupId!));
	const ids = new Set<string>();
	for (const seat of plan.seats) if (sessions.has(seat.sessionId)) ids.add(seat.candidateId);
	for (const group of plan.groups)
		if (groups.has(group.id) || sessions.has(group.sessionId)) for (const id of group.candidateIds) ids.add(id);
	return ids;
}

const values = <T>(maps: PlanMaps, name: string): [string, T][] => [...(maps[name]?.entries() ?? [])] as [string, T][];

/**
 * The slice of `maps` for one person. Roles other than proctor and examiner get nothing: they read
 * the plan document itself (see readsRosterSlice).
 */
export function rosterSlice(maps: PlanMaps, user: { id: string; role: string }): PlanMaps {
	const duties = values<StaffAssignment>(maps, 'staff')
		.map(([, a]) => a)
		.filter((a) => a.userId === user.id);
	const seats = values<Seat>(maps, 'seats');
	const groups = values<Group>(maps, 'groups');
	const candidates = new Map(values<Candidate>(maps, 'candidates').map(([key, c]) => [c.id, { key, c }]));

	const keptSeats = new Map<string, Seat>();
	const keptGroups = new Map<string, Group>();
	/** Candidate id → whether the person needs the full ID number. */
	const kept = new Map<string, boolean>();
	const keep = (id: string, isIdNeeded: boolean) => kept.set(id, isIdNeeded || (kept.get(id) ?? false));

	if (user.role === 'proctor') {
		const mine = new Set(duties.filter((d) => d.sessionId).map((d) => d.sessionId!));
		const sessions = values<ExamSession>(maps, 'sessions').map(([, s]) => s);
		const times = new Set(sessions.filter((s) => mine.has(s.id)).map((s) => `${s.date} ${s.start}`));
		const sameTime = new Set(sessions.filter((s) => times.has(`${s.date} ${s.start}`)).map((s) => s.id));
		for (const [key, seat] of seats)
			if (sameTime.has(seat.sessionId)) {
				keptSeats.set(key, seat);
				keep(seat.candidateId, mine.has(seat.sessionId));
			}
		for (const [key, group] of groups)
			if (mine.has(group.sessionId)) {
				keptGroups.set(key, group);
				for (const id of group.candidateIds) keep(id, true);
			}
	} else if (user.role === 'examiner') {
		const mine = new Set(duties.filter((d) => d.groupId).map((d) => d.groupId!));
		for (const [key, group] of groups)
			if (mine.has(group.id)) {
				keptGroups.set(key, group);
				for (const id of group.candidateIds) keep(id, false);
			}
		const sessions = new Set([...keptGroups.values()].map((g) => g.sessionId));
		for (const [key, seat] of seats)
			if (kept.has(seat.candidateId) && sessions.has(seat.sessionId)) keptSeats.set(key, seat);
	} else return {};

	const keptCandidates = new Map<string, unknown>();
	for (const [id, isIdNeeded] of kept) {
		const found = candidates.get(id);
		if (found) keptCandidates.set(found.key, dayCandidate(found.c, isIdNeeded));
	}
	const whole = (name: string) => new Map(maps[name] ?? []);
	return {
		plan: whole('plan'),
		rooms: whole('rooms'),
		sessions: whole('sessions'),
		staff: whole('staff'),
		rubrics: whole('rubrics'),
		groups: keptGroups,
		seats: keptSeats,
		candidates: keptCandidates
	};
}

/** The maps a slice holds (the writer clears anything else). */
export const ROSTER_SLICE_MAPS = ['plan', 'rooms', 'sessions', 'staff', 'rubrics', 'groups', 'seats', 'candidates'];
