// Scenario 3 (and issue 4's durability test): the page is closed, or the tab crashes, right after an
// entry is shown as saved on the device; reopened offline, the entry is there; back online, the
// server stores it exactly once.
import { expect, test } from '@playwright/test';
import { waitForOfflineReady } from '../../support/app';
import { waitForCheckInsStoredOnce } from '../../support/node-device';
import { roster, waitForFirstSync } from '../../e2e/day-support';
import { checkIn, openRoom, PLAN_ID, seat, signInHere } from './support';

test('an entry shown as saved survives closing and crashing the tab', async ({ browser }) => {
	const people = roster();
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInHere(page, 'jiankao1');
	await waitForOfflineReady(page);
	await waitForFirstSync(page);

	await context.setOffline(true);
	await openRoom(page);
	await checkIn(page, 'c0003', people.get('c0003')!.admissionNo);
	await expect(page.getByTestId('local-state').first()).toHaveText('已保存到本设备');
	await page.close(); // at once: no waiting for anything else

	const second = await context.newPage();
	await signInHere(second, 'jiankao1'); // offline: unlocked with the device's verifier
	await openRoom(second);
	await expect(await seat(second, 'c0003')).toHaveAttribute('data-state', 'present');
	await checkIn(second, 'c0004', people.get('c0004')!.admissionNo);
	await expect(second.getByTestId('local-state').first()).toHaveText('已保存到本设备');
	const cdp = await context.newCDPSession(second);
	const crashed = second.waitForEvent('crash');
	void cdp.send('Page.crash').catch(() => {}); // the renderer dies; this call never answers
	await crashed;
	await second.close();

	const third = await context.newPage();
	await signInHere(third, 'jiankao1');
	await openRoom(third);
	await expect(await seat(third, 'c0003')).toHaveAttribute('data-state', 'present');
	await expect(await seat(third, 'c0004')).toHaveAttribute('data-state', 'present');
	await expect(third.getByTestId('server-state').first()).toContainText('等待上传');

	await context.setOffline(false);
	await expect(third.getByTestId('server-state').first()).toHaveText('已全部保存到服务器', { timeout: 30_000 });
	const dataDir = process.env.KAOWU_TEST_DATA_DIR!;
	await waitForCheckInsStoredOnce(dataDir, `day:${PLAN_ID}:u-proctor-1`, ['c0003', 'c0004']);
	await context.close();
});
