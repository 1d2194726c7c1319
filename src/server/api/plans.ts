// Before the day (issue 5): what only the server can do for plans — register a plan (registry row +
// plan info, with the 10-working-day deadline enforced here), sign admission tickets, and record the
// district bureau's review and spot checks (the district only reads the plan document).
import * as Y from 'yjs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkNewPlan } from '../../lib/domain/plan-rules';
import { siteRefusal } from '../../lib/domain/centre-config';
import {
	approvalRefusal,
	planContentHash,
	staleRefusal,
	reviewChecks,
	reviewState,
	type ReviewInput
} from '../../lib/domain/plan-review';
import {
	crossPlanConflicts,
	staffBookings,
	staffDoubleBookings,
	type StaffDoubleBooking,
	type CrossPlanConflict,
	type StaffBooking
} from '../../lib/domain/cross-plan';
import { catalogFor, findOccupation, occupationLevelName, type Level } from '../../lib/domain/catalog';
import { strandedBy, strandingMessage } from '../../lib/domain/plan-flow';
import type { Message } from '../../lib/domain/message-text';
import { zhText } from '../../lib/i18n/plain-translator';
import type { ScoreSheetData } from '../../lib/domain/day-entries';
import { centreFacts } from '../centre-admin';
import {
	staffAssignmentSchema,
	type Candidate,
	type DistrictReview,
	type ExamSession,
	type Group,
	type Person,
	type Room,
	type PlanInfo,
	type Seat,
	type Site,
	type SpotCheck,
	type StaffAssignment
} from '../../lib/domain/record-schemas';
import { readDocContent } from '../../lib/sync/doc-content';
import { planMapsOf } from '../../lib/domain/plan-maps';
import { configDoc, planDoc, registryDoc } from '../../lib/sync/doc-names';
import { accessFor } from '../access';
import { refreshPlanAccess } from '../sync-server';
import type { Store, UserRow } from '../store';
import { ApiError, apiMessage, json, worded, type ApiContext, type ApiRoute } from './router';

function beijingToday(): string {
	return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function readDoc(store: Store, name: string) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await store.loadDocState(name));
	return readDocContent(name, doc);
}

/** A plan's maps as everyone reads them: its arrangements, with info and examiners from the registry. */
async function readPlan(store: Store, planId: string) {
	return planMapsOf((await readDoc(store, planDoc(planId))).maps, (await readDoc(store, registryDoc(planId))).maps);
}

async function planAccess(ctx: ApiContext, planId: string) {
	const { store } = ctx.deps;
	const plan = await store.getPlan(planId);
	if (!plan) throw new ApiError(404, 'no-plan', apiMessage('noPlan'));
	const org = await store.getOrganisation(ctx.user.organisationId);
	const access = accessFor(planDoc(planId), {
		user: {
			id: ctx.user.id,
			role: ctx.user.role,
			organisationId: ctx.user.organisationId,
			district: org?.district ?? ''
		},
		plan,
		isAssignedToPlan: await store.isAssigned(planId, ctx.user.id)
	});
	return { plan, access, org };
}

async function requireDistrictOf(ctx: ApiContext, planId: string) {
	const { plan, org } = await planAccess(ctx, planId);
	if (ctx.user.role !== 'district-bureau' || org?.district !== plan.district) {
		throw new ApiError(403, 'forbidden', apiMessage('reviewDistrictOnly'));
	}
	return plan;
}

/** A site the centre keeps (SQLite), or one only in the config document (written before sites were kept there). */
async function findSite(store: Store, siteId: string): Promise<Site | undefined> {
	return (
		(await centreFacts(store)).sites.find((s) => s.id === siteId) ??
		(((await readDoc(store, configDoc())).maps.sites as Map<string, Site> | undefined)?.get(siteId) as Site | undefined)
	);
}

function siteRefusalOn(examDate: string, site: Site, occupations: PlanInfo['occupations']): string | Message | null {
	const catalog = catalogFor(examDate);
	return catalog.ok ? siteRefusal(catalog.catalog, site, occupations) : catalog.error;
}

const createSchema = z.looseObject({ institutionId: z.string().optional() });

export type PlanRegistration =
	| { ok: true; info: PlanInfo; deadline: string; reason: string }
	| { ok: false; status: number; code: string; message: string | Message; deadline?: string };

