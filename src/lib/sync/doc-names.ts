// Names of the synced documents, one per writer: `config`, `plan:{planId}`, `registry:{planId}`,
// `day:{planId}:{userId}` and `review:{planId}:{userId}`. Parsing is the single place that decides
// what a name means. `registry:{planId}` holds what others decide about a plan (the district's
// reviews and spot checks); only the server writes it, after the API's checks.
// `review:{planId}` is the old layout (several writers in one document): read-only, migrated into
// per-writer documents when the server starts (server/review-migration.ts).
// `roster:{planId}:{userId}` is the slice of a plan one proctor or examiner works with (his
// candidates, masked where his role does not need the number): only the server writes it, from the
// plan document (server/roster-slices.ts); those roles never open `plan:{planId}` nor
// `registry:{planId}` (the slice carries the plan's info and dispatched examiners).

export type DocName =
	| { kind: 'config' }
	| { kind: 'plan'; planId: string }
	| { kind: 'registry'; planId: string }
	| { kind: 'day'; planId: string; userId: string }
	| { kind: 'review'; planId: string; userId: string }
	| { kind: 'roster'; planId: string; userId: string }
	| { kind: 'review-legacy'; planId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseDocName(name: string): DocName | null {
	if (name === 'config') return { kind: 'config' };
	const parts = name.split(':');
	if (parts.slice(1).some((p) => !ID.test(p))) return null;
	if (parts[0] === 'plan' && parts.length === 2) return { kind: 'plan', planId: parts[1] };
	if (parts[0] === 'registry' && parts.length === 2) return { kind: 'registry', planId: parts[1] };
	if (parts[0] === 'review' && parts.length === 2) return { kind: 'review-legacy', planId: parts[1] };
	if (parts[0] === 'review' && parts.length === 3) return { kind: 'review', planId: parts[1], userId: parts[2] };
	if (parts[0] === 'roster' && parts.length === 3) return { kind: 'roster', planId: parts[1], userId: parts[2] };
	if (parts[0] === 'day' && parts.length === 3) return { kind: 'day', planId: parts[1], userId: parts[2] };
	return null;
}

export const configDoc = (): string => 'config';
export const planDoc = (planId: string): string => `plan:${planId}`;
/** What the server records about a plan for others (district reviews, spot checks): server-written. */
export const registryDoc = (planId: string): string => `registry:${planId}`;
/** One writer's review entries for a plan (a supervisor, an institution admin, a centre admin). */
export const reviewDoc = (planId: string, userId: string): string => `review:${planId}:${userId}`;
export const reviewDocPrefix = (planId: string): string => `review:${planId}:`;
export const legacyReviewDoc = (planId: string): string => `review:${planId}`;
export const dayDoc = (planId: string, userId: string): string => `day:${planId}:${userId}`;
/** The slice of a plan one proctor or examiner reads instead of the plan document: server-written. */
export const rosterDoc = (planId: string, userId: string): string => `roster:${planId}:${userId}`;

/** Roles that read a plan only through their roster slice, never the plan document itself. */
export function readsRosterSlice(role: string): boolean {
	return role === 'proctor' || role === 'examiner';
}

/** The plan's registry document, for the roles that read it (slice roles get what they need in the slice). */
export function planRegistryDoc(role: string, planId: string): string | null {
	return readsRosterSlice(role) ? null : registryDoc(planId);
}

/**
 * A local copy this role no longer reads: proctors' and examiners' devices that synced before the
 * roster slices kept the whole plan document (and the registry). The server no longer serves them,
 * so the device deletes them (sync/local-copies.ts).
 */
export function isStaleCopyFor(role: string, docName: string): boolean {
	const kind = parseDocName(docName)?.kind;
	return readsRosterSlice(role) && (kind === 'plan' || kind === 'registry');
}

/** The document a person reads a plan from: his roster slice for proctors and examiners, else the plan. */
export function planReadDoc(role: string, planId: string, userId: string): string {
	return readsRosterSlice(role) ? rosterDoc(planId, userId) : planDoc(planId);
}
