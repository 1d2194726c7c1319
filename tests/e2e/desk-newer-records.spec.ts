// Issue 12 "done when": records written by a hypothetical newer app (an entry of version 2, an entry
// of a kind this app does not know, a group of version 3) are kept in the documents, are not schema
// violations, and the desk shows them as needing a newer app instead of letting them disappear.
// Own server, so the shared demo's desk stays as other specs expect.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { DEMO_PASSWORD, signIn } from '../support/app';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import { planDoc, reviewDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20261121';
const SCREENS = 'test-results/screens';
let server: KaowuServer;
test.beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_TODAY: '2026-11-25' } });
});
test.afterAll(async () => {
	await server?.stop();
});

/** Sets values in a map of a document over /sync as `username`; resolves once SQLite holds them. */
async function write(username: string, doc: string, map: string, values: Record<string, unknown>): Promise<void> {
	const device = connectDevice(server.url, doc, await signInToken(server.url, username));
	try {
		await device.whenSynced;
		device.doc.transact(() => Object.entries(values).forEach(([k, v]) => device.doc.getMap(map).set(k, v)));
		await waitFor(
			() => Object.keys(values).every((k) => storedDoc(server.dataDir, doc).getMap(map).has(k)),
			15_000,
			`${username}'s values stored in ${doc}`
		);
	} finally {
		device.destroy();
	}
}

function violationPaths(doc: string): string[] {
	const db = new Database(join(server.dataDir, 'kaowu.sqlite'), { readonly: true });
	try {
		return (db.prepare('SELECT path FROM doc_violations WHERE doc = ?').all(doc) as { path: string }[]).map(
			(r) => r.path
		);
	} finally {
		db.close();
	}
}

test('records a newer app wrote are kept and shown on the desk as needing a newer app', async ({ browser }) => {
	const at = '2026-11-22T16:00:00+08:00';
	const base = {
		deviceId: 'node',
		planId: PLAN,
		author: 'u-supervisor',
		at,
		hlc: formatHlc({ wallMs: Date.parse(at), counter: 0 }, 'node')
	};
	const review = reviewDoc(PLAN, 'u-supervisor');
	await write('dudao', review, 'entries', {
		// Version 2 of a known kind, with a field version 1 does not have.
		'e-newer-note-v2': {
			...base,
			v: 2,
			id: 'e-newer-note-v2',
			kind: 'note',
			data: { text: '新版备注', tags: ['复核'] }
		},
		// A kind this app does not know.
		'e-newer-kind-01': { ...base, v: 1, id: 'e-newer-kind-01', kind: 'appeal-hearing', data: { room: '401' } },
		// Broken for this version: a violation, so we know when the server's check has run.
		'e-broken-note-1': { ...base, v: 1, id: 'e-broken-note-1', kind: 'note', data: { text: '' } }
	});
	const [group] = [...storedDoc(server.dataDir, planDoc(PLAN)).getMap('groups').values()] as Record<string, unknown>[];
	await write('jigou', planDoc(PLAN), 'groups', { 'g-newer-v3': { ...group, id: 'g-newer-v3', v: 3, stations: 2 } });

	await waitFor(
		() => violationPaths(review).includes('entries/e-broken-note-1'),
		15_000,
		'the server checked the review document'
	);
	expect(violationPaths(review)).toEqual(['entries/e-broken-note-1']);
	expect(violationPaths(planDoc(PLAN))).not.toContain('groups/g-newer-v3');

	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await signIn(page, 'dudao', DEMO_PASSWORD, server.url);
	await page.goto(`${server.url}/desk/${PLAN}`);

	const notice = page.getByTestId('newer-records');
	await expect(notice).toContainText('需要更新应用');
	const rows = page.getByTestId('newer-record');
	await expect(rows).toHaveCount(3, { timeout: 30_000 });
	await expect(page.locator('[data-testid="newer-record"][data-path="entries/e-newer-note-v2"]')).toContainText(
		'第 2 版'
	);
	await expect(page.locator('[data-testid="newer-record"][data-path="entries/e-newer-kind-01"]')).toContainText(
		'appeal-hearing'
	);
	await expect(page.locator('[data-testid="newer-record"][data-path="groups/g-newer-v3"]')).toContainText('考试计划');
	// The desk still works on everything else: its version 1 groups are read as version 2.
	await expect(page.getByTestId('desk-title')).not.toHaveText('');
	await notice.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SCREENS}/desk-newer-records-768.png` });

	// Kept as written, in SQLite.
	expect(storedDoc(server.dataDir, review).getMap('entries').get('e-newer-note-v2')).toMatchObject({ v: 2 });
	expect(storedDoc(server.dataDir, planDoc(PLAN)).getMap('groups').get('g-newer-v3')).toMatchObject({ v: 3 });
	await context.close();

	// The plan screens say the same about the plan's newer group (and go on showing the rest).
	const plans = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const admin = await plans.newPage();
	await signIn(admin, 'jigou', DEMO_PASSWORD, server.url);
	await admin.goto(`${server.url}/plans/${PLAN}/rooms`);
	await expect(admin.getByTestId('newer-values')).toContainText('需要更新应用');
	await expect(admin.locator('[data-testid="newer-value"][data-path="groups/g-newer-v3"]')).toContainText('第 3 版');
	await expect(admin.getByTestId('plan-title')).not.toHaveText('');
	await admin.screenshot({ path: `${SCREENS}/plan-newer-values-768.png` });
	await plans.close();
});
