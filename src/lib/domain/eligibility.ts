// Eligibility review (资格审核): the application conditions of the 2023 template per level, as data with
// per-occupation overrides, and the evaluation of a candidate's evidence against them.
import { z } from 'zod';
import { LevelSchema, type Level } from './catalog';
import { IsoDateSchema, fullYearsBetween, toDayNumber } from './iso-date';
import type { Message } from './message-text';

/** A message of this module (zh-CN/en checks.json, under checks.eligibility). */
const m = (key: string, params: Message['params'] = {}): Message => ({ key: `checks.eligibility.${key}`, params });

// ---------------------------------------------------------------------------------------------
// Evidence. Documents are checked by the clerk, not stored: the profile records what was seen.
// `isRelevant` is the clerk's judgement of "本职业或相关职业 / 本专业或相关专业".

export const TITLE_RANKS = ['junior', 'intermediate', 'senior'] as const;
export type TitleRank = (typeof TITLE_RANKS)[number];
const TITLE_RANK_ORDER: Record<TitleRank, number> = { junior: 1, intermediate: 2, senior: 3 };
const titleName = (rank: TitleRank) => ({ msg: m(`title.${rank}`) });

/** 技工院校 and the others of the template; a 技工院校 has classes, a university has levels. */
export const SCHOOL_KINDS = ['technical-school', 'secondary-vocational', 'higher-vocational', 'university'] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];
const schoolName = (kind: SchoolKind) => ({ msg: m(`school.${kind}`) });

/** 中级工班 < 高级工班 < 预备技师班 = 技师班. */
export const TECHNICAL_CLASSES = ['intermediate', 'senior', 'preparatory-technician', 'technician'] as const;
export type TechnicalClass = (typeof TECHNICAL_CLASSES)[number];
const TECHNICAL_CLASS_ORDER: Record<TechnicalClass, number> = {
	intermediate: 1,
	senior: 2,
	'preparatory-technician': 3,
	technician: 3
};
const className = (c: TechnicalClass) => ({ msg: m(`class.${c}`) });

/** 技工学校 / 高级技工学校 / 技师学院. */
export const TECHNICAL_SCHOOL_GRADES = ['technical-school', 'senior-technical-school', 'technician-college'] as const;
export type TechnicalSchoolGrade = (typeof TECHNICAL_SCHOOL_GRADES)[number];
const gradeName = (g: TechnicalSchoolGrade) => ({ msg: m(`grade.${g}`) });

export const STUDY_STATUSES = ['graduated', 'final-year', 'enrolled'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];
const statusName = (st: StudyStatus) => ({ msg: m(`status.${st}`) });

export const WorkPeriodSchema = z
	.object({
		from: IsoDateSchema,
		/** Absent: still working there. */
		to: IsoDateSchema.optional(),
		isRelevant: z.boolean().default(true)
	})
	.refine((p) => p.to === undefined || p.from <= p.to, { message: '工作经历的结束日期早于开始日期' });

export const CertificateEvidenceSchema = z.object({
	level: LevelSchema,
	issuedOn: IsoDateSchema,
	isRelevant: z.boolean().default(true)
});

export const TitleEvidenceSchema = z.object({
	rank: z.enum(TITLE_RANKS),
	issuedOn: IsoDateSchema,
	isRelevant: z.boolean().default(true)
});

export const EducationEvidenceSchema = z.object({
	school: z.enum(SCHOOL_KINDS),
	technicalClass: z.enum(TECHNICAL_CLASSES).optional(),
	technicalSchoolGrade: z.enum(TECHNICAL_SCHOOL_GRADES).optional(),
	status: z.enum(STUDY_STATUSES),
	isRelevant: z.boolean().default(true),
	/** 经评估论证的专业 (level 3, condition 6). */
	isAssessedProgramme: z.boolean().default(false)
});

export const CandidateProfileSchema = z.object({
	birthDate: IsoDateSchema,
	/**
	 * "从事或拟从事本职业" (level 5). The application form itself states it, so it defaults to true;
	 * only an explicit false fails the condition.
	 */
	intendsToWorkInOccupation: z.boolean().default(true),
	work: z.array(WorkPeriodSchema).default([]),
	certificates: z.array(CertificateEvidenceSchema).default([]),
	titles: z.array(TitleEvidenceSchema).default([]),
	education: z.array(EducationEvidenceSchema).default([])
});
export type CandidateProfile = z.infer<typeof CandidateProfileSchema>;
export type CandidateProfileInput = z.input<typeof CandidateProfileSchema>;

