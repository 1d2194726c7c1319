// The catalogue of joint-exam occupations (附件1 of 渝人社办〔2025〕121号): levels, codes, required subjects
// with their modes, durations and staff ratios. Versioned by effective date so past plans keep their rules.
import { z } from 'zod';
import { IsoDateSchema, isIsoDate } from './iso-date';
import type { Message } from './message-text';
import { issueMessage } from './schema-issue';

export const LEVELS = [5, 4, 3, 2, 1] as const;
export type Level = 1 | 2 | 3 | 4 | 5;
export const LevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const LEVEL_NAMES: Record<Level, string> = {
	5: '五级/初级工',
	4: '四级/中级工',
	3: '三级/高级工',
	2: '二级/技师',
	1: '一级/高级技师'
};

export const SUBJECT_KINDS = ['theory', 'skill', 'review'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SubjectKindSchema = z.enum(SUBJECT_KINDS);

export const SUBJECT_NAMES: Record<SubjectKind, string> = {
	theory: '理论知识考试',
	skill: '技能考核',
	review: '综合评审'
};

/** computer = 机考, paper = 纸笔作答, practical = 现场实操, oral = 答辩 (the comprehensive review). */
export const SUBJECT_MODES = ['computer', 'paper', 'practical', 'oral'] as const;
export type SubjectMode = (typeof SUBJECT_MODES)[number];
export const SubjectModeSchema = z.enum(SUBJECT_MODES);

export const MODE_NAMES: Record<SubjectMode, string> = {
	computer: '机考',
	paper: '纸笔作答',
	practical: '现场实操',
	oral: '答辩'
};

/**
 * Minimum staff for one room/group: at least one per `candidatesPerStaff` candidates (null: a fixed
 * panel regardless of numbers), never fewer than `minimum`, and an odd count when `mustBeOdd`
 * (so a panel can always reach a majority).
 */
export const StaffRatioSchema = z.object({
	role: z.enum(['invigilator', 'examiner']),
	candidatesPerStaff: z.number().int().positive().nullable(),
	minimum: z.number().int().nonnegative(),
	mustBeOdd: z.boolean()
});
export type StaffRatio = z.infer<typeof StaffRatioSchema>;

/** Defaults found in occupation standards (DOMAIN.md, "Staff ratios"); they vary per occupation. */
export const DEFAULT_STAFF_RATIOS = {
	written: { role: 'invigilator', candidatesPerStaff: 15, minimum: 2, mustBeOdd: false },
	practical: { role: 'examiner', candidatesPerStaff: 5, minimum: 3, mustBeOdd: true },
	review: { role: 'examiner', candidatesPerStaff: null, minimum: 3, mustBeOdd: true }
} as const satisfies Record<string, StaffRatio>;

export const SubjectSpecSchema = z.object({
	kind: SubjectKindSchema,
	mode: SubjectModeSchema,
	/** For theory and skill: the session length. For the review: minutes per candidate. */
	durationMinutes: z.number().int().positive(),
	staffRatio: StaffRatioSchema
});
export type SubjectSpec = z.infer<typeof SubjectSpecSchema>;

export const LevelSpecSchema = z.object({
	level: LevelSchema,
	subjects: z.array(SubjectSpecSchema).min(1)
});
export type LevelSpec = z.infer<typeof LevelSpecSchema>;

export const OccupationSchema = z.object({
	/** Stable ascii slug; never reused for another occupation. */
	id: z.string().regex(/^[a-z0-9-]+$/),
	/** 职业（工种） as printed in 附件1. */
	name: z.string().min(1),
	/** Occupation code of the 2022 classification (大典). */
	code: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/),
	/** The 工种 name when the exam is for a work type inside the occupation. */
	workType: z.string().optional(),
	levels: z.array(LevelSpecSchema).min(1)
});
export type Occupation = z.infer<typeof OccupationSchema>;

export const CatalogVersionSchema = z.object({
	id: z.string().min(1),
	effectiveFrom: IsoDateSchema,
	source: z.string(),
	occupations: z.array(OccupationSchema)
});
export type CatalogVersion = z.infer<typeof CatalogVersionSchema>;

// ---------------------------------------------------------------------------------------------
// Default subject specs. Durations are the typical minima of the occupation standards (theory 90,
// skill 60–120, review 15 per candidate); skill modes are our best reading of each standard.
// Both *vary*: the centre sets the real ones by publishing a new catalogue version.

