// Helpers of the centre's specs: a server of their own and the plan document as SQLite holds it.
import type * as Y from 'yjs';
import { expect, type Browser, type Page } from '@playwright/test';
import { storedDoc } from '../support/node-device';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { planHashOf } from '../support/plan-hash';
import { DEMO_PASSWORD, signIn } from '../support/app';

export { startKaowu, type KaowuServer };

export function storedDocOf(server: KaowuServer, planId: string): Y.Doc {
	return storedDoc(server.dataDir, `plan:${planId}`);
}

/**
 * The fingerprint of the plan's content as SQLite holds it (what submissions and approvals are bound
 * to). A page showing the same `data-hash` has seen exactly what the server holds.
 */
export function storedPlanHash(server: KaowuServer, planId: string): string {
	return planHashOf(server.dataDir, planId);
}

/** The plan's review page shows exactly the content SQLite holds (what the server binds submissions and decisions to). */
export async function seesWhatServerHolds(page: Page, server: KaowuServer, planId: string): Promise<void> {
	await expect
		.poll(
			async () =>
				(await page.getByTestId('review-checks').getAttribute('data-hash')) === storedPlanHash(server, planId),
			{ timeout: 30_000, message: 'the review page and SQLite hold the same plan content' }
		)
		.toBe(true);
}

/** A new browser context at 768 px signed in on `server` as `username` (demo password), on its home page. */
export async function signedInOn(server: KaowuServer, browser: Browser, username: string): Promise<Page> {
	const page = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
	await signIn(page, username, DEMO_PASSWORD, server.url);
	return page;
}
