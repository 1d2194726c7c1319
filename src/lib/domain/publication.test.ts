import { describe, expect, it } from 'vitest';
import { messageText, type Message } from './message-text';
import { translator } from '../../../tests/support/translator';
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

const zh = async (m: Message | false | undefined) => (m ? messageText(m, await translator('zh-CN')) : '');
const en = async (m: Message | false | undefined) => (m ? messageText(m, await translator('en')) : '');

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
	it('after the period, or asking for re-marking, is refused with the reason, in either language', async () => {
		const late = checkReviewRequestAllowed(pub, 'adding-error', '2026-11-30');
		expect(await zh(!late.ok && late.error)).toContain('2026-11-30 已过公示期');
		expect(await en(!late.ok && late.error)).toContain('on 2026-11-30 it is over');
		const reMark = checkReviewRequestAllowed(pub, 're-mark', '2026-11-24');
		expect(await zh(!reMark.ok && reMark.error)).toContain('不重新评阅试卷');
		expect(await en(!reMark.ok && reMark.error)).toContain('papers are not marked again');
		expect(checkReviewRequestAllowed(undefined, 'adding-error', '2026-11-24')).toMatchObject({ ok: false });
	});
	it('an accepted request says why and by when to reply, in either language', async () => {
		const check = checkReviewRequestAllowed(pub, 'adding-error', '2026-11-25');
		expect(check.ok).toBe(true);
		if (!check.ok) return;
		expect(check.reason).toContain('须在 2026-12-02 前回复');
		expect(await zh(check.message)).toBe(check.reason);
		expect(await en(check.message)).toContain('reply by 2026-12-02');
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
	it('nothing is published while an item is open or a subject has no result', async () => {
		const row = (status: string) =>
			({ candidate: { name: '张三' }, subjects: [{ subject: 'theory', status }] }) as unknown as CandidateResultRow;
		const open = checkReadyToPublish([{ isResolved: false } as ReconcileItem], []);
		expect(await zh(!open.ok && open.error)).toContain('还有 1 项待处理');
		expect(await en(!open.ok && open.error)).toContain('1 item(s) still need a decision');
		const missing = checkReadyToPublish([], [row('missing')]);
		expect(await zh(!missing.ok && missing.error)).toContain('1 名考生还有科目没有成绩（张三）');
		expect(await en(!missing.ok && missing.error)).toContain('(张三)');
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
	it('refuses a subject the candidate did not sit (no 综合评审 at level 3, nor a carried-over theory) and a future date', async () => {
		const notSat = checkReviewRequestAllowed(pub, 'adding-error', '2026-11-24', { subject: 'review', row });
		expect(await zh(!notSat.ok && notSat.error)).toContain('没有参加综合评审');
		expect(await en(!notSat.ok && notSat.error)).toContain('did not sit the comprehensive review');
		expect(reviewableSubjects(row)).toEqual(['skill']);
		const future = checkReviewRequestAllowed(pub, 'adding-error', '2026-11-25', {
			today: '2026-11-24',
			subject: 'skill',
			row
		});
		expect(await zh(!future.ok && future.error)).toContain('晚于今天');
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