function theory(minutes = 90): SubjectSpec {
	return { kind: 'theory', mode: 'computer', durationMinutes: minutes, staffRatio: DEFAULT_STAFF_RATIOS.written };
}
function skill(mode: 'computer' | 'paper' | 'practical', minutes: number): SubjectSpec {
	return {
		kind: 'skill',
		mode,
		durationMinutes: minutes,
		staffRatio: mode === 'practical' ? DEFAULT_STAFF_RATIOS.practical : DEFAULT_STAFF_RATIOS.written
	};
}
function review(minutesPerCandidate = 15): SubjectSpec {
	return {
		kind: 'review',
		mode: 'oral',
		durationMinutes: minutesPerCandidate,
		staffRatio: DEFAULT_STAFF_RATIOS.review
	};
}

/** Levels 2 and 1 add the comprehensive review (notice §二: 综合评审仅限技师、高级技师). */
function levels(
	list: readonly Level[],
	skillMode: 'computer' | 'paper' | 'practical',
	skillMinutes: number
): LevelSpec[] {
	return list.map((level) => ({
		level,
		subjects:
			level <= 2 ? [theory(), skill(skillMode, skillMinutes), review()] : [theory(), skill(skillMode, skillMinutes)]
	}));
}

const NOTICE_121 = '渝人社办〔2025〕121号 附件1（2025-08-10 印发）';

/** The 11 occupations of 附件1, in its order. Skill modes and durations are defaults that vary. */
export const CATALOG_2025_08: CatalogVersion = {
	id: '2025-08',
	effectiveFrom: '2025-08-10',
	source: NOTICE_121,
	occupations: [
		{ id: 'hr-manager', name: '企业人力资源管理师', code: '4-07-03-04', levels: levels([4, 3, 2, 1], 'paper', 120) },
		{ id: 'labor-dispatch', name: '劳务派遣管理员', code: '4-07-03-06', levels: levels([4, 3, 2], 'paper', 90) },
		{ id: 'property-manager', name: '物业管理师', code: '4-06-01-01', levels: levels([4, 3, 2], 'paper', 90) },
		{ id: 'health-manager', name: '健康管理师', code: '4-14-02-02', levels: levels([3, 2], 'computer', 120) },
		{ id: 'labor-relations', name: '劳动关系协调师', code: '4-07-03-02', levels: levels([4, 3, 2, 1], 'paper', 120) },
		{
			id: 'public-nutritionist',
			name: '营养师（公共营养师）',
			code: '4-14-02-01',
			workType: '公共营养师',
			levels: levels([4, 3, 2, 1], 'computer', 120)
		},
		{ id: 'career-counselor', name: '职业指导师', code: '4-07-03-01', levels: levels([4, 3], 'paper', 120) },
		{ id: 'customer-service', name: '客户服务管理员', code: '4-07-02-03', levels: levels([3, 2, 1], 'computer', 90) },
		{
			id: 'health-caregiver',
			name: '健康照护师',
			code: '4-14-01-03',
			levels: levels([5, 4, 3, 2, 1], 'practical', 60)
		},
		{
			id: 'long-term-caregiver',
			name: '健康照护师（长期照护师）',
			code: '4-14-01-03',
			workType: '长期照护师',
			levels: levels([5], 'practical', 60)
		},
		{ id: 'supply-chain', name: '供应链管理师', code: '4-02-06-05', levels: levels([3], 'computer', 120) }
	]
};

export const DEFAULT_CATALOG_VERSIONS: readonly CatalogVersion[] = [CATALOG_2025_08];

/**
 * A new version derived from `base` with some occupations replaced or added (matched by id).
 * Past versions stay untouched, so plans made under them keep their rules.
 */
export function deriveCatalogVersion(
	base: CatalogVersion,
	meta: { id: string; effectiveFrom: string; source: string },
	changedOccupations: readonly Occupation[]
): CatalogVersion {
	const byId = new Map(base.occupations.map((o) => [o.id, o]));
	for (const occupation of changedOccupations) byId.set(occupation.id, occupation);
	return { ...meta, occupations: [...byId.values()] };
}

/**
 * Example of a later version: Chongqing began levels 4 and 3 of 长期照护师 in October 2025
 * (ylbzj.cq.gov.cn, 2025-10-14). Not in the defaults because 附件1 lists level 5 only for the joint
 * exam; the centre adopts it by adding it to its versions.
 */
export const LONG_TERM_CARE_2025_10_EXAMPLE: CatalogVersion = deriveCatalogVersion(
	CATALOG_2025_08,
	{
		id: '2025-10-long-term-care',
		effectiveFrom: '2025-10-14',
		source: 'http://ylbzj.cq.gov.cn/zwgk_535/gstz/202510/t20251014_15080524.html'
	},
	[
		{
			id: 'long-term-caregiver',
			name: '健康照护师（长期照护师）',
			code: '4-14-01-03',
			workType: '长期照护师',
			levels: levels([5, 4, 3], 'practical', 60)
		}
	]
);

/** A refusal of the catalogue (checks.catalog.*), worded in the reader's language by whoever shows it. */
export type CatalogResult = { ok: true; catalog: CatalogVersion } | { ok: false; error: Message };
const refusal = (key: string, params: Message['params'] = {}): { ok: false; error: Message } => ({
	ok: false,
	error: { key: `checks.catalog.${key}`, params }
});

