// Who may make which review entry, applied by every reader (desk, look-up, exports, audit trail).
// An entry's author is the writer of the document it was read from, and the author's role is the
// server's knowledge of that account (the config directory the server writes), never a field of the
// entry. An entry that breaks a rule stays stored as evidence and is shown refused with the reason;
// it is never honoured.
import { compareHlc, groupIdOf, type Entry } from './entries';
import { vouchedTimes, type StampFlag } from './entry-times';
import type { Group, Person, Role, StaffAssignment } from './record-schemas';

/** The roles that may make each review entry kind. Kinds not listed (a newer app's) are kept as they are. */
export const REVIEW_KIND_ROLES: Readonly<Record<string, readonly Role[]>> = {
	decision: ['supervisor'],
	'theory-import': ['supervisor'],
	'score-import': ['supervisor'],
	publication: ['supervisor'],
	'review-request': ['supervisor', 'institution-admin'],
	'review-reply': ['supervisor'],
	'result-correction': ['supervisor'],
	'certificate-config': ['supervisor', 'institution-admin'],
	'certificates-issued': ['supervisor', 'institution-admin'],
	finalisation: ['supervisor'],
	note: ['supervisor', 'institution-admin', 'centre-admin']
};

/**
 * The roles that may make each day entry kind (day documents, `day:{planId}:{userId}`): check-ins,
 * seat changes and room records are the proctors', score sheets the examiners'; both may report an
 * incident. Kinds not listed (a newer app's) are kept as they are.
 */
export const DAY_KIND_ROLES: Readonly<Record<string, readonly Role[]>> = {
	attendance: ['proctor'],
	'identity-check': ['proctor'],
	'seat-change': ['proctor'],
	'room-event': ['proctor'],
	incident: ['proctor', 'examiner'],
	'score-sheet': ['examiner']
};

/** The roles that write review documents at all (each their own, `review:{planId}:{userId}`). */
export const REVIEW_WRITER_ROLES: readonly Role[] = ['supervisor', 'institution-admin', 'centre-admin'];

/** The roles that open the desk (考后汇总): the writers above, and the district bureau reading its plans. */
export const DESK_READER_ROLES: readonly Role[] = [...REVIEW_WRITER_ROLES, 'district-bureau'];

/** Item decisions close at publication: from then on a result changes only through a review request (复核). */
export function areDecisionsClosed(review: readonly Entry[]): boolean {
	return review.some((e) => e.kind === 'publication');
}

/**
 * Whether a person of this role may make this review entry kind now, as every reader will judge it:
 * the role table above, and no item decision once the results are published. The desk offers only
 * what this allows; `judgeReviewEntries` refuses the rest whoever wrote it.
 */
export function mayMakeReviewEntry(role: Role | null | undefined, kind: string, review: readonly Entry[]): boolean {
	if (!role || !(REVIEW_KIND_ROLES[kind] ?? []).includes(role)) return false;
	return !(kind === 'decision' && areDecisionsClosed(review));
}

export type RefusalReason =
	/** The author's role may not make this kind. */
	| 'role'
	/** An item decision made after the results were published. */
	| 'after-publication'
	/** The server knows no account by the document's writer. */
	| 'unknown-author'
	/** The author's role may not make this exam-day record kind (DAY_KIND_ROLES). */
	| 'day-role'
	/** A score sheet by an examiner not assigned to its group, or for a candidate not in it. */
	| 'not-assigned';

export interface RefusedEntry {
	entry: Entry;
	reason: RefusalReason;
	role: Role | null;
}

export interface JudgedEntries {
	/** Entries in force, each with `author` set to its document's writer. */
	honoured: Entry[];
	refused: RefusedEntry[];
	/** Entries stamped later than their receipt allows: ordered by receipt time (see entry-times.ts). */
	stampFlags: StampFlag[];
}

/** A review document as read: its writer (from the document name) and its valid entries. */
export interface WriterEntries {
	writerId: string;
	entries: readonly Entry[];
	/** When the server received each entry, by entry id (absent on a device that has not heard). */
	receipts?: ReadonlyMap<string, string>;
}

/** The author of every entry is the writer of its document; a field claiming otherwise is ignored. */
export function authoredBy(writerId: string, entries: readonly Entry[]): Entry[] {
	return entries.map((e) => (e.author === writerId ? e : { ...e, author: writerId }));
}

