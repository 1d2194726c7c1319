// Attack (issue 11, "plan rules hold whatever the path"): after the 考务安排 deadline (考前 7 个工作日)
// the screens no longer offer staff changes through the API, but the institution admin can still
// write the plan document over /sync (an offline tablet's change must not be lost). Such a change
// must not pass silently: the server records who changed what and when, by its own receipt time,
// in the plan's registry document, which the district and the desk read and nobody else writes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import type { StaffAssignment } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20270116'; // exam Saturday 2027-01-16; staffing deadline early January
let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TODAY: '2027-01-13' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

it('a staff change that reaches the server after the deadline is recorded with who and when', async () => {
	const device = connectDevice(server.url, planDoc(PLAN), await signInToken(server.url, 'jigou'));
	await device.whenSynced;
	const staff = device.doc.getMap('staff');
	const [id, assignment] = [...staff.entries()][0] as [string, StaffAssignment];
	const before = Date.now();
	staff.delete(id);
	await waitFor(() => !storedDoc(server.dataDir, planDoc(PLAN)).getMap('staff').has(id), 15_000, 'withdrawal stored');
	staff.set(id, { ...assignment });
	device.destroy();

	let late: Record<string, unknown> | undefined;
	await waitFor(
		() => {
			late = storedDoc(server.dataDir, registryDoc(PLAN)).getMap('lateChanges').get('u-inst|2027-01-13') as
				Record<string, unknown> | undefined;
			return (late?.count as number) >= 2;
		},
		15_000,
		'the late changes recorded in the registry'
	);
	expect(late).toMatchObject({ by: 'u-inst', date: '2027-01-13', maps: ['staff'], count: 2 });
	expect(String(late!.deadline) < '2027-01-13').toBe(true);
	expect(Date.parse(String(late!.firstAt))).toBeGreaterThanOrEqual(before - 1000);
});
