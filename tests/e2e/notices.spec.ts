// Notices that come and go (the "stay online" notice until the app is stored, storage warnings,
// failures) sit in a tray fixed at the bottom of the screen: a notice appearing or going never moves
// the control a person is about to tap. Stop 25's CI clicked 新建考试计划 just as the "stay online"
// notice above the page went, and the click landed elsewhere.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseUrl, DEMO_PASSWORD, holdServiceWorker, signIn } from '../support/app';
import { startKaowu } from '../support/kaowu-server';
import { confirmOutsideHours, PLAN_ID } from './day-support';

const VIEWPORTS = [
	{ name: '768', width: 768, height: 1024 },
	{ name: '1280', width: 1280, height: 800 }
];

async function box(target: Locator) {
	const b = await target.boundingBox();
	if (!b) throw new Error('not on screen');
	return b;
}

/** A finger's tap where the control is now (a locator's click would first scroll it into view). */
async function tap(page: Page, target: Locator) {
	const b = await box(target);
	await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
}

/** The notice shows in the tray and covers nothing of `control`. */
async function expectBesideControl(page: Page, noticeId: string, control: Locator) {
	const notice = page.getByTestId('notice-tray').getByTestId(noticeId);
	await expect(notice).toBeVisible();
	const n = await box(notice);
	const c = await box(control);
	expect(n.y >= c.y + c.height || n.y + n.height <= c.y, 'the notice covers the control').toBe(true);
}

for (const viewport of VIEWPORTS) {
	test(`at ${viewport.name} px the button under a finger stays put when the "stay online" notice goes`, async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
		const page = await context.newPage();
		// Hold the service worker's script: the app is not stored yet, so the notice shows.
		const release = await holdServiceWorker(context);
		await signIn(page, 'jigou', DEMO_PASSWORD, baseUrl(), { isStored: false });
		const notice = page.getByTestId('offline-not-ready');
		await expect(notice).toContainText('请保持联网');
		await expect(notice).toHaveAttribute('role', 'status');
		const button = page.getByTestId('new-plan');
		await expect(button).toBeVisible();
		await expectBesideControl(page, 'offline-not-ready', button);
		const before = await box(button);
		await page.screenshot({ path: `test-results/screens/notices-stay-online-${viewport.name}.png` });
		// Scrolled to the end too (at 1280×800 the page is taller than the screen): the room kept for
		// the tray does not shrink under the finger, so the page cannot slide down when it goes.
		const last = page.getByTestId('plan-card').last().locator('a.button').last();
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		const scrolled = await page.evaluate(() => window.scrollY);
		const lastBefore = await box(last);

		release();
		await expect(notice).toHaveCount(0, { timeout: 30_000 });
		expect(await box(last), 'the last button at the end of the page').toEqual(lastBefore);
		expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
		await page.screenshot({ path: `test-results/screens/notices-stored-end-${viewport.name}.png` });
		await page.evaluate(() => window.scrollTo(0, 0));
		expect(await box(button), 'the new-plan button').toEqual(before);
		await page.screenshot({ path: `test-results/screens/notices-stored-${viewport.name}.png` });
		// And the tap lands where the person aimed.
		await button.click();
		await expect(page).toHaveURL(/\/plans\/new$/);
		await context.close();
	});

	test(`at ${viewport.name} px the check-in field stays put when a storage warning appears`, async ({ browser }) => {
		const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
		// The browser answers whether it keeps the data only when the test says (it then refuses).
		await context.addInitScript(() => {
			let answer!: (value: boolean) => void;
			const asked = new Promise<boolean>((resolve) => (answer = resolve));
			(window as unknown as { refusePersist: () => void }).refusePersist = () => answer(false);
			navigator.storage.persisted = () => asked;
			navigator.storage.persist = () => asked;
		});
		const page = await context.newPage();
		await signIn(page, 'jiankao1');
		await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
		await expect(page.getByTestId('room-title')).toBeVisible();
		await page.getByTestId('tab-checkin').click();
		const field = page.getByTestId('candidate-search');
		await expect(field).toBeVisible();
		const before = await box(field);
		await expect(page.getByTestId('persist-denied')).toHaveCount(0);

		await page.evaluate(() => (window as unknown as { refusePersist: () => void }).refusePersist());
		const notice = page.getByTestId('persist-denied');
		await expect(notice).toBeVisible();
		await expect(notice).toHaveAttribute('role', 'status');
		expect(await box(field)).toEqual(before);
		await expectBesideControl(page, 'persist-denied', field);
		await page.screenshot({ path: `test-results/screens/notices-persist-denied-${viewport.name}.png` });
		await page.screenshot({
			path: `test-results/screens/notices-persist-denied-${viewport.name}-end.png`,
			fullPage: true
		});
		await context.close();
	});
}

test('at 768 px the room stays put when the sign-out refusal comes, is dismissed, comes again and goes by itself', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// Own server: the entry written offline must not disturb other specs' rooms.
	const server = await startKaowu();
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	try {
		await signIn(page, 'jiankao1', DEMO_PASSWORD, server.url);
		await page.goto(`${server.url}/proctor/${PLAN_ID}`);
		await expect(page.getByTestId('room-title')).toBeVisible();
		await confirmOutsideHours(page);
		await context.setOffline(true);
		await page.getByTestId('tab-room').click();
		await page.getByTestId('video-confirm').click();
		await expect(page.getByTestId('server-state').first()).toContainText('等待上传');
		const tab = page.getByTestId('tab-checkin');
		const before = await box(tab);

		const refusal = page.getByTestId('sign-out-refused');
		await tap(page, page.getByTestId('sign-out'));
		await expect(refusal).toContainText('未保存到服务器，不能退出登录');
		await expect(refusal).toHaveAttribute('role', 'alert');
		expect(await box(tab), 'while the refusal shows').toEqual(before);
		await page.screenshot({ path: 'test-results/screens/notices-sign-out-refused-768.png' });
		await page.getByTestId('sign-out-refused-dismiss').click();
		await expect(refusal).toHaveCount(0);
		expect(await box(tab), 'after it is dismissed').toEqual(before);

		await tap(page, page.getByTestId('sign-out'));
		await expect(refusal).toBeVisible();
		await context.setOffline(false);
		// Everything stored: the refusal is no longer true and goes by itself.
		await expect(refusal).toHaveCount(0, { timeout: 30_000 });
		expect(await box(tab), 'after it went by itself').toEqual(before);
		await tab.click();
		await expect(page.getByTestId('candidate-search')).toBeVisible();
	} finally {
		await context.close();
		await server.stop();
	}
});
