// Subject scores from examiners' score sheets (rubric, aggregation, rounding, discrepancy), the pass
// rule (every required subject ≥ 60), absent and voided subjects, and carrying passed subjects to a retake.
// Arithmetic runs on integer hundredths of a point so that 59.9 never passes and 60 never fails.
import { z } from 'zod';
import { SUBJECT_NAMES, SubjectKindSchema, type SubjectKind } from './catalog';
import { retakeLastDay } from './deadlines';
import { IsoDateSchema } from './iso-date';
import type { Message } from './message-text';

/** Hundredths of a point: scores carry at most two decimals. */
type Centi = number;

const CENTI_TOLERANCE = 1e-6;

/** A score in points to integer hundredths, or null when it has more than two decimals or is not finite. */
export function toCenti(points: number): Centi | null {
	if (!Number.isFinite(points)) return null;
	const scaled = points * 100;
	const rounded = Math.round(scaled);
	return Math.abs(scaled - rounded) < CENTI_TOLERANCE * Math.max(1, Math.abs(scaled)) ? rounded : null;
}

function fromCenti(centi: Centi): number {
	return centi / 100;
}

export const ScoringPolicySchema = z.object({
	/** How several examiners' totals become one score (*inferred* default: mean). */
	aggregation: z.enum(['mean', 'median', 'trimmed-mean']),
	/** Decimals kept in the subject score (*inferred* default: 1). */
	decimals: z.union([z.literal(0), z.literal(1), z.literal(2)]),
	/** half-up = 四舍五入 (*inferred* default); floor never rounds a candidate up to a pass. */
	rounding: z.enum(['half-up', 'floor']),
	/** Flag when examiners' totals differ by more than this many points (*inferred* default: 10). */
	discrepancyThreshold: z.number().nonnegative(),
	/** Fewest sheets a subject score may be built from. */
	minSheets: z.number().int().positive(),
	/** 60 (含) passes (notice §二). */
	passMark: z.number().positive()
});
export type ScoringPolicy = z.infer<typeof ScoringPolicySchema>;

export const DEFAULT_SCORING_POLICY: ScoringPolicy = {
	aggregation: 'mean',
	decimals: 1,
	rounding: 'half-up',
	discrepancyThreshold: 10,
	minSheets: 1,
	passMark: 60
};

function policyOf(overrides: Partial<ScoringPolicy> | undefined): ScoringPolicy {
	return { ...DEFAULT_SCORING_POLICY, ...overrides };
}

// ---------------------------------------------------------------------------------------------
// Rubrics and sheets

export const RubricItemSchema = z.object({
	id: z.string().min(1),
	label: z.string().min(1),
	max: z.number().positive()
});
export const RubricSchema = z.object({
	id: z.string().min(1),
	subject: SubjectKindSchema,
	items: z.array(RubricItemSchema).min(1)
});
export type Rubric = z.infer<typeof RubricSchema>;

export const ScoreSheetSchema = z.object({
	examinerId: z.string().min(1),
	examinerName: z.string().optional(),
	/** Points per rubric item id. */
	items: z.record(z.string(), z.number())
});
export type ScoreSheet = z.infer<typeof ScoreSheetSchema>;

/** Every subject is out of 100 (百分制): a rubric's maxima must add up to exactly 100. */
export function validateRubric(input: unknown): { ok: true; rubric: Rubric } | { ok: false; error: string } {
	const parsed = RubricSchema.safeParse(input);
	if (!parsed.success) return { ok: false, error: `评分标准格式有误：${parsed.error.issues[0]?.message ?? ''}` };
	const rubric = parsed.data;
	const ids = new Set<string>();
	let total = 0;
	for (const item of rubric.items) {
		if (ids.has(item.id)) return { ok: false, error: `评分项“${item.label}”重复` };
		ids.add(item.id);
		const max = toCenti(item.max);
		if (max === null) return { ok: false, error: `评分项“${item.label}”的满分最多保留两位小数` };
		total += max;
	}
	if (total !== 10_000) return { ok: false, error: `评分标准各项满分合计为 ${fromCenti(total)} 分，应为 100 分` };
	return { ok: true, rubric };
}