// ---------------------------------------------------------------------------------------------
// Conditions as data. A condition holds when all its requirements hold; a level accepts any one condition.

export const RequirementSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('min-age'), years: z.number().int().positive() }),
	z.object({ kind: z.literal('works-or-intends') }),
	z.object({
		kind: z.literal('work-years'),
		years: z.number().positive(),
		/** Count only work after obtaining this evidence (取得…后，累计从事…). */
		after: z
			.union([z.object({ certificateLevel: LevelSchema }), z.object({ titleRank: z.enum(TITLE_RANKS) })])
			.optional()
	}),
	z.object({ kind: z.literal('certificate'), level: LevelSchema, heldYears: z.number().positive().optional() }),
	z.object({ kind: z.literal('title'), rank: z.enum(TITLE_RANKS) }),
	z.object({
		kind: z.literal('education'),
		schools: z.array(z.enum(SCHOOL_KINDS)).min(1),
		minTechnicalClass: z.enum(TECHNICAL_CLASSES).optional(),
		technicalClasses: z.array(z.enum(TECHNICAL_CLASSES)).optional(),
		technicalSchoolGrades: z.array(z.enum(TECHNICAL_SCHOOL_GRADES)).optional(),
		statuses: z.array(z.enum(STUDY_STATUSES)).min(1),
		requiresAssessedProgramme: z.boolean().optional()
	})
]);
export type Requirement = z.infer<typeof RequirementSchema>;

export const EligibilityConditionSchema = z.object({
	id: z.string().min(1),
	description: z.string().min(1),
	requirements: z.array(RequirementSchema).min(1)
});
export type EligibilityCondition = z.infer<typeof EligibilityConditionSchema>;

export type LevelConditions = Record<Level, EligibilityCondition[]>;

export interface EligibilityRules {
	defaults: LevelConditions;
	/** Per occupation id, the levels whose conditions differ from the defaults (they replace them). */
	byOccupation: Record<string, Partial<LevelConditions>>;
}

const GRADUATED_OR_FINAL: StudyStatus[] = ['graduated', 'final-year'];

