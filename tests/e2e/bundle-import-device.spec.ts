// Issue 15: a device importing a USB bundle used to merge it into its open documents before the
// server had checked the author, so a carrier's bundle (re-signed with a key the author never
// registered, holding a forged incident) reached the supervisor's desk copy although the server
// refused it. Now only what the server accepted is merged; offline nothing is.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { baseUrl, signIn } from '../support/app';
import { makeDeviceKey } from '../support/node-device';
import { BUNDLE_FORMAT, signBundle } from '../../src/lib/sync/bundle-format';
import { toBase64 } from '../../src/lib/sync/server-messages';
import { dayDoc } from '../../src/lib/sync/doc-names';
import { PLAN_ID } from './day-support';

const VICTIM = 'u-proctor-3';
const DAY_DOC = dayDoc(PLAN_ID, VICTIM);
const FORGED = 'e-forged-by-carrier';

/** The entry ids this device holds in its IndexedDB copy of one document (y-indexeddb's updates). */
async function localEntryIds(page: Page, dbName: string): Promise<string[]> {
	const updates = await page.evaluate(
		(name) =>
			new Promise<number[][]>((ok, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('updates')) return ok([]);
					const all = db.transaction('updates').objectStore('updates').getAll();
					all.onsuccess = () => ok((all.result as Uint8Array[]).map((u) => [...u]));
					all.onerror = () => fail(all.error);
				};
			}),
		dbName
	);
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u));
	return [...doc.getMap('entries').keys()];
}

test('a bundle the server refuses is not merged on the importing device', async ({ page }, testInfo) => {
	// The carrier's bundle: the victim's day document with a forged incident, signed with his own key.
	const carrier = await makeDeviceKey();
	const doc = new Y.Doc();
	doc.getMap('entries').set(FORGED, {
		v: 1,
		id: FORGED,
		kind: 'incident',
		author: VICTIM,
		deviceId: 'dev-carrier',
		planId: PLAN_ID,
		at: '2027-01-16T09:10:00.000+08:00',
		data: { text: '考生冒名顶替' }
	});
	const bundle = await signBundle(
		{
			format: BUNDLE_FORMAT,
			version: 2,
			deviceId: 'dev-carrier',
			userId: VICTIM,
			createdAt: new Date().toISOString(),
			isUnsentOnly: true,
			publicKey: carrier.publicKey,
			docs: [{ name: DAY_DOC, update: toBase64(Y.encodeStateAsUpdate(doc)) }]
		},
		carrier.privateKey
	);
	const file = testInfo.outputPath('carrier.kaowu.json');
	writeFileSync(file, JSON.stringify(bundle));

	// The supervisor's desk has the victim's day document open (the desk opens every device's).
	await signIn(page, 'dudao');
	await page.goto(`${baseUrl()}/desk/${PLAN_ID}`);
	const dbName = `kaowu:u-supervisor:${DAY_DOC}`;
	await expect
		.poll(() => page.evaluate(async (n) => (await indexedDB.databases()).some((d) => d.name === n), dbName))
		.toBe(true);
	// To the device screen without reloading, so the desk's documents stay open in this session.
	await page.getByTestId('device-link').click();
	await page.getByTestId('import-bundle').setInputFiles(file);
	await expect(page.getByTestId('device-message')).toContainText('不是由作者登录过的设备签名的');
	// Whatever was merged is committed to IndexedDB once the device says so; the forged incident is not there.
	await expect(page.getByTestId('local-state').first()).toHaveText('已保存到本设备');
	expect(await localEntryIds(page, dbName)).not.toContain(FORGED);
});