/** The version in force on `date`: the latest whose effective date is on or before it. */
export function catalogFor(
	date: string,
	versions: readonly CatalogVersion[] = DEFAULT_CATALOG_VERSIONS
): CatalogResult {
	if (!isIsoDate(date)) return refusal('badDate', { date });
	let best: CatalogVersion | undefined;
	for (const version of versions) {
		if (version.effectiveFrom <= date && (!best || version.effectiveFrom > best.effectiveFrom)) best = version;
	}
	if (!best) return refusal('noneInForce', { date });
	return { ok: true, catalog: best };
}

/** A stored version by id: plans record the id they were made under and look it up, never by date. */
export function catalogById(id: string, versions: readonly CatalogVersion[] = DEFAULT_CATALOG_VERSIONS): CatalogResult {
	const found = versions.find((v) => v.id === id);
	return found ? { ok: true, catalog: found } : refusal('noVersion', { id });
}

/** Parses catalogue data entered or imported by the centre. */
export function parseCatalogVersion(input: unknown): CatalogResult {
	const parsed = CatalogVersionSchema.safeParse(input);
	if (!parsed.success) {
		return refusal('invalid', { why: { msg: issueMessage(parsed.error.issues[0]) } });
	}
	const ids = new Set<string>();
	for (const occupation of parsed.data.occupations) {
		if (ids.has(occupation.id)) return refusal('idTwice', { id: occupation.id });
		ids.add(occupation.id);
		const levelsSeen = new Set<number>();
		for (const spec of occupation.levels) {
			if (levelsSeen.has(spec.level))
				return refusal('levelTwice', { occupation: occupation.name, level: { level: spec.level } });
			levelsSeen.add(spec.level);
			const kinds = spec.subjects.map((s) => s.kind);
			if (!kinds.includes('theory') || !kinds.includes('skill')) {
				return refusal('needsTheoryAndSkill', { occupation: occupation.name, level: { level: spec.level } });
			}
			if (spec.level <= 2 && !kinds.includes('review')) {
				return refusal('needsReview', { occupation: occupation.name, level: { level: spec.level } });
			}
		}
	}
	return { ok: true, catalog: parsed.data };
}

export function findOccupation(catalog: CatalogVersion, occupationId: string): Occupation | undefined {
	return catalog.occupations.find((o) => o.id === occupationId);
}

export type SubjectsResult =
	{ ok: true; occupation: Occupation; subjects: SubjectSpec[] } | { ok: false; error: Message };

/** The subjects a candidate of `occupationId` at `level` must sit, or why that combination is not offered. */
export function subjectsFor(catalog: CatalogVersion, occupationId: string, level: Level): SubjectsResult {
	const occupation = findOccupation(catalog, occupationId);
	if (!occupation) return refusal('noOccupation', { catalog: catalog.id, occupation: occupationId });
	const spec = occupation.levels.find((l) => l.level === level);
	if (!spec) {
		const offered = { list: occupation.levels.map((l) => ({ level: l.level })) };
		return refusal('noLevel', { occupation: occupation.name, level: { level }, offered });
	}
	return { ok: true, occupation, subjects: spec.subjects };
}

export function requiredSubjectKinds(catalog: CatalogVersion, occupationId: string, level: Level): SubjectKind[] {
	const result = subjectsFor(catalog, occupationId, level);
	return result.ok ? result.subjects.map((s) => s.kind) : [];
}

/** Display name of an occupation with its level, e.g. "企业人力资源管理师 三级/高级工". */
export function occupationLevelName(occupation: Occupation, level: Level): string {
	return `${occupation.name} ${LEVEL_NAMES[level]}`;
}

/**
 * How a subject gets its score: `import` for what candidates answer on paper or on computer (a file
 * from the exam platform or the marking), `sheets` for what examiners watch (practical tasks and the
 * defence of the comprehensive review), scored on score sheets. A plan may also give a written paper
 * to an examiner group to mark on sheets: the group then decides (reconcile.ts).
 */
export type ScoreSource = 'import' | 'sheets';

export function scoreSourceOf(spec: Pick<SubjectSpec, 'mode'>): ScoreSource {
	return spec.mode === 'computer' || spec.mode === 'paper' ? 'import' : 'sheets';
}

/** The spec of one subject of a candidate's occupation and level, if the catalogue has it. */
export function subjectSpecOf(
	catalog: CatalogVersion,
	occupationId: string,
	level: Level,
	kind: SubjectKind
): SubjectSpec | undefined {
	const result = subjectsFor(catalog, occupationId, level);
	return result.ok ? result.subjects.find((s) => s.kind === kind) : undefined;
}