/**
 * Registers a plan as the centre's rules allow it on `today` (Beijing date): the new-plan checks, the
 * site's occupations, the registry row and the plan info (server-written). `POST /api/plans` and the
 * demo seeds both come through here.
 */
export async function registerPlan(
	deps: { store: Store; sync: ApiContext['deps']['sync'] },
	by: { id: string; role: UserRow['role'] },
	institutionId: string | undefined,
	input: unknown,
	options: { today: string; planId?: string; createdAt?: string }
): Promise<PlanRegistration> {
	const { store, sync } = deps;
	const institution = institutionId ? await store.getOrganisation(institutionId) : undefined;
	if (!institution || institution.kind !== 'institution')
		return { ok: false, status: 400, code: 'no-institution', message: apiMessage('noInstitution') };
	const facts = await centreFacts(store);
	const check = checkNewPlan(input, {
		today: options.today,
		isCentre: by.role === 'centre-admin',
		published: facts.published,
		deadlines: { calendar: facts.calendar }
	});
	if (!check.ok) return { ok: false, status: 422, code: 'refused', message: check.error, deadline: check.deadline };

	const site = await findSite(store, check.plan.siteId);
	if (!site) return { ok: false, status: 400, code: 'no-site', message: apiMessage('noSite') };
	const refusal = siteRefusalOn(check.saturday, site, check.plan.occupations);
	if (refusal) return { ok: false, status: 422, code: 'site-occupation', message: refusal };

	const planId = options.planId ?? `p${check.saturday.replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
	const createdAt = options.createdAt ?? new Date().toISOString();
	const info: PlanInfo = {
		v: 1,
		id: planId,
		name: check.plan.name,
		institutionId: institution.id,
		siteId: site.id,
		examDate: check.saturday,
		occupations: check.plan.occupations,
		expectedCandidates: check.plan.expectedCandidates,
		createdAt,
		createdBy: by.id,
		planDeadline: check.deadline,
		...(check.isException
			? { deadlineException: { reason: check.plan.exceptionReason, by: by.id, at: createdAt } }
			: {})
	};
	await store.insertPlan({
		id: planId,
		institutionId: institution.id,
		district: institution.district,
		examDate: check.saturday,
		createdAt
	});
	await sync.transactAsServer(registryDoc(planId), (doc) => doc.getMap('plan').set('info', info));
	return { ok: true, info, deadline: check.deadline, reason: check.reason };
}

async function createPlan(ctx: ApiContext): Promise<void> {
	const user: UserRow = ctx.user;
	if (user.role !== 'institution-admin' && user.role !== 'centre-admin') {
		throw new ApiError(403, 'forbidden', apiMessage('createForbidden'));
	}
	const body = await ctx.body();
	const extra = createSchema.safeParse(body);
	const institutionId =
		user.role === 'centre-admin' ? (extra.success ? extra.data.institutionId : undefined) : user.organisationId;
	const result = await registerPlan(ctx.deps, user, institutionId, body, {
		today: ctx.deps.today ?? beijingToday()
	});
	if (!result.ok) {
		if (result.code === 'refused')
			return json(ctx.res, 422, { error: 'refused', ...worded(result.message), deadline: result.deadline });
		throw new ApiError(result.status, result.code, result.message);
	}
	json(ctx.res, 201, {
		planId: result.info.id,
		examDate: result.info.examDate,
		deadline: result.deadline,
		reason: result.reason
	});
}

/**
 * What dropping occupations/levels would strand (approved candidates, groups and their examiners,
 * submitted score sheets from the day documents), as the refusal's message and list; null if nothing.
 */
async function strandingOf(
	store: Store,
	planId: string,
	next: PlanInfo['occupations'],
	examDate: string
): Promise<{ message: string; msg: Message; stranded: Record<string, string[]> } | null> {
	const maps = await readPlan(store, planId);
	const values = <T>(name: string) => [...((maps[name]?.values() ?? []) as Iterable<T>)];
	const scored = new Set<string>();
	for (const name of (await store.listDocs()).filter((d) => d.startsWith(`day:${planId}:`)))
		for (const e of (await readDoc(store, name)).entries)
			if (e.kind === 'score-sheet' && e.candidateId && (e.data as ScoreSheetData).isSubmitted)
				scored.add(e.candidateId);
	const s = strandedBy(
		next,
		{
			candidates: values<Candidate>('candidates'),
			groups: values<Group>('groups'),
			staff: values<StaffAssignment>('staff')
		},
		scored
	);
	if (!s) return null;
	const catalog = catalogFor(examDate);
	const levelName = (o: { occupationId: string; level: Level }) => {
		const occupation = catalog.ok ? findOccupation(catalog.catalog, o.occupationId) : undefined;
		return occupation ? occupationLevelName(occupation, o.level) : `${o.occupationId} ${o.level}`;
	};
	const message = strandingMessage(s, levelName);
	return {
		message: zhText(message),
		msg: message,
		stranded: {
			candidates: s.candidates.map((c) => c.id),
			groups: s.groups.map((g) => g.id),
			examiners: s.examiners.map((a) => a.id),
			scored: s.scored.map((c) => c.id)
		}
	};
}

/** Changes name, occupations or expected numbers: refused after the plan deadline like creation. */
async function updatePlan(ctx: ApiContext): Promise<void> {
	const { store, sync } = ctx.deps;
	const { planId } = ctx.params;
	const { access } = await planAccess(ctx, planId);
	const isCentre = ctx.user.role === 'centre-admin';
	if (access !== 'write' && !isCentre) throw new ApiError(403, 'forbidden', apiMessage('editForbidden'));
	const current = (await readPlan(store, planId)).plan?.get('info') as PlanInfo | undefined;
	if (!current) throw new ApiError(404, 'no-plan', apiMessage('planNotSavedEdit'));
	const body = (await ctx.body()) as Record<string, unknown>;
	const today = ctx.deps.today ?? beijingToday();
	const facts = await centreFacts(store);
	const check = checkNewPlan(
		{ ...body, siteId: current.siteId, examDate: current.examDate },
		{ today, isCentre, isChange: true, published: facts.published, deadlines: { calendar: facts.calendar } }
	);
	if (!check.ok) return json(ctx.res, 422, { error: 'refused', ...worded(check.error), deadline: check.deadline });
	const site = await findSite(store, current.siteId);
	const refusal = site ? siteRefusalOn(check.saturday, site, check.plan.occupations) : null;
	if (refusal) throw new ApiError(422, 'site-occupation', refusal);
	const stranding = await strandingOf(store, planId, check.plan.occupations, current.examDate);
	if (stranding) return json(ctx.res, 409, { error: 'strands', ...stranding });
	const at = new Date().toISOString();
	const info: PlanInfo = {
		...current,
		name: check.plan.name,
		occupations: check.plan.occupations,
		expectedCandidates: check.plan.expectedCandidates,
		updatedAt: at,
		updatedBy: ctx.user.id,
		...(check.isException ? { deadlineException: { reason: check.plan.exceptionReason, by: ctx.user.id, at } } : {})
	};
	await sync.transactAsServer(registryDoc(planId), (doc) => doc.getMap('plan').set('info', info));
	json(ctx.res, 200, { info });
}

/** Signs the QR payload of every approved, seated candidate with an admission number. */
async function signTickets(ctx: ApiContext): Promise<void> {
	const { planId } = ctx.params;
	const { access } = await planAccess(ctx, planId);
	if (access !== 'write' && ctx.user.role !== 'centre-admin')
		throw new ApiError(403, 'forbidden', apiMessage('ticketsForbidden'));
	const maps = (await readDoc(ctx.deps.store, planDoc(planId))).maps;
	const seated = new Set([...((maps.seats as Map<string, Seat>)?.values() ?? [])].map((s) => s.candidateId));
	const tickets: Record<string, string> = {};
	const skipped: { candidateId: string; reason: string }[] = [];
	for (const c of (maps.candidates as Map<string, Candidate>)?.values() ?? []) {
		if (c.eligibility.status !== 'approved') skipped.push({ candidateId: c.id, reason: '资格审核未通过' });
		else if (!seated.has(c.id) || !c.admissionNo) skipped.push({ candidateId: c.id, reason: '尚未编排座位' });
		else tickets[c.id] = ctx.deps.tickets.sign({ p: planId, c: c.id, a: c.admissionNo, n: c.name });
	}
	json(ctx.res, 200, { tickets, skipped });
}

const reviewSchema = z.object({
	decision: z.enum(['approved', 'returned']),
	/** The content the district looked at (planContentHash on its device). */
	contentHash: z.string().min(1).max(64),
	comment: z.string().trim().max(500),
	exceptionReason: z.string().trim().max(500).optional()
});

/** The plan as the review rules read it, from what SQLite holds (never from the client). */
async function reviewInputOf(store: Store, planId: string): Promise<ReviewInput & { records: DistrictReview[] }> {
	const registry = (await readDoc(store, registryDoc(planId))).maps;
	const maps = planMapsOf((await readDoc(store, planDoc(planId))).maps, registry);
	const config = (await readDoc(store, configDoc())).maps;
	const list = <T>(name: string) => [...((maps[name]?.values() ?? []) as Iterable<T>)];
	const info = maps.plan?.get('info') as PlanInfo | undefined;
	if (!info) throw new ApiError(404, 'no-plan', apiMessage('planNotSaved'));
	return {
		info,
		candidates: list<Candidate>('candidates'),
		rooms: list<Room>('rooms'),
		sessions: list<ExamSession>('sessions'),
		seats: list<Seat>('seats'),
		groups: list<Group>('groups'),
		staff: list<StaffAssignment>('staff'),
		spotChecks: [...((registry.spotChecks?.values() ?? []) as Iterable<SpotCheck>)],
		people: [...((config.directory?.values() ?? []) as Iterable<Person>)],
		records: [...((registry.districtReviews?.values() ?? []) as Iterable<DistrictReview>)],
		crossPlan: await crossPlanOf(store, info, maps, [...((config.directory?.values() ?? []) as Iterable<Person>)])
	};
}

type DocMaps = Awaited<ReturnType<typeof readDoc>>['maps'];

function bookingsOf(info: PlanInfo, maps: DocMaps, people: readonly Person[]): StaffBooking[] {
	const list = <T>(name: string) => [...((maps[name]?.values() ?? []) as Iterable<T>)];
	return staffBookings(
		info,
		list<ExamSession>('sessions'),
		list<Room>('rooms'),
		list<Group>('groups'),
		list<StaffAssignment>('staff'),
		people
	);
}

/** The plan's staff booked at the same hours in other plans of the same exam day (only the server sees them all). */
async function crossPlanOf(
	store: Store,
	info: PlanInfo,
	maps: DocMaps,
	people: readonly Person[]
): Promise<CrossPlanConflict[]> {
	const own = bookingsOf(info, maps, people);
	if (!own.length) return [];
	const others: StaffBooking[] = [];
	for (const row of await store.listPlans()) {
		if (row.id === info.id || row.examDate !== info.examDate) continue;
		const other = await readPlan(store, row.id);
		const otherInfo = other.plan?.get('info') as PlanInfo | undefined;
		if (otherInfo) others.push(...bookingsOf(otherInfo, other, people));
	}
	return crossPlanConflicts(own, others);
}

/**
 * Every person in two places at the same hours across plans, on exam days from `from` on (the
 * centre's list; only the server sees every plan).
 */
export async function staffDoubleBookingsFrom(store: Store, from: string): Promise<StaffDoubleBooking[]> {
	const people = [...(((await readDoc(store, configDoc())).maps.directory?.values() ?? []) as Iterable<Person>)];
	const bookings: StaffBooking[] = [];
	for (const row of await store.listPlans()) {
		if (row.examDate < from) continue;
		const maps = await readPlan(store, row.id);
		const info = maps.plan?.get('info') as PlanInfo | undefined;
		if (info) bookings.push(...bookingsOf(info, maps, people));
	}
	return staffDoubleBookings(bookings);
}

/** Staff of this plan booked elsewhere at the same hours, for the staff and review pages. */
async function planConflicts(ctx: ApiContext): Promise<void> {
	const { planId } = ctx.params;
	const { access } = await planAccess(ctx, planId);
	const isReviewer = access === 'read' && ['centre-admin', 'district-bureau'].includes(ctx.user.role);
	if (access !== 'write' && !isReviewer) throw new ApiError(403, 'forbidden', apiMessage('conflictsForbidden'));
	const { crossPlan } = await reviewInputOf(ctx.deps.store, planId);
	json(ctx.res, 200, { conflicts: crossPlan });
}

function newReviewId(): string {
	return `dr-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
}

