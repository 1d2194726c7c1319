// Decisions that flow (issue 13): a candidate rejected after seating leaves the seat chart, the
// proctor's tablet (应到) and the examiners' panel, keeping her record with the decision; a plan change
// that would drop a level with approved candidates and a dispatched panel is refused with the list.
// Own server: the rejection changes the demo plan's seats and counts that other specs read.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signedInOn, startKaowu, storedDocOf, type KaowuServer } from './centre-support';
import type { Candidate, Group, Seat } from '../../src/lib/domain/record-schemas';

const PLAN = 'demo-20270116';
/** 企业人力资源管理师二级: theory in 102 机房 (jiankao3), the defence panel p-hr-2. */
const HER = 'c0046';
let server: KaowuServer;

test.use({ viewport: { width: 768, height: 1024 } });
test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

const signedIn = (browser: Browser, username: string): Promise<Page> => signedInOn(server, browser, username);

const stored = () => storedDocOf(server, PLAN);
const namedSeats = (page: Page) =>
	page.locator('[data-testid="seat-chart"][data-room="r102"] [data-testid="seat"] .name');

test('a candidate rejected after seating leaves the seat chart, the tablet and the panel; a plan change stranding a level is refused with the list', async ({
	browser
}) => {
	const proctor = await signedIn(browser, 'jiankao3');
	await proctor.goto(`${server.url}/proctor/${PLAN}`);
	await expect(proctor.getByTestId('room-title')).toContainText('102 机房');
	await expect(proctor.getByTestId('room-counts')).toContainText('应到 30');

	const institution = await signedIn(browser, 'jigou');
	await institution.goto(`${server.url}/plans/${PLAN}/rooms`);
	await expect(namedSeats(institution)).toHaveCount(30);

	// Re-opened, then rejected on the eligibility page.
	await institution.goto(`${server.url}/plans/${PLAN}/eligibility`);
	await institution.getByTestId('filter-approved').click();
	const row = institution.locator(`[data-testid="eligibility-row"][data-candidate="${HER}"]`);
	await row.getByTestId('reopen').click();
	await institution.getByTestId('filter-pending').click();
	await row.getByTestId('review-one').click();
	await row.getByLabel('不通过的原因').fill('本人申请退考');
	await row.getByRole('button', { name: '不通过', exact: true }).click();
	await institution.getByTestId('filter-rejected').click();
	await expect(row).toContainText('本人申请退考');

	// What SQLite holds: her record with the decision; no seat of hers; the panel without her.
	await expect
		.poll(() => (stored().getMap('candidates').get(HER) as Candidate).eligibility.status, { timeout: 30_000 })
		.toBe('rejected');
	await expect
		.poll(() => [...stored().getMap('seats').values()].filter((s) => (s as Seat).candidateId === HER).length, {
			timeout: 30_000
		})
		.toBe(0);
	expect((stored().getMap('groups').get('p-hr-2') as Group).candidateIds).not.toContain(HER);

	// The seat chart, and the proctor's tablet after the server rewrote his list.
	await institution.goto(`${server.url}/plans/${PLAN}/rooms`);
	await expect(namedSeats(institution)).toHaveCount(29);
	await expect(proctor.getByTestId('room-counts')).toContainText('应到 29', { timeout: 30_000 });
	await proctor.screenshot({ path: 'test-results/screens/flow-tablet-768.png' });

	// Dropping 企业人力资源管理师 二级 from the plan would strand 14 candidates and the defence panel.
	await institution.goto(`${server.url}/plans/${PLAN}`);
	await institution.getByTestId('edit-plan').click();
	const form = institution.getByTestId('plan-edit');
	await form.getByLabel(/企业人力资源管理师.*二级/).uncheck();
	await form.getByRole('button', { name: '保存' }).click();
	const refusal = institution.getByTestId('plan-edit-error');
	await expect(refusal).toContainText('已审核通过的考生 14 名');
	await expect(refusal).toContainText('考评组 1 个（企业人力资源管理师二级 答辩组）');
	await expect(refusal).toContainText('已安排的考评人员 3 人次');
	await institution.screenshot({ path: 'test-results/screens/flow-plan-refused-768.png', fullPage: true });
});
