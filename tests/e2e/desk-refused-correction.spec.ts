// Issue 11 "done when": a supervisor publishes; the institution admin then writes a score correction
// in its own name over /sync (it may write its own review document, not a correction). The desk shows
// the correction as not accepted, with the reason, and the public look-up shows the supervisor's
// result. A supervisor's entry stamped far ahead of the server's receipt is shown as such. Own server
// (today inside the publication period) so the shared demo's results stay as other specs expect.
// A staff change the institution admin makes over /sync after the 考务安排 deadline is listed with who
// and when.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Candidate } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc, reviewDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20261121';
const SCREENS = 'test-results/screens';
let server: KaowuServer;
test.beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_TODAY: '2026-11-25' } });
});
test.afterAll(async () => {
	await server?.stop();
});

const stamp = (iso: string, counter = 0) => formatHlc({ wallMs: Date.parse(iso), counter }, 'node');

/** Writes entries into a review document over /sync as `username` and waits until SQLite holds them. */
async function write(username: string, userId: string, entries: Record<string, unknown>[]): Promise<void> {
	const name = reviewDoc(PLAN, userId);
	const device = connectDevice(server.url, name, await signInToken(server.url, username));
	try {
		await device.whenSynced;
		const map = device.doc.getMap('entries');
		device.doc.transact(() => entries.forEach((e) => map.set(e.id as string, e)));
		await waitFor(
			() =>
				entries.every((e) =>
					storedDoc(server.dataDir, name)
						.getMap('entries')
						.has(e.id as string)
				),
			15_000,
			`${username}'s entries stored`
		);
	} finally {
		device.destroy();
	}
}