/** Roles by account id, from the directory the server publishes. */
export function rolesFromDirectory(people: Iterable<Person>): Map<string, Role> {
	return new Map([...people].map((p) => [p.id, p.role]));
}

/** Applies the rule table to every writer's review entries. */
export function judgeReviewEntries(
	writers: readonly WriterEntries[],
	roleOf: (userId: string) => Role | undefined
): JudgedEntries {
	const refused: RefusedEntry[] = [];
	const allowed: Entry[] = [];
	const stampFlags: StampFlag[] = [];
	for (const writer of writers) {
		const role = roleOf(writer.writerId) ?? null;
		const vouched = vouchedTimes(authoredBy(writer.writerId, writer.entries), writer.receipts);
		stampFlags.push(...vouched.flags);
		for (const entry of vouched.entries) {
			const roles = REVIEW_KIND_ROLES[entry.kind];
			if (!role) refused.push({ entry, reason: 'unknown-author', role });
			else if (roles && !roles.includes(role)) refused.push({ entry, reason: 'role', role });
			else allowed.push(entry);
		}
	}
	// Decisions close at publication: the first publication in force ends them.
	const firstPublication = allowed.filter((e) => e.kind === 'publication').sort((a, b) => compareHlc(a.hlc, b.hlc))[0];
	const honoured: Entry[] = [];
	for (const entry of allowed) {
		if (entry.kind === 'decision' && firstPublication && compareHlc(entry.hlc, firstPublication.hlc) > 0)
			refused.push({ entry, reason: 'after-publication', role: roleOf(entry.author) ?? null });
		else honoured.push(entry);
	}
	return { honoured, refused, stampFlags };
}

/** A day document as read: its owner (from the document name), its valid entries and their receipts. */
export interface DayDocEntries {
	docName: string;
	userId: string;
	entries: readonly Entry[];
	receipts?: ReadonlyMap<string, string>;
}

/** What the day rules need of the plan: who is assigned to which group, and who is in it. */
export interface DayRulePlan {
	staff: readonly Pick<StaffAssignment, 'userId' | 'duty' | 'groupId'>[];
	groups: readonly Pick<Group, 'id' | 'candidateIds'>[];
}

/**
 * Day entries as every reader must take them: authored by the day document's owner whatever an
 * entry says, ordered by receipt time where a stamp is later than its receipt allows, and refused
 * (kept as evidence, honoured nowhere) where the owner's role may not make the kind or a score sheet
 * is not his to write: he is not assigned to its group, or the candidate is not in it.
 */
export function judgeDayEntries(
	docs: readonly DayDocEntries[],
	roleOf: (userId: string) => Role | undefined,
	plan: DayRulePlan
): {
	days: { docName: string; userId: string; entries: Entry[] }[];
	refused: RefusedEntry[];
	stampFlags: StampFlag[];
} {
	const stampFlags: StampFlag[] = [];
	const refused: RefusedEntry[] = [];
	const groups = new Map(plan.groups.map((g) => [g.id, new Set(g.candidateIds)]));
	const assigned = new Set(
		plan.staff.filter((a) => a.duty === 'examiner' && a.groupId).map((a) => `${a.userId}|${a.groupId}`)
	);
	const days = docs.map((d) => {
		const role = roleOf(d.userId) ?? null;
		const vouched = vouchedTimes(authoredBy(d.userId, d.entries), d.receipts);
		stampFlags.push(...vouched.flags);
		const entries: Entry[] = [];
		for (const entry of vouched.entries) {
			const roles = DAY_KIND_ROLES[entry.kind];
			if (!role) refused.push({ entry, reason: 'unknown-author', role });
			else if (roles && !roles.includes(role)) refused.push({ entry, reason: 'day-role', role });
			else if (entry.kind === 'score-sheet' && !isOwnSheet(entry, d.userId, groups, assigned))
				refused.push({ entry, reason: 'not-assigned', role });
			else entries.push(entry);
		}
		return { docName: d.docName, userId: d.userId, entries };
	});
	return { days, refused, stampFlags };
}

function isOwnSheet(
	entry: Entry,
	userId: string,
	groups: ReadonlyMap<string, ReadonlySet<string>>,
	assigned: ReadonlySet<string>
): boolean {
	const groupId = groupIdOf(entry);
	if (!groupId || !entry.candidateId) return false;
	return assigned.has(`${userId}|${groupId}`) && (groups.get(groupId)?.has(entry.candidateId) ?? false);
}
