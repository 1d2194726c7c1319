// Skill groups (practical stations) and review panels (答辩组) for a plan: approved candidates of one
// occupation and level per group, in admission order, dealt over the plan's practical and review
// sessions, each group with its rubric (the plan's own, else a default one) and the sessions ending
// when their last group ends (group-slots.ts). Pure: the groups panel writes what this returns.
import { LEVEL_NAMES, catalogFor, findOccupation, subjectsFor, type Level } from './catalog';
import { sessionSlots } from './group-slots';
import type { Candidate, ExamSession, Group, PlanInfo, Room, Rubric } from './record-schemas';
import { evenGroups } from './running-order';
import type { Message } from './message-text';

export type GroupKind = Group['kind'];

/** Which groups a room holds: a practical room skill groups, a review room review panels, others none. */
export function groupKindOfRoom(type: Room['type'] | undefined): GroupKind | undefined {
	return type === 'practical' ? 'skill' : type === 'review' ? 'review' : undefined;
}

/** 「健康照护师四级」: the occupation and the level's short name, as groups and rubrics are named. */
export function groupBaseName(occupationName: string, level: Level): string {
	return `${occupationName}${LEVEL_NAMES[level].slice(0, 2)}`;
}

export function defaultRubricId(occupationId: string, level: Level, kind: GroupKind): string {
	return `rubric-${occupationId}-${level}-${kind}`;
}

/** The review panel's items (综合评审): paper or plan, defence, work record — 40/40/20. */
export const REVIEW_RUBRIC_ITEMS: Rubric['items'] = [
	{ id: 'paper', label: '论文/方案质量', max: 40 },
	{ id: 'defence', label: '答辩表现', max: 40 },
	{ id: 'practice', label: '实际工作业绩', max: 20 }
];

/**
 * The rubric a group uses when the plan has none of its own for the occupation and level: one item
 * of 100 for a skill test; paper, defence and work record (40/40/20) for a review.
 */
export function defaultRubric(occupationId: string, level: Level, kind: GroupKind, baseName: string): Rubric {
	const id = defaultRubricId(occupationId, level, kind);
	return kind === 'skill'
		? { v: 1, id, name: `${baseName}技能考核评分表`, items: [{ id: 'skill', label: '技能操作', max: 100 }] }
		: {
				v: 1,
				id,
				name: `${baseName}综合评审评分表`,
				items: REVIEW_RUBRIC_ITEMS
			};
}

export interface GroupPlanInput {
	info: Pick<PlanInfo, 'examDate'>;
	rooms: readonly Room[];
	sessions: readonly ExamSession[];
	candidates: readonly Candidate[];
	groups: readonly Group[];
	rubrics: readonly Rubric[];
}

export type GroupPlanResult =
	| {
			ok: true;
			groups: Group[];
			/** The rubrics the groups use (the plan's own where it has one). */
			rubrics: Rubric[];
			/** Sessions with groups, ending when their last group ends. */
			sessions: ExamSession[];
			/** Groups of these sessions that the new plan no longer has. */
			removedGroupIds: string[];
	  }
	/** No approved candidate takes a practical skill test or a review in this plan's group rooms. */
	| { ok: false; reason: 'no-groups' }
	| { ok: false; reason: 'error'; error: Message };

/** The sessions groups are planned in: those of practical and review rooms. */
export function groupSessions(sessions: readonly ExamSession[], rooms: readonly Room[]): ExamSession[] {
	const typeOf = new Map(rooms.map((r) => [r.id, r.type]));
	return sessions.filter((s) => groupKindOfRoom(typeOf.get(s.roomId)) !== undefined);
}

export function planGroups(input: GroupPlanInput): GroupPlanResult {
	const catalog = catalogFor(input.info.examDate);
	if (!catalog.ok) return { ok: false, reason: 'error', error: catalog.error };
	const roomOf = (s: ExamSession) => input.rooms.find((r) => r.id === s.roomId)!;
	const planned = groupSessions(input.sessions, input.rooms);
	const groups: Group[] = [];
	const rubrics = new Map<string, Rubric>();
	const sessionEnds: ExamSession[] = [];
	for (const kind of ['skill', 'review'] as const) {
		const sessions = planned.filter((s) => groupKindOfRoom(roomOf(s).type) === kind);
		if (!sessions.length) continue;
		// Who sits it: approved candidates whose level requires it (practical mode for skill).
		const byKind = new Map<string, { candidates: Candidate[]; minutes: number }>();
		for (const c of input.candidates) {
			if (c.eligibility.status !== 'approved') continue;
			const subjects = subjectsFor(catalog.catalog, c.occupationId, c.level);
			const spec = subjects.ok ? subjects.subjects.find((x) => x.kind === kind) : undefined;
			if (!spec || (kind === 'skill' && spec.mode !== 'practical')) continue;
			const key = `${c.occupationId}|${c.level}`;
			const entry = byKind.get(key) ?? { candidates: [], minutes: spec.durationMinutes };
			entry.candidates.push(c);
			byKind.set(key, entry);
		}
		let turn = 0;
		const perSession = new Map<string, Group[]>();
		for (const [key, { candidates, minutes }] of [...byKind.entries()].sort()) {
			const [occupationId, levelText] = key.split('|');
			const level = Number(levelText) as Level;
			const name = groupBaseName(findOccupation(catalog.catalog, occupationId)?.name ?? occupationId, level);
			const sorted = [...candidates].sort((a, b) => ((a.admissionNo ?? a.id) < (b.admissionNo ?? b.id) ? -1 : 1));
			const rubric =
				input.rubrics.find((r) => r.id === defaultRubricId(occupationId, level, kind)) ??
				defaultRubric(occupationId, level, kind, name);
			rubrics.set(rubric.id, rubric);
			const parts = kind === 'skill' ? evenGroups(sorted, Math.max(1, roomOf(sessions[0]).capacity)) : [sorted];
			parts.forEach((part, n) => {
				const session = sessions[turn++ % sessions.length];
				const list = perSession.get(session.id) ?? [];
				list.push({
					v: 2,
					id: `g-${session.id}-${list.length + 1}`,
					kind,
					name: kind === 'skill' ? `${name} 第${n + 1}组` : `${name} 答辩组`,
					sessionId: session.id,
					occupationId,
					level,
					candidateIds: part.map((c) => c.id),
					rubricId: rubric.id,
					minutesPerCandidate: minutes,
					parallel: kind === 'skill' ? Math.max(1, roomOf(session).capacity) : 1
				});
				perSession.set(session.id, list);
			});
		}
		for (const s of sessions) {
			const list = perSession.get(s.id) ?? [];
			groups.push(...list);
			// The session lasts until its last group ends (groups run one after another).
			const r = sessionSlots(s, list);
			if (r.error)
				return {
					ok: false,
					reason: 'error',
					error: { key: 'checks.groups.inRoom', params: { room: roomOf(s).name, why: { msg: r.error } } }
				};
			if (list.length) sessionEnds.push({ ...s, end: r.end });
		}
	}
	if (!groups.length) return { ok: false, reason: 'no-groups' };
	const kept = new Set(groups.map((g) => g.id));
	const removedGroupIds = input.groups
		.filter((g) => planned.some((s) => s.id === g.sessionId) && !kept.has(g.id))
		.map((g) => g.id);
	return { ok: true, groups, rubrics: [...rubrics.values()], sessions: sessionEnds, removedGroupIds };
}