export type SheetTotalResult = { ok: true; total: number; centi: Centi } | { ok: false; error: Message };

/** The total of one examiner's sheet, after checking every item is present and within its maximum. */
export function sheetTotal(rubric: Rubric, sheet: ScoreSheet): SheetTotalResult {
	const examiner = sheet.examinerName ?? sheet.examinerId;
	const known = new Set(rubric.items.map((i) => i.id));
	const unknown = Object.keys(sheet.items).find((id) => !known.has(id));
	if (unknown !== undefined)
		return { ok: false, error: { key: 'scoring.sheet.unknownItem', params: { examiner, item: unknown } } };
	let total = 0;
	for (const item of rubric.items) {
		const value = sheet.items[item.id];
		if (value === undefined)
			return { ok: false, error: { key: 'scoring.sheet.missingItem', params: { examiner, item: item.label } } };
		const centi = toCenti(value);
		if (centi === null)
			return { ok: false, error: { key: 'scoring.sheet.badValue', params: { examiner, item: item.label, value } } };
		const max = toCenti(item.max) ?? 0;
		if (centi < 0 || centi > max) {
			return {
				ok: false,
				error: { key: 'scoring.sheet.outOfRange', params: { examiner, item: item.label, value, max: item.max } }
			};
		}
		total += centi;
	}
	return { ok: true, total: fromCenti(total), centi: total };
}

/** Rounds num/den hundredths to the policy's decimals without ever going through a float. */
function roundRational(num: number, den: number, policy: ScoringPolicy): Centi {
	const unit = 10 ** (2 - policy.decimals);
	const divisor = den * unit;
	const units =
		policy.rounding === 'floor' ? Math.floor(num / divisor) : Math.floor((2 * num + divisor) / (2 * divisor));
	return units * unit;
}

export interface SubjectScore {
	score: number;
	centi: Centi;
	sheets: { examinerId: string; total: number }[];
	/** Highest minus lowest examiner total, in points. */
	spread: number;
	hasDiscrepancy: boolean;
	/** For the supervisor: why the discrepancy was flagged. */
	discrepancyNote?: Message;
}

export type SubjectScoreResult = ({ ok: true } & SubjectScore) | { ok: false; error: Message };

/** One subject score from several examiners' sheets, aggregated and rounded as the policy says. */
export function aggregateSubjectScore(
	rubric: Rubric,
	sheets: readonly ScoreSheet[],
	overrides?: Partial<ScoringPolicy>
): SubjectScoreResult {
	const policy = policyOf(overrides);
	const parsedSheets = z.array(ScoreSheetSchema).safeParse(sheets);
	const subject = { subject: rubric.subject };
	if (!parsedSheets.success) return { ok: false, error: { key: 'scoring.aggregate.badFormat', params: {} } };
	if (sheets.length === 0) return { ok: false, error: { key: 'scoring.aggregate.noSheets', params: { subject } } };
	if (sheets.length < policy.minSheets) {
		return {
			ok: false,
			error: { key: 'scoring.aggregate.tooFew', params: { subject, min: policy.minSheets, count: sheets.length } }
		};
	}
	const seen = new Set<string>();
	const totals: { examinerId: string; centi: Centi }[] = [];
	for (const sheet of parsedSheets.data) {
		if (seen.has(sheet.examinerId))
			return {
				ok: false,
				error: { key: 'scoring.aggregate.twoSheets', params: { examiner: sheet.examinerName ?? sheet.examinerId } }
			};
		seen.add(sheet.examinerId);
		const total = sheetTotal(rubric, sheet);
		if (!total.ok) return total;
		totals.push({ examinerId: sheet.examinerId, centi: total.centi });
	}
	const values = totals.map((t) => t.centi).sort((a, b) => a - b);
	let num: number;
	let den: number;
	switch (policy.aggregation) {
		case 'mean':
			num = values.reduce((a, b) => a + b, 0);
			den = values.length;
			break;
		case 'median': {
			const mid = Math.floor(values.length / 2);
			[num, den] = values.length % 2 === 1 ? [values[mid], 1] : [values[mid - 1] + values[mid], 2];
			break;
		}
		case 'trimmed-mean':
			if (values.length < 3) return { ok: false, error: { key: 'scoring.aggregate.trimmedNeedsThree', params: {} } };
			num = values.slice(1, -1).reduce((a, b) => a + b, 0);
			den = values.length - 2;
			break;
	}
	const centi = roundRational(num, den, policy);
	const spreadCenti = values[values.length - 1] - values[0];
	const threshold = toCenti(policy.discrepancyThreshold) ?? Math.round(policy.discrepancyThreshold * 100);
	const hasDiscrepancy = spreadCenti > threshold;
	return {
		ok: true,
		score: fromCenti(centi),
		centi,
		sheets: totals.map((t) => ({ examinerId: t.examinerId, total: fromCenti(t.centi) })),
		spread: fromCenti(spreadCenti),
		hasDiscrepancy,
		...(hasDiscrepancy
			? {
					discrepancyNote: {
						key: 'scoring.aggregate.discrepancy',
						params: { spread: fromCenti(spreadCenti), threshold: policy.discrepancyThreshold }
					}
				}
			: {})
	};
}

