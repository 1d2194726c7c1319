// Issue 4, "when nothing else works": a tablet whose network never comes back exports what the
// server has not stored; the file is carried to a computer that is online and imported there
// (the author's authorisation applies); when the tablet reconnects later nothing is duplicated.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { baseUrl, signIn, waitForOfflineReady } from '../support/app';
import { storedDoc, waitFor } from '../support/node-device';
import { confirmOutsideHours, PLAN_ID, roster, waitForFirstSync } from './day-support';

const DAY_DOC = `day:${PLAN_ID}:u-proctor-4`;

function attendanceCount(candidateId: string): number {
	const entries = Object.values(storedDoc(process.env.KAOWU_TEST_DATA_DIR!, DAY_DOC).getMap('entries').toJSON()) as {
		candidateId?: string;
		kind: string;
	}[];
	return entries.filter((e) => e.candidateId === candidateId && e.kind === 'attendance').length;
}

test('an offline tablet’s unsent entries travel by USB bundle and are stored once', async ({ browser }) => {
	const candidate = roster().get('c0036')!;
	const tablet = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
	const page = await tablet.newPage();
	await signIn(page, 'jiankao4');
	await waitForOfflineReady(page);
	await waitForFirstSync(page);
	await tablet.setOffline(true);
	await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
	await confirmOutsideHours(page);
	await page.getByTestId('candidate-search').fill(candidate.admissionNo);
	await page.locator(`[data-testid="search-result"][data-candidate="${candidate.id}"]`).click();
	await page.getByTestId('check-in').click();
	await expect(page.getByTestId('day-ok')).toContainText('已签到');

	await page.goto(`${baseUrl()}/device`);
	await expect(page.getByTestId('device-docs')).toContainText(DAY_DOC);
	// When the server last confirmed each document: Beijing time on the exam clock (the test
	// server's day is 2026-11-27), as the status bar says it, not the device's own date and format.
	await expect(page.getByTestId('stored-at').first()).toHaveText(/^2026-11-27 \d{2}:\d{2}:\d{2}$/);
	const downloading = page.waitForEvent('download');
	await page.getByTestId('export-unsent').click();
	const file = await (await downloading).path();
	const bundle = JSON.parse(readFileSync(file, 'utf8'));
	expect(bundle).toMatchObject({ format: 'kaowu-bundle', userId: 'u-proctor-4', isUnsentOnly: true });
	expect(bundle.docs.map((d: { name: string }) => d.name)).toEqual([DAY_DOC]);
	await page.screenshot({ path: 'test-results/screens/device-export-768.png' });
	expect(attendanceCount(candidate.id)).toBe(0);

	// At the centre: the supervisor imports the file on a computer that is online.
	const desk = await browser.newContext({ locale: 'zh-CN' });
	const deskPage = await desk.newPage();
	await signIn(deskPage, 'dudao');
	await deskPage.goto(`${baseUrl()}/device`);
	await deskPage.getByTestId('import-bundle').setInputFiles(file);
	await expect(deskPage.getByTestId('device-message')).toContainText('服务器已导入：1 个文档新增内容');
	await deskPage.getByTestId('import-bundle').setInputFiles(file); // twice: harmless
	await expect(deskPage.getByTestId('device-message')).toContainText('1 个已是最新');
	expect(attendanceCount(candidate.id)).toBe(1);

	// The tablet's network comes back: it learns the server has everything; nothing is duplicated.
	await tablet.setOffline(false);
	await expect(page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	await waitFor(() => attendanceCount(candidate.id) === 1, 5000, 'still one record');
	await tablet.close();
	await desk.close();
});
