// A deletion is a change like any other (issue 11): the institution admin withdraws a staff
// assignment with the tablet offline. Until the server has stored the withdrawal, the status says
// it is waiting, sign-out and "clear this device" are refused, and an "unsent only" USB bundle
// carries the plan document. Own server: the withdrawal must not disturb other specs' staff.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { storedDoc, waitFor } from '../support/node-device';

const PLAN_DOC = 'plan:demo-20270116';
let server: KaowuServer;
test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

const storedStaff = () => storedDoc(server.dataDir, PLAN_DOC).getMap('staff').size;

test('a staff assignment withdrawn offline is waiting: sign-out and clear-device refused, in the unsent-only bundle', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill('jigou');
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
	await page
		.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 })
		.catch(() => page.reload());
	// Visit the device page once online so its code is on the device.
	await page.goto(`${server.url}/device`);
	await expect(page.getByTestId('device-docs')).toBeVisible();
	await page.goto(`${server.url}/plans/demo-20270116/staff`);
	await expect(page.getByTestId('unassign').first()).toBeVisible();
	await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	const before = storedStaff();
	const assignments = await page.getByTestId('unassign').count();

	await context.setOffline(true);
	await page.getByTestId('unassign').first().click();
	await expect(page.getByTestId('unassign')).toHaveCount(assignments - 1);
	await expect(page.getByTestId('server-state')).toContainText('1 条等待上传');
	await page.screenshot({ path: 'test-results/screens/plans-withdraw-offline-768.png' });

	await page.getByTestId('sign-out').click();
	await expect(page.getByTestId('sign-out-refused')).toContainText('未保存到服务器，不能退出登录');

	await page.goto(`${server.url}/device`);
	page.once('dialog', (d) => d.accept());
	await page.getByTestId('clear-device').click();
	await expect(page.getByTestId('device-message')).toContainText('不能清除本设备数据');

	const downloading = page.waitForEvent('download');
	await page.getByTestId('export-unsent').click();
	const bundle = JSON.parse(readFileSync(await (await downloading).path(), 'utf8'));
	expect(bundle.docs.map((d: { name: string }) => d.name)).toEqual([PLAN_DOC]);
	expect(storedStaff(), 'the server does not have the withdrawal yet').toBe(before);

	await context.setOffline(false);
	await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	await waitFor(() => storedStaff() === before - 1, 5000, 'withdrawal stored');
	await context.close();
});
