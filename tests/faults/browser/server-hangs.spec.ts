// Scenario 11: the site's Wi-Fi is up but the server does not answer. A TCP proxy in front of the
// server accepts every connection and never replies (a hung server, a dead route behind a live
// access point): nothing fails fast, every request just waits. The proctor's room must still open
// at once from the device, the day go on, and a new tab unlock the known account; when the server
// answers again, what was recorded meanwhile is stored.
import { expect, test, type Page } from '@playwright/test';
import { waitForOfflineReady } from '../../support/app';
import { startKaowu, type KaowuServer } from '../../support/kaowu-server';
import { storedDoc, waitForCheckInsStoredOnce } from '../../support/node-device';
import { startProxy } from '../proxy';
import { checkIn, PLAN_ID, seat } from './support';

let server: KaowuServer;
let proxy: Awaited<ReturnType<typeof startProxy>>;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startKaowu();
	proxy = await startProxy(server.port);
});

test.afterAll(async () => {
	await proxy?.close();
	await server?.kill();
});

async function signInAt(page: Page, url: string) {
	await page.goto(`${url}/sign-in`);
	await page.getByLabel('用户名').fill('jiankao2');
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
}

test('with the server accepting connections and never answering, the room opens from the shell and the day goes on', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	// Everything goes through the proxy: it is the origin the tablet knows.
	await signInAt(page, proxy.url);
	await waitForOfflineReady(page);
	await page.goto(`${proxy.url}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toBeVisible();
	await expect(page.getByTestId('last-confirmed').first()).toContainText('服务器最后确认', { timeout: 30_000 });
	const admission = (
		storedDoc(server.dataDir, `plan:${PLAN_ID}`).getMap('candidates').get('c0021') as { admissionNo: string }
	).admissionNo;

	proxy.setHanging(true);
	// A navigation (the proctor reopens the room) must not wait for the server: answered from the
	// device's copy of the app. Network-first, it waits as long as the hung connection does.
	const started = Date.now();
	await page.goto(`${proxy.url}/proctor/${PLAN_ID}`, { timeout: 20_000 });
	await expect(page.getByTestId('room-title')).toBeVisible({ timeout: 20_000 });
	test.info().annotations.push({ type: 'room shown after', description: `${Date.now() - started} ms` });
	await expect(page.getByTestId('offline-not-ready')).toHaveCount(0);

	// The day goes on: a check-in is saved on the device and waits for the server.
	await checkIn(page, 'c0021', admission);
	await expect(page.getByTestId('server-state').first()).toContainText('等待上传');
	await expect(await seat(page, 'c0021')).toHaveAttribute('data-state', 'present');

	// A new tab is not unlocked: signing in waits a few seconds for the server, then the device's
	// verifier unlocks the account it knows, and the room opens with the check-in in it.
	const tab = await context.newPage();
	await tab.goto(`${proxy.url}/proctor/${PLAN_ID}`, { timeout: 20_000 });
	await tab.getByLabel('用户名').fill('jiankao2');
	await tab.getByLabel('密码').fill('kaowu2027');
	await tab.getByTestId('sign-in-submit').click();
	await expect(tab.getByTestId('room-title')).toBeVisible({ timeout: 20_000 });
	await expect(await seat(tab, 'c0021')).toHaveAttribute('data-state', 'present');
	await tab.close();

	// The server answers again (the hung connections break, new ones get through): the check-in
	// made while it hung is stored, once.
	proxy.setHanging(false);
	proxy.dropAll();
	await expect(page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 60_000 });
	await waitForCheckInsStoredOnce(server.dataDir, `day:${PLAN_ID}:u-proctor-2`, ['c0021']);
	await context.close();
});