test('a correction the institution admin writes after publication is shown refused; the look-up keeps the supervisor’s result', async ({
	browser
}) => {
	const c = [...storedDoc(server.dataDir, `plan:${PLAN}`).getMap('candidates').values()][4] as Candidate;
	const base = { v: 1, deviceId: 'node', planId: PLAN };
	// The supervisor imports the theory file (52) and publishes.
	await write('dudao', 'u-supervisor', [
		{
			...base,
			id: 'e-rc-theory',
			kind: 'score-import',
			at: '2026-11-22T16:00:00+08:00',
			hlc: stamp('2026-11-22T16:00:00+08:00'),
			author: 'u-supervisor',
			data: { subject: 'theory', fileName: 'theory.xlsx', rows: [{ candidateId: c.id, row: 2, score: 52 }] }
		},
		{
			...base,
			id: 'e-rc-publication',
			kind: 'publication',
			at: '2026-11-23T09:00:00+08:00',
			hlc: stamp('2026-11-23T09:00:00+08:00'),
			author: 'u-supervisor',
			data: {
				startDate: '2026-11-23',
				endDate: '2026-11-27',
				deadline: '2026-11-23',
				isLate: false,
				results: [
					{
						candidateId: c.id,
						hasPassed: false,
						subjects: { theory: { status: 'scored', score: 52 }, skill: { status: 'scored', score: 70 } }
					}
				]
			}
		},
		// A review request the supervisor registered, waiting for its reply.
		{
			...base,
			id: 'e-rc-request',
			kind: 'review-request',
			at: '2026-11-24T10:00:00+08:00',
			hlc: stamp('2026-11-24T10:00:00+08:00'),
			author: 'u-supervisor',
			candidateId: c.id,
			data: {
				subject: 'skill',
				ground: 'adding-error',
				description: '认为技能成绩合分有误',
				receivedDate: '2026-11-24',
				replyDeadline: '2026-12-01'
			}
		},
		// A note from a device whose clock claims the year 2099.
		{
			...base,
			id: 'e-rc-ahead',
			kind: 'note',
			at: '2099-01-01T00:00:00Z',
			hlc: stamp('2099-01-01T00:00:00Z'),
			author: 'u-supervisor',
			data: { text: '时钟超前的设备写的备注' }
		}
	]);
	// The institution admin, in its own name, in the one review document it may write.
	await write('jigou', 'u-inst', [
		{
			...base,
			id: 'e-rc-inst-correction',
			kind: 'result-correction',
			at: new Date().toISOString(),
			hlc: formatHlc({ wallMs: Date.now(), counter: 0 }, 'node'),
			author: 'u-inst',
			candidateId: c.id,
			data: { subject: 'theory', score: 95, previousScore: 52, reason: '复核后改分' }
		}
	]);

	// A staff change after the deadline, over /sync (the plan document is the admin's to write).
	const plan = connectDevice(server.url, planDoc(PLAN), await signInToken(server.url, 'jigou'));
	await plan.whenSynced;
	const staff = plan.doc.getMap('staff');
	const [staffId, assignment] = [...staff.entries()][0];
	staff.set(staffId, { ...(assignment as object) });
	await waitFor(
		() => storedDoc(server.dataDir, registryDoc(PLAN)).getMap('lateChanges').size > 0,
		15_000,
		'late change recorded'
	);
	plan.destroy();

	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill('dudao');
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
	await page.goto(`${server.url}/desk/${PLAN}`);

	const refused = page.locator('[data-testid="refused-entry"][data-kind="result-correction"]');
	await expect(refused).toHaveCount(1, { timeout: 30_000 });
	await expect(refused).toHaveAttribute('data-reason', 'role');
	await expect(refused).toContainText('机构');
	await expect(refused.getByTestId('refused-reason')).toContainText('只能由督导人员填写');
	const flagged = page.locator('[data-testid="stamp-flag"][data-entry="e-rc-ahead"]');
	await expect(flagged).toContainText('2099-01-01 08:00:00');
	await expect(page.locator('[data-testid="late-change"][data-by="u-inst"]')).toContainText('王晓梅');
	await expect(page.getByTestId('late-change')).toContainText('考务人员');
	mkdirSync(SCREENS, { recursive: true });
	await page.getByTestId('refused-entries').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SCREENS}/desk-refused-correction-768.png` });

	// The public look-up: the supervisor's published 52 stands.
	const lookup = await context.newPage();
	await lookup.goto(`${server.url}/lookup`);
	await lookup.getByLabel('姓名').fill(c.name);
	await lookup.getByLabel('证件号码').fill(c.idNumber);
	await lookup.getByLabel('准考证号').fill(c.admissionNo!);
	await lookup.getByTestId('lookup-submit').click();
	await expect(lookup.getByTestId('lookup-result').locator('[data-subject="theory"]')).toHaveText('52');
	await lookup.screenshot({ path: `${SCREENS}/lookup-after-refused-correction-768.png` });

	// SQLite keeps the refused correction as evidence, in the admin's own document only.
	const held = storedDoc(server.dataDir, reviewDoc(PLAN, 'u-inst')).getMap('entries').get('e-rc-inst-correction');
	expect((held as { data: { score: number } }).data.score).toBe(95);
	expect(storedDoc(server.dataDir, reviewDoc(PLAN, 'u-supervisor')).getMap('entries').has('e-rc-inst-correction')).toBe(
		false
	);
	await context.close();

	// The institution admin sees the open review request but no reply form: replies are the supervisors'.
	const admin = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	const adminPage = await admin.newPage();
	await adminPage.goto(`${server.url}/sign-in`);
	await adminPage.getByLabel('用户名').fill('jigou');
	await adminPage.getByLabel('密码').fill('kaowu2027');
	await adminPage.getByTestId('sign-in-submit').click();
	await expect(adminPage.getByTestId('home-title')).toBeVisible();
	await adminPage.goto(`${server.url}/desk/${PLAN}`);
	await adminPage.getByTestId('tab-reviews').click();
	await expect(adminPage.getByTestId('reply-supervisors-only')).toBeVisible({ timeout: 30_000 });
	await expect(adminPage.getByTestId('reply-submit')).toHaveCount(0);
	await admin.close();
});