/** The 2023 template (《国家职业标准编制技术规程（2023年版）》) as restated in DOMAIN.md. */
export const TEMPLATE_2023_CONDITIONS: LevelConditions = {
	5: [
		{
			id: 'L5-age-work',
			description: '年满16周岁，拟从事或正在从事本职业或相关职业工作',
			requirements: [{ kind: 'min-age', years: 16 }, { kind: 'works-or-intends' }]
		}
	],
	4: [
		{
			id: 'L4-work-5y',
			description: '累计从事本职业或相关职业工作满5年',
			requirements: [{ kind: 'work-years', years: 5 }]
		},
		{
			id: 'L4-cert5-3y',
			description: '取得本职业或相关职业五级/初级工证书后，累计从事本职业或相关职业工作满3年',
			requirements: [{ kind: 'work-years', years: 3, after: { certificateLevel: 5 } }]
		},
		{
			id: 'L4-diploma',
			description:
				'取得技工院校、中等及以上职业院校或专科及以上普通高等学校本专业或相关专业毕业证书（含在校应届毕业生）',
			requirements: [
				{
					kind: 'education',
					schools: ['technical-school', 'secondary-vocational', 'higher-vocational', 'university'],
					statuses: GRADUATED_OR_FINAL
				}
			]
		}
	],
	3: [
		{
			id: 'L3-work-10y',
			description: '累计从事本职业或相关职业工作满10年',
			requirements: [{ kind: 'work-years', years: 10 }]
		},
		{
			id: 'L3-cert4-4y',
			description: '取得本职业或相关职业四级/中级工证书后，累计从事本职业或相关职业工作满4年',
			requirements: [{ kind: 'work-years', years: 4, after: { certificateLevel: 4 } }]
		},
		{
			id: 'L3-junior-title-1y',
			description: '取得相关专业初级职称后，累计从事本职业或相关职业工作满1年',
			requirements: [{ kind: 'work-years', years: 1, after: { titleRank: 'junior' } }]
		},
		{
			id: 'L3-technical-senior-class',
			description: '取得技工院校高级工班及以上本专业或相关专业毕业证书（含在校应届毕业生）',
			requirements: [
				{ kind: 'education', schools: ['technical-school'], minTechnicalClass: 'senior', statuses: GRADUATED_OR_FINAL }
			]
		},
		{
			id: 'L3-cert4-college',
			description:
				'取得本职业或相关职业四级/中级工证书，并取得高职、专科及以上本专业或相关专业毕业证书（含在校应届毕业生）',
			requirements: [
				{ kind: 'certificate', level: 4 },
				{ kind: 'education', schools: ['higher-vocational', 'university'], statuses: GRADUATED_OR_FINAL }
			]
		},
		{
			id: 'L3-assessed-college',
			description: '取得经评估论证的高职、专科及以上本专业或相关专业毕业证书（含在校应届毕业生）',
			requirements: [
				{
					kind: 'education',
					schools: ['higher-vocational', 'university'],
					statuses: GRADUATED_OR_FINAL,
					requiresAssessedProgramme: true
				}
			]
		}
	],
	2: [
		{
			id: 'L2-cert3-5y',
			description: '取得本职业或相关职业三级/高级工证书后，累计从事本职业或相关职业工作满5年',
			requirements: [{ kind: 'work-years', years: 5, after: { certificateLevel: 3 } }]
		},
		{
			id: 'L2-junior-title-5y',
			description:
				'取得相关专业初级职称后累计从事本职业或相关职业工作满5年，并在取得三级/高级工证书后从事本职业或相关职业工作满1年',
			requirements: [
				{ kind: 'work-years', years: 5, after: { titleRank: 'junior' } },
				{ kind: 'work-years', years: 1, after: { certificateLevel: 3 } }
			]
		},
		{
			id: 'L2-intermediate-title-1y',
			description: '取得相关专业中级职称后，累计从事本职业或相关职业工作满1年',
			requirements: [{ kind: 'work-years', years: 1, after: { titleRank: 'intermediate' } }]
		},
		{
			id: 'L2-technician-college-2y',
			description:
				'取得本职业或相关职业三级/高级工证书的高级技工学校、技师学院毕业生，累计从事本职业或相关职业工作满2年',
			requirements: [
				{ kind: 'certificate', level: 3 },
				{
					kind: 'education',
					schools: ['technical-school'],
					technicalSchoolGrades: ['senior-technical-school', 'technician-college'],
					statuses: ['graduated']
				},
				{ kind: 'work-years', years: 2 }
			]
		},
		{
			id: 'L2-technician-class-student',
			description: '取得本职业或相关职业三级/高级工证书满2年的技师学院预备技师班、技师班学生',
			requirements: [
				{ kind: 'certificate', level: 3, heldYears: 2 },
				{
					kind: 'education',
					schools: ['technical-school'],
					technicalClasses: ['preparatory-technician', 'technician'],
					statuses: ['enrolled', 'final-year']
				}
			]
		}
	],
	1: [
		{
			id: 'L1-cert2-5y',
			description: '取得本职业或相关职业二级/技师证书后，累计从事本职业或相关职业工作满5年',
			requirements: [{ kind: 'work-years', years: 5, after: { certificateLevel: 2 } }]
		},
		{
			id: 'L1-intermediate-title-5y',
			description:
				'取得相关专业中级职称后累计从事本职业或相关职业工作满5年，并在取得二级/技师证书后从事本职业或相关职业工作满1年',
			requirements: [
				{ kind: 'work-years', years: 5, after: { titleRank: 'intermediate' } },
				{ kind: 'work-years', years: 1, after: { certificateLevel: 2 } }
			]
		},
		{
			id: 'L1-senior-title-1y',
			description: '取得相关专业高级职称后，累计从事本职业或相关职业工作满1年',
			requirements: [{ kind: 'work-years', years: 1, after: { titleRank: 'senior' } }]
		}
	]
};

const TEMPLATE_DESCRIPTIONS = new Map(
	Object.values(TEMPLATE_2023_CONDITIONS)
		.flat()
		.map((c) => [c.id, c.description])
);

/**
 * A condition's description in the reader's language: a condition of the 2023 template by its id
 * (checks.eligibility.condition.<id>); one the centre entered as data, as written.
 */
export function conditionMessage(condition: Pick<EligibilityCondition, 'id' | 'description'>): Message {
	return TEMPLATE_DESCRIPTIONS.get(condition.id) === condition.description
		? m(`condition.${condition.id}`)
		: { key: 'checks.text', params: { text: condition.description } };
}

