import { expect, test } from '@playwright/test';
import { baseUrl, DEMO_PASSWORD, holdServiceWorker, signIn, waitForOfflineReady } from '../support/app';
import { confirmOutsideHours } from './day-support';

test('after one online sign-in the app reloads and works with the network gone', async ({ page, context }) => {
	await signIn(page, 'jiankao1');
	await waitForOfflineReady(page);
	await expect(page.getByTestId('my-duties')).toContainText('监考');

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('home-title')).toContainText('陈静');
	await expect(page.getByTestId('plan-card')).toContainText(/我负责的考生 [1-9]\d* 人/);
	await expect(page.getByTestId('my-duties')).toContainText('101 机房');
	await expect(page.getByTestId('network-state')).toHaveText('离线');

	// A route never visited online is answered by the offline shell too.
	await page.goto(`${baseUrl()}/sign-in`);
	await expect(page.getByTestId('home-title')).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/offline-home-768.png', fullPage: true });
	await context.setOffline(false);
});

test('until the app is stored on the device, a signed-in user is told to stay online', async ({ page, context }) => {
	// Hold the service worker's script, so the worker cannot install yet.
	const release = await holdServiceWorker(context);
	await signIn(page, 'jiankao2', DEMO_PASSWORD, baseUrl(), { isStored: false });
	const notice = page.getByTestId('offline-not-ready');
	await expect(notice).toContainText('请保持联网');
	await page.screenshot({ path: 'test-results/screens/offline-not-ready-768.png' });

	release();
	await expect(notice).toHaveCount(0, { timeout: 30_000 });
	expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('home-title')).toBeVisible();
	await expect(notice).toHaveCount(0);
	await context.setOffline(false);
});

test('a device that signed in online once unlocks offline with the same password', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'kaoping1');
	await waitForOfflineReady(page);
	await expect(page.getByTestId('my-duties')).toContainText('答辩组'); // the plan has reached the device
	// His own day document (other specs may have filled it) is stored on the server too: nothing of
	// his waits, so signing out later is allowed.
	await expect(page.getByTestId('last-confirmed').first()).toContainText('服务器最后确认', { timeout: 30_000 });
	await expect(page.getByTestId('server-state').first()).toHaveAttribute('data-unsent', '0', { timeout: 30_000 });
	await page.close();

	await context.setOffline(true);
	const again = await context.newPage(); // a new tab: not unlocked yet
	await again.goto(`${baseUrl()}/`);
	await expect(again.getByRole('heading', { name: '登录' })).toBeVisible();
	await expect(again.getByTestId('offline-hint')).toBeVisible();
	await again.getByLabel('用户名').fill('kaoping1');
	await again.getByLabel('密码').fill('not-the-password');
	await again.getByTestId('sign-in-submit').click();
	await expect(again.getByTestId('sign-in-error')).toHaveText('用户名或密码不正确');
	await again.getByLabel('密码').fill(DEMO_PASSWORD);
	await again.getByTestId('sign-in-submit').click();
	await expect(again.getByTestId('home-title')).toContainText('欧阳明轩');
	await expect(again.getByTestId('my-duties')).toContainText('答辩组');

	// An account this device never saw cannot be unlocked offline.
	await again.getByTestId('sign-out').click();
	await again.getByLabel('用户名').fill('jigou');
	await again.getByLabel('密码').fill(DEMO_PASSWORD);
	await again.getByTestId('sign-in-submit').click();
	await expect(again.getByTestId('sign-in-error')).toContainText('本设备没有该账号');
	await context.close();
});

test('an offline unlock lands on the page that was asked for (the group), not on /home', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'kaoping1');
	await waitForOfflineReady(page);
	await expect(page.getByTestId('my-duties')).toContainText('答辩组');
	await page.close();

	await context.setOffline(true);
	const again = await context.newPage(); // a new tab: not unlocked yet
	await again.goto(`${baseUrl()}/examiner/demo-20270116?group=p-hr-2`);
	await expect(again.getByRole('heading', { name: '登录' })).toBeVisible();
	await again.getByLabel('用户名').fill('kaoping1');
	await again.getByLabel('密码').fill(DEMO_PASSWORD);
	await again.getByTestId('sign-in-submit').click();
	await expect(again).toHaveURL(/\/examiner\/demo-20270116\?group=p-hr-2$/);
	await expect(again.locator('[data-testid="pick-group"][data-group="p-hr-2"]')).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await context.close();
});

test('signing out and clearing the device are refused while an entry waits for the server', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await signIn(page, 'jiankao5');
	await waitForOfflineReady(page);
	await expect(page.getByTestId('my-duties')).toContainText('监考');
	await context.setOffline(true);
	await page.goto(`${baseUrl()}/proctor/demo-20270116`);
	await confirmOutsideHours(page);
	await page.getByTestId('tab-room').click();
	await page.getByTestId('video-confirm').click();
	await expect(page.getByTestId('server-state').first()).toContainText('等待上传');

	await page.getByTestId('sign-out').click();
	await expect(page.getByTestId('sign-out-refused')).toContainText('未保存到服务器，不能退出登录');
	await page.goto(`${baseUrl()}/device`);
	page.once('dialog', (d) => d.accept());
	await page.getByTestId('clear-device').click();
	await expect(page.getByTestId('device-message')).toContainText('不能清除本设备数据');
	await expect(page.getByTestId('current-user')).toContainText('周敏');

	await context.setOffline(false);
	await expect(page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	await page.getByTestId('sign-out').click();
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	await context.close();
});

test('the app is installable (manifest, icons, service worker) as Chromium judges it', async ({ page, context }) => {
	await page.goto(`${baseUrl()}/sign-in`);
	await waitForOfflineReady(page);
	const cdp = await context.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's contexts are incognito, which alone blocks installation; nothing else may.
	expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
	const manifest = await (await page.request.get(`${baseUrl()}/manifest.webmanifest`)).json();
	expect(manifest).toMatchObject({ short_name: '考务', display: 'standalone', lang: 'zh-CN' });
});
