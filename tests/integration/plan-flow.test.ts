// Decisions that flow, on the server (issue 13): a candidate rejected after seating leaves what the
// server derives from the plan (the proctors' tablet lists and counts, the signed tickets), and a plan
// change that would drop a level with approved candidates and a dispatched panel is refused with the
// list, the plan's info left as it was.
import { messageText, type Message } from '../../src/lib/domain/message-text';
import { plainTranslator } from '../../src/lib/i18n/plain-translator';
import { expect, it } from 'vitest';
import { serverForFile } from '../support/file-server';
import { connectDevice, signInToken, storedDoc, waitFor, whenStored } from '../support/node-device';
import type { Candidate, PlanInfo, Seat } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc, rosterDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20270116';
const server = serverForFile();

const api = server.api;

const sliceSeats = (userId: string) =>
	[...storedDoc(server.dataDir, rosterDoc(PLAN, userId)).getMap('seats').values()] as Seat[];

it('a candidate rejected after seating leaves the tablet lists and counts and the tickets', async () => {
	const institution = await signInToken(server.url, 'jigou');
	// c0046 (企业人力资源管理师二级): theory in 102 (u-proctor-3), paper skill in 202, the defence panel.
	await waitFor(() => sliceSeats('u-proctor-3').some((s) => s.candidateId === 'c0046'), 60_000, 'slice');
	const theoryBefore = sliceSeats('u-proctor-3').filter((s) => s.sessionId === 's-theory-r102').length;
	expect(theoryBefore).toBe(30);

	const device = connectDevice(server.url, planDoc(PLAN), institution);
	await device.whenSynced;
	const c = device.doc.getMap('candidates').get('c0046') as Candidate;
	// Another device seated her: only the decision is written here, her seats stay in the document.
	device.doc.getMap('candidates').set('c0046', { ...c, eligibility: { status: 'rejected', reason: '本人申请退考' } });
	await whenStored(device, 60_000);
	device.destroy();

	await waitFor(() => !sliceSeats('u-proctor-3').some((s) => s.candidateId === 'c0046'), 60_000, 'slice without her');
	expect(sliceSeats('u-proctor-3').filter((s) => s.sessionId === 's-theory-r102')).toHaveLength(theoryBefore - 1);
	expect(storedDoc(server.dataDir, rosterDoc(PLAN, 'u-proctor-3')).getMap('candidates').has('c0046')).toBe(false);
	// The examiners of the defence panel no longer have her either (their slices are written one by one).
	const panel = () =>
		(
			storedDoc(server.dataDir, rosterDoc(PLAN, 'u-examiner-1')).getMap('groups').get('p-hr-2') as {
				candidateIds: string[];
			}
		).candidateIds;
	await waitFor(() => !panel().includes('c0046'), 60_000, 'panel without her');
	expect(panel()).toHaveLength(14);
	// Her record stays in the plan document with the decision.
	const kept = storedDoc(server.dataDir, planDoc(PLAN)).getMap('candidates').get('c0046') as Candidate;
	expect(kept.eligibility).toMatchObject({ status: 'rejected', reason: '本人申请退考' });

	const tickets = await api('POST', `/api/plans/${PLAN}/tickets`, institution, {});
	expect(tickets.status).toBe(200);
	expect(Object.keys(tickets.body.tickets as object)).not.toContain('c0046');
	expect(tickets.body.skipped).toEqual([{ candidateId: 'c0046', reason: '资格审核未通过' }]);
}, 120_000);

it('dropping a level with approved candidates and a dispatched panel is refused with the list; nothing changes', async () => {
	const centre = await signInToken(server.url, 'zhongxin');
	const info = storedDoc(server.dataDir, registryDoc(PLAN)).getMap('plan').get('info') as PlanInfo;
	const refused = await api('PUT', `/api/plans/${PLAN}`, centre, {
		name: info.name,
		occupations: info.occupations.filter((o) => !(o.occupationId === 'hr-manager' && o.level === 2)),
		expectedCandidates: info.expectedCandidates,
		exceptionReason: '测试：中心代为修改'
	});
	expect(refused.status, JSON.stringify(refused.body)).toBe(409);
	expect(refused.body.error).toBe('strands');
	// 15 candidates of 企业人力资源管理师二级, one of them rejected above: 14 stranded; the panel and its 3 examiners.
	expect(refused.body.message).toContain('已审核通过的考生 14 名');
	expect(refused.body.message).toContain('考评组 1 个（企业人力资源管理师二级 答辩组）');
	expect(refused.body.message).toContain('已安排的考评人员 3 人次');
	// The same refusal as a message (key + parameters), which the English screen words in English.
	expect(messageText(refused.body.msg as Message, plainTranslator('en'))).toContain('approved candidates: 14 (');
	expect((refused.body.stranded as { candidates: string[] }).candidates).not.toContain('c0046');
	const after = storedDoc(server.dataDir, registryDoc(PLAN)).getMap('plan').get('info') as PlanInfo;
	expect(after.occupations).toEqual(info.occupations);
});