/** No occupation-specific deviations are known yet; the centre adds them as data. */
export const DEFAULT_ELIGIBILITY_RULES: EligibilityRules = { defaults: TEMPLATE_2023_CONDITIONS, byOccupation: {} };

export function conditionsFor(
	occupationId: string,
	level: Level,
	rules: EligibilityRules = DEFAULT_ELIGIBILITY_RULES
): EligibilityCondition[] {
	return rules.byOccupation[occupationId]?.[level] ?? rules.defaults[level];
}

/**
 * The age every condition of the level asks for (五级: 年满16周岁), or undefined when some condition
 * has no age floor. The one source of the age rule: the roster import asks it, the evaluation below
 * checks the same requirement.
 */
export function minimumAgeFor(
	occupationId: string,
	level: Level,
	rules: EligibilityRules = DEFAULT_ELIGIBILITY_RULES
): number | undefined {
	const floors = conditionsFor(occupationId, level, rules).map((c) =>
		Math.max(0, ...c.requirements.map((r) => (r.kind === 'min-age' ? r.years : 0)))
	);
	const floor = floors.length ? Math.min(...floors) : 0;
	return floor > 0 ? floor : undefined;
}

/** Why a candidate born on `birthDate` is too young for the level on `asOf`, or undefined when old enough. */
export function ageShortfall(
	occupationId: string,
	level: Level,
	birthDate: string,
	asOf: string,
	rules: EligibilityRules = DEFAULT_ELIGIBILITY_RULES
): Message | undefined {
	const years = minimumAgeFor(occupationId, level, rules);
	if (years === undefined || fullYearsBetween(birthDate, asOf) >= years) return undefined;
	return m('ageFloor', { level: { level }, years });
}

// ---------------------------------------------------------------------------------------------
// Evaluation. Every aggregate (earliest certificate, merged work periods) is independent of the
// order in which evidence was entered, so the answer is too.

/**
 * A year of work is 365 days of (merged, inclusive) work periods. This ignores leap days, in the
 * candidate's favour by at most one day per four years, so that "from 2021-05-01 to 2026-04-30"
 * counts as the full 5 years a clerk would see in it.
 */
const DAYS_PER_WORK_YEAR = 365;

interface Verdict {
	isMet: boolean;
	/** What was seen (met) or missing (unmet). */
	note: Message;
}

/** Days worked in relevant periods between `since` and `asOf`, both inclusive; overlaps counted once. */
export function relevantWorkDays(profile: Pick<CandidateProfile, 'work'>, asOf: string, since?: string): number {
	const end = toDayNumber(asOf);
	const start = since === undefined ? -Infinity : toDayNumber(since);
	const intervals = profile.work
		.filter((p) => p.isRelevant)
		.map(
			(p) =>
				[Math.max(toDayNumber(p.from), start), Math.min(p.to === undefined ? end : toDayNumber(p.to), end)] as const
		)
		.filter(([a, b]) => a <= b)
		.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
	let total = 0;
	let current: [number, number] | undefined;
	for (const [a, b] of intervals) {
		if (current && a <= current[1] + 1) {
			current[1] = Math.max(current[1], b);
		} else {
			if (current) total += current[1] - current[0] + 1;
			current = [a, b];
		}
	}
	if (current) total += current[1] - current[0] + 1;
	return total;
}

function formatYears(days: number): string {
	return (Math.floor((days / DAYS_PER_WORK_YEAR) * 10) / 10).toFixed(1);
}

function earliestCertificate(profile: CandidateProfile, level: Level): string | undefined {
	const dates = profile.certificates.filter((c) => c.isRelevant && c.level <= level).map((c) => c.issuedOn);
	return dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : undefined;
}

function earliestTitle(profile: CandidateProfile, rank: TitleRank): string | undefined {
	const dates = profile.titles
		.filter((t) => t.isRelevant && TITLE_RANK_ORDER[t.rank] >= TITLE_RANK_ORDER[rank])
		.map((t) => t.issuedOn);
	return dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : undefined;
}

const certificateName = (level: Level) => ({ msg: m('certificate', { level: { level } }) });

function ignoredNote(count: number, what: 'certificates' | 'titles'): { msg: Message } | string {
	return count > 0 ? { msg: m(`ignored.${what}`, { count }) } : '';
}

