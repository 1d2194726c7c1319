// A value written by a newer app in the plan or in the person's own day record is kept and listed as
// needing a newer app on the plan and day screens (DayView.newer, PlanView.newer), never silently
// dropped and never counted: the candidate list and the day's entries leave it out.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDayRig, type DayRig } from '../../../tests/support/day-rig';
import { buildDemoPlan } from '../../server/demo-seed';
import { DayView } from './day-view.svelte';
import { dayDoc, planDoc } from '../sync/doc-names';
import { entriesMap } from '../sync/doc-content';

let rig: DayRig;
let day: DayView;
let userId: string;

const until = (ok: () => boolean) =>
	new Promise<void>((resolve) => {
		const check = () => (ok() ? resolve() : setImmediate(check));
		check();
	});

beforeEach(async () => {
	userId = buildDemoPlan('2026-11-27').staff.find((a) => a.duty === 'invigilator' && a.sessionId)!.userId;
	rig = await openDayRig(userId);
	day = new DayView(rig.planId, userId);
	await until(() => day.isLoaded && day.plan.candidates.length > 0);
});

afterEach(async () => {
	day.destroy();
	await rig.close();
});

describe('values a newer app wrote', () => {
	it('are listed on the plan and day screens as needing a newer app, and counted nowhere', async () => {
		const candidates = day.plan.candidates.length;
		expect(day.newer).toEqual([]);
		const plan = rig.workspace.open(planDoc(rig.planId)).doc;
		plan.getMap('candidates').set('c-from-v3', { ...rig.plan.candidates[0], id: 'c-from-v3', v: 3, middleName: 'x' });
		const mine = rig.workspace.open(dayDoc(rig.planId, userId)).doc;
		entriesMap(mine).set('newer-entry-1', {
			v: 7,
			id: 'newer-entry-1',
			kind: 'attendance',
			author: userId,
			at: '2027-01-16T01:00:00.000Z',
			data: { hologram: true }
		});
		await until(() => day.newer.length === 2);
		expect(day.newer.map((n) => [n.path, n.version])).toEqual([
			['candidates/c-from-v3', 3],
			[expect.stringContaining('newer-entry-1'), 7]
		]);
		expect(day.plan.newer).toHaveLength(1);
		expect(day.plan.candidates).toHaveLength(candidates);
		expect(day.entries).toEqual([]);
	});
});
