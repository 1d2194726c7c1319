// Issue 15: a document that reached its size ceiling takes nothing more, so records the server
// refused as too large never get there however long the proctor waits. Sign-out must not stay
// blocked for ever: the proctor is told why, exports the refused records as a signed USB bundle for
// the exam staff, and signs out only after an explicit confirmation; the records stay on the device
// (signing in again shows them still unsent). Own server with a 1-byte ceiling, so every write of
// the proctor's day document is refused.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { storedDoc } from '../support/node-device';
import { signIn } from '../support/app';
import { dayDoc } from '../../src/lib/sync/doc-names';
import { confirmOutsideHours } from './day-support';

const PLAN_ID = 'demo-20270116';
const DAY_DOC = dayDoc(PLAN_ID, 'u-proctor-1');
let server: KaowuServer;
test.beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_DOC_MAX_BYTES: '1' } });
});
test.afterAll(async () => {
	await server?.stop();
});

test('records refused as too large: the proctor exports them and signs out after confirming; they stay on the device', async ({
	page
}) => {
	const first = storedDoc(server.dataDir, `plan:${PLAN_ID}`).getMap('candidates').get('c0001') as {
		name: string;
		admissionNo: string;
	};
	await signIn(page, 'jiankao1', undefined, server.url);
	await page.goto(`${server.url}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toContainText('101 机房');
	// The server's today (2026-11-27) is weeks before the exam: the proctor confirms first.
	await confirmOutsideHours(page);
	await page.getByTestId('candidate-search').fill(first.admissionNo);
	await page.locator('[data-testid="search-result"][data-candidate="c0001"]').click();
	await page.getByTestId('check-in').click();
	await expect(page.getByTestId('day-ok')).toContainText(`${first.name} 已签到`);
	await expect(page.getByTestId('write-refused')).toContainText('文档已达到大小上限');
	await expect(page.getByTestId('server-state').first()).not.toHaveAttribute('data-unsent', '0');
	const unsent = await page.getByTestId('server-state').first().getAttribute('data-unsent');

	// Signing out says why waiting will not help, and offers the export and a confirmed sign-out.
	await page.getByTestId('sign-out').click();
	const refusal = page.getByTestId('sign-out-refused');
	await expect(refusal).toContainText(`服务器拒收了 ${unsent} 条记录`);
	const download = page.waitForEvent('download');
	await page.getByTestId('sign-out-export').click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^kaowu-u-proctor-1-.*-unsent\.kaowu\.json$/);
	const bundle = JSON.parse(readFileSync(await file.path(), 'utf8')) as { userId: string; docs: { name: string }[] };
	expect(bundle.userId).toBe('u-proctor-1');
	expect(bundle.docs.map((d) => d.name)).toContain(DAY_DOC);
	await expect(page.getByTestId('sign-out-exported')).toContainText(file.suggestedFilename());
	await page.screenshot({ path: 'test-results/screens/sign-out-too-large-768.png' });

	// One click is not enough: the confirmation names what stays where.
	await page.getByTestId('sign-out-keep').click();
	await expect(page.getByTestId('sign-out-confirm-text')).toContainText('只在刚导出的数据包和本设备中');
	await expect(page).toHaveURL(/\/proctor\//);
	await page.getByTestId('sign-out-confirm').click();
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();

	// The server never took it; the device still holds it, unsent, for the next export.
	expect(storedDoc(server.dataDir, DAY_DOC).getMap('entries').size).toBe(0);
	await signIn(page, 'jiankao1', undefined, server.url);
	await expect(page.getByTestId('server-state').first()).toHaveAttribute('data-unsent', unsent!);
});
