// Issue 14: a seat clash after sync. Offline, one tablet marks an absentee and moves another candidate
// onto the absentee's desk; the other tablet checks the absentee in. Back online both candidates sit
// on one desk: the seat map shows both, the room's counts match its tiles, and the desk raises a
// seat item (besides the attendance disagreement).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { baseUrl, signIn, waitForOfflineReady } from '../support/app';
import { storedDoc } from '../support/node-device';
import { confirmOutsideHours, dataDir, PLAN_ID, roster, waitForFirstSync } from './day-support';

async function tablet(browser: Browser, username: string) {
	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await signIn(page, username);
	await expect(page.getByTestId('home-title')).toBeVisible();
	await waitForOfflineReady(page);
	await waitForFirstSync(page);
	return { context, page };
}

async function openCandidate(page: Page, candidateId: string, admissionNo: string) {
	await page.getByTestId('tab-checkin').click();
	await page.getByTestId('candidate-search').fill(admissionNo);
	await page.locator(`[data-testid="search-result"][data-candidate="${candidateId}"]`).click();
}

test('two offline tablets put two candidates on one desk: both shown, counts match the tiles, the desk raises a seat item', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// Two candidates of jiankao1's room that no other spec touches: the last two desks of the room.
	const plan = storedDoc(dataDir(), `plan:${PLAN_ID}`);
	const sessionId = ([...plan.getMap('staff').values()] as { userId: string; duty: string; sessionId?: string }[]).find(
		(a) => a.userId === 'u-proctor-1' && a.duty === 'invigilator'
	)!.sessionId!;
	const roomSeats = (
		[...plan.getMap('seats').values()] as { sessionId: string; candidateId: string; row: number; col: number }[]
	)
		.filter((s) => s.sessionId === sessionId)
		.sort((a, b) => a.row - b.row || a.col - b.col);
	const [mover, absentee] = roomSeats.filter((s) => s.candidateId !== 'c0028').slice(-2);
	const people = roster();
	const moverRow = people.get(mover.candidateId)!;
	const absenteeRow = people.get(absentee.candidateId)!;
	const desk = `${absentee.row + 1}-${absentee.col + 1}`;

	const a = await tablet(browser, 'jiankao1');
	const b = await tablet(browser, 'jiankao2');
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	for (const t of [a, b]) {
		await t.page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
		await expect(t.page.getByTestId('room-title')).toContainText('101 机房');
		await confirmOutsideHours(t.page);
	}

	// Tablet A: the absentee is marked absent; the mover is checked in and moved onto the free desk.
	await openCandidate(a.page, absentee.candidateId, absenteeRow.admissionNo);
	await a.page.getByTestId('mark-absent').click();
	await expect(a.page.getByTestId('day-ok')).toBeVisible();
	await openCandidate(a.page, mover.candidateId, moverRow.admissionNo);
	await a.page.getByTestId('check-in').click();
	await expect(a.page.getByTestId('day-ok')).toContainText('已签到');
	await openCandidate(a.page, mover.candidateId, moverRow.admissionNo); // the card closes after a check-in
	await a.page.getByTestId('seat-change').click();
	await a.page.getByTestId('move-row').fill(String(absentee.row + 1));
	await a.page.getByTestId('move-col').fill(String(absentee.col + 1));
	await a.page.getByTestId('move-reason').fill('原座位电脑故障');
	await a.page.getByTestId('move-save').click();
	await expect(a.page.getByTestId('day-ok')).toContainText(`→ ${desk}`);

	// Tablet B: the absentee arrives after all and is checked in.
	await openCandidate(b.page, absentee.candidateId, absenteeRow.admissionNo);
	await b.page.getByTestId('check-in').click();
	await expect(b.page.getByTestId('day-ok')).toContainText('已签到');

	await a.context.setOffline(false);
	await b.context.setOffline(false);
	for (const t of [a, b]) {
		await expect(t.page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
		await t.page.getByTestId('tab-seats').click();
		const clash = t.page.getByTestId('seat-clash');
		await expect(clash.locator(`[data-candidate="${mover.candidateId}"]`)).toBeVisible({ timeout: 15_000 });
		await expect(clash.locator(`[data-candidate="${absentee.candidateId}"]`)).toBeVisible();
		await expect(t.page.getByTestId('seat-clash-notice')).toContainText(desk);
		// Every candidate of the room has a tile, and the present tiles add up to the room's 实到.
		const tiles = t.page.locator('[data-testid="seat-map"] [data-testid="seat"]');
		await expect(tiles).toHaveCount(roomSeats.length);
		const present = await t.page
			.locator('[data-testid="seat-map"] [data-testid="seat"]')
			.evaluateAll(
				(els) =>
					els.filter((e) => ['present', 'late', 'left-early'].includes(e.getAttribute('data-state') ?? '')).length
			);
		await t.page.getByTestId('tab-room').click();
		await expect(t.page.getByTestId('sum-present')).toHaveText(String(present));
	}
	await a.page.getByTestId('tab-seats').click();
	await a.page.screenshot({ path: 'test-results/screens/seat-clash-768.png', fullPage: true });
	await a.context.close();
	await b.context.close();

	// The desk raises a seat item naming both, beside the attendance disagreement.
	const deskContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
	const deskPage = await deskContext.newPage();
	await signIn(deskPage, 'dudao');
	await deskPage.goto(`${baseUrl()}/desk/${PLAN_ID}`);
	const item = deskPage.locator(`[data-key="seat:${sessionId}:${desk}"]`);
	await expect(item).toContainText(moverRow.name, { timeout: 20_000 });
	await expect(item).toContainText(absenteeRow.name);
	await expect(item).toHaveAttribute('data-kind', 'seat-clash');
	await expect(deskPage.locator(`[data-key="attendance:${sessionId}:${absentee.candidateId}"]`)).toBeVisible();
	await item.scrollIntoViewIfNeeded();
	await deskPage.screenshot({ path: 'test-results/screens/seat-clash-desk-1280.png' });
	await deskContext.close();
});