function evaluateRequirement(requirement: Requirement, profile: CandidateProfile, asOf: string): Verdict {
	switch (requirement.kind) {
		case 'min-age': {
			const age = fullYearsBetween(profile.birthDate, asOf);
			return age >= requirement.years
				? { isMet: true, note: m('age', { age }) }
				: { isMet: false, note: m('ageUnder', { asOf, age, years: requirement.years }) };
		}
		case 'works-or-intends': {
			const isWorking = relevantWorkDays(profile, asOf) > 0;
			return isWorking || profile.intendsToWorkInOccupation
				? { isMet: true, note: m(isWorking ? 'working' : 'intends') }
				: { isMet: false, note: m('neither') };
		}
		case 'work-years': {
			let since: string | undefined;
			let label: Message = m('sinceStart');
			if (requirement.after && 'certificateLevel' in requirement.after) {
				since = earliestCertificate(profile, requirement.after.certificateLevel);
				if (!since) {
					const ignored = profile.certificates.filter((c) => !c.isRelevant).length;
					return {
						isMet: false,
						note: m('noCertificate', {
							cert: certificateName(requirement.after.certificateLevel),
							ignored: ignoredNote(ignored, 'certificates')
						})
					};
				}
				label = m('sinceCertificate', { level: { level: requirement.after.certificateLevel }, date: since });
			} else if (requirement.after && 'titleRank' in requirement.after) {
				since = earliestTitle(profile, requirement.after.titleRank);
				if (!since) {
					const ignored = profile.titles.filter((t) => !t.isRelevant).length;
					return {
						isMet: false,
						note: m('noTitle', {
							title: titleName(requirement.after.titleRank),
							ignored: ignoredNote(ignored, 'titles')
						})
					};
				}
				label = m('sinceTitle', { title: titleName(requirement.after.titleRank), date: since });
			}
			if (since !== undefined && since > asOf) {
				return { isMet: false, note: m('evidenceAfter', { since, asOf }) };
			}
			const days = relevantWorkDays(profile, asOf, since);
			const needed = Math.ceil(requirement.years * DAYS_PER_WORK_YEAR);
			const params = { label: { msg: label }, years: formatYears(days), required: requirement.years };
			return days >= needed
				? { isMet: true, note: m('workYears', params) }
				: { isMet: false, note: m('workYearsShort', { ...params, days: needed - days }) };
		}
		case 'certificate': {
			const held = profile.certificates.filter(
				(c) => c.isRelevant && c.level <= requirement.level && c.issuedOn <= asOf
			);
			if (held.length === 0) {
				const ignored = profile.certificates.filter((c) => !c.isRelevant).length;
				return {
					isMet: false,
					note: m('noCertificate', {
						cert: certificateName(requirement.level),
						ignored: ignoredNote(ignored, 'certificates')
					})
				};
			}
			const earliest = held.map((c) => c.issuedOn).reduce((a, b) => (a < b ? a : b));
			if (requirement.heldYears !== undefined) {
				const years = fullYearsBetween(earliest, asOf);
				if (years < requirement.heldYears) {
					return {
						isMet: false,
						note: m('certificateHeldShort', {
							level: { level: requirement.level },
							date: earliest,
							asOf,
							years: requirement.heldYears
						})
					};
				}
			}
			return { isMet: true, note: m('certificateHeld', { cert: certificateName(requirement.level), date: earliest }) };
		}
		case 'title': {
			const since = earliestTitle(profile, requirement.rank);
			return since && since <= asOf
				? { isMet: true, note: m('titleHeld', { title: titleName(requirement.rank), date: since }) }
				: { isMet: false, note: m('noTitle', { title: titleName(requirement.rank), ignored: '' }) };
		}
		case 'education': {
			const matches = profile.education.filter((e) => educationMatches(e, requirement));
			if (matches.length > 0) {
				const byText = new Map(matches.map(describeEducation).map((d) => [JSON.stringify(d), d]));
				const names = [...byText.keys()].sort().map((k) => ({ msg: byText.get(k)! }));
				return { isMet: true, note: m('education', { list: { list: names, join: 'clauses' } }) };
			}
			return { isMet: false, note: m('noEducation', { need: { msg: describeEducationRequirement(requirement) } }) };
		}
	}
}

type EducationRequirement = Extract<Requirement, { kind: 'education' }>;
type Education = CandidateProfile['education'][number];

