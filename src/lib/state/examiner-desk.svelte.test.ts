// ExaminerDesk over a real DayView (the app's SyncedDocs on fake-indexeddb, the demo plan): an
// examiner scores only his own groups' candidates, a sheet must fit its rubric, and a submitted
// sheet is locked: changing it takes a correction with a reason.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDayRig, type DayRig } from '../../../tests/support/day-rig';
import { buildDemoPlan } from '../../server/demo-seed';
import { DayView } from './day-view.svelte';
import { ExaminerDesk } from './examiner-desk.svelte';
import type { Group, Rubric } from '../domain/record-schemas';

let rig: DayRig;
let day: DayView;
let desk: ExaminerDesk;
let group: Group;
let rubric: Rubric;
const OTHER_GROUP = 'p-hr-2';

beforeEach(async () => {
	const duty = buildDemoPlan('2026-11-27').staff.find((a) => a.duty === 'examiner' && a.groupId)!;
	// The demo's examiners examine every group: this one is taken off the defence panel.
	rig = await openDayRig(duty.userId, {
		adjust: (plan) => {
			plan.staff = plan.staff.filter((a) => !(a.userId === duty.userId && a.groupId === OTHER_GROUP));
		}
	});
	day = new DayView(rig.planId, duty.userId);
	await new Promise<void>((resolve) => {
		const check = () => (day.isLoaded && day.plan.groups.length ? resolve() : setImmediate(check));
		check();
	});
	desk = new ExaminerDesk(day, duty.userId);
	group = desk.myGroups.find((g) => g.id === duty.groupId)!;
	rubric = desk.rubricOf(group)!;
	if (group.sessionId) day.confirmOutside(group.sessionId);
});

afterEach(async () => {
	day.destroy();
	await rig.close();
});

/** Every item of the rubric at `fraction` of its maximum. */
const draftAt = (fraction: number) => Object.fromEntries(rubric.items.map((i) => [i.id, String(i.max * fraction)]));

it('an examiner sees only the groups he is assigned to, and may not score a candidate of another group', () => {
	expect(desk.myGroups.map((g) => g.id)).not.toContain(OTHER_GROUP);
	expect(desk.myGroups.length).toBe(rig.plan.groups.length - 1);
	const stranger = rig.plan.groups.find((g) => g.id === OTHER_GROUP)!.candidateIds[0];
	const refused = desk.groupFor(stranger);
	expect(refused.ok).toBe(false);
	expect(desk.groupFor(group.candidateIds[0])).toEqual({ ok: true, group });
});

it('a sheet with a score above its item’s maximum is refused, naming the item; nothing is recorded', async () => {
	const over = { ...draftAt(1), [rubric.items[0].id]: String(rubric.items[0].max + 1) };
	const result = await desk.submit(group, group.candidateIds[0], over, {});
	expect(result.ok).toBe(false);
	expect(result.itemId).toBe(rubric.items[0].id);
	expect(day.entries).toHaveLength(0);
});

it('a submitted sheet is locked: a second submit without a reason is refused, with one it corrects the first', async () => {
	const candidate = group.candidateIds[0];
	const first = await desk.submit(group, candidate, draftAt(0.5), {});
	expect(first.ok).toBe(true);
	expect(desk.sheetOf(group, candidate)?.entry.id).toBe(first.ok ? first.entry.id : null);
	const again = await desk.submit(group, candidate, draftAt(1), {});
	expect(again.ok).toBe(false);
	expect(day.entries).toHaveLength(1);
	const corrected = await desk.submit(group, candidate, draftAt(1), { reason: '第3项看错行' });
	expect(corrected.ok).toBe(true);
	if (!corrected.ok || !first.ok) return;
	expect(corrected.entry.corrects).toBe(first.entry.id);
	expect(corrected.entry.reason).toBe('第3项看错行');
	expect(desk.sheetOf(group, candidate)?.entry.id, 'the correction is the sheet in force').toBe(corrected.entry.id);
});
