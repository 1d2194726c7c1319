// Who may act at the desk (found by a new-user trial): the district reads only, the institution
// looks at items but supervisors decide them, proctors have no desk at all.
import { expect, test } from '@playwright/test';
import { baseUrl, signIn } from '../support/app';

const DESK = '/desk/demo-20261121';

test('the district reads the desk without decision controls', async ({ page }) => {
	await signIn(page, 'quju');
	await page.goto(`${baseUrl()}${DESK}`);
	await expect(page.getByTestId('desk-read-only')).toBeVisible();
	await expect(page.locator('fieldset[disabled]').first()).toBeVisible();
	await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器');
});

test('the institution admin sees the items but only supervisors decide them', async ({ page }) => {
	await signIn(page, 'jigou');
	await page.goto(`${baseUrl()}${DESK}`);
	await expect(page.getByTestId('decisions-closed')).toContainText('督导人员裁定');
	await expect(page.getByTestId('desk-read-only')).toHaveCount(0);
});

test('a proctor has no desk', async ({ page }) => {
	await signIn(page, 'jiankao6');
	await page.goto(`${baseUrl()}${DESK}`);
	await expect(page.getByTestId('desk-no-access')).toBeVisible();
});
