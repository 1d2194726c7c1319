// Attack (issue 15, "examiners read every candidate's full ID number and phone of the plan"): an
// examiner's or proctor's own socket asks for the plan document. The server refuses it; what they
// may read is their roster slice (`roster:{planId}:{userId}`), which the server writes: only the
// candidates they score or check in, the ID number masked where the role does not need it, no
// phone. The slice follows the plan when the institution changes it, and nobody but the server
// writes it.
import { expect, it } from 'vitest';
import { serverForFile } from '../support/file-server';
import { signInToken, storedDoc, waitFor, type NodeDevice } from '../support/node-device';
import type { Candidate, ExamSession, Group, Seat, StaffAssignment } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc, rosterDoc } from '../../src/lib/sync/doc-names';
import { readDocContent } from '../../src/lib/sync/doc-content';
import { planMapsOf } from '../../src/lib/domain/plan-maps';

const PLAN = 'demo-20270116';
const server = serverForFile();
const open = server.open;

/** The plan as the server holds it and everyone reads it: plan document + registry (dispatched examiners). */
function storedPlan() {
	const read = (name: string) => readDocContent(name, storedDoc(server.dataDir, name)).maps;
	return planMapsOf(read(planDoc(PLAN)), read(registryDoc(PLAN)));
}
const values = <T>(maps: ReturnType<typeof storedPlan>, map: string) => [...(maps[map]?.values() ?? [])] as T[];
const candidatesOf = (device: NodeDevice) => [...device.doc.getMap('candidates').values()] as Candidate[];

it('an examiner’s socket is refused the plan document and his slice holds only his candidates, masked', async () => {
	const token = await signInToken(server.url, 'kaoping2');
	const plan = open(planDoc(PLAN), token);
	await waitFor(() => plan.authFailures.length > 0, 15_000, 'the plan document refused');
	expect(plan.authFailures[0]).toBe('forbidden');
	expect(plan.doc.getMap('candidates').size).toBe(0);

	const slice = open(rosterDoc(PLAN, 'u-examiner-2'), token);
	await slice.whenSynced;
	const stored = storedPlan();
	const myGroups = new Set(
		values<StaffAssignment>(stored, 'staff')
			.filter((a) => a.userId === 'u-examiner-2' && a.groupId)
			.map((a) => a.groupId)
	);
	const mine = new Set(
		values<Group>(stored, 'groups')
			.filter((g) => myGroups.has(g.id))
			.flatMap((g) => g.candidateIds)
	);
	const all = values<Candidate>(stored, 'candidates');
	expect(mine.size).toBeGreaterThan(0);
	expect(mine.size).toBeLessThan(all.length);
	const got = candidatesOf(slice);
	expect(new Set(got.map((c) => c.id))).toEqual(mine);
	const full = new Map(all.map((c) => [c.id, c]));
	for (const c of got) {
		expect(c.idNumber).not.toBe(full.get(c.id)!.idNumber);
		expect(c.idNumber).toMatch(/^.{6}\*+.{4}$/);
		expect(c).not.toHaveProperty('phone');
		expect(c).not.toHaveProperty('declared');
	}
});

it('a proctor’s slice has full numbers only for his own sessions and no phones', async () => {
	const token = await signInToken(server.url, 'jiankao1');
	const plan = open(planDoc(PLAN), token);
	await waitFor(() => plan.authFailures.length > 0, 15_000, 'the plan document refused');
	expect(plan.authFailures[0]).toBe('forbidden');

	const slice = open(rosterDoc(PLAN, 'u-proctor-1'), token);
	await slice.whenSynced;
	const stored = storedPlan();
	const mySessions = new Set(
		values<StaffAssignment>(stored, 'staff')
			.filter((a) => a.userId === 'u-proctor-1' && a.sessionId)
			.map((a) => a.sessionId)
	);
	const seatedWithMe = new Set(
		values<Seat>(stored, 'seats')
			.filter((s) => mySessions.has(s.sessionId))
			.map((s) => s.candidateId)
	);
	const full = new Map(values<Candidate>(stored, 'candidates').map((c) => [c.id, c]));
	const got = candidatesOf(slice);
	// Every candidate sits theory at the same time here, so all are in the slice: the numbers of
	// those not in his rooms are masked.
	const unmasked = got.filter((c) => !c.idNumber.includes('*')).map((c) => c.id);
	expect(new Set(unmasked)).toEqual(seatedWithMe);
	expect(unmasked.length).toBeLessThan(full.size);
	for (const id of seatedWithMe) expect(got.find((c) => c.id === id)?.idNumber).toBe(full.get(id)!.idNumber);
	for (const c of got) {
		expect(c).not.toHaveProperty('phone');
		if (!seatedWithMe.has(c.id)) expect(c.idNumber).toMatch(/\*/);
	}
	// Those masked are seated at the same time as one of his sessions (the wrong-door hint).
	const sessions = new Map(values<ExamSession>(stored, 'sessions').map((s) => [s.id, s]));
	const myTimes = new Set([...mySessions].map((id) => `${sessions.get(id!)!.date} ${sessions.get(id!)!.start}`));
	for (const s of [...slice.doc.getMap('seats').values()] as Seat[]) {
		const at = sessions.get(s.sessionId)!;
		expect(myTimes.has(`${at.date} ${at.start}`)).toBe(true);
	}
});

