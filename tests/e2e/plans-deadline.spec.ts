// The 10-working-day plan deadline is enforced by the server, counted across the May Day holiday of
// 2026 (May 1–5 off, Saturday May 9 worked): on 2026-04-30 a plan for the 2026-05-16 exam is the
// 10th working day before and accepted; on 2026-05-06 it is the 9th and refused, unless the centre
// records an exception with a reason.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { buildDemoPlan } from '../../src/server/demo-seed';
import { messageText, type Message } from '../../src/lib/domain/message-text';
import { plainTranslator } from '../../src/lib/i18n/plain-translator';

/** A refusal's message (`msg`) as an English screen words it. */
const english = (msg: Message) => messageText(msg, plainTranslator('en'));
const CJK = /[\u4e00-\u9fff]/;

const PLAN = {
	name: '2026年5月联考',
	siteId: 'site-yuzhong-1',
	examDate: '2026-05-16',
	occupations: [{ occupationId: 'hr-manager', level: 3 }],
	expectedCandidates: 30
};

let onTime: KaowuServer;
let late: KaowuServer;

test.beforeAll(async () => {
	[onTime, late] = await Promise.all([
		startKaowu({ env: { KAOWU_TODAY: '2026-04-30' } }),
		startKaowu({ env: { KAOWU_TODAY: '2026-05-06' } })
	]);
});
test.afterAll(async () => {
	await Promise.all([onTime?.stop(), late?.stop()]);
});

async function tokenFor(request: APIRequestContext, server: KaowuServer, username: string): Promise<string> {
	const r = await request.post(`${server.url}/api/auth/sign-in`, { data: { username, password: 'kaowu2027' } });
	expect(r.status()).toBe(200);
	return (await r.json()).token;
}

test('10 working days before the exam is accepted, 9 is refused with the deadline shown', async ({ request }) => {
	const accepted = await request.post(`${onTime.url}/api/plans`, {
		data: PLAN,
		headers: { authorization: `Bearer ${await tokenFor(request, onTime, 'jigou')}` }
	});
	expect(accepted.status()).toBe(201);
	expect(await accepted.json()).toMatchObject({ examDate: '2026-05-16', deadline: '2026-04-30' });

	const refused = await request.post(`${late.url}/api/plans`, {
		data: PLAN,
		headers: { authorization: `Bearer ${await tokenFor(request, late, 'jigou')}` }
	});
	expect(refused.status()).toBe(422);
	const body = await refused.json();
	expect(body.deadline).toBe('2026-04-30');
	expect(body.message).toContain('最迟 2026-04-30');
	expect(body.message).toContain('仅剩 9 个工作日');
	expect(english(body.msg)).toContain('by 2026-04-30 at the latest');
	expect(english(body.msg)).not.toMatch(CJK);

	// An institution cannot excuse itself; the centre can, with a reason.
	const selfExcused = await request.post(`${late.url}/api/plans`, {
		data: { ...PLAN, exceptionReason: '我们来不及' },
		headers: { authorization: `Bearer ${await tokenFor(request, late, 'jigou')}` }
	});
	expect(selfExcused.status()).toBe(422);
	const centre = await request.post(`${late.url}/api/plans`, {
		data: { ...PLAN, institutionId: 'inst-shancheng', exceptionReason: '考点调整，经中心批准' },
		headers: { authorization: `Bearer ${await tokenFor(request, late, 'zhongxin')}` }
	});
	expect(centre.status()).toBe(201);
});

test('a day that is not a joint exam day is refused', async ({ request }) => {
	const r = await request.post(`${onTime.url}/api/plans`, {
		data: { ...PLAN, examDate: '2026-05-23' },
		headers: { authorization: `Bearer ${await tokenFor(request, onTime, 'jigou')}` }
	});
	expect(r.status()).toBe(422);
	const body = await r.json();
	expect(body.message).toContain('不是联考日');
	expect(english(body.msg)).toMatch(/^2026-05-23 is not a joint exam day/);
});

test('changing a plan follows the same deadline', async ({ request }) => {
	// The demo plan's own occupations and levels: dropping one with approved candidates is refused
	// for another reason (it would strand them), which is not what this test is about.
	const change = {
		name: '【演示】改名',
		occupations: buildDemoPlan('2026-04-30').info.occupations,
		expectedCandidates: 100
	};
	const inTime = await request.put(`${onTime.url}/api/plans/demo-20260516`, {
		data: change,
		headers: { authorization: `Bearer ${await tokenFor(request, onTime, 'jigou')}` }
	});
	expect(inTime.status()).toBe(200);
	expect((await inTime.json()).info).toMatchObject({ name: '【演示】改名', expectedCandidates: 100 });
	const tooLate = await request.put(`${late.url}/api/plans/demo-20260516`, {
		data: change,
		headers: { authorization: `Bearer ${await tokenFor(request, late, 'jigou')}` }
	});
	expect(tooLate.status()).toBe(422);
	const body = await tooLate.json();
	expect(body.message).toContain('修改考试计划须在考前 10 个工作日完成');
	expect(english(body.msg)).toMatch(/^Changing the exam plan must be done 10 working days before the exam/);
	expect(english(body.msg)).not.toMatch(CJK);
});
