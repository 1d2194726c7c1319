// The plan screens are local-first: with the network gone, a clerk still adds rooms and records paper
// custody; the device keeps them and the server stores them once the connection returns. What needs
// the server (creating a plan, signing tickets) says so in Chinese instead of failing silently.
import { expect, test } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { storedDoc } from '../support/node-device';

let server: KaowuServer;
test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

test('rooms and custody recorded offline reach the server when back online', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill('jigou');
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
	await page
		.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 })
		.catch(() => page.reload());
	await page.goto(`${server.url}/plans/demo-20270116/rooms`);
	await expect(page.getByTestId('room-row')).toHaveCount(8);
	// Visit the tabs once online so their code is on the device.
	await page.getByTestId('tab-custody').click();
	await page.getByTestId('tab-print').click();
	await page.getByTestId('tab-rooms').click();

	await context.setOffline(true);
	await page.getByTestId('room-name').fill('离线添加的考场');
	await page.getByTestId('add-room').click();
	await expect(page.getByTestId('room-row')).toHaveCount(9);
	await page.getByTestId('tab-custody').click();
	await page.getByLabel('交付人（中心）').fill('市职鉴中心 杨主任');
	await page.getByRole('button', { name: '登记接收' }).click();
	await expect(page.getByText(/接收试卷 1 袋/)).toBeVisible();
	await expect(page.getByTestId('server-state')).not.toHaveText('已全部保存到服务器');
	// Tickets need the server's signature: refused with the reason.
	await page.getByTestId('tab-print').click();
	await page.getByTestId('print-tickets').click();
	await expect(page.getByTestId('tickets-note')).toContainText('需要联网');
	await page.screenshot({ path: 'test-results/screens/plans-offline-768.png' });

	await context.setOffline(false);
	await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	const stored = storedDoc(server.dataDir, 'plan:demo-20270116');
	expect([...stored.getMap('rooms').values()].map((r) => (r as { name: string }).name)).toContain('离线添加的考场');
	expect(stored.getMap('custody').size).toBe(1);
	await context.close();
});
