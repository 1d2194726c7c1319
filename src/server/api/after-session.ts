// After the session (issue 7): the one exam clock, what only the server knows for the reconciliation
// desk (which day entries SQLite holds and when each arrived), and the public score look-up during 成绩公示.
import * as Y from 'yjs';
import { z } from 'zod';
import { accessFor } from '../access';
import type { Store } from '../store';
import { LookupLimits, type LookupRefusal } from '../lookup-limits';
import { ApiError, apiMessage, json, type ApiRoute } from './router';
import { planDoc, registryDoc, reviewDoc, reviewDocPrefix } from '../../lib/sync/doc-names';
import { readDocContent } from '../../lib/sync/doc-content';
import { catalogFor, findOccupation, LEVEL_NAMES, SUBJECT_NAMES } from '../../lib/domain/catalog';
import { judgeDayEntries, judgeReviewEntries, type JudgedEntries } from '../../lib/domain/entry-rules';
import { beijingText, clockAt, type ExamClock } from '../../lib/domain/exam-clock';
import { isPublicationOpen, latestPublication } from '../../lib/domain/publication';
import { planFactsFrom } from '../../lib/domain/plan-facts';
import { planMapsOf } from '../../lib/domain/plan-maps';
import { planResults, publishedResultFor } from '../../lib/domain/published-result';
import type { Candidate } from '../../lib/domain/record-schemas';
import type { Message } from '../../lib/domain/message-text';
import { LruCache } from '../lru';
import type { CandidateResultRow } from '../../lib/domain/subject-results';

/** The server's exam clock: KAOWU_TODAY fixes the date in demos and tests. */
function clockOf(deps: { today?: string; clockOffsetMs?: number }): ExamClock {
	return clockAt({ today: deps.today, offsetMs: deps.clockOffsetMs });
}
function todayOf(deps: { today?: string; clockOffsetMs?: number }): string {
	return clockOf(deps).today;
}

/**
 * Documents as stored, decoded once per change: the public look-up reads every plan per request.
 * Bounded (least recently used forgotten), so years of plans do not all stay in memory.
 */
const decoded = new LruCache<string, { seq: number; content: ReturnType<typeof readDocContent> }>(200);

async function docContent(store: Store, name: string) {
	const seq = await store.lastSeq(name);
	const cached = decoded.get(name);
	if (cached && cached.seq === seq) return cached.content;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await store.loadDocState(name));
	const content = readDocContent(name, doc);
	decoded.set(name, { seq, content });
	return content;
}

/** A plan's review documents as stored, one per writer. */
async function reviewDocsOf(store: Store, planId: string): Promise<{ doc: string; writerId: string }[]> {
	const prefix = reviewDocPrefix(planId);
	return (await store.listDocs())
		.filter((d) => d.startsWith(prefix))
		.map((doc) => ({ doc, writerId: doc.slice(prefix.length) }));
}

/** Every writer's review entries, judged by the domain's rules with the roles the server knows. */
export async function judgedReview(store: Store, planId: string): Promise<JudgedEntries> {
	const writers = await Promise.all(
		(await reviewDocsOf(store, planId)).map(async ({ doc, writerId }) => ({
			writerId,
			entries: (await docContent(store, doc)).entries,
			receipts: await store.receipts(doc)
		}))
	);
	const roles = new Map((await store.listUsers()).map((u) => [u.id, u.role]));
	return judgeReviewEntries(writers, (userId) => roles.get(userId));
}

/** Results per plan, kept until one of its documents changes or the hour turns. */
const resultsCache = new LruCache<string, { signature: string; rows: CandidateResultRow[] }>(50);

