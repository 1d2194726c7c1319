// The district's review of a plan (考务方案审核) as rules: every check the district sees (staff ratios,
// odd panels, double-booking, spot-check findings with their reasons, the staffing deadline), the
// fingerprint of the content an approval is bound to, and the plan's review state on both sides.
import type { CrossPlanConflict } from './cross-plan';
import { checkStaffArrangement, type DeadlineOptions } from './deadlines';
import { checkPlanStaffing } from './staffing';
import { staffingInput } from './staffing-input';
import type { Message } from './message-text';
import type {
	Candidate,
	DistrictReview,
	ExamSession,
	Group,
	Person,
	PlanInfo,
	Room,
	Seat,
	SpotCheck,
	StaffAssignment
} from './record-schemas';

export interface ReviewInput {
	info: PlanInfo;
	candidates: readonly Candidate[];
	rooms: readonly Room[];
	sessions: readonly ExamSession[];
	seats: readonly Seat[];
	groups: readonly Group[];
	staff: readonly StaffAssignment[];
	people: readonly Person[];
	spotChecks: readonly SpotCheck[];
	/** The plan's staff also booked in another plan at the same hours (the server computes them). */
	crossPlan?: readonly CrossPlanConflict[];
}

export interface ReviewCheck {
	kind: 'staffing' | 'double-booking' | 'spot-check' | 'deadline' | 'empty';
	isOk: boolean;
	/** Worded by messageText (message-text.ts) in the reader's language; the server stores its keys. */
	message: Message;
}

const msg = (key: string, params: Message['params'] = {}): Message => ({ key, params });

/** Every rule check of the plan, passing and failing, in the words the district reads. */
export function reviewChecks(input: ReviewInput, today: string, deadlines: DeadlineOptions = {}): ReviewCheck[] {
	const checks: ReviewCheck[] = [];
	if (!input.sessions.length || !input.candidates.length)
		checks.push({ kind: 'empty', isOk: false, message: msg('checks.review.empty') });
	const staffing = checkPlanStaffing(
		staffingInput(input.info, input.sessions, input.rooms, input.seats, input.groups, input.staff, input.people)
	);
	if (!staffing.ok)
		checks.push({
			kind: 'staffing',
			isOk: false,
			message: msg('checks.staffing.incomplete', { text: { msg: staffing.error } })
		});
	else {
		for (const s of staffing.result.sessions)
			checks.push({
				kind: 'staffing',
				isOk: s.isSufficient,
				message: s.isSufficient
					? msg('checks.review.sufficient', { label: s.label })
					: msg('checks.clauses', { list: { list: s.messages.map((m) => ({ msg: m })), join: 'clauses' } })
			});
		for (const d of staffing.result.doubleBookings)
			checks.push({ kind: 'double-booking', isOk: false, message: d.message });
	}
	for (const c of input.crossPlan ?? []) checks.push({ kind: 'double-booking', isOk: false, message: c.message });
	const names = new Map(input.candidates.map((c) => [c.id, c.name]));
	for (const s of input.spotChecks)
		checks.push({
			kind: 'spot-check',
			isOk: s.isConfirmed,
			message: s.isConfirmed
				? msg('checks.review.spotOk', { name: names.get(s.candidateId) ?? s.candidateId })
				: s.note
					? msg('checks.review.spotProblem', { name: names.get(s.candidateId) ?? s.candidateId, note: s.note })
					: msg('checks.review.spotNoReason', { name: names.get(s.candidateId) ?? s.candidateId })
		});
	const deadline = checkStaffArrangement(input.info.examDate, today, deadlines);
	checks.push({
		kind: 'deadline',
		isOk: deadline.isInTime,
		message: deadline.message ?? msg('checks.text', { text: deadline.reason })
	});
	return checks;
}

/** FNV-1a over a string, twice with different seeds: a 64-bit fingerprint, pure and the same everywhere. */
function fingerprint(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193) >>> 0;
		b = Math.imul(b ^ c, 0x01000193 + 0x2f) >>> 0;
	}
	return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

const byKey = <T>(list: readonly T[], key: (t: T) => string) =>
	[...list].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));

/** What an approval is bound to: rooms, staff, sessions, seats, groups and candidates (with their decisions). */
export function planContentHash(input: Omit<ReviewInput, 'people' | 'spotChecks' | 'info'>): string {
	return fingerprint(
		JSON.stringify([
			byKey(input.rooms, (r) => r.id),
			byKey(input.sessions, (s) => s.id),
			byKey(input.staff, (a) => a.id),
			byKey(input.seats, (s) => `${s.sessionId}:${s.candidateId}`),
			byKey(input.groups, (g) => g.id),
			byKey(input.candidates, (c) => c.id)
		])
	);
}

export type ReviewStateKind = 'draft' | 'submitted' | 'approved' | 'returned' | 'voided';

export interface ReviewState {
	kind: ReviewStateKind;
	/** The record the state comes from (latest submission or decision). */
	last?: DistrictReview;
	/** For 'voided': the approval that the later change voided. */
	voidedApproval?: DistrictReview;
}

/**
 * The plan's review state from its review records and its current content: an approval holds only
 * while the content is what was approved; a later change voids it and the plan waits for review again.
 */
export function reviewState(records: readonly DistrictReview[], currentHash: string): ReviewState {
	const sorted = [...records].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	const last = sorted.at(-1);
	if (!last) return { kind: 'draft' };
	if (last.decision === 'submitted') return { kind: 'submitted', last };
	if (last.decision === 'returned') return { kind: 'returned', last };
	if (last.contentHash && last.contentHash !== currentHash) return { kind: 'voided', last, voidedApproval: last };
	return { kind: 'approved', last };
}

/** Why the district may not approve now, or null: failing checks need an exception reason. */
export function approvalRefusal(
	state: ReviewState,
	checks: readonly ReviewCheck[],
	exceptionReason: string | undefined
): Message | null {
	if (state.kind !== 'submitted' && state.kind !== 'voided') return msg('checks.review.notSubmitted');
	const failing = checks.filter((c) => !c.isOk);
	if (failing.length && !exceptionReason?.trim())
		return msg('checks.review.needsException', {
			count: failing.length,
			list: { list: failing.map((c) => ({ msg: c.message })), join: 'clauses' }
		});
	return null;
}

/**
 * Why a submission or a decision is refused because the person acted on other content than the
 * server holds, or null: the institution's device has changes the server has not stored yet (or
 * lacks some it has), or the plan changed after the district looked at it. Nobody submits or
 * approves content they have not seen.
 */
export function staleRefusal(seenHash: string, storedHash: string, who: 'institution' | 'district'): Message | null {
	if (seenHash === storedHash) return null;
	return msg(who === 'institution' ? 'checks.review.staleInstitution' : 'checks.review.staleDistrict');
}
