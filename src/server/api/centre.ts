// The centre's administration over /api (centre admins only): sites, joint exam days, holiday
// years, former occupation names, organisations and accounts. Every change is checked by the
// domain, kept in SQLite and published into the config document, which only the server writes.
import { z } from 'zod';
import { holidayDataCoverage } from '../../lib/domain/working-days';
import { examYearOverview } from '../../lib/domain/centre-config';
import type { Result } from '../../lib/domain/centre-config';
import {
	addUser,
	centreFacts,
	currentCatalog,
	listExamMonths,
	listFormerNames,
	listHolidayYears,
	listSites,
	publishCentre,
	removeFormerName,
	resetExamMonth,
	resetPassword,
	saveFormerName,
	saveHolidayYear,
	saveOrganisation,
	saveSite,
	setExamMonth,
	setUserDisabled
} from '../centre-admin';
import { ApiError, apiMessage, json, worded, type ApiContext, type ApiRoute } from './router';
import { staffDoubleBookingsFrom } from './plans';

function beijingToday(): string {
	return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function requireCentre(ctx: ApiContext): { id: string; today: string } {
	if (ctx.user.role !== 'centre-admin') throw new ApiError(403, 'forbidden', apiMessage('centreOnly'));
	return { id: ctx.user.id, today: ctx.deps.today ?? beijingToday() };
}

async function answer<T>(ctx: ApiContext, result: Result<T> | Promise<Result<T>>, status = 200): Promise<void> {
	const r = await result;
	if (!r.ok) return json(ctx.res, 422, { error: 'refused', ...worded(r.error) });
	await publishCentre(ctx.deps.store, ctx.deps.sync);
	json(ctx.res, status, { ok: true, value: r.value });
}

/** Every person (proctor, examiner…) in two places at the same hours across plans, today and after. */
async function staffConflicts(ctx: ApiContext): Promise<void> {
	const actor = requireCentre(ctx);
	json(ctx.res, 200, { today: actor.today, conflicts: await staffDoubleBookingsFrom(ctx.deps.store, actor.today) });
}

async function overview(ctx: ApiContext): Promise<void> {
	const actor = requireCentre(ctx);
	const { store } = ctx.deps;
	const year = Number(actor.today.slice(0, 4));
	const months = await listExamMonths(store);
	const facts = await centreFacts(store);
	json(ctx.res, 200, {
		today: actor.today,
		catalog: currentCatalog(actor.today),
		sites: await listSites(store),
		examYears: [year, year + 1].map((y) => ({ year: y, months: examYearOverview(y, months) })),
		holidayYears: await listHolidayYears(store),
		holidayCoverage: holidayDataCoverage(facts.calendar),
		formerNames: await listFormerNames(store),
		organisations: await store.listOrganisations(),
		users: (await store.listUsers()).map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			role: u.role,
			organisationId: u.organisationId,
			isDisabled: u.isDisabled
		}))
	});
}

const resetSchema = z.object({ month: z.string() });
const disableSchema = z.object({ isDisabled: z.boolean() });
const passwordSchema = z.object({ password: z.string().optional() });

export const centreRoutes: ApiRoute[] = [
	{ method: 'GET', path: '/api/centre', handle: overview },
	{ method: 'GET', path: '/api/centre/staff-conflicts', handle: staffConflicts },
	{
		method: 'POST',
		path: '/api/centre/sites',
		handle: async (ctx) => answer(ctx, saveSite(ctx.deps.store, await ctx.body(), requireCentre(ctx)))
	},
	{
		method: 'POST',
		path: '/api/centre/exam-days',
		handle: async (ctx) => {
			const actor = requireCentre(ctx);
			const body = await ctx.body();
			if ((body as { action?: string })?.action === 'reset') {
				const parsed = resetSchema.safeParse(body);
				if (!parsed.success) throw new ApiError(400, 'invalid', apiMessage('chooseMonth'));
				await resetExamMonth(ctx.deps.store, parsed.data.month);
				return answer(ctx, { ok: true, value: null });
			}
			return answer(ctx, setExamMonth(ctx.deps.store, body, actor));
		}
	},
	{
		method: 'POST',
		path: '/api/centre/holiday-years',
		handle: async (ctx) => answer(ctx, saveHolidayYear(ctx.deps.store, await ctx.body(), requireCentre(ctx)))
	},
	{
		method: 'POST',
		path: '/api/centre/former-names',
		handle: async (ctx) => answer(ctx, saveFormerName(ctx.deps.store, await ctx.body(), requireCentre(ctx)))
	},
	{
		method: 'DELETE',
		path: '/api/centre/former-names/:name',
		handle: async (ctx) => {
			requireCentre(ctx);
			await removeFormerName(ctx.deps.store, ctx.params.name);
			return answer(ctx, { ok: true, value: null });
		}
	},
	{
		method: 'POST',
		path: '/api/centre/organisations',
		handle: async (ctx) => {
			requireCentre(ctx);
			return answer(ctx, saveOrganisation(ctx.deps.store, await ctx.body()));
		}
	},
	{
		method: 'POST',
		path: '/api/centre/users',
		handle: async (ctx) => {
			requireCentre(ctx);
			const result = await addUser(ctx.deps.store, await ctx.body());
			return answer(
				ctx,
				result.ok ? { ok: true, value: { id: result.value.user.id, password: result.value.password } } : result,
				201
			);
		}
	},
	{
		method: 'POST',
		path: '/api/centre/users/:userId/password',
		handle: async (ctx) => {
			requireCentre(ctx);
			const parsed = passwordSchema.safeParse(await ctx.body());
			if (!parsed.success) throw new ApiError(400, 'invalid', apiMessage('badPassword'));
			const result = await resetPassword(ctx.deps.store, ctx.params.userId, parsed.data.password);
			await ctx.deps.onRevoked?.();
			return answer(ctx, result);
		}
	},
	{
		method: 'POST',
		path: '/api/centre/users/:userId/disabled',
		handle: async (ctx) => {
			requireCentre(ctx);
			const parsed = disableSchema.safeParse(await ctx.body());
			if (!parsed.success) throw new ApiError(400, 'invalid', apiMessage('badRequest'));
			const result = await setUserDisabled(ctx.deps.store, ctx.params.userId, parsed.data.isDisabled);
			await ctx.deps.onRevoked?.();
			return answer(ctx, result);
		}
	}
];
