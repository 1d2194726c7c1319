// Scenario 8: a new version of the app (a new service worker) arrives while entries are unsent.
// Nothing is lost and the update waits for the user, who cannot apply it until the server has
// stored everything.
import { expect, test } from '@playwright/test';
import { execSync } from 'node:child_process';
import { waitForOfflineReady } from '../../support/app';
import { startKaowu, type KaowuServer } from '../../support/kaowu-server';
import { storedDoc, waitForCheckInsStoredOnce } from '../../support/node-device';
import { checkIn, PLAN_ID, seat } from './support';
import type { Page, WebSocketRoute } from '@playwright/test';

const NEXT_BUILD = 'build-next-version';
let server: KaowuServer;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	// The next version: the same sources built again get a new version stamp and service worker.
	execSync(`npx vite build`, {
		stdio: 'inherit',
		env: { ...process.env, KAOWU_BUILD_DIR: NEXT_BUILD, KAOWU_KIT_DIR: '.svelte-kit-next-version' }
	});
	server = await startKaowu();
});

test.afterAll(async () => {
	await server?.kill();
});

async function signInAt(page: Page, url: string) {
	await page.goto(`${url}/sign-in`);
	await page.getByLabel('用户名').fill('jiankao2');
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
}

test('an update arriving with unsent entries waits until they are stored, and loses nothing', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAt(page, server.url);
	await waitForOfflineReady(page);
	await expect(page.getByTestId('last-confirmed').first()).toContainText('服务器最后确认', { timeout: 20_000 });
	const firstVersion = await page.getByTestId('app-version').getAttribute('data-version');

	// The server can no longer be reached for sync (the socket connects to nothing).
	const blocked: WebSocketRoute[] = [];
	let isBlocked = true;
	await context.setOffline(true);
	await context.routeWebSocket(/\/sync$/, (ws) => {
		if (isBlocked) blocked.push(ws);
		else ws.connectToServer();
	});
	await context.setOffline(false);
	await page.goto(`${server.url}/proctor/${PLAN_ID}`);
	const admission = (
		storedDoc(server.dataDir, `plan:${PLAN_ID}`).getMap('candidates').get('c0021') as { admissionNo: string }
	).admissionNo;
	await expect(page.getByTestId('room-title')).toBeVisible();
	await checkIn(page, 'c0021', admission);
	await expect(page.getByTestId('server-state').first()).toContainText('等待上传');

	// The new version is deployed; the tablet notices it.
	await server.stop();
	server = await startKaowu({ dataDir: server.dataDir, port: server.port, env: { KAOWU_BUILD_DIR: NEXT_BUILD } });
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
	await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 30_000 });
	// Whatever the waiting version does from here on is written down in the page (a reload, which a
	// switch causes, would lose the log).
	await page.evaluate(async () => {
		const log: string[] = [];
		(window as unknown as { swLog: string[] }).swLog = log;
		const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
		if (!waiting) throw new Error('no waiting service worker');
		waiting.addEventListener('statechange', () => log.push(`waiting:${waiting.state}`));
		navigator.serviceWorker.addEventListener('controllerchange', () => log.push('controllerchange'));
	});
	await page.getByTestId('update-apply').click();
	await expect(page.getByTestId('update-ready')).toContainText('上传完成后才能更新');
	expect(await page.getByTestId('app-version').getAttribute('data-version')).toBe(firstVersion);
	await expect(await seat(page, 'c0021')).toHaveAttribute('data-state', 'present');

	// The network comes back: the entry is stored, then the update may be applied.
	isBlocked = false;
	for (const ws of blocked) await ws.close();
	await expect(page.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	// Nothing swapped by itself: from the refused click until everything was stored (the upload came
	// after it), the waiting version stayed waiting and the page was not reloaded.
	expect(await page.evaluate(() => (window as unknown as { swLog?: string[] }).swLog)).toEqual([]);
	expect(
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null)
	).toBe('installed');
	expect(await page.getByTestId('app-version').getAttribute('data-version')).toBe(firstVersion);
	await page.getByTestId('update-apply').click();
	await expect(page.getByTestId('app-version')).not.toHaveAttribute('data-version', firstVersion!, { timeout: 30_000 });
	await waitForCheckInsStoredOnce(server.dataDir, `day:${PLAN_ID}:u-proctor-2`, ['c0021']);
	await context.close();
});