/** True when `score` reaches the pass mark; exact on hundredths, so 60 passes and 59.9 or 59.99 fail. */
export function isPassingScore(score: number, passMark: number = DEFAULT_SCORING_POLICY.passMark): boolean {
	const centi = toCenti(score);
	const mark = toCenti(passMark);
	if (centi === null || mark === null) return false;
	return centi >= mark;
}

// ---------------------------------------------------------------------------------------------
// Candidate result

export const SubjectOutcomeSchema = z.discriminatedUnion('status', [
	z.object({ status: z.literal('scored'), score: z.number().min(0).max(100) }),
	/** 缺考. */
	z.object({ status: z.literal('absent') }),
	/** 违纪: the subject's score is void. */
	z.object({ status: z.literal('voided'), reason: z.string().min(1) })
]);
export type SubjectOutcome = z.infer<typeof SubjectOutcomeSchema>;

export const CarriedSubjectSchema = z.object({
	subject: SubjectKindSchema,
	score: z.number().min(0).max(100),
	fromSitting: IsoDateSchema
});
export type CarriedSubject = z.infer<typeof CarriedSubjectSchema>;

export interface SubjectVerdict {
	subject: SubjectKind;
	status: SubjectOutcome['status'] | 'carried-over' | 'missing';
	score?: number;
	isPassed: boolean;
	reason: string;
}

export interface CandidateResult {
	/** Every required subject ≥ the pass mark: a certificate number may be generated. */
	hasPassed: boolean;
	subjects: SubjectVerdict[];
	failedSubjects: SubjectKind[];
	summary: string;
}

export interface CandidateResultInput {
	/** From the catalogue: theory and skill, plus the review for levels 2 and 1. */
	requiredSubjects: readonly SubjectKind[];
	outcomes: Partial<Record<SubjectKind, SubjectOutcome>>;
	/** Subjects passed at an earlier sitting and still valid (see carryOverSubjects). */
	carriedOver?: readonly CarriedSubject[];
}

function formatScore(score: number): string {
	return String(score);
}

/** Applies the pass rule to every required subject; a subject without a result fails. */
export function evaluateCandidateResult(
	input: CandidateResultInput,
	overrides?: Partial<ScoringPolicy>
): CandidateResult {
	const policy = policyOf(overrides);
	const carried = new Map((input.carriedOver ?? []).map((c) => [c.subject, c]));
	const subjects: SubjectVerdict[] = [...new Set(input.requiredSubjects)].map((subject) => {
		const name = SUBJECT_NAMES[subject];
		const outcome = input.outcomes[subject];
		const kept = carried.get(subject);
		if (!outcome && kept && isPassingScore(kept.score, policy.passMark)) {
			return {
				subject,
				status: 'carried-over',
				score: kept.score,
				isPassed: true,
				reason: `${name}沿用 ${kept.fromSitting} 的合格成绩 ${formatScore(kept.score)} 分`
			};
		}
		if (!outcome) return { subject, status: 'missing', isPassed: false, reason: `缺少${name}成绩` };
		switch (outcome.status) {
			case 'absent':
				return { subject, status: 'absent', isPassed: false, reason: `${name}缺考` };
			case 'voided':
				return { subject, status: 'voided', isPassed: false, reason: `${name}因违纪成绩无效：${outcome.reason}` };
			case 'scored': {
				const isPassed = isPassingScore(outcome.score, policy.passMark);
				return {
					subject,
					status: 'scored',
					score: outcome.score,
					isPassed,
					reason: `${name} ${formatScore(outcome.score)} 分，${isPassed ? '合格' : `不合格（${policy.passMark} 分合格）`}`
				};
			}
		}
	});
	const failedSubjects = subjects.filter((s) => !s.isPassed).map((s) => s.subject);
	const hasPassed = subjects.length > 0 && failedSubjects.length === 0;
	const summary = hasPassed
		? '各科目成绩均合格，可生成证书编号'
		: subjects.length === 0
			? '没有应考科目，无法判定'
			: `不合格：${subjects
					.filter((s) => !s.isPassed)
					.map((s) => s.reason)
					.join('；')}`;
	return { hasPassed, subjects, failedSubjects, summary };
}

