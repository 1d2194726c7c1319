import { describe, expect, it } from 'vitest';
import type { Entry, EntryOf } from './entries';
import {
	checkFinalisation,
	checkReadyToPublish,
	checkReviewRequestAllowed,
	planPublication,
	prepareReviewReply,
	reviewableSubjects,
	reviewCases,
	scoreCorrections
} from './publication';
import { scoreFromInput } from './scoring';
import type { ReconcileItem } from './reconcile';
import type { CandidateResultRow } from './subject-results';
import type { PublicationData } from './review-entries';

const pub: PublicationData = {
	startDate: '2026-11-23',
	endDate: '2026-11-27',
	deadline: '2026-11-23',
	isLate: false,
	results: []
};
const e = (
	kind: string,
	data: Record<string, unknown>,
	id = `e-${kind}-00001`,
	hlc = '000000000000001:000000:d'
): Entry => ({ v: 1, id, kind, at: '', hlc, author: 'u', deviceId: 'd', planId: 'p', data }) as Entry;

describe('publication', () => {
	it('publishing the first working day after the exam is in time; later is allowed but flagged', () => {
		const onTime = planPublication('2026-11-22', '2026-11-23');
		expect(onTime).toMatchObject({ ok: true, plan: { startDate: '2026-11-23', endDate: '2026-11-27', isLate: false } });
		const late = planPublication('2026-11-22', '2026-11-27');
		expect(late).toMatchObject({ ok: true, plan: { startDate: '2026-11-27', endDate: '2026-12-03', isLate: true } });
		expect(planPublication('2026-11-22', '2026-11-20').ok).toBe(false);
	});
	it('a review request inside the period on an allowed ground gets a reply deadline', () => {
		expect(checkReviewRequestAllowed(pub, 'adding-error', '2026-11-25')).toMatchObject({
			ok: true,
			replyDeadline: '2026-12-02'
		});
	});
	it('after the period, or asking for re-marking, is refused with the reason', () => {
		expect(checkReviewRequestAllowed(pub, 'adding-error', '2026-11-30')).toMatchObject({
			ok: false,
			error: expect.stringContaining('已过公示期')
		});
		expect(checkReviewRequestAllowed(pub, 're-mark', '2026-11-24')).toMatchObject({
			ok: false,
			error: expect.stringContaining('不重新评阅试卷')
		});
		expect(checkReviewRequestAllowed(undefined, 'adding-error', '2026-11-24')).toMatchObject({ ok: false });
	});
	it('finalisation waits for every reply and flags an early one', () => {
		const p = e('publication', pub as unknown as Record<string, unknown>);
		const req = e(
			'review-request',
			{
				subject: 'theory',
				ground: 'adding-error',
				description: 'x',
				receivedDate: '2026-11-24',
				replyDeadline: '2026-12-01'
			},
			'e-req-000001',
			'000000000000002:000000:d'
		);
		expect(checkFinalisation([p, req], '2026-11-26')).toMatchObject({ ok: false });
		const reply = e(
			'review-reply',
			{ requestId: 'e-req-000001', outcome: 'unchanged', repliedDate: '2026-11-25', explanation: 'x' },
			'e-rep-000001'
		);
		expect(checkFinalisation([p, req, reply], '2026-11-26')).toMatchObject({ ok: true, isEarly: true });
		expect(checkFinalisation([p, req, reply], '2026-11-30')).toMatchObject({ ok: true, isEarly: false });
	});
	it('nothing is published while an item is open or a subject has no result', () => {
		const row = (status: string) =>
			({ candidate: { name: '张三' }, subjects: [{ subject: 'theory', status }] }) as unknown as CandidateResultRow;
		expect(checkReadyToPublish([{ isResolved: false } as ReconcileItem], [])).toMatchObject({
			ok: false,
			error: expect.stringContaining('1 项待处理')
		});
		expect(checkReadyToPublish([], [row('missing')])).toMatchObject({
			ok: false,
			error: expect.stringContaining('张三')
		});
		expect(checkReadyToPublish([], [row('scored'), row('absent')])).toEqual({ ok: true });
	});
});

describe('复核 form and reply', () => {
	const row = {
		subjects: [
			{
				subject: 'theory' as const,
				status: 'carried-over' as const,
				score: 72,
				isPassed: true,
				provenance: [],
				entryIds: []
			},
			{ subject: 'skill' as const, status: 'scored' as const, score: 70, isPassed: true, provenance: [], entryIds: [] }
		]
	};
	it('refuses a subject the candidate did not sit (no 综合评审 at level 3, nor a carried-over theory) and a future date', () => {
		expect(checkReviewRequestAllowed(pub, 'adding-error', '2026-11-24', { subject: 'review', row })).toMatchObject({
			ok: false,
			error: expect.stringContaining('没有参加综合评审')
		});
		expect(reviewableSubjects(row)).toEqual(['skill']);
		expect(
			checkReviewRequestAllowed(pub, 'adding-error', '2026-11-25', { today: '2026-11-24', subject: 'skill', row })
		).toMatchObject({ ok: false, error: expect.stringContaining('晚于今天') });
		expect(
			checkReviewRequestAllowed(pub, 'adding-error', '2026-11-24', { today: '2026-11-24', subject: 'skill', row }).ok
		).toBe(true);
	});
	const request: EntryOf<'review-request'> = {
		v: 1,
		id: 'e-req-00001',
		kind: 'review-request',
		at: '',
		hlc: '000000000000001:000000:d',
		author: 'u',
		deviceId: 'd',
		planId: 'p',
		candidateId: 'c1',
		data: {
			subject: 'skill',
			ground: 'adding-error',
			description: 'x',
			receivedDate: '2026-11-24',
			replyDeadline: '2026-12-01'
		}
	};
	const c = reviewCases([request])[0];
	it('a blank corrected score is refused, never taken as 0', () => {
		for (const blank of ['', '  ', null, undefined])
			expect(
				prepareReviewReply(c, { outcome: 'changed', newScore: blank, explanation: '核对', today: '2026-11-25' }).ok
			).toBe(false);
		expect(scoreFromInput(null)).toEqual({ ok: false, reason: 'empty' });
		expect(scoreFromInput(0)).toEqual({ ok: true, score: 0 });
	});
	it('the reply is one entry and it is the correction', () => {
		const prepared = prepareReviewReply(c, {
			outcome: 'changed',
			newScore: '55',
			explanation: '登分错误',
			today: '2026-11-25',
			previousScore: 70
		});
		expect(prepared).toMatchObject({ ok: true, data: { newScore: 55, previousScore: 70, outcome: 'changed' } });
		if (!prepared.ok) return;
		const reply: EntryOf<'review-reply'> = {
			...request,
			id: 'e-rep-00002',
			kind: 'review-reply',
			hlc: '000000000000002:000000:d',
			data: prepared.data
		};
		expect(scoreCorrections([request, reply])).toMatchObject([
			{ candidateId: 'c1', subject: 'skill', score: 55, previousScore: 70, requestId: 'e-req-00001' }
		]);
	});
});