/** The institution submits its plan for the district's review (提交审核), bound to the content submitted. */
async function submitForReview(ctx: ApiContext): Promise<void> {
	const { store, sync } = ctx.deps;
	const { planId } = ctx.params;
	const { access } = await planAccess(ctx, planId);
	if (access !== 'write') throw new ApiError(403, 'forbidden', apiMessage('submitForbidden'));
	const seen = z.object({ contentHash: z.string().min(1).max(64) }).safeParse(await ctx.body());
	if (!seen.success) throw new ApiError(400, 'invalid', apiMessage('submitNeedsHash'));
	const input = await reviewInputOf(store, planId);
	const hash = planContentHash(input);
	const stale = staleRefusal(seen.data.contentHash, hash, 'institution');
	if (stale) return json(ctx.res, 409, { error: 'stale', message: zhText(stale), msg: stale });
	const state = reviewState(input.records, hash);
	if (state.kind === 'submitted' && state.last?.contentHash === hash)
		throw new ApiError(409, 'already-submitted', apiMessage('alreadySubmitted'));
	if (state.kind === 'approved') throw new ApiError(409, 'approved', apiMessage('alreadyApproved'));
	const record: DistrictReview = {
		v: 2,
		id: newReviewId(),
		decision: 'submitted',
		comment: '',
		contentHash: hash,
		by: ctx.user.id,
		byName: ctx.user.displayName,
		at: new Date().toISOString()
	};
	await sync.transactAsServer(registryDoc(planId), (doc) => doc.getMap('districtReviews').set(record.id, record));
	json(ctx.res, 201, { review: record });
}

