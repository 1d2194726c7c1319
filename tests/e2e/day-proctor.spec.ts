// Issue 6, proctor: offline from after sign-in to the end, 20 check-ins (search and QR payload),
// 2 absent, an incident, a wrong-room refusal; reload offline; then the server holds it all.
import { expect, test } from '@playwright/test';
import { pinyin } from 'pinyin-pro';
import { baseUrl, signIn, waitForOfflineReady } from '../support/app';
import { waitFor } from '../support/node-device';
import { confirmOutsideHours, PLAN_ID, roster, signedTickets, storedEntries, waitForFirstSync } from './day-support';

const cid = (n: number) => `c${String(n).padStart(4, '0')}`;

test('a proctor keeps a whole room offline and the server stores it all afterwards', async ({ page, context }) => {
	test.setTimeout(180_000);
	const people = roster();
	const tickets = await signedTickets();
	await signIn(page, 'jiankao1');
	await waitForOfflineReady(page);
	await waitForFirstSync(page);

	await context.setOffline(true);
	await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toContainText('101 机房');
	await confirmOutsideHours(page);
	await expect(page.getByTestId('network-state').first()).toHaveText('离线');
	await expect(page.getByTestId('room-counts')).toContainText('应到 30');

	const search = page.getByTestId('candidate-search');
	const checkIn = async (id: string) => {
		await expect(page.getByTestId('candidate-card')).toBeVisible();
		await page.getByTestId('check-in').click();
		await expect(page.getByTestId('day-ok')).toContainText(`${people.get(id)!.name} 已签到`);
	};

	// 12 by search: admission number, the last digits of the ID number, pinyin initials.
	for (let n = 1; n <= 12; n++) {
		const p = people.get(cid(n))!;
		const query = n <= 4 ? p.admissionNo : n <= 8 ? p.idNumber.slice(-6) : initials(p.name);
		await search.fill(query);
		await page.locator(`[data-testid="search-result"][data-candidate="${p.id}"]`).click();
		if (n === 9) await page.screenshot({ path: 'test-results/screens/day-check-in-768.png' });
		if (n === 10) {
			// With the on-screen keyboard open only ~600 px remain: the box and the results stay in view.
			await page.getByTestId('candidate-card').getByRole('button', { name: '关闭' }).click();
			await page.setViewportSize({ width: 768, height: 600 });
			await search.fill(query);
			await expect(page.locator(`[data-testid="search-result"][data-candidate="${p.id}"]`)).toBeInViewport();
			await page.screenshot({ path: 'test-results/screens/day-check-in-keyboard-768x600.png' });
			await page.setViewportSize({ width: 768, height: 1024 });
			await page.locator(`[data-testid="search-result"][data-candidate="${p.id}"]`).click();
		}
		await checkIn(p.id);
	}

	// 8 by the QR payload text (as a scanner types it), verified offline with the public key: a scan
	// checks in at once (扫码即签到) and the field is empty for the next one.
	for (let n = 13; n <= 20; n++) {
		await page.getByTestId('qr-text').fill(tickets[cid(n)]);
		await page.getByTestId('qr-submit').click();
		await expect(page.getByTestId('day-ok')).toContainText(`${people.get(cid(n))!.name} 已签到`);
		await expect(page.getByTestId('qr-text')).toHaveValue('');
	}

	// A tampered ticket and a candidate of another room are refused and change nothing.
	const forged = tickets[cid(21)].replace(/\.(.)/, (_m, c) => `.${c === 'A' ? 'B' : 'A'}`);
	await page.getByTestId('qr-text').fill(forged);
	await page.getByTestId('qr-submit').click();
	await expect(page.getByTestId('day-error')).toBeVisible();
	await page.getByTestId('qr-text').fill(tickets[cid(31)]);
	await page.getByTestId('qr-submit').click();
	await expect(page.getByTestId('day-error')).toContainText(`${people.get(cid(31))!.name}不在本考场：应在102 机房`);
	await expect(page.getByTestId('candidate-card')).toHaveCount(0);
	await search.fill(people.get(cid(32))!.admissionNo);
	await page.locator(`[data-testid="search-result"][data-candidate="${cid(32)}"]`).click();
	await expect(page.getByTestId('day-error')).toContainText('不在本考场');
	await expect(page.getByTestId('room-counts')).toContainText('实到 20');

	// Two absent, from the seat map.
	await page.getByTestId('tab-seats').click();
	for (const n of [21, 22]) {
		await page.locator(`[data-testid="seat"][data-candidate="${cid(n)}"]`).click();
		await page.getByTestId('mark-absent').click();
		await expect(page.locator(`[data-testid="seat"][data-candidate="${cid(n)}"]`)).toHaveAttribute(
			'data-state',
			'absent'
		);
	}
	await page.getByTestId('seat-map').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/day-seat-map-768.png' });
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.screenshot({ path: 'test-results/screens/day-seat-map-1024x768.png' });
	await page.setViewportSize({ width: 768, height: 1024 });
	// A seat change: onto a taken desk is refused; onto an absent candidate's desk is recorded.
	await page.locator(`[data-testid="seat"][data-candidate="${cid(2)}"]`).click();
	await page.getByTestId('seat-change').click();
	await page.getByTestId('move-row').fill('1');
	await page.getByTestId('move-col').fill('1');
	await page.getByTestId('move-reason').fill('电脑故障');
	await page.getByTestId('move-save').click();
	await expect(page.getByTestId('day-error')).toContainText(`该座位已有考生（${people.get(cid(1))!.name}）`);
	await page.getByTestId('move-row').fill('4');
	await page.getByTestId('move-col').fill('3');
	await page.getByTestId('move-save').click();
	await expect(page.getByTestId('day-ok')).toBeVisible();
	await page.locator(`[data-testid="seat"][data-candidate="${cid(2)}"]`).click();
	await expect(page.getByTestId('candidate-card')).toContainText('4 排 3 座 · 原座位 1-2');
	// A second check-in of the same candidate is refused.
	await page.locator(`[data-testid="seat"][data-candidate="${cid(1)}"]`).click();
	await page.getByTestId('check-in').click();
	await expect(page.getByTestId('day-error')).toContainText('已签到，无需重复签到');

	// An incident about one candidate.
	await page.getByTestId('tab-incidents').click();
	await page.getByTestId('incident-violation').click();
	await page.getByTestId('violation-type').selectOption('talking');
	await page.getByTestId('incident-candidate').selectOption(cid(5));
	await page.getByTestId('incident-description').fill('开考后 20 分钟与邻座交头接耳，已口头警告并记录。');
	await page.getByTestId('incident-photo').setInputFiles('static/icons/icon-512.png');
	await expect(page.getByTestId('incident-form').locator('img')).toBeVisible();
	await page.getByTestId('incident-form').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/day-incident-form-768.png' });
	await page.getByTestId('incident-save').click();
	await expect(page.getByTestId('day-ok')).toContainText('已记录：违纪');
	await expect(page.getByTestId('incident-list')).toContainText('交头接耳');

	// The room: video monitoring confirmed, the summary signed off.
	await page.getByTestId('tab-room').click();
	await page.getByTestId('video-confirm').click();
	await expect(page.getByTestId('room-video')).toContainText('视频监控已确认');
	await expect(page.getByTestId('sum-present')).toHaveText('20');
	await page.getByTestId('summary-sign').click();
	await expect(page.getByTestId('summary-signed')).toContainText('陈静 已于');

	// Reload with the network still gone: everything is there, on the tab the proctor left.
	await page.reload();
	await expect(page.getByTestId('room-counts')).toContainText('实到 20 · 缺考 2 · 未登记 8');
	await expect(page.getByTestId('tab-room')).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByTestId('summary-signed')).toContainText('陈静 已于');
	await page.getByTestId('tab-incidents').click();
	await expect(page.getByTestId('incident-list')).toContainText('交头接耳');
	// To the device page inside the app and Back: the tab picked since the reload is the one shown.
	await page.getByTestId('device-link').click();
	await expect(page).toHaveURL(/\/device$/);
	await page.goBack();
	await expect(page.getByTestId('tab-incidents')).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByTestId('incident-list')).toContainText('交头接耳');
	const roomStatus = page.getByTestId('room-status').getByTestId('server-state');
	expect(Number(await roomStatus.getAttribute('data-unsent'))).toBeGreaterThanOrEqual(46);

	// Back online: the server stores it all (read from its SQLite file, not the screen).
	await context.setOffline(false);
	await expect(roomStatus).toHaveAttribute('data-unsent', '0', { timeout: 30_000 });
	let stored = storedEntries('u-proctor-1');
	await waitFor(() => (stored = storedEntries('u-proctor-1')).length >= 46, 10_000, 'entries stored');
	const present = stored
		.filter((e) => e.kind === 'attendance' && e.data.state === 'present')
		.map((e) => e.candidateId)
		.sort();
	expect(present).toEqual(Array.from({ length: 20 }, (_, i) => cid(i + 1)));
	expect(stored.filter((e) => e.kind === 'identity-check' && e.data.isMatch).length).toBe(20);
	expect(stored.filter((e) => e.kind === 'identity-check' && e.data.via === 'qr').length).toBe(8);
	expect(
		stored
			.filter((e) => e.kind === 'attendance' && e.data.state === 'absent')
			.map((e) => e.candidateId)
			.sort()
	).toEqual([cid(21), cid(22)]);
	const incidents = stored.filter((e) => e.kind === 'incident');
	expect(incidents).toHaveLength(1);
	expect(incidents[0]).toMatchObject({
		candidateId: cid(5),
		data: { category: 'violation', violationType: 'talking', roomId: 'r101' }
	});
	expect(String(incidents[0].data.photo)).toMatch(/^data:image\/jpeg;base64,/);
	expect(String(incidents[0].data.photo).length).toBeLessThan(140_000);
	expect(stored.find((e) => e.kind === 'seat-change')).toMatchObject({
		candidateId: cid(2),
		data: { to: { row: 3, col: 2 }, reason: '电脑故障' }
	});
	const signed = stored.find((e) => e.kind === 'room-event' && e.data.event === 'summary-signed');
	expect(signed?.data.summary).toMatchObject({ expected: 30, present: 20, absent: 2, unrecorded: 8, incidents: 1 });
	// The refused check-ins left no trace.
	expect(stored.some((e) => e.candidateId === cid(31) || e.candidateId === cid(32))).toBe(false);
});

/** Pinyin initials the way a proctor types them (the page's index reads surnames as surnames). */
function initials(name: string): string {
	return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('');
}
