// One person in two places across plans: a proctor of the demo plan's theory room is also put in a
// room of a second plan on the same day at overlapping hours. The server finds it (it alone sees
// every plan), lists it for the staff and review pages, and the district cannot approve the demo
// plan while it stands without an exception reason.
import { messageText, type Message } from '../../src/lib/domain/message-text';
import { plainTranslator, zhText } from '../../src/lib/i18n/plain-translator';
import { expect, it } from 'vitest';
import { planHashOf, serverForFile } from '../support/file-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { planDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20270116';
const server = serverForFile();

const storedHash = (planId: string) => planHashOf(server.dataDir, planId);

const api = server.api;

it('a proctor booked in two plans at the same hours is flagged to the plan and blocks a plain approval', async () => {
	const institution = await signInToken(server.url, 'jigou');
	const created = await api('POST', '/api/plans', institution, {
		name: '2027年1月联考 · 第二计划',
		siteId: 'site-yuzhong-1',
		examDate: '2027-01-16',
		occupations: [{ occupationId: 'hr-manager', level: 3 }],
		expectedCandidates: 30
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const second = created.body.planId as string;
	expect(await api('GET', `/api/plans/${PLAN}/conflicts`, institution)).toMatchObject({
		status: 200,
		body: { conflicts: [] }
	});

	// The second plan puts u-proctor-1 (the demo's theory room 101, 09:00–10:30) in its own room at 10:00.
	const device = connectDevice(server.url, planDoc(second), institution);
	await device.whenSynced;
	device.doc.transact(() => {
		device.doc
			.getMap('rooms')
			.set('rx1', { v: 1, id: 'rx1', name: '二号楼 305', type: 'paper', rows: 5, cols: 6, capacity: 30 });
		device.doc.getMap('sessions').set('s-skill-rx1', {
			v: 1,
			id: 's-skill-rx1',
			subject: 'skill',
			roomId: 'rx1',
			date: '2027-01-16',
			start: '10:00',
			end: '12:00'
		});
		device.doc
			.getMap('staff')
			.set('a-x1', { v: 1, id: 'a-x1', userId: 'u-proctor-1', duty: 'invigilator', sessionId: 's-skill-rx1' });
	});
	await waitFor(() => storedDoc(server.dataDir, planDoc(second)).getMap('staff').has('a-x1'), 15_000, 'stored');
	device.destroy();

	const listed = await api('GET', `/api/plans/${PLAN}/conflicts`, institution);
	const conflicts = listed.body.conflicts as { userId: string; message: Message; other: { planId: string } }[];
	// 10:00–12:00 overlaps both of her demo rooms: theory (09:00–10:30) and the paper skill test after it.
	expect(conflicts.map((c) => [c.userId, c.other.planId])).toEqual([
		['u-proctor-1', second],
		['u-proctor-1', second]
	]);
	expect(zhText(conflicts[0].message)).toContain('同一时间又在“2027年1月联考 · 第二计划”的 二号楼 305（10:00–12:00）');
	expect(messageText(conflicts[0].message, plainTranslator('en'))).toContain(
		'and at the same time in 二号楼 305 of “2027年1月联考 · 第二计划” (10:00–12:00)'
	);

	// Submitted; the district's approval without a reason is refused naming the conflict.
	expect((await api('POST', `/api/plans/${PLAN}/submit`, institution, { contentHash: storedHash(PLAN) })).status).toBe(
		201
	);
	const district = await signInToken(server.url, 'quju');
	const refused = await api('POST', `/api/plans/${PLAN}/district-review`, district, {
		decision: 'approved',
		comment: '',
		contentHash: storedHash(PLAN)
	});
	expect(refused.status).toBe(422);
	expect(refused.body.message).toContain('第二计划');
	// The refusal comes as a message too, which the client words in the reader's language.
	expect(messageText(refused.body.msg as Message, plainTranslator('en'))).toMatch(
		/^Checks still failing: \d+\. Write an exception reason to approve: .*第二计划/
	);
	// A proctor (read access through the assignment) is not told about other plans.
	expect((await api('GET', `/api/plans/${PLAN}/conflicts`, await signInToken(server.url, 'jiankao1'))).status).toBe(
		403
	);
});

it('the centre lists every person in two places across plans; nobody else may read that list', async () => {
	// The state the test above left: u-proctor-1 in the second plan's 二号楼 305 at 10:00–12:00.
	const centre = await signInToken(server.url, 'zhongxin');
	const listed = await api('GET', '/api/centre/staff-conflicts', centre);
	expect(listed.status).toBe(200);
	const conflicts = listed.body.conflicts as {
		userId: string;
		date: string;
		first: { planId: string; label: string; start: string; end: string };
		second: { planId: string; label: string; start: string; end: string };
	}[];
	// Both of her demo rooms (theory 09:00–10:30, paper skill from 10:30) overlap the second plan's room.
	expect(
		conflicts.map((c) => [c.userId, c.date, `${c.first.label} ${c.first.start}`, `${c.second.label} ${c.second.start}`])
	).toEqual([
		['u-proctor-1', '2027-01-16', '101 机房 09:00', '二号楼 305 10:00'],
		['u-proctor-1', '2027-01-16', '二号楼 305 10:00', '201 笔试考场 10:30']
	]);
	for (const user of ['jigou', 'quju', 'jiankao1'])
		expect((await api('GET', '/api/centre/staff-conflicts', await signInToken(server.url, user))).status).toBe(403);
});
