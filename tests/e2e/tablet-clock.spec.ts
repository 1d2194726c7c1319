// Issue 14: one "now" for the tablets and the desk. The shared server's clock says 2026-11-27
// (KAOWU_TODAY) while the machine's says otherwise: the proctor's tablet warns that it is not the
// session's day, stamps what it records with the server's clock, a full room tells which desks are
// free, and the desk flags the entries the server received before the session began, shows its times
// and stamps its decision on the same clock.
import { expect, test } from '@playwright/test';
import { baseUrl, signIn, waitForOfflineReady } from '../support/app';
import { storedDoc, waitFor } from '../support/node-device';
import { beijingText } from '../../src/lib/domain/exam-clock';
import { confirmOutsideHours, dataDir, PLAN_ID, roster, waitForFirstSync } from './day-support';

test('the tablet judges and stamps with the server clock; a full room names the free desks; the desk flags early entries and stamps on the same clock', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// jiankao7 invigilates 104 机房 (theory, 30 candidates on 30 desks); no other spec records there.
	const plan = storedDoc(dataDir(), `plan:${PLAN_ID}`);
	const seats = (
		[...plan.getMap('seats').values()] as { sessionId: string; candidateId: string; row: number; col: number }[]
	)
		.filter((s) => s.sessionId === 's-theory-r104')
		.sort((a, b) => a.row - b.row || a.col - b.col);
	const [absentee, mover] = seats.slice(-2);
	const people = roster();

	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await signIn(page, 'jiankao7');
	await expect(page.getByTestId('home-title')).toBeVisible();
	await waitForOfflineReady(page);
	await waitForFirstSync(page);
	await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toContainText('104 机房');

	// The server's day (2026-11-27) is not the session's (2027-01-16): the tablet says so.
	const warning = page.getByTestId('outside-hours');
	await expect(warning).toHaveAttribute('data-reason', 'other-day');
	await expect(warning).toContainText('现在是 2026-11-27');
	await expect(warning).toContainText('2027-01-16 09:00–10:30');
	await page.screenshot({ path: 'test-results/screens/tablet-outside-hours-768.png' });

	const open = async (candidateId: string) => {
		await page.getByTestId('tab-checkin').click();
		await page.getByTestId('candidate-search').fill(people.get(candidateId)!.admissionNo);
		await page.locator(`[data-testid="search-result"][data-candidate="${candidateId}"]`).click();
	};
	// A full room: no desk is free until someone is marked absent.
	await open(mover.candidateId);
	await page.getByTestId('seat-change').click();
	await expect(page.getByTestId('full-room-hint')).toContainText('考场已满，没有空座');
	await page.keyboard.press('Escape');
	// Nothing is recorded for the session before the proctor confirms recording outside its hours.
	await open(absentee.candidateId);
	await page.getByTestId('mark-absent').click();
	await expect(page.getByTestId('day-error')).toContainText('请先在上方确认“在场次时间外记录”');
	await expect(page.getByTestId('room-counts')).toContainText('未登记 30');
	await expect(warning.getByTestId('outside-hours-confirm')).toBeVisible();
	await confirmOutsideHours(page);
	await expect(warning).toContainText('已确认在场次时间外记录');
	await warning.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/tablet-outside-hours-confirmed-768.png' });
	await open(absentee.candidateId);
	await page.getByTestId('mark-absent').click();
	await expect(page.getByTestId('day-ok')).toBeVisible();
	await open(mover.candidateId);
	await page.getByTestId('seat-change').click();
	const desk = `${absentee.row + 1}-${absentee.col + 1}`;
	await expect(page.getByTestId('full-room-hint')).toContainText(
		`只有缺考考生的座位可用：${desk}（${people.get(absentee.candidateId)!.name}）`
	);
	await page.screenshot({ path: 'test-results/screens/tablet-full-room-768.png' });

	// The absence is stamped with the server's clock (2026-11-27), not the device's.
	const docName = `day:${PLAN_ID}:u-proctor-7`;
	let stamped: { at: string; data: { time: string } } | undefined;
	await waitFor(
		() => {
			stamped = [...storedDoc(dataDir(), docName).getMap('entries').values()].find(
				(e) => (e as { kind: string; candidateId?: string }).kind === 'attendance'
			) as typeof stamped;
			return !!stamped;
		},
		20_000,
		'the absence stored'
	);
	expect(beijingText(stamped!.at).slice(0, 10)).toBe('2026-11-27');
	expect(beijingText(stamped!.data.time).slice(0, 10)).toBe('2026-11-27');
	await context.close();

	// The desk: the server received the absence weeks before the session began.
	const deskContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
	const deskPage = await deskContext.newPage();
	await signIn(deskPage, 'dudao');
	await deskPage.goto(`${baseUrl()}/desk/${PLAN_ID}`);
	const item = deskPage.locator('[data-key="outside:s-theory-r104:u-proctor-7"]');
	await expect(item).toContainText('不在该场次时间内');
	await expect(item).toContainText('服务器收到于 2026-11-27');
	await expect(item).toContainText('早于场次开始');
	await item.scrollIntoViewIfNeeded();
	await deskPage.screenshot({ path: 'test-results/screens/desk-outside-hours-1280.png' });

	// Every time the desk shows is on the server's clock: the receipt beside the original entry and
	// when the server last confirmed this desk's documents (the machine's date is another day).
	await item.locator('summary').click();
	await expect(item.locator('.originals li').first()).toContainText('服务器收到 2026-11-27');
	await expect(deskPage.getByTestId('last-confirmed').first()).toContainText('服务器最后确认：2026-11-27', {
		timeout: 30_000
	});
	// The desk's decision is stamped with the server's clock, like the tablets' entries.
	await item.getByTestId('option-acknowledge').check();
	await item.getByTestId('decision-reason').fill('演练时记录，已核实');
	await item.getByTestId('decide').click();
	await expect(item.getByTestId('decision')).toContainText('2026-11-27');
	let decision: { at: string } | undefined;
	await waitFor(
		() => {
			decision = [...storedDoc(dataDir(), `review:${PLAN_ID}:u-supervisor`).getMap('entries').values()].find(
				(e) =>
					(e as { kind: string; data: { itemKey?: string } }).kind === 'decision' &&
					(e as { data: { itemKey?: string } }).data.itemKey === 'outside:s-theory-r104:u-proctor-7'
			) as typeof decision;
			return !!decision;
		},
		30_000,
		'the desk decision stored'
	);
	expect(beijingText(decision!.at).slice(0, 10)).toBe('2026-11-27');
	await item.scrollIntoViewIfNeeded();
	await deskPage.screenshot({ path: 'test-results/screens/desk-outside-hours-decided-1280.png' });
	await deskContext.close();
});
