// Decisions that flow (issue 13): who sits the exam, and what a plan change would leave stranded.
// - Only a candidate whose eligibility is approved sits: a candidate rejected (or withdrawn, written
//   as a rejection with its reason) or re-opened for review leaves her seats, the seat charts, the
//   tickets, the tablets' lists and counts (应到) and the desk. Her record stays in the plan
//   document with the decision, who made it and when (the audit trail); day entries already made
//   about her stay in their documents.
// - A change of the plan's occupations/levels that would leave approved candidates, groups (with
//   their dispatched examiners) or submitted score sheets without a place is refused with the list.
// Pure: the plan screens, the day screens, the desk and the server all read plans through these.
import type { Level } from './catalog';
import type { Message, MessageParam } from './message-text';
import type { Candidate, Group, PlanInfo, Seat, StaffAssignment } from './record-schemas';

/** Whether a candidate sits the exam: only an approved one keeps seats, groups, tickets, tablets, desk rows. */
export function isSitting(c: Pick<Candidate, 'eligibility'>): boolean {
	return c.eligibility.status === 'approved';
}

type Maps = Record<string, Map<string, unknown>>;

/**
 * A plan's maps as the exam reads them: seats and group places only of candidates who sit (a seat or
 * group place written for someone later rejected, even on another device at the same time, is not
 * read). Candidates are kept: their records carry the decision.
 */
export function sittingMaps(maps: Maps): Maps {
	const candidates = maps.candidates as Map<string, Candidate> | undefined;
	if (!candidates) return maps;
	const sitting = new Set<string>();
	for (const c of candidates.values()) if (isSitting(c)) sitting.add(c.id);
	const out: Maps = { ...maps };
	if (maps.seats)
		out.seats = new Map([...(maps.seats as Map<string, Seat>)].filter(([, s]) => sitting.has(s.candidateId)));
	if (maps.groups)
		out.groups = new Map(
			[...(maps.groups as Map<string, Group>)].map(([key, g]) => {
				const ids = g.candidateIds.filter((id) => sitting.has(id));
				return [key, ids.length === g.candidateIds.length ? g : { ...g, candidateIds: ids }];
			})
		);
	return out;
}

/** The key a seat is stored under in the plan document. */
export const seatKey = (s: Pick<Seat, 'sessionId' | 'candidateId'>): string => `${s.sessionId}:${s.candidateId}`;

/**
 * What to write when candidates stop sitting (rejected, re-opened for review): their seats removed and
 * their places in groups taken out, in the same transaction as the decision.
 */
export function leavingChanges(
	candidateIds: ReadonlySet<string>,
	plan: { seats: readonly Seat[]; groups: readonly Group[] }
): { seatKeys: string[]; groups: Group[] } {
	return {
		seatKeys: plan.seats.filter((s) => candidateIds.has(s.candidateId)).map(seatKey),
		groups: plan.groups
			.filter((g) => g.candidateIds.some((id) => candidateIds.has(id)))
			.map((g) => ({ ...g, candidateIds: g.candidateIds.filter((id) => !candidateIds.has(id)) }))
	};
}

export interface Stranding {
	/** Approved candidates of an occupation/level the change drops. */
	candidates: Candidate[];
	/** Groups (practical groups, review panels) of a dropped occupation/level. */
	groups: Group[];
	/** Examiners assigned or dispatched to those groups. */
	examiners: StaffAssignment[];
	/** Candidates of a dropped occupation/level with a submitted score sheet. */
	scored: Candidate[];
}

const levelKey = (o: { occupationId: string; level: Level }) => `${o.occupationId}|${o.level}`;

/**
 * What changing a plan's occupations/levels to `next` would strand, or null when nothing. `scored`:
 * candidate ids with a submitted score sheet (day documents).
 */
export function strandedBy(
	next: PlanInfo['occupations'],
	plan: { candidates: readonly Candidate[]; groups: readonly Group[]; staff: readonly StaffAssignment[] },
	scored: ReadonlySet<string>
): Stranding | null {
	const kept = new Set(next.map(levelKey));
	const dropped = (o: { occupationId: string; level: Level }) => !kept.has(levelKey(o));
	const candidates = plan.candidates.filter((c) => isSitting(c) && dropped(c));
	const groups = plan.groups.filter(dropped);
	const groupIds = new Set(groups.map((g) => g.id));
	const examiners = plan.staff.filter((a) => a.duty === 'examiner' && a.groupId && groupIds.has(a.groupId));
	const strandedScores = plan.candidates.filter((c) => dropped(c) && scored.has(c.id));
	if (!candidates.length && !groups.length && !examiners.length && !strandedScores.length) return null;
	return { candidates, groups, examiners, scored: strandedScores };
}

/** Up to `max` names, then "等 N 名/个" (`more`: the message key for the longer list). */
function someNames(names: readonly string[], more: string, max = 5): MessageParam {
	return names.length <= max
		? { list: [...names] }
		: { msg: { key: more, params: { names: { list: names.slice(0, max) }, count: names.length } } };
}

/** The refusal a clerk reads: what the change would strand, with names (worded by messageText). */
export function strandingMessage(
	s: Stranding,
	levelName: (o: { occupationId: string; level: Level }) => string
): Message {
	const parts: MessageParam[] = [];
	const part = (key: string, params: Message['params']) => parts.push({ msg: { key, params } });
	if (s.candidates.length)
		part('checks.stranding.candidates', {
			count: s.candidates.length,
			names: someNames(
				s.candidates.map((c) => `${c.name}·${levelName(c)}`),
				'checks.stranding.morePeople'
			)
		});
	if (s.groups.length)
		part('checks.stranding.groups', {
			count: s.groups.length,
			names: someNames(
				s.groups.map((g) => g.name),
				'checks.stranding.moreGroups'
			)
		});
	if (s.examiners.length) part('checks.stranding.examiners', { count: s.examiners.length });
	if (s.scored.length)
		part('checks.stranding.scored', {
			count: s.scored.length,
			names: someNames(
				s.scored.map((c) => c.name),
				'checks.stranding.morePeople'
			)
		});
	return { key: 'checks.stranding.refused', params: { parts: { list: parts, join: 'clauses' } } };
}