/** A plan's results as the desk derives them, from what the server has stored (honoured review entries only). */
async function resultsOfPlan(store: Store, planId: string, now: string): Promise<{ rows: CandidateResultRow[] }> {
	const names = (await store.listDocs()).filter(
		(d) =>
			d === planDoc(planId) ||
			d === registryDoc(planId) ||
			d.startsWith(`day:${planId}:`) ||
			d.startsWith(reviewDocPrefix(planId))
	);
	const seqs = await Promise.all(names.map((d) => store.lastSeq(d)));
	const signature = `${now.slice(0, 13)}|${names.map((d, i) => `${d}@${seqs[i]}`).join(',')}`;
	const cached = resultsCache.get(planId);
	if (cached?.signature === signature) return cached;
	const facts = planFactsFrom(
		planMapsOf((await docContent(store, planDoc(planId))).maps, (await docContent(store, registryDoc(planId))).maps)
	);
	if (!facts) return { rows: [] };
	const prefix = `day:${planId}:`;
	const roles = new Map((await store.listUsers()).map((u) => [u.id, u.role]));
	const { days } = judgeDayEntries(
		await Promise.all(
			names
				.filter((d) => d.startsWith(prefix))
				.map(async (d) => ({
					docName: d,
					userId: d.slice(prefix.length),
					entries: (await docContent(store, d)).entries,
					receipts: await store.receipts(d)
				}))
		),
		(userId) => roles.get(userId),
		facts
	);
	const { rows } = planResults({ plan: facts, days, review: (await judgedReview(store, planId)).honoured, now });
	resultsCache.set(planId, { signature, rows });
	return { rows };
}

const lookupLimits = new LookupLimits();

/** When to try again, as a person reads it: seconds, or the Beijing time when it is far. */
function refusalMessage(refusal: LookupRefusal): string {
	const when =
		refusal.retryAfterSeconds <= 120
			? `请 ${refusal.retryAfterSeconds} 秒后再试`
			: `请于北京时间 ${beijingText(new Date(Date.now() + refusal.retryAfterSeconds * 1000).toISOString())} 以后再试`;
	if (refusal.code === 'lookup-too-many-misses') return `该姓名和证件号码今天未查到成绩的次数过多，${when}`;
	if (refusal.code === 'lookup-busy') return `查询的人太多，${when}`;
	return `查询过于频繁，${when}`;
}

const lookupSchema = z.object({
	name: z.string().trim().min(1).max(40),
	idNumber: z.string().trim().min(5).max(30),
	admissionNo: z.string().trim().min(1).max(30)
});

const norm = (v: string) => v.trim().replace(/\s+/g, '').toUpperCase();

