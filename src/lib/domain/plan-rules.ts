// Whether an exam plan (考试计划) may be created: on a joint exam weekend, at least 10 working days
// before it (附件3), or later only with the centre's recorded exception and its reason.
import { z } from 'zod';
import { LevelSchema, catalogFor, findOccupation } from './catalog';
import { examWeekendOf, type PublishedExamDays } from './calendar';
import { checkPlanCreation, type DeadlineOptions } from './deadlines';
import { IsoDateSchema } from './iso-date';
import type { Message } from './message-text';
import { ID } from './record-schemas';

export const NewPlanSchema = z.object({
	name: z.string().trim().min(1, 'field.name').max(120, 'field.nameLength'),
	siteId: ID,
	examDate: IsoDateSchema,
	occupations: z.array(z.object({ occupationId: z.string().min(1), level: LevelSchema })).min(1, 'field.occupations'),
	expectedCandidates: z.number().int('field.countWhole').nonnegative('field.countNegative').max(20000),
	/** Set by the centre only: why a late plan is allowed (例外). */
	exceptionReason: z.string().trim().max(300).optional()
});
export type NewPlan = z.infer<typeof NewPlanSchema>;

export interface PlanCheckContext {
	/** The civil date (Beijing) the plan is created on. */
	today: string;
	isCentre: boolean;
	/** A change to an existing plan: the deadline refusal says 修改考试计划. */
	isChange?: boolean;
	published?: PublishedExamDays;
	deadlines?: DeadlineOptions;
}

export type PlanCheck =
	| { ok: true; plan: NewPlan; saturday: string; deadline: string; isException: boolean; reason: string }
	| { ok: false; error: Message; deadline?: string };

const m = (key: string, params: Message['params'] = {}): Message => ({ key: `checks.plan.${key}`, params });
/** A Chinese-only text (a schema's or the catalogue data's own words), shown as written. */

export function checkNewPlan(input: unknown, context: PlanCheckContext): PlanCheck {
	const parsed = NewPlanSchema.safeParse(input);
	if (!parsed.success) {
		// The schema's own messages are keys under checks.plan.field; zod's own words (a wrong type) are not shown.
		const issue = parsed.error.issues[0]?.message;
		return { ok: false, error: issue?.startsWith('field.') ? m(issue) : m('incomplete') };
	}
	const plan = parsed.data;
	const weekend = examWeekendOf(plan.examDate, context.published);
	if (!weekend) return { ok: false, error: m('notExamDay', { date: plan.examDate }) };
	const catalog = catalogFor(weekend.saturday);
	if (!catalog.ok) return { ok: false, error: catalog.error };
	for (const o of plan.occupations) {
		const occupation = findOccupation(catalog.catalog, o.occupationId);
		if (!occupation) return { ok: false, error: m('notInCatalog', { occupation: o.occupationId }) };
		if (!occupation.levels.some((l) => l.level === o.level))
			return { ok: false, error: m('noSuchLevel', { occupation: occupation.name, level: { level: o.level } }) };
	}
	const check = checkPlanCreation(weekend.saturday, context.today, context.deadlines, context.isChange);
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
		error: m('late', { sentence: check.message ? { msg: check.message } : check.reason })
	};
}
