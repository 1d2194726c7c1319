// Attack (issue 11, "facts that belong to others sit in the institution's plan document"): the
// institution admin may write its plan document over /sync, where the centre's dispatch of examiners
// (which grants access to the plan's documents) and the plan's info (the exam date, checked against
// its deadline only through /api/plans) used to sit. It dispatches an examiner of another
// institution to itself and moves the exam date. The check is on what the server then holds and
// decides: the examiner may not open the plan's documents, the registry (which only the server
// writes) keeps the date the API accepted, and the server's own reading of the plan keeps it too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import type { Group, PlanInfo } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20270116';
let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TODAY: '2026-11-27' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

const call = (token: string, method: string, path: string, body?: unknown) =>
	fetch(`${server.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

it('an institution admin cannot dispatch an examiner to its plan or move its exam date over /sync', async () => {
	const token = await signInToken(server.url, 'jigou');
	const device = connectDevice(server.url, planDoc(PLAN), token);
	await device.whenSynced;
	const group = [...device.doc.getMap('groups').values()][0] as Group;
	const info = storedDoc(server.dataDir, registryDoc(PLAN)).getMap('plan').get('info') as PlanInfo;
	expect(info.examDate).toBe('2027-01-16');
	device.doc.transact(() => {
		// kaoping4 (冉思远) is 嘉陵's examiner; nobody dispatched him to this plan.
		device.doc.getMap('staff').set('a-forged-dispatch', {
			v: 1,
			id: 'a-forged-dispatch',
			userId: 'u-examiner-4',
			duty: 'examiner',
			groupId: group.id,
			isChair: true
		});
		device.doc.getMap('plan').set('info', { ...info, examDate: '2027-03-20', name: '改过日期的计划' });
	});
	await waitFor(
		() => storedDoc(server.dataDir, planDoc(PLAN)).getMap('staff').has('a-forged-dispatch'),
		15_000,
		'the write reached SQLite (the plan document is the admin’s to write)'
	);
	device.destroy();

	// A barrier: the centre's own dispatch recomputes who may open the plan from what SQLite holds.
	const centre = await signInToken(server.url, 'zhongxin');
	const dispatch = await call(centre, 'POST', `/api/plans/${PLAN}/examiners`, {
		action: 'add',
		assignment: { v: 1, id: 'a-centre-dispatch', userId: 'u-examiner-1', duty: 'examiner', groupId: group.id }
	});
	expect(dispatch.status, await dispatch.text()).toBe(200);

	// The forged examiner is refused the plan's documents and is not told of the plan.
	const examiner = await signInToken(server.url, 'kaoping4');
	const me = (await (await call(examiner, 'GET', '/api/me')).json()) as { plans: { id: string }[] };
	expect(me.plans.map((p) => p.id)).not.toContain(PLAN);
	const probe = connectDevice(server.url, planDoc(PLAN), examiner);
	await waitFor(() => probe.authFailures.length > 0, 15_000, 'the examiner’s connection refused');
	probe.destroy();

	// The registry keeps the date the API accepted; the server's reading of the plan keeps it too.
	const registry = storedDoc(server.dataDir, registryDoc(PLAN));
	expect((registry.getMap('plan').get('info') as PlanInfo).examDate).toBe('2027-01-16');
	expect([...registry.getMap('examiners').keys()]).not.toContain('a-forged-dispatch');
	const renamed = await call(token, 'PUT', `/api/plans/${PLAN}`, {
		name: '山城职业技能评价中心 1 月联考',
		occupations: info.occupations,
		expectedCandidates: info.expectedCandidates
	});
	const body = (await renamed.json()) as { info?: PlanInfo };
	expect(renamed.status, JSON.stringify(body)).toBe(200);
	expect(body.info).toMatchObject({ examDate: '2027-01-16', name: '山城职业技能评价中心 1 月联考' });
});
