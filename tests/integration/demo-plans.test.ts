// The demo's plans are registered the way an institution admin's plan is (registerPlan: the new-plan
// checks, the site's occupations, the deadline written into the plan info), not written by hand:
// each carries the deadline it was checked against and was registered on or before it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { storedDoc } from '../support/node-device';
import { registryDoc } from '../../src/lib/sync/doc-names';
import type { PlanInfo } from '../../src/lib/domain/record-schemas';

let server: KaowuServer;

beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
	await server.stop();
}, 120_000);
afterAll(async () => server?.stop());

it.each(['demo-20261121', 'demo-20270116'])('demo plan %s went through the plan registration checks', (planId) => {
	const info = storedDoc(server.dataDir, registryDoc(planId)).getMap('plan').get('info') as PlanInfo;
	expect(info).toMatchObject({ id: planId, createdBy: 'u-inst', institutionId: 'inst-shancheng' });
	expect(info.planDeadline, 'the deadline registerPlan checked against').toMatch(/^\d{4}-\d{2}-\d{2}$/);
	expect(info.createdAt.slice(0, 10) <= info.planDeadline!, 'registered on or before its deadline').toBe(true);
	expect(info.deadlineException).toBeUndefined();
});