export const afterSessionRoutes: ApiRoute[] = [
	{
		// The one exam clock (today and now, Beijing time) every device and every rule reads.
		method: 'GET',
		path: '/api/clock',
		isPublic: true,
		handle: ({ res, deps }) => json(res, 200, clockOf(deps))
	},
	{
		// The desk's view of the server: per day document of the plan, the entry ids SQLite holds and
		// when each first arrived (entry_receipts). Only people who may read the review document.
		method: 'GET',
		path: '/api/desk/:planId/storage',
		handle: async ({ res, params, user, deps }) => {
			const { store } = deps;
			const plan = await store.getPlan(params.planId);
			if (!plan) throw new ApiError(404, 'no-plan', apiMessage('noPlan'));
			const org = await store.getOrganisation(user.organisationId);
			const access = accessFor(reviewDoc(plan.id, user.id), {
				user: { id: user.id, role: user.role, organisationId: user.organisationId, district: org?.district ?? '' },
				plan,
				isAssignedToPlan: await store.isAssigned(plan.id, user.id)
			});
			if (access === 'none') throw new ApiError(403, 'forbidden', apiMessage('noSummaryAccess'));
			const prefix = `day:${plan.id}:`;
			const docs = await Promise.all(
				(await store.listDocs())
					.filter((d) => d.startsWith(prefix))
					.map(async (doc) => {
						const content = await docContent(store, doc);
						return {
							doc,
							storedEntryIds: content.entries.map((e) => e.id),
							receipts: Object.fromEntries(await store.receipts(doc))
						};
					})
			);
			const reviewDocs = await Promise.all(
				(await reviewDocsOf(store, plan.id)).map(async ({ doc, writerId }) => ({
					doc,
					writerId,
					receipts: Object.fromEntries(await store.receipts(doc))
				}))
			);
			const clock = clockOf(deps);
			json(res, 200, {
				today: clock.today,
				now: clock.now,
				// Receipts are the server's real receive times; this reads them on the exam clock
				// (0 unless KAOWU_TODAY moves the clock), for rules judging them against sessions.
				receiptClockOffsetMs: Date.parse(clock.now) - Date.now(),
				docs,
				reviewDocs
			});
		}
	},
	{
		// 成绩查询: a candidate sees only his own published scores, only while the period is open.
		method: 'POST',
		path: '/api/lookup',
		isPublic: true,
		handle: async ({ req, res, body, deps }) => {
			const ip = req.socket.remoteAddress ?? 'unknown';
			const parsed = lookupSchema.safeParse(await body());
			if (!parsed.success) throw new ApiError(400, 'bad-input', apiMessage('lookupFields'));
			const { name, idNumber, admissionNo } = parsed.data;
			const refusal = await lookupLimits.admit(ip, name, idNumber);
			if (refusal) {
				res.setHeader('retry-after', String(refusal.retryAfterSeconds));
				return json(res, 429, {
					error: refusal.code,
					message: refusalMessage(refusal),
					retryAfterSeconds: refusal.retryAfterSeconds,
					retryAt: new Date(Date.now() + refusal.retryAfterSeconds * 1000).toISOString()
				});
			}
			const today = todayOf(deps);
			const { store } = deps;
			let closedReason: Message | null = null;
			for (const plan of await store.listPlans()) {
				const candidates = (await docContent(store, planDoc(plan.id))).maps.candidates;
				const candidate = [...(candidates?.values() ?? [])].find((c) => {
					const x = c as Candidate;
					return (
						norm(x.idNumber) === norm(idNumber) && norm(x.admissionNo ?? '') === norm(admissionNo) && x.name === name
					);
				}) as Candidate | undefined;
				if (!candidate) continue;
				const review = (await judgedReview(store, plan.id)).honoured;
				const publication = latestPublication(review);
				if (!publication?.data.results.some((r) => r.candidateId === candidate.id)) continue;
				if (!isPublicationOpen(publication.data, today)) {
					closedReason = apiMessage('lookupClosed', {
						start: publication.data.startDate,
						end: publication.data.endDate
					});
					continue;
				}
				// The same pipeline as the desk: day records, decisions, absences, voids, corrections.
				const { rows } = await resultsOfPlan(store, plan.id, clockOf(deps).now);
				const result = publishedResultFor(rows, review, candidate.id);
				if (!result) continue;
				const catalog = catalogFor(plan.examDate);
				const occupation = catalog.ok ? findOccupation(catalog.catalog, candidate.occupationId) : undefined;
				json(res, 200, {
					name: candidate.name,
					occupation: occupation?.name ?? candidate.occupationId,
					level: LEVEL_NAMES[candidate.level],
					// What the words above mean, for a page in another language than Chinese.
					levelCode: candidate.level,
					failedSubjectKinds: result.failedSubjects,
					examDate: plan.examDate,
					period: { start: publication.data.startDate, end: publication.data.endDate },
					subjects: result.subjects,
					isCorrected: result.isCorrected,
					verdict: result.verdict,
					hasPassed: result.hasPassed,
					failedSubjects: result.failedSubjects.map((s) => SUBJECT_NAMES[s])
				});
				return;
			}
			await lookupLimits.missed(name, idNumber);
			if (closedReason) throw new ApiError(403, 'closed', closedReason);
			throw new ApiError(404, 'not-found', apiMessage('lookupNotFound'));
		}
	}
];