async function districtReview(ctx: ApiContext): Promise<void> {
	const plan = await requireDistrictOf(ctx, ctx.params.planId);
	const parsed = reviewSchema.safeParse(await ctx.body());
	if (!parsed.success) throw new ApiError(400, 'invalid', apiMessage('chooseDecision'));
	if (parsed.data.decision === 'returned' && !parsed.data.comment)
		throw new ApiError(400, 'comment', apiMessage('returnNeedsComment'));
	const input = await reviewInputOf(ctx.deps.store, plan.id);
	const hash = planContentHash(input);
	const stale = staleRefusal(parsed.data.contentHash, hash, 'district');
	if (stale) return json(ctx.res, 409, { error: 'stale', message: zhText(stale), msg: stale });
	const today = ctx.deps.today ?? beijingToday();
	const checks = reviewChecks(input, today, { calendar: (await centreFacts(ctx.deps.store)).calendar });
	const failing = checks.filter((c) => !c.isOk).map((c) => c.message);
	if (parsed.data.decision === 'approved') {
		const refusal = approvalRefusal(reviewState(input.records, hash), checks, parsed.data.exceptionReason);
		if (refusal)
			return json(ctx.res, 422, {
				error: 'refused',
				message: zhText(refusal),
				msg: refusal,
				failing: failing.map(zhText),
				failingMessages: failing
			});
	}
	const review: DistrictReview = {
		v: 2,
		id: newReviewId(),
		decision: parsed.data.decision,
		comment: parsed.data.comment,
		contentHash: hash,
		...(failing.length ? { failingChecks: failing.map(zhText), failing } : {}),
		...(parsed.data.decision === 'approved' && failing.length && parsed.data.exceptionReason
			? { exceptionReason: parsed.data.exceptionReason }
			: {}),
		by: ctx.user.id,
		byName: ctx.user.displayName,
		at: new Date().toISOString()
	};
	await ctx.deps.sync.transactAsServer(registryDoc(plan.id), (doc) =>
		doc.getMap('districtReviews').set(review.id, review)
	);
	json(ctx.res, 201, { review });
}

