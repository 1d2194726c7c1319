// PlanSetup, what the "before the day" screens read, on its real documents (the tests' day rig):
// the plan's info and dispatched examiners come from the server-written registry, never from the
// plan document an institution writes; the district's decisions are read in the order they were made.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDayRig, type DayRig } from '../../../tests/support/day-rig';
import { PlanSetup } from './plan-setup.svelte';
import { configDoc, planDoc, registryDoc } from '../sync/doc-names';
import type { DistrictReview } from '../domain/record-schemas';

let rig: DayRig;
let setup: PlanSetup;

const until = (ok: () => boolean) =>
	new Promise<void>((resolve) => {
		const check = () => (ok() ? resolve() : setImmediate(check));
		check();
	});

beforeEach(async () => {
	rig = await openDayRig('u-inst-admin');
	const w = rig.workspace;
	setup = new PlanSetup(w.open(planDoc(rig.planId)), w.open(configDoc()), w.open(registryDoc(rig.planId)));
	await until(() => setup.isLoaded && setup.candidates.length > 0);
});

afterEach(async () => {
	setup.destroy();
	await rig.close();
});

const review = (id: string, decision: DistrictReview['decision'], at: string): DistrictReview => ({
	v: 2,
	id,
	decision,
	comment: '',
	by: 'u-district',
	byName: '区县审核员',
	at
});

describe('PlanSetup', () => {
	it('reads the plan info from the registry even when the plan document says otherwise', async () => {
		const examDate = setup.info!.examDate;
		const plan = rig.workspace.open(planDoc(rig.planId)).doc;
		plan.getMap('plan').set('info', { ...rig.plan.info, examDate: '2027-03-20' });
		plan.getMap('candidates').set('c-extra', { ...rig.plan.candidates[0], id: 'c-extra' });
		await until(() => setup.candidates.some((c) => c.id === 'c-extra'));
		expect(setup.info!.examDate).toBe(examDate);
	});

	it('lists the district’s decisions in the order they were made', async () => {
		const registry = rig.workspace.open(registryDoc(rig.planId)).doc;
		registry.transact(() => {
			registry.getMap('districtReviews').set('r2', review('r2', 'approved', '2026-11-20T03:00:00.000Z'));
			registry.getMap('districtReviews').set('r1', review('r1', 'submitted', '2026-11-19T03:00:00.000Z'));
		});
		await until(() => setup.districtReviews.length === 2);
		expect(setup.districtReviews.map((r) => r.decision)).toEqual(['submitted', 'approved']);
	});
});