function educationMatches(e: Education, r: EducationRequirement): boolean {
	if (!e.isRelevant) return false;
	if (!r.schools.includes(e.school)) return false;
	if (!r.statuses.includes(e.status)) return false;
	if (r.requiresAssessedProgramme && !e.isAssessedProgramme) return false;
	if (r.minTechnicalClass) {
		if (!e.technicalClass || TECHNICAL_CLASS_ORDER[e.technicalClass] < TECHNICAL_CLASS_ORDER[r.minTechnicalClass])
			return false;
	}
	if (r.technicalClasses && (!e.technicalClass || !r.technicalClasses.includes(e.technicalClass))) return false;
	if (r.technicalSchoolGrades && (!e.technicalSchoolGrade || !r.technicalSchoolGrades.includes(e.technicalSchoolGrade)))
		return false;
	return true;
}

function describeEducation(e: Education): Message {
	const grade = e.technicalSchoolGrade ? gradeName(e.technicalSchoolGrade) : schoolName(e.school);
	const params = {
		grade,
		status: statusName(e.status),
		assessed: e.isAssessedProgramme ? { msg: m('assessed') } : ''
	};
	return e.technicalClass
		? m('educationOfClass', { ...params, cls: className(e.technicalClass) })
		: m('educationOf', params);
}

function describeEducationRequirement(r: EducationRequirement): Message {
	const schools = r.technicalSchoolGrades
		? { list: r.technicalSchoolGrades.map(gradeName), join: 'or' as const }
		: { list: r.schools.map(schoolName) };
	const cls = r.technicalClasses
		? { list: r.technicalClasses.map(className), join: 'or' as const }
		: r.minTechnicalClass
			? { msg: m('classOrAbove', { cls: className(r.minTechnicalClass) }) }
			: undefined;
	const params = {
		schools,
		assessed: r.requiresAssessedProgramme ? { msg: m('assessedNeeded') } : '',
		statuses: { list: r.statuses.map(statusName), join: 'or' as const }
	};
	return cls ? m('needOfClass', { ...params, cls }) : m('need', params);
}

export interface ConditionOutcome {
	id: string;
	/** As the data say (the centre's own conditions); `conditionMessage` words it for a reader. */
	description: string;
	/** Why it is not met (unmet) or what satisfied it (met), one line per requirement. */
	notes: Message[];
}

export type EligibilityResult =
	| { ok: true; isEligible: true; condition: ConditionOutcome }
	| { ok: true; isEligible: false; unmet: ConditionOutcome[]; summary: Message }
	| { ok: false; error: Message };

export const EligibilityRequestSchema = z.object({
	occupationId: z.string().min(1),
	level: LevelSchema,
	/** The day the review is made (or the exam day): ages and years are counted up to it. */
	asOf: IsoDateSchema,
	profile: CandidateProfileSchema
});
export type EligibilityRequest = z.input<typeof EligibilityRequestSchema>;

/**
 * Checks a candidate against the conditions of an occupation and level, in order. Returns the
 * first condition met, or every unmet condition with the reasons a clerk can read back to the candidate.
 */
export function evaluateEligibility(
	request: EligibilityRequest,
	rules: EligibilityRules = DEFAULT_ELIGIBILITY_RULES
): EligibilityResult {
	const parsed = EligibilityRequestSchema.safeParse(request);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return { ok: false, error: m('invalid', { path: issue?.path.join('.') ?? '', issue: issue?.message ?? '' }) };
	}
	const { occupationId, level, asOf, profile } = parsed.data;
	if (profile.birthDate > asOf) return { ok: false, error: m('bornAfter') };
	const conditions = conditionsFor(occupationId, level, rules);
	const unmet: ConditionOutcome[] = [];
	for (const condition of conditions) {
		const verdicts = condition.requirements.map((r) => evaluateRequirement(r, profile, asOf));
		if (verdicts.every((v) => v.isMet)) {
			return {
				ok: true,
				isEligible: true,
				condition: { id: condition.id, description: condition.description, notes: verdicts.map((v) => v.note) }
			};
		}
		unmet.push({
			id: condition.id,
			description: condition.description,
			notes: verdicts.filter((v) => !v.isMet).map((v) => v.note)
		});
	}
	return {
		ok: true,
		isEligible: false,
		unmet,
		summary: m('summary', { level: { level }, count: unmet.length })
	};
}
