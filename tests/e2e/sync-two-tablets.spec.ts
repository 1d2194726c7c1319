// Issue 4: two tablets (two browser contexts) go offline and record different things about the same
// candidate; one reloads offline and still has its entry; back online, both see both records (and
// that they disagree), and the server stores both.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { baseUrl, waitForOfflineReady } from '../support/app';
import { storedDoc, waitFor } from '../support/node-device';
import { confirmOutsideHours, PLAN_ID, roster, waitForFirstSync } from './day-support';

async function tablet(browser: Browser, username: string) {
	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await page.goto(`${baseUrl()}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
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

test('two offline tablets record the same candidate differently; both records survive and both are seen', async ({
	browser
}) => {
	const candidate = roster().get('c0028')!; // untouched by the other specs that share the demo server
	const a = await tablet(browser, 'jiankao1');
	const b = await tablet(browser, 'jiankao2');
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	for (const t of [a, b]) {
		await t.page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
		await expect(t.page.getByTestId('room-title')).toContainText('101 机房');
		await confirmOutsideHours(t.page);
	}

	await openCandidate(a.page, candidate.id, candidate.admissionNo);
	await a.page.getByTestId('check-in').click();
	await expect(a.page.getByTestId('day-ok')).toContainText('已签到');
	await openCandidate(b.page, candidate.id, candidate.admissionNo);
	await b.page.getByTestId('mark-absent').click();
	await expect(b.page.getByTestId('day-ok')).toBeVisible();

	await b.page.reload(); // offline reload: the entry is still there
	await b.page.getByTestId('tab-seats').click();
	await expect(b.page.locator(`[data-testid="seat"][data-candidate="${candidate.id}"]`)).toHaveAttribute(
		'data-state',
		'absent'
	);

	await a.context.setOffline(false);
	await b.context.setOffline(false);
	for (const t of [a, b]) {
		await expect(t.page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
		await openCandidate(t.page, candidate.id, candidate.admissionNo);
		const disagreement = t.page.getByTestId('attendance-disagreement');
		await expect(disagreement).toContainText('陈静：已到', { timeout: 15_000 });
		await expect(disagreement).toContainText('张磊：缺考');
	}
	await a.page.screenshot({ path: 'test-results/screens/two-tablets-disagreement-768.png' });

	const dataDir = process.env.KAOWU_TEST_DATA_DIR!;
	await waitFor(
		() => {
			const states = (user: string) =>
				(
					Object.values(storedDoc(dataDir, `day:${PLAN_ID}:${user}`).getMap('entries').toJSON()) as {
						candidateId?: string;
						kind: string;
						data: { state?: string };
					}[]
				)
					.filter((e) => e.candidateId === candidate.id && e.kind === 'attendance')
					.map((e) => e.data.state);
			return states('u-proctor-1').join() === 'present' && states('u-proctor-2').join() === 'absent';
		},
		15_000,
		'both records stored'
	);
	await a.context.close();
	await b.context.close();
});
