// Proctors and examiners read their roster slice, not the plan document (roster-slices.test.ts).
// The plan's registry document held more than their work needs: the district's review comments,
// spot-check notes by candidate id, who changed the arrangements late. What a day screen needs of
// it (the plan's info and the examiners the centre dispatched) is in the slice, so their sockets
// are refused the registry (issue 15).
import { expect, it } from 'vitest';
import { serverForFile } from '../support/file-server';
import { signInToken, storedDoc, waitFor } from '../support/node-device';
import type { PlanInfo, StaffAssignment } from '../../src/lib/domain/record-schemas';
import { registryDoc, rosterDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20270116';
const server = serverForFile();
const open = server.open;

it.each([
	['jiankao1', 'u-proctor-1'],
	['kaoping1', 'u-examiner-1']
])(
	'%s’s socket is refused the registry; his slice has the plan’s info and the dispatched examiners',
	async (username, userId) => {
		const token = await signInToken(server.url, username);
		const registry = open(registryDoc(PLAN), token);
		await waitFor(() => registry.authFailures.length > 0, 15_000, 'the registry refused');
		expect(registry.authFailures[0]).toBe('forbidden');
		expect(registry.doc.getMap('plan').size).toBe(0);

		const slice = open(rosterDoc(PLAN, userId), token);
		await slice.whenSynced;
		const stored = storedDoc(server.dataDir, registryDoc(PLAN));
		const info = stored.getMap('plan').get('info') as PlanInfo;
		expect((slice.doc.getMap('plan').get('info') as PlanInfo).examDate).toBe(info.examDate);
		const dispatched = [...stored.getMap('examiners').values()] as StaffAssignment[];
		expect(dispatched.length).toBeGreaterThan(0);
		const staff = [...slice.doc.getMap('staff').values()] as StaffAssignment[];
		for (const a of dispatched) expect(staff.some((s) => s.id === a.id && s.userId === a.userId)).toBe(true);
	}
);

it('the plan’s supervisor still reads the registry', async () => {
	const registry = open(registryDoc(PLAN), await signInToken(server.url, 'dudao'));
	await registry.whenSynced;
	expect(registry.authFailures).toEqual([]);
	expect(registry.doc.getMap('plan').size).toBe(1);
});