const spotSchema = z.object({
	candidateIds: z.array(z.string().min(1)).min(1).max(500),
	isConfirmed: z.boolean(),
	note: z.string().trim().max(200).optional()
});

async function spotCheck(ctx: ApiContext): Promise<void> {
	const plan = await requireDistrictOf(ctx, ctx.params.planId);
	const parsed = spotSchema.safeParse(await ctx.body());
	if (!parsed.success) throw new ApiError(400, 'invalid', apiMessage('chooseSpotCheck'));
	const at = new Date().toISOString();
	await ctx.deps.sync.transactAsServer(registryDoc(plan.id), (doc) => {
		for (const candidateId of parsed.data.candidateIds) {
			const check: SpotCheck = {
				v: 1,
				candidateId,
				isConfirmed: parsed.data.isConfirmed,
				by: ctx.user.id,
				byName: ctx.user.displayName,
				at,
				...(parsed.data.note ? { note: parsed.data.note } : {})
			};
			doc.getMap('spotChecks').set(candidateId, check);
		}
	});
	json(ctx.res, 201, { count: parsed.data.candidateIds.length });
}

const dispatchSchema = z.object({
	action: z.enum(['add', 'remove']),
	assignment: staffAssignmentSchema
});

/**
 * Examiners dispatched to a plan (交叉派遣) are written by the server only, into the plan's registry
 * document: a dispatch grants access to the plan's documents, so it is never the institution's to
 * write. Used by the centre's screen (below) and the demo seed alike.
 */
