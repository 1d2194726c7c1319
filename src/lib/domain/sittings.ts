// Which sessions form one sitting (theory in the computer rooms, paper skill in the paper rooms) and
// which approved candidates sit it, from the catalogue's subjects and modes.
import { catalogFor, subjectsFor } from './catalog';
import type { Candidate, ExamSession, PlanInfo, Room } from './record-schemas';

export type SittingKind = 'theory' | 'skill-paper' | 'skill-computer';

export const SITTINGS: readonly SittingKind[] = ['theory', 'skill-paper', 'skill-computer'];

/** The kind of room a sitting is held in: theory and computer skill in 机房, paper skill in 笔试考场. */
export function sittingRoomType(kind: SittingKind): Room['type'] {
	return kind === 'skill-paper' ? 'paper' : 'computer';
}

export function sittingSessions(
	kind: SittingKind,
	sessions: readonly ExamSession[],
	rooms: readonly Room[]
): ExamSession[] {
	const roomType = new Map(rooms.map((r) => [r.id, r.type]));
	return sessions.filter((s) =>
		kind === 'theory'
			? s.subject === 'theory'
			: s.subject === 'skill' && roomType.get(s.roomId) === sittingRoomType(kind)
	);
}

/** Candidates who sit this sitting; only approved candidates may be seated. */
export function sittingCandidates(kind: SittingKind, info: PlanInfo, candidates: readonly Candidate[]): Candidate[] {
	const catalog = catalogFor(info.examDate);
	if (!catalog.ok) return [];
	return candidates.filter((c) => {
		if (c.eligibility.status !== 'approved') return false;
		if (kind === 'theory') return true;
		const subjects = subjectsFor(catalog.catalog, c.occupationId, c.level);
		const skill = subjects.ok ? subjects.subjects.find((s) => s.kind === 'skill') : undefined;
		return skill?.mode === (kind === 'skill-paper' ? 'paper' : 'computer');
	});
}
