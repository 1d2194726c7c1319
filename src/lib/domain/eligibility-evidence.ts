// The evidence a registration form gives about eligibility (years in the occupation, an earlier
// certificate, age) turned into the eligibility profile, and a candidate's assessment for the bulk
// review: "passes the rules" (a condition of the level is met by the form's data, named with what
// met it) or "needs a look" (with the reasons). One place for the import and the review screen.
import type { Level } from './catalog';
import { conditionMessage, conditionsFor, evaluateEligibility, type CandidateProfileInput } from './eligibility';
import { ageOn } from './identity';
import { isIsoDate, makeIsoDate } from './iso-date';
import type { Message } from './message-text';
import type { Candidate, DeclaredEvidence } from './record-schemas';

const assess = (key: string, params: Message['params'] = {}): Message => ({
	key: `checks.eligibility.assess.${key}`,
	params
});

/** `months` months before `date` (the day clamped to the month's end). */
export function monthsBefore(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const total = y * 12 + (m - 1) - months;
	const year = Math.floor(total / 12);
	const month = (total % 12) + 1;
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return makeIsoDate(year, month, Math.min(d, lastDay));
}

/** The form's work start, or the exam day minus the stated years in the occupation. */
export function workStart(declared: DeclaredEvidence | undefined, examDate: string): string | undefined {
	if (declared?.workSince && isIsoDate(declared.workSince)) return declared.workSince;
	if (declared?.workYears !== undefined) return monthsBefore(examDate, Math.round(declared.workYears * 12));
	return undefined;
}

/** Years in the occupation on the exam day, to one decimal, or undefined when the form says nothing. */
export function workYearsOn(declared: DeclaredEvidence | undefined, examDate: string): number | undefined {
	if (declared?.workYears !== undefined && !declared.workSince) return declared.workYears;
	const from = workStart(declared, examDate);
	if (!from || from > examDate) return undefined;
	const [fy, fm, fd] = from.split('-').map(Number);
	const [ty, tm, td] = examDate.split('-').map(Number);
	const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
	return Math.floor((months / 12) * 10) / 10;
}

/** The eligibility profile the form's data give (birth date from the ID). */
export function declaredProfile(
	birthDate: string,
	declared: DeclaredEvidence | undefined,
	examDate: string
): CandidateProfileInput {
	const from = workStart(declared, examDate);
	return {
		birthDate,
		work: from && from <= examDate ? [{ from }] : [],
		certificates:
			declared?.certLevel && declared.certDate ? [{ level: declared.certLevel, issuedOn: declared.certDate }] : []
	};
}

/** Whether one given condition of the level is met by the profile. */
export function isConditionMet(
	conditionId: string,
	occupationId: string,
	level: Level,
	asOf: string,
	profile: CandidateProfileInput
): boolean {
	const only = conditionsFor(occupationId, level).filter((c) => c.id === conditionId);
	if (!only.length) return false;
	const r = evaluateEligibility(
		{ occupationId, level, asOf, profile },
		{ defaults: { 1: [], 2: [], 3: [], 4: [], 5: [], [level]: only }, byOccupation: {} }
	);
	return r.ok && r.isEligible;
}

export type Assessment =
	/** A condition of the level is met by the form's data (`notes`: what met it). */
	| { verdict: 'passes'; conditionId: string; condition: Message; notes: Message[] }
	/** A valid condition is declared and the form has no data either way: the documents decide. */
	| { verdict: 'declared'; conditionId: string; condition: Message }
	| { verdict: 'look'; reasons: Message[] };

/**
 * A pending candidate against the rules, from what the form said: passes when a condition of the level
 * (the declared one, if any) is met by the data; otherwise needs a look, with the reasons.
 */
export function assessCandidate(candidate: Candidate, examDate: string): Assessment {
	if (!candidate.birthDate) return { verdict: 'look', reasons: [assess('noBirthDate')] };
	const profile = declaredProfile(candidate.birthDate, candidate.declared, examDate);
	const result = evaluateEligibility({
		occupationId: candidate.occupationId,
		level: candidate.level,
		asOf: examDate,
		profile
	});
	if (!result.ok) return { verdict: 'look', reasons: [result.error] };
	const declaredId = candidate.eligibility.conditionId;
	const conditions = conditionsFor(candidate.occupationId, candidate.level);
	if (declaredId && !conditions.some((c) => c.id === declaredId))
		return { verdict: 'look', reasons: [assess('notOfLevel', { id: declaredId, level: { level: candidate.level } })] };
	if (result.isEligible) {
		if (declaredId && declaredId !== result.condition.id) {
			if (isConditionMet(declaredId, candidate.occupationId, candidate.level, examDate, profile)) {
				const c = conditions.find((k) => k.id === declaredId)!;
				return { verdict: 'passes', conditionId: c.id, condition: conditionMessage(c), notes: result.condition.notes };
			}
			return {
				verdict: 'look',
				reasons: [assess('contradicts', { condition: { msg: conditionMessage(result.condition) } })]
			};
		}
		return {
			verdict: 'passes',
			conditionId: result.condition.id,
			condition: conditionMessage(result.condition),
			notes: result.condition.notes
		};
	}
	const hasData = profile.work!.length > 0 || profile.certificates!.length > 0;
	if (!hasData) {
		const declared = declaredId ? conditions.find((c) => c.id === declaredId) : undefined;
		if (declared) return { verdict: 'declared', conditionId: declared.id, condition: conditionMessage(declared) };
		return { verdict: 'look', reasons: [assess('noData')] };
	}
	const first = (declaredId && result.unmet.find((u) => u.id === declaredId)) || result.unmet[0];
	return {
		verdict: 'look',
		reasons: [
			assess('unmet', {
				level: { level: candidate.level },
				notes: { list: (first?.notes ?? []).map((msg) => ({ msg })), join: 'clauses' }
			})
		]
	};
}

/** Age on the exam day, when the birth date is known. */
export const ageOnExam = (candidate: Candidate, examDate: string): number | undefined =>
	candidate.birthDate ? ageOn(candidate.birthDate, examDate) : undefined;

/** Whether a pending candidate can be approved with others in one step (the rules or a declared condition). */
export const isBulkReady = (a: Assessment): a is Extract<Assessment, { verdict: 'passes' | 'declared' }> =>
	a.verdict !== 'look';
