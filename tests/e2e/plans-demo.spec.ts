// The plan screens on the shared demo plan, read only (other specs use this plan): the institution
// sees its preparation, the demo's staffing passes the checks, the district sees a read-only plan with
// its review buttons, and the screens switch to English.
import { expect, test } from '@playwright/test';
import { baseUrl, signIn } from '../support/app';

const PLAN = '/plans/demo-20270116';

test('the institution admin sees the demo plan prepared', async ({ page }) => {
	await signIn(page, 'jigou');
	await page.locator(`a[href="${PLAN}"]`).click();
	await expect(page.getByTestId('plan-title')).toContainText('【演示】2027年1月联考');
	await expect(page.getByTestId('overview-plan-deadline')).toContainText('2027-01-04');
	await page.getByTestId('tab-staff').click();
	await expect(page.getByTestId('staffing-ok')).toHaveText('各考场人员配备均符合要求');
	await page.getByTestId('tab-rooms').click();
	await expect(page.getByTestId('seat-chart')).toHaveCount(4);
	await expect(page.getByTestId('group')).toHaveCount(5);
	await page.screenshot({ path: 'test-results/screens/plans-demo-rooms-768.png', fullPage: true });
	await page.getByTestId('tab-roster').click();
	await expect(page.getByRole('heading', { name: '考生名单（120 人）' })).toBeVisible();
});

test('the district bureau reads the plan and may review it, but not change it', async ({ page }) => {
	await signIn(page, 'quju');
	await page.goto(`${baseUrl()}${PLAN}/review`);
	await expect(page.getByTestId('review-approve')).toBeVisible();
	await page.getByTestId('tab-roster').click();
	await expect(page.getByTestId('candidate-list')).toBeVisible();
	await expect(page.getByTestId('roster-import')).toHaveCount(0);
	await page.getByTestId('tab-rooms').click();
	await expect(page.getByTestId('generate-seats')).toHaveCount(0);
});

test('the plan screens read in English', async ({ page }) => {
	await signIn(page, 'jigou');
	await page.getByTestId('language-switch').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto(`${baseUrl()}${PLAN}/eligibility`);
	await expect(page.getByTestId('filter-approved')).toHaveText('Approved 120');
	await page.screenshot({ path: 'test-results/screens/plans-demo-eligibility-en-768.png' });
	await page.getByTestId('language-switch').click();
	await expect(page.getByTestId('filter-approved')).toHaveText('已通过 120');
});