export interface PreviousSitting {
	/** The day of the first sitting (首次参加联考之日). */
	sittingDate: string;
	outcomes: Partial<Record<SubjectKind, SubjectOutcome>>;
}

/**
 * Subjects passed at the first sitting that a retake on `retakeDate` may keep: only within one year
 * of the first sitting (劳社厅函〔2006〕3号 art. 16); after that nothing carries over.
 */
export function carryOverSubjects(
	previous: PreviousSitting,
	retakeDate: string,
	overrides?: Partial<ScoringPolicy>
): CarriedSubject[] {
	const policy = policyOf(overrides);
	if (retakeDate <= previous.sittingDate || retakeDate > retakeLastDay(previous.sittingDate)) return [];
	const carried: CarriedSubject[] = [];
	for (const [subject, outcome] of Object.entries(previous.outcomes) as [SubjectKind, SubjectOutcome | undefined][]) {
		if (outcome?.status === 'scored' && isPassingScore(outcome.score, policy.passMark)) {
			carried.push({ subject, score: outcome.score, fromSitting: previous.sittingDate });
		}
	}
	return carried.sort((a, b) => a.subject.localeCompare(b.subject));
}

/** The subjects still to sit at a retake, in catalogue order. */
export function subjectsToRetake(
	requiredSubjects: readonly SubjectKind[],
	carried: readonly CarriedSubject[]
): SubjectKind[] {
	const kept = new Set(carried.map((c) => c.subject));
	return requiredSubjects.filter((s) => !kept.has(s));
}

/** Subjects passed at an earlier sitting kept on the candidate record (`carriedOver`, checked by its schema). */
export function carriedOf(candidate: { carriedOver?: readonly CarriedSubject[] }): CarriedSubject[] {
	return [...(candidate.carriedOver ?? [])];
}

/**
 * How many retakes a candidate has used, counting this sitting: a candidate flagged as a retake
 * (`isRetake`) or keeping subjects from an earlier sitting (`carriedOver`) is at his retake (补考), so 1;
 * otherwise 0. The one place a candidate is judged a retake: the results' retake line (with
 * deadlines.ts `retakesLeft`) and the province file's 补考 note both ask it.
 */
export function retakesUsedBy(candidate: Parameters<typeof carriedOf>[0] & { isRetake?: boolean }): number {
	return candidate.isRetake || carriedOf(candidate).length > 0 ? 1 : 0;
}

/**
 * A score as typed into a form (a number input gives a number, '' or null when blank): blank is
 * never 0. `empty` when nothing was typed, `invalid` when not a score of 0–100 with two decimals.
 */
export function scoreFromInput(raw: unknown): { ok: true; score: number } | { ok: false; reason: 'empty' | 'invalid' } {
	if (raw === null || raw === undefined) return { ok: false, reason: 'empty' };
	const text = typeof raw === 'number' ? (Number.isNaN(raw) ? '' : String(raw)) : String(raw).trim();
	if (text === '') return { ok: false, reason: 'empty' };
	const score = Number(text);
	if (!Number.isFinite(score) || score < 0 || score > 100 || toCenti(score) === null)
		return { ok: false, reason: 'invalid' };
	return { ok: true, score };
}
