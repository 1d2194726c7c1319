// Whether an exam plan (考试计划) may be created: on a joint exam weekend, at least 10 working days
// before it (附件3), or later only with the centre's recorded exception and its reason.
import { z } from 'zod';
import { LevelSchema, catalogFor, findOccupation, LEVEL_NAMES } from './catalog';
import { examWeekendOf, type PublishedExamDays } from './calendar';
import { checkPlanCreation, type DeadlineOptions } from './deadlines';
import { IsoDateSchema } from './iso-date';
import { ID } from './record-schemas';

export const NewPlanSchema = z.object({
	name: z.string().trim().min(1, '请填写计划名称').max(120, '计划名称最多 120 个字'),
	siteId: ID,
	examDate: IsoDateSchema,
	occupations: z
		.array(z.object({ occupationId: z.string().min(1), level: LevelSchema }))
		.min(1, '请至少选择一个职业等级'),
	expectedCandidates: z.number().int('预计人数应为整数').nonnegative('预计人数不能为负数').max(20000),
	/** Set by the centre only: why a late plan is allowed (例外). */
	exceptionReason: z.string().trim().max(300).optional()
});
export type NewPlan = z.infer<typeof NewPlanSchema>;

export interface PlanCheckContext {
	/** The civil date (Beijing) the plan is created on. */
	today: string;
	isCentre: boolean;
	published?: PublishedExamDays;
	deadlines?: DeadlineOptions;
}

export type PlanCheck =
	| { ok: true; plan: NewPlan; saturday: string; deadline: string; isException: boolean; reason: string }
	| { ok: false; error: string; deadline?: string };

export function checkNewPlan(input: unknown, context: PlanCheckContext): PlanCheck {
	const parsed = NewPlanSchema.safeParse(input);
	if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? '考试计划信息不完整' };
	const plan = parsed.data;
	const weekend = examWeekendOf(plan.examDate, context.published);
	if (!weekend)
		return {
			ok: false,
			error: `${plan.examDate} 不是联考日，考试计划只能安排在联考日（1、3、5、7、9、11 月第三周的周末）`
		};
	const catalog = catalogFor(weekend.saturday);
	if (!catalog.ok) return { ok: false, error: catalog.error };
	for (const o of plan.occupations) {
		const occupation = findOccupation(catalog.catalog, o.occupationId);
		if (!occupation) return { ok: false, error: `职业“${o.occupationId}”不在联考目录中` };
		if (!occupation.levels.some((l) => l.level === o.level))
			return { ok: false, error: `${occupation.name}没有${LEVEL_NAMES[o.level]}` };
	}
	const check = checkPlanCreation(weekend.saturday, context.today, context.deadlines);
	if (check.isInTime)
		return {
			ok: true,
			plan,
			saturday: weekend.saturday,
			deadline: check.deadline,
			isException: false,
			reason: check.reason
		};
	if (context.isCentre && plan.exceptionReason) {
		return {
			ok: true,
			plan,
			saturday: weekend.saturday,
			deadline: check.deadline,
			isException: true,
			reason: `${check.reason}；中心例外批准：${plan.exceptionReason}`
		};
	}
	return {
		ok: false,
		deadline: check.deadline,
		error: `${check.reason}。如确有特殊情况，须由市职鉴中心登记例外并说明理由`
	};
}
