// Issue 6, examiners: two tablets score the same candidates offline; after reconnecting both sheets
// are stored and the chair sees the aggregate and a deliberate discrepancy. Out-of-bounds input is
// refused: an item above its maximum; a candidate outside the examiner's groups is not even on his
// tablet (his roster slice holds only his groups' candidates, issue 15).
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, signIn, waitForOfflineReady } from '../support/app';
import { waitFor } from '../support/node-device';
import { confirmOutsideHours, PLAN_ID, roster, storedEntries, waitForFirstSync } from './day-support';

// Group g-care-1 (健康照护师四级 第1组): the first ten caregivers, c0081–c0090.
const SCORES: Record<string, { chair: number[]; member: number[] }> = {
	c0081: { chair: [18, 45, 18, 9], member: [17, 44, 18, 9] },
	c0082: { chair: [15, 40, 16, 8], member: [16, 38, 15, 8] },
	// A deliberate discrepancy: 90 against 60.
	c0083: { chair: [18, 46, 17, 9], member: [12, 30, 12, 6] }
};
const ITEMS = ['prep', 'care', 'safety', 'comm'];

async function score(page: Page, candidateId: string, values: number[]) {
	await page.locator(`[data-testid="group-candidate"][data-candidate="${candidateId}"]`).click();
	for (const [i, item] of ITEMS.entries()) await page.getByTestId(`score-${item}`).fill(String(values[i]));
	await expect(page.getByTestId('live-total')).toHaveText(String(values.reduce((a, b) => a + b, 0)));
	await page.getByTestId('sheet-submit').click();
	await expect(page.getByTestId('day-ok')).toContainText('评分已保存到本设备');
}

test('two examiners score offline; after sync the chair sees the aggregate and the discrepancy', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const people = roster();
	const chairContext = await browser.newContext();
	const memberContext = await browser.newContext();
	const chair = await chairContext.newPage();
	const member = await memberContext.newPage();
	for (const [page, username] of [
		[chair, 'kaoping1'],
		[member, 'kaoping2']
	] as const) {
		await signIn(page, username);
		await waitForOfflineReady(page);
		await waitForFirstSync(page);
	}
	await chairContext.setOffline(true);
	await memberContext.setOffline(true);
	for (const page of [chair, member]) {
		await page.goto(`${baseUrl()}/examiner/${PLAN_ID}`);
		await expect(page.getByTestId('group-status')).toContainText('健康照护师四级 第1组');
		await confirmOutsideHours(page);
		await expect(page.getByTestId('network-state').first()).toHaveText('离线');
	}

	// Refused: an item above its maximum (评估与准备, max 20). Nothing is saved.
	await member.locator('[data-testid="group-candidate"][data-candidate="c0081"]').click();
	await member.getByTestId('score-prep').fill('25');
	for (const item of ITEMS.slice(1)) await member.getByTestId(`score-${item}`).fill('5');
	await member.getByTestId('sheet-submit').click();
	await expect(member.getByTestId('sheet-error')).toContainText('“评估与准备”最高 20 分，不能给 25 分');
	await expect(member.locator('[data-testid="group-candidate"][data-candidate="c0081"]')).toContainText('未评分');

	// A candidate in none of his groups (c0001 sits theory only) is not on his tablet at all.
	await member.getByTestId('examiner-find').fill(people.get('c0001')!.admissionNo);
	await expect(member.getByTestId('find-none')).toContainText('本设备只有您负责的考评组、答辩组的考生');
	await expect(member.getByTestId('find-result')).toHaveCount(0);
	await member.getByTestId('examiner-find').fill('');

	for (const [id, s] of Object.entries(SCORES)) {
		await score(chair, id, s.chair);
		await score(member, id, s.member);
	}
	// A submitted sheet is locked; a correction is a new entry with a reason.
	await chair.locator('[data-testid="group-candidate"][data-candidate="c0082"]').click();
	await expect(chair.getByTestId('sheet-locked')).toBeVisible();
	await chair.getByTestId('sheet-correct').click();
	await chair.getByTestId('score-care').fill('42');
	await chair.getByTestId('sheet-submit').click();
	await expect(chair.getByTestId('sheet-error')).toContainText('更正原因');
	await chair.getByTestId('sheet-reason').fill('照护操作一项漏记 2 分');
	await chair.getByTestId('sheet-submit').click();
	await expect(chair.locator('[data-testid="group-candidate"][data-candidate="c0082"]')).toContainText(
		'已提交 81 分 · 已更正'
	);

	await member.locator('[data-testid="group-candidate"][data-candidate="c0084"]').click();
	await member.getByTestId('score-prep').fill('18');
	await member.getByTestId('score-care').fill('51');
	await member.screenshot({ path: 'test-results/screens/day-score-sheet-768.png' });
	// With the on-screen keyboard open (~600 px left), the items, total and submit stay in view.
	await member.setViewportSize({ width: 768, height: 600 });
	await member.getByTestId('score-comm').focus();
	await expect(member.getByTestId('sheet-submit')).toBeInViewport();
	await expect(member.getByTestId('score-prep')).toBeInViewport();
	await member.screenshot({ path: 'test-results/screens/day-score-sheet-keyboard-768x600.png' });
	await member.setViewportSize({ width: 768, height: 1024 });

	// Back online: both devices' sheets reach the server.
	await chairContext.setOffline(false);
	await memberContext.setOffline(false);
	for (const page of [chair, member]) {
		await expect(page.getByTestId('group-status').getByTestId('server-state')).toHaveAttribute('data-unsent', '0', {
			timeout: 30_000
		});
	}
	await waitFor(
		() => storedEntries('u-examiner-1').filter((e) => e.kind === 'score-sheet').length === 4,
		10_000,
		'chair sheets stored'
	);
	await waitFor(
		() => storedEntries('u-examiner-2').filter((e) => e.kind === 'score-sheet').length === 3,
		10_000,
		'member sheets stored'
	);
	const correction = storedEntries('u-examiner-1').find((e) => e.corrects);
	expect(correction).toMatchObject({ candidateId: 'c0082', data: { total: 81, isSubmitted: true } });

	// The chair sees every member's total, the aggregate and the discrepancy.
	const panel = chair.getByTestId('panel-aggregate');
	await expect(panel.locator('[data-testid="aggregate-row"][data-candidate="c0083"]')).toContainText('分差过大', {
		timeout: 30_000
	});
	await expect(
		panel.locator('[data-testid="aggregate-row"][data-candidate="c0083"]').getByTestId('aggregate-score')
	).toHaveText('75');
	await expect(panel.locator('[data-testid="aggregate-row"][data-candidate="c0083"]')).toContainText('相差 30 分');
	await expect(
		panel.locator('[data-testid="aggregate-row"][data-candidate="c0081"]').getByTestId('aggregate-score')
	).toHaveText('89');
	await expect(
		panel.locator('[data-testid="aggregate-row"][data-candidate="c0081"]').getByTestId('discrepancy')
	).toHaveCount(0);
	await panel.scrollIntoViewIfNeeded();
	await chair.screenshot({ path: 'test-results/screens/day-panel-aggregate-768.png' });
	await chairContext.close();
	await memberContext.close();
});
