// Each candidate's time slot in a session's groups (running order), shared by the groups panel, the
// staffing check (a group's own start is its slot, so one examiner may serve consecutive groups) and
// the tickets. The groups of a session run one after another, each from the end of the one before:
// one panel of examiners serves them all, so no more examiners are needed at once than one panel.
import { runningSlots, type Slot } from './running-order';
import type { ExamSession, Group } from './record-schemas';
import type { Message } from './message-text';

export function sessionSlots(
	session: ExamSession,
	allGroups: readonly Group[]
): { groups: Group[]; byId: Map<string, Slot>; end: string; error?: Message } {
	const groups = allGroups.filter((g) => g.sessionId === session.id);
	const minutes = groups[0]?.minutesPerCandidate ?? 15;
	// How many candidates the session's groups examine at once (stations; 1: one after another).
	const parallel = Math.max(1, groups[0]?.parallel ?? 1);
	const byId = new Map<string, Slot>();
	let start = session.start;
	let order = 0;
	for (const g of groups) {
		const r = runningSlots(start, g.candidateIds.length, minutes, parallel);
		if (!r.ok) return { groups, byId, end: start, error: r.error };
		g.candidateIds.forEach((id, i) => byId.set(id, { ...r.slots[i], order: ++order }));
		start = r.end;
	}
	return { groups, byId, end: start };
}
