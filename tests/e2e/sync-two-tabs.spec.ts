// Issue 4: the same proctor in two tabs of one browser. Each tab persists its own writes and relays
// them to the other (BroadcastChannel); nothing is lost or duplicated, offline or online.
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, signIn, waitForOfflineReady } from '../support/app';
import { storedDoc, waitFor } from '../support/node-device';
import { confirmOutsideHours, PLAN_ID, roster, waitForFirstSync } from './day-support';

async function checkIn(page: Page, candidateId: string, admissionNo: string) {
	await page.getByTestId('tab-checkin').click();
	await page.getByTestId('candidate-search').fill(admissionNo);
	await page.locator(`[data-testid="search-result"][data-candidate="${candidateId}"]`).click();
	await page.getByTestId('check-in').click();
	await expect(page.getByTestId('day-ok')).toContainText('已签到');
}

const seat = (page: Page, id: string) => page.locator(`[data-testid="seat"][data-candidate="${id}"]`);

test('two tabs of one tablet see each other’s entries at once and store each exactly once', async ({
	page,
	context
}) => {
	const people = roster();
	await signIn(page, 'jiankao3');
	await waitForOfflineReady(page);
	await waitForFirstSync(page);
	await context.setOffline(true);
	const other = await context.newPage();
	await other.goto(`${baseUrl()}/sign-in`); // a new tab unlocks with the password, offline
	await other.getByLabel('用户名').fill('jiankao3');
	await other.getByLabel('密码').fill('kaowu2027');
	await other.getByTestId('sign-in-submit').click();
	await expect(other.getByTestId('home-title')).toBeVisible();

	// jiankao3 invigilates room 102 (theory).
	for (const p of [page, other]) {
		await p.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
		await expect(p.getByTestId('room-title')).toContainText('102 机房');
		await confirmOutsideHours(p);
	}
	await checkIn(page, 'c0031', people.get('c0031')!.admissionNo);
	await checkIn(other, 'c0032', people.get('c0032')!.admissionNo);
	for (const p of [page, other]) {
		await p.getByTestId('tab-seats').click();
		await expect(seat(p, 'c0031')).toHaveAttribute('data-state', 'present');
		await expect(seat(p, 'c0032')).toHaveAttribute('data-state', 'present');
	}

	await other.reload();
	await other.getByTestId('tab-seats').click();
	await expect(seat(other, 'c0031')).toHaveAttribute('data-state', 'present');
	await expect(seat(other, 'c0032')).toHaveAttribute('data-state', 'present');

	await context.setOffline(false);
	await expect(page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	await waitFor(
		() => {
			const entries = Object.values(
				storedDoc(process.env.KAOWU_TEST_DATA_DIR!, `day:${PLAN_ID}:u-proctor-3`).getMap('entries').toJSON()
			) as { candidateId?: string; kind: string }[];
			const count = (c: string) => entries.filter((e) => e.candidateId === c && e.kind === 'attendance').length;
			return count('c0031') === 1 && count('c0032') === 1;
		},
		15_000,
		'each check-in stored once'
	);
	await other.close();
});
