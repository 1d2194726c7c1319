// Each candidate's time slot in a session's groups (running order), shared by the groups panel, the
// staffing check (a group's own start is its slot, so one examiner may serve consecutive groups) and
// the tickets.
import { runningSlots, type Slot } from './running-order';
import type { ExamSession, Group } from './records';

export function sessionSlots(
	session: ExamSession,
	allGroups: readonly Group[]
): { groups: Group[]; byId: Map<string, Slot> } {
	const groups = allGroups.filter((g) => g.sessionId === session.id);
	const minutes = groups[0]?.minutesPerCandidate ?? 15;
	// How many candidates the session's groups examine at once (stations; 1: one after another).
	const parallel = groups[0]?.parallel ?? 1;
	const ids = groups.flatMap((g) => g.candidateIds);
	const r = runningSlots(session.start, ids.length, minutes, parallel);
	return { groups, byId: new Map(r.ok ? ids.map((id, i) => [id, r.slots[i]]) : []) };
}
