// The plan document's validated maps turned into what reconciliation needs (PlanFacts): the
// candidates who sit, and apart from them those who left (rejected/withdrawn), for names in the audit trail.
import type { Candidate, ExamSession, Group, PlanInfo, Room, Rubric, Seat, StaffAssignment } from './record-schemas';
import type { PlanFacts } from './reconcile';
import { isSitting } from './plan-flow';

export function planFactsFrom(maps: Record<string, Map<string, unknown>>): PlanFacts | null {
	const info = maps.plan?.get('info') as PlanInfo | undefined;
	if (!info) return null;
	const seatedBySession = new Map<string, string[]>();
	const seats = [...((maps.seats?.values() ?? []) as Iterable<Seat>)];
	for (const s of seats) {
		const list = seatedBySession.get(s.sessionId) ?? [];
		list.push(s.candidateId);
		seatedBySession.set(s.sessionId, list);
	}
	const values = <T>(name: string) => [...((maps[name]?.values() ?? []) as Iterable<T>)];
	const all = values<Candidate>('candidates').sort((a, b) => a.id.localeCompare(b.id));
	return {
		examDate: info.examDate,
		// Only those who sit get desk rows, results and missing-score items (plan-flow.ts).
		candidates: all.filter(isSitting),
		left: all.filter((c) => !isSitting(c)),
		sessions: values<ExamSession>('sessions'),
		staff: values<StaffAssignment>('staff'),
		groups: values<Group>('groups'),
		rubrics: values<Rubric>('rubrics'),
		seatedBySession,
		seats,
		roomNames: new Map(values<Room>('rooms').map((r) => [r.id, r.name]))
	};
}
