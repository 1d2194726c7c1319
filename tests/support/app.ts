// Page helpers that act as a person would: sign in through the form, wait for what the screen says.
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'kaowu2027';

export function baseUrl(): string {
	const url = process.env.KAOWU_URL;
	if (!url) throw new Error('KAOWU_URL is not set: run through playwright.config.ts');
	return url;
}

/** Signs in through the form; `url`: a spec's own server instead of the shared one. */
/**
 * Signs in and, as the app asks a signed-in person ("stay online until this notice goes"), waits
 * until the app is stored on the device. The notice sits above the page: while it shows, the page
 * below it moves up when it goes, so a tap right then can land on something else (the final CI of
 * stop 25 clicked 新建考试计划 just as it went, and stayed on /home). `isStored: false` returns at
 * once, for a test that holds the worker back.
 */
export async function signIn(
	page: Page,
	username: string,
	password = DEMO_PASSWORD,
	url = baseUrl(),
	{ isStored = true }: { isStored?: boolean } = {}
): Promise<void> {
	await page.goto(`${url}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
	if (isStored) await waitForOfflineReady(page);
}

/**
 * Waits until the service worker controls the page, so the app is available offline. The predicate
 * is synchronous on purpose: waitForFunction takes a returned Promise as truthy at once, so an async
 * check let specs go offline while the worker was still installing (net::ERR_INTERNET_DISCONNECTED
 * on the next offline navigation). A controller exists only once the worker has installed (the
 * whole build precached) and claimed the page.
 */
export async function waitForOfflineReady(page: Page): Promise<void> {
	await page
		.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 })
		.catch(async () => {
			// The first load is not controlled until the worker claims it; a reload makes sure.
			await page.reload();
			await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
		});
	// What the person sees: the "stay online" notice is gone.
	await expect(page.getByTestId('offline-not-ready')).toHaveCount(0);
}
