// Staff checks for the 考务安排: invigilator/examiner numbers per room and session against the ratios
// (data from the catalogue), odd panels, and examiners never scoring candidates of their own institution.
import { z } from 'zod';
import {
	DEFAULT_STAFF_RATIOS,
	StaffRatioSchema,
	SubjectKindSchema,
	SubjectModeSchema,
	type StaffRatio,
	type SubjectKind,
	type SubjectMode
} from './catalog';
import type { Message, MessageParam } from './message-text';
import { issueMessage } from './schema-issue';

export const StaffMemberSchema = z.object({
	id: z.string().min(1),
	name: z.string().optional(),
	role: z.enum(['invigilator', 'examiner', 'supervisor']),
	institutionId: z.string().min(1)
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const SessionCandidateSchema = z.object({
	id: z.string().min(1),
	name: z.string().optional(),
	institutionId: z.string().min(1)
});
export type SessionCandidate = z.infer<typeof SessionCandidateSchema>;

export const SessionStaffingSchema = z.object({
	/** Room or group label as the clerk knows it ("第 3 考场", "实操第 2 组"). */
	label: z.string().min(1),
	subject: SubjectKindSchema,
	mode: SubjectModeSchema,
	/** Sessions sharing a slot run at the same time, so nobody may be in two of them. */
	slot: z.string().optional(),
	candidates: z.array(SessionCandidateSchema),
	staff: z.array(StaffMemberSchema),
	/** From the catalogue subject spec; absent: the default for the mode. */
	ratio: StaffRatioSchema.optional()
});
export type SessionStaffing = z.infer<typeof SessionStaffingSchema>;

/** Default ratio for a subject/mode when the catalogue gives none. */
export function defaultRatioFor(subject: SubjectKind, mode: SubjectMode): StaffRatio {
	if (subject === 'review') return DEFAULT_STAFF_RATIOS.review;
	if (mode === 'practical') return DEFAULT_STAFF_RATIOS.practical;
	return DEFAULT_STAFF_RATIOS.written;
}

/** Staff needed for `candidateCount` candidates: one per N, at least the minimum, rounded up to odd if required. */
export function requiredStaff(candidateCount: number, ratio: StaffRatio): number {
	if (candidateCount <= 0) return 0;
	const byRatio = ratio.candidatesPerStaff === null ? 0 : Math.ceil(candidateCount / ratio.candidatesPerStaff);
	const n = Math.max(ratio.minimum, byRatio);
	return ratio.mustBeOdd && n % 2 === 0 ? n + 1 : n;
}

export interface ScoringConflict {
	staffId: string;
	institutionId: string;
	candidateIds: string[];
	message: Message;
}

export interface SessionStaffingResult {
	label: string;
	role: StaffRatio['role'];
	required: number;
	/** Staff of the role who may serve (examiners with a conflict are not counted). */
	assigned: number;
	/** How many more are needed (0 when enough). */
	missing: number;
	isOddRequirementMet: boolean;
	conflicts: ScoringConflict[];
	isSufficient: boolean;
	/** What is wrong, worded by messageText (message-text.ts) in the reader's language. */
	messages: Message[];
}

function staffName(member: Pick<StaffMember, 'id' | 'name'>): string {
	return member.name ?? member.id;
}

/** An examiner may not score a candidate of his own institution (交叉派遣). */
export function canExaminerScore(
	examiner: Pick<StaffMember, 'id' | 'name' | 'institutionId'>,
	candidate: Pick<SessionCandidate, 'id' | 'name' | 'institutionId'>
): { ok: true } | { ok: false; error: Message } {
	return examiner.institutionId === candidate.institutionId
		? {
				ok: false,
				error: {
					key: 'checks.staffing.cannotScore',
					params: { examiner: staffName(examiner), candidate: candidate.name ?? candidate.id }
				}
			}
		: { ok: true };
}

export function checkSessionStaffing(session: SessionStaffing): SessionStaffingResult {
	const ratio = session.ratio ?? defaultRatioFor(session.subject, session.mode);
	const role: MessageParam = { msg: { key: `checks.staffing.role.${ratio.role}`, params: {} } };
	const where: MessageParam = {
		msg: {
			key: 'checks.staffing.where',
			params: { label: session.label, subject: { subject: session.subject }, mode: { mode: session.mode } }
		}
	};
	const required = requiredStaff(session.candidates.length, ratio);

	// The same person listed twice still counts once.
	const ofRole = [...new Map(session.staff.filter((s) => s.role === ratio.role).map((s) => [s.id, s])).values()];

	const conflicts: ScoringConflict[] = [];
	if (ratio.role === 'examiner') {
		for (const examiner of ofRole) {
			const own = session.candidates.filter((c) => c.institutionId === examiner.institutionId).map((c) => c.id);
			if (own.length > 0) {
				conflicts.push({
					staffId: examiner.id,
					institutionId: examiner.institutionId,
					candidateIds: own.sort(),
					message: {
						key: 'checks.staffing.sameInstitution',
						params: { where, name: staffName(examiner), count: own.length }
					}
				});
			}
		}
	}
	const conflicted = new Set(conflicts.map((c) => c.staffId));
	const assigned = ofRole.filter((s) => !conflicted.has(s.id)).length;
	const missing = Math.max(0, required - assigned);
	const isOddRequirementMet = !ratio.mustBeOdd || assigned === 0 || assigned % 2 === 1;

	const messages: Message[] = [];
	if (missing > 0)
		messages.push({
			key: 'checks.staffing.short',
			params: { where, missing, role, candidates: session.candidates.length, required, assigned }
		});
	else if (!isOddRequirementMet) messages.push({ key: 'checks.staffing.odd', params: { where, role, assigned } });
	messages.push(...conflicts.map((c) => c.message));

	return {
		label: session.label,
		role: ratio.role,
		required,
		assigned,
		missing,
		isOddRequirementMet,
		conflicts,
		isSufficient: missing === 0 && isOddRequirementMet && conflicts.length === 0,
		messages
	};
}

export interface DoubleBooking {
	staffId: string;
	slot: string;
	labels: string[];
	message: Message;
}

export interface PlanStaffingResult {
	isSufficient: boolean;
	sessions: SessionStaffingResult[];
	doubleBookings: DoubleBooking[];
	messages: Message[];
}

/** Checks every session of a plan, plus people placed in two rooms at the same time. */
export function checkPlanStaffing(
	input: readonly SessionStaffing[]
): { ok: true; result: PlanStaffingResult } | { ok: false; error: Message } {
	const parsed = z.array(SessionStaffingSchema).safeParse(input);
	if (!parsed.success)
		return {
			ok: false,
			error: { key: 'checks.staffing.invalid', params: { why: { msg: issueMessage(parsed.error.issues[0]) } } }
		};
	const sessions = parsed.data.map(checkSessionStaffing);

	const bySlot = new Map<string, Map<string, { name: string; labels: Set<string> }>>();
	for (const session of parsed.data) {
		if (!session.slot) continue;
		const people = bySlot.get(session.slot) ?? new Map<string, { name: string; labels: Set<string> }>();
		bySlot.set(session.slot, people);
		for (const member of session.staff) {
			const entry = people.get(member.id) ?? { name: staffName(member), labels: new Set<string>() };
			entry.labels.add(session.label);
			people.set(member.id, entry);
		}
	}
	const doubleBookings: DoubleBooking[] = [];
	for (const [slot, people] of bySlot) {
		for (const [staffId, { name, labels }] of people) {
			if (labels.size < 2) continue;
			const sorted = [...labels].sort();
			doubleBookings.push({
				staffId,
				slot,
				labels: sorted,
				message: { key: 'checks.staffing.doubleBooked', params: { name, labels: { list: sorted } } }
			});
		}
	}
	const messages = [...sessions.flatMap((s) => s.messages), ...doubleBookings.map((d) => d.message)];
	return {
		ok: true,
		result: {
			isSufficient: sessions.every((s) => s.isSufficient) && doubleBookings.length === 0,
			sessions,
			doubleBookings,
			messages
		}
	};
}
