// Scenario 4: the device's storage quota is exhausted (Chromium's quota override through CDP). The
// proctor is told at once that the entry is not saved on this device; nothing already saved is
// lost; when space returns, the unsaved entry is written without anyone entering it again.
import { expect, test } from '@playwright/test';
import { baseUrl, waitForOfflineReady } from '../../support/app';
import { noisePng } from '../../support/noise-png';
import { roster, waitForFirstSync } from '../../e2e/day-support';
import { checkIn, openRoom, seat, signInHere } from './support';

test('a full device is reported, saved entries survive, and the unsaved one is written when space returns', async ({
	browser
}) => {
	const people = roster();
	const context = await browser.newContext();
	const page = await context.newPage();
	// A device with 16 MB for this app (Chromium's quota override through CDP).
	const cdp = await context.newCDPSession(page);
	const origin = new URL(baseUrl()).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 16 * 1024 * 1024 });
	await signInHere(page, 'jiankao1');
	await waitForOfflineReady(page);
	await waitForFirstSync(page);
	await context.setOffline(true);
	await openRoom(page);
	await checkIn(page, 'c0011', people.get('c0011')!.admissionNo);
	await expect(page.getByTestId('local-state').first()).toHaveText('已保存到本设备');

	// Something else fills the device (photos, another app): random data until the quota refuses it.
	const filled = await page.evaluate(async () => {
		const db: IDBDatabase = await new Promise((ok) => {
			const r = indexedDB.open('other-data', 1);
			r.onupgradeneeded = () => r.result.createObjectStore('blobs');
			r.onsuccess = () => ok(r.result);
		});
		for (let n = 0; n < 1000; n++) {
			const result = await new Promise<string>((ok) => {
				const tx = db.transaction('blobs', 'readwrite');
				tx.objectStore('blobs').put(crypto.getRandomValues(new Uint8Array(64 * 1024)), n);
				tx.oncomplete = () => ok('ok');
				tx.onabort = () => ok(tx.error?.name ?? 'abort');
			});
			if (result !== 'ok') {
				db.close();
				return result;
			}
		}
		db.close();
		return 'never full';
	});
	expect(filled).toBe('QuotaExceededError');
	await page.getByTestId('tab-incidents').click();
	await page.getByTestId('incident-violation').click();
	await page.getByTestId('incident-candidate').selectOption('c0011');
	await page.getByTestId('incident-description').fill('设备存储已满时记录的违纪：夹带纸条。');
	await page
		.getByTestId('incident-photo')
		.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: noisePng(600, 600) });
	await expect(page.getByTestId('incident-form').locator('img')).toBeVisible();
	await page.getByTestId('incident-save').click();
	await expect(page.getByTestId('local-save-error')).toContainText('存储空间已满');
	await expect(page.getByTestId('local-state').first()).toHaveText('未能保存到本设备');
	await page.screenshot({ path: 'test-results/screens/fault-quota-768.png' });

	// Space comes back (the other data is deleted): the failed write is retried by itself.
	await page.evaluate(() => new Promise((ok) => (indexedDB.deleteDatabase('other-data').onsuccess = ok)));
	await expect(page.getByTestId('local-state').first()).toHaveText('已保存到本设备', { timeout: 15_000 });
	await expect(page.getByTestId('local-save-error')).toHaveCount(0);

	await page.reload();
	await openRoom(page);
	await expect(await seat(page, 'c0011')).toHaveAttribute('data-state', 'present');
	await page.getByTestId('tab-incidents').click();
	await expect(page.getByTestId('incident-list')).toContainText('夹带纸条');
	await context.close();
});
