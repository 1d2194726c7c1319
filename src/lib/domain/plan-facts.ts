// The plan document's validated maps turned into what reconciliation needs (PlanFacts).
import type { Candidate, ExamSession, Group, PlanInfo, Room, Rubric, Seat, StaffAssignment } from './records';
import type { PlanFacts } from './reconcile';

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
	return {
		examDate: info.examDate,
		candidates: values<Candidate>('candidates').sort((a, b) => a.id.localeCompare(b.id)),
		sessions: values<ExamSession>('sessions'),
		staff: values<StaffAssignment>('staff'),
		groups: values<Group>('groups'),
		rubrics: values<Rubric>('rubrics'),
		seatedBySession,
		seats,
		roomNames: new Map(values<Room>('rooms').map((r) => [r.id, r.name]))
	};
}
