// Issue 15: a proctor's tablet that synced before the roster slices holds the whole plan document
// (every candidate's ID number and phone) and the registry in IndexedDB. The server no longer
// serves them and the app no longer opens them; signing in deletes them. Uses jiankao8, whom no
// other spec signs in on this plan's day screens.
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, signIn } from '../support/app';
import { PLAN_ID } from './day-support';

const OLD_COPIES = [`kaowu:u-proctor-8:plan:${PLAN_ID}`, `kaowu:u-proctor-8:registry:${PLAN_ID}`];
const KEPT = `kaowu:u-proctor-8:day:${PLAN_ID}:u-proctor-8`;

const databases = (page: Page) =>
	page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').sort());

/** An IndexedDB database as y-indexeddb leaves it: an `updates` store with one update. */
async function makeOldCopy(page: Page, name: string): Promise<void> {
	await page.evaluate(
		(dbName) =>
			new Promise<void>((ok, fail) => {
				const open = indexedDB.open(dbName);
				open.onupgradeneeded = () => {
					open.result.createObjectStore('updates', { autoIncrement: true });
					open.result.createObjectStore('custom');
				};
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('updates', 'readwrite');
					tx.objectStore('updates').add(new Uint8Array([0, 0]));
					tx.oncomplete = () => {
						open.result.close();
						ok();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		name
	);
}

test('signing in deletes the whole-plan and registry copies a proctor’s tablet kept from before the slices', async ({
	page
}) => {
	await page.goto(`${baseUrl()}/sign-in`);
	for (const name of OLD_COPIES) await makeOldCopy(page, name);
	expect(await databases(page)).toEqual(expect.arrayContaining(OLD_COPIES));

	await signIn(page, 'jiankao8');
	await expect.poll(() => databases(page)).toContain(KEPT);
	await expect.poll(async () => (await databases(page)).filter((n) => OLD_COPIES.includes(n))).toEqual([]);
	// The day screens work from the slice alone: the room, and the plan's date from its info.
	await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toBeVisible();
	expect(await databases(page)).not.toContain(`kaowu:u-proctor-8:registry:${PLAN_ID}`);
});
