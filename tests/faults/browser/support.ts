// Shared steps for the browser fault scenarios: a proctor on the demo plan, offline.
import { expect, type Page } from '@playwright/test';
import { baseUrl } from '../../support/app';
import { confirmOutsideHours } from '../../e2e/day-support';

export const PLAN_ID = 'demo-20270116';

/** Opens the proctor's room (101 机房, theory) and checks a candidate in by admission number. */
export async function checkIn(page: Page, candidateId: string, admissionNo: string): Promise<void> {
	await confirmOutsideHours(page); // the server's clock (2026-11-27) is not the session's day
	await page.getByTestId('tab-checkin').click();
	await page.getByTestId('candidate-search').fill(admissionNo);
	await page.locator(`[data-testid="search-result"][data-candidate="${candidateId}"]`).click();
	await page.getByTestId('check-in').click();
	await expect(page.getByTestId('day-ok')).toContainText('已签到');
}

export async function openRoom(page: Page): Promise<void> {
	await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toContainText('101 机房');
}

/** Shows the seat map and returns a candidate's seat on it (its `data-state` is the attendance). */
export async function seat(page: Page, candidateId: string) {
	await page.getByTestId('tab-seats').click();
	return page.locator(`[data-testid="seat"][data-candidate="${candidateId}"]`);
}

/** Signs in on the sign-in form (online or, for an account seen before, offline). */
export async function signInHere(page: Page, username: string): Promise<void> {
	await page.goto(`${baseUrl()}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
}
