// The centre's list of staff in two places across plans: on its own server, a second plan on the
// demo day puts the demo's proctor u-proctor-1 in a room at 10:00–12:00, overlapping her two demo
// rooms; the centre's screen lists both double bookings, in Chinese and in English.
import { expect, test } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { signIn } from '../support/app';
import { planDoc } from '../../src/lib/sync/doc-names';

let server: KaowuServer;
test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startKaowu();
	const token = await signInToken(server.url, 'jigou');
	const r = await fetch(`${server.url}/api/plans`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			name: '2027年1月联考 · 第二计划',
			siteId: 'site-yuzhong-1',
			examDate: '2027-01-16',
			occupations: [{ occupationId: 'hr-manager', level: 3 }],
			expectedCandidates: 30
		})
	});
	expect(r.status).toBe(201);
	const second = ((await r.json()) as { planId: string }).planId;
	const device = connectDevice(server.url, planDoc(second), token);
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
});
test.afterAll(async () => {
	await server?.stop();
});

test('the centre sees every person booked in two plans at the same hours', async ({ page }) => {
	await signIn(page, 'zhongxin', undefined, server.url);
	await page.goto(`${server.url}/centre`);
	await page.getByTestId('centre-tab-conflicts').click();
	const list = page.getByTestId('centre-conflicts');
	await expect(list.getByTestId('conflict')).toHaveCount(2);
	await expect(list).toContainText('2 处人员冲突');
	await expect(list.getByTestId('conflict').first()).toContainText('2027-01-16');
	await expect(list.getByTestId('conflict').first()).toContainText(
		'“2027年1月联考 · 第二计划” · 二号楼 305 · 10:00–12:00'
	);
	await expect(list.getByTestId('conflict').first()).toContainText('101 机房 · 09:00–10:30');
	await expect(list.getByTestId('conflict').nth(1)).toContainText('201 笔试考场 · 10:30');
	await page.screenshot({ path: 'test-results/screens/centre-conflicts-768.png', fullPage: true });
	await page.getByTestId('language-switch').click();
	await expect(list).toContainText('2 double bookings');
	await page.screenshot({ path: 'test-results/screens/centre-conflicts-en-768.png', fullPage: true });
	await page.getByTestId('language-switch').click();
});