it('nobody but the server writes a slice, and nobody reads another person’s', async () => {
	const token = await signInToken(server.url, 'kaoping1');
	const other = open(rosterDoc(PLAN, 'u-examiner-2'), token);
	await waitFor(() => other.authFailures.length > 0, 15_000, 'another examiner’s slice refused');
	expect(other.authFailures[0]).toBe('forbidden');

	const own = open(rosterDoc(PLAN, 'u-examiner-1'), token);
	await own.whenSynced;
	const victim = candidatesOf(own)[0];
	own.doc.getMap('candidates').set(victim.id, { ...victim, name: '冒名顶替' });
	await waitFor(() => own.messages.some((m) => m.type === 'refused'), 15_000, 'the write refused');
	expect(own.messages.find((m) => m.type === 'refused')).toMatchObject({ reason: 'read-only' });
	const stored = storedDoc(server.dataDir, rosterDoc(PLAN, 'u-examiner-1')).getMap('candidates').get(victim.id);
	expect((stored as Candidate).name).toBe(victim.name);
});

it('the slice follows the plan: a renamed candidate and one taken out of the group', async () => {
	const examiner = open(rosterDoc(PLAN, 'u-examiner-3'), await signInToken(server.url, 'kaoping3'));
	await examiner.whenSynced;
	const institution = open(planDoc(PLAN), await signInToken(server.url, 'jigou'));
	await institution.whenSynced;
	const staff = values<StaffAssignment>(storedPlan(), 'staff');
	const scored = ([...institution.doc.getMap('groups').values()] as Group[]).find((g) =>
		staff.some((a) => a.userId === 'u-examiner-3' && a.groupId === g.id)
	)!;
	const [renamed, removed] = scored.candidateIds;
	const before = institution.doc.getMap('candidates').get(renamed) as Candidate;
	institution.doc.transact(() => {
		institution.doc.getMap('candidates').set(renamed, { ...before, name: '改名后' });
		institution.doc
			.getMap('groups')
			.set(scored.id, { ...scored, candidateIds: scored.candidateIds.filter((id) => id !== removed) });
	});
	await waitFor(
		() =>
			(examiner.doc.getMap('candidates').get(renamed) as Candidate | undefined)?.name === '改名后' &&
			!examiner.doc.getMap('candidates').has(removed),
		15_000,
		'the slice to follow the plan'
	);
	expect((examiner.doc.getMap('candidates').get(renamed) as Candidate).idNumber).toMatch(/\*/);
});

it('an examiner the centre dispatches (registry) gets his group’s candidates in his slice', async () => {
	const groups = values<Group>(storedPlan(), 'groups');
	const group = groups.find((g) => g.kind === 'skill')!;
	const centre = await signInToken(server.url, 'zhongxin');
	const r = await fetch(`${server.url}/api/plans/${PLAN}/examiners`, {
		method: 'POST',
		headers: { authorization: `Bearer ${centre}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			action: 'add',
			assignment: { v: 1, id: 'a-dispatched-4', userId: 'u-examiner-4', duty: 'examiner', groupId: group.id }
		})
	});
	expect(r.status, await r.clone().text()).toBe(200);
	const slice = open(rosterDoc(PLAN, 'u-examiner-4'), await signInToken(server.url, 'kaoping4'));
	await slice.whenSynced;
	await waitFor(
		() => candidatesOf(slice).length === group.candidateIds.length,
		15_000,
		'the dispatched group’s candidates in his slice'
	);
	expect(new Set(candidatesOf(slice).map((c) => c.id))).toEqual(new Set(group.candidateIds));
});