export async function dispatchExaminers(
	sync: Pick<ApiContext['deps']['sync'], 'transactAsServer'>,
	planId: string,
	add: StaffAssignment[],
	remove: string[] = []
): Promise<void> {
	await sync.transactAsServer(registryDoc(planId), (doc) => {
		const examiners = doc.getMap('examiners');
		for (const a of add) examiners.set(a.id, a);
		for (const id of remove) examiners.delete(id);
	});
}

/** The centre dispatches examiners (交叉派遣) through the server (see dispatchExaminers). */
async function dispatchExaminer(ctx: ApiContext): Promise<void> {
	const { store, sync } = ctx.deps;
	const { planId } = ctx.params;
	await planAccess(ctx, planId);
	if (ctx.user.role !== 'centre-admin') throw new ApiError(403, 'forbidden', apiMessage('dispatchCentreOnly'));
	const parsed = dispatchSchema.safeParse(await ctx.body());
	if (!parsed.success) throw new ApiError(400, 'invalid', apiMessage('dispatchIncomplete'));
	const assignment: StaffAssignment = parsed.data.assignment;
	if (assignment.duty !== 'examiner') throw new ApiError(400, 'not-examiner', apiMessage('dispatchExaminersOnly'));
	const examiner = await store.getUser(assignment.userId);
	if (!examiner || examiner.role !== 'examiner') throw new ApiError(400, 'not-examiner', apiMessage('notAnExaminer'));
	if (parsed.data.action === 'remove') {
		const current = ((await readDoc(store, registryDoc(planId))).maps.examiners as Map<string, StaffAssignment>).get(
			assignment.id
		);
		if (!current) throw new ApiError(404, 'no-assignment', apiMessage('noAssignment'));
		if (current.duty !== 'examiner') throw new ApiError(403, 'forbidden', apiMessage('withdrawOwnOnly'));
	}
	await dispatchExaminers(
		sync,
		planId,
		parsed.data.action === 'add' ? [assignment] : [],
		parsed.data.action === 'remove' ? [assignment.id] : []
	);
	await refreshPlanAccess(store, registryDoc(planId));
	json(ctx.res, 200, { ok: true });
}

export const planRoutes: ApiRoute[] = [
	{ method: 'POST', path: '/api/plans/:planId/examiners', handle: dispatchExaminer },
	{ method: 'POST', path: '/api/plans', handle: createPlan },
	{ method: 'PUT', path: '/api/plans/:planId', handle: updatePlan },
	{ method: 'POST', path: '/api/plans/:planId/tickets', handle: signTickets },
	{ method: 'POST', path: '/api/plans/:planId/district-review', handle: districtReview },
	{ method: 'POST', path: '/api/plans/:planId/submit', handle: submitForReview },
	{ method: 'POST', path: '/api/plans/:planId/spot-checks', handle: spotCheck },
	{ method: 'GET', path: '/api/plans/:planId/conflicts', handle: planConflicts }
];
