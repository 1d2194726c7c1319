// Review that means something: the institution submits; the district sees every rule check and
// cannot approve a failing plan without an exception reason; an approval is bound to the content it
// approved, and a later change voids it visibly on both sides (the plan waits for review again).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { seesWhatServerHolds, signedInOn, startKaowu, type KaowuServer } from './centre-support';

const PLAN = 'demo-20270116';
let server: KaowuServer;

test.use({ viewport: { width: 768, height: 1024 } });
test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

const signedIn = (browser: Browser, username: string): Promise<Page> => signedInOn(server, browser, username);

test('submit, a refusal for a failing check, approval bound to the content, voided by a change', async ({
	browser
}) => {
	const institution = await signedIn(browser, 'jigou');
	const review = `${server.url}/plans/${PLAN}/review`;
	await institution.goto(review);
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'draft');

	// A proctor withdrawn: a ratio the district must see failing.
	await institution.goto(`${server.url}/plans/${PLAN}/staff`);
	const room = institution.getByTestId('staff-session').first();
	await room.getByTestId('unassign').first().click();
	await expect(room.getByTestId('session-check')).toContainText('还需');
	await institution.goto(review);
	await seesWhatServerHolds(institution, server, PLAN);
	await institution.getByTestId('review-submit').click();
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');

	const district = await signedIn(browser, 'quju');
	await district.goto(review);
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await expect(district.getByTestId('check-failing').first()).toContainText('还需');
	await seesWhatServerHolds(district, server, PLAN);
	await district.getByTestId('review-approve').click();
	await expect(district.getByTestId('review-error')).toContainText('须写明例外理由');
	await district.screenshot({ path: 'test-results/screens/review-refused-768.png', fullPage: true });
	await district.getByLabel('审核意见').fill('监考人数不足，请补足后再提交');
	await district.getByTestId('review-return').click();
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'returned');

	// The institution fixes it (the proctor back) and resubmits; the district approves.
	await institution.goto(`${server.url}/plans/${PLAN}/staff`);
	await expect(institution.getByTestId('staff-session').first().getByTestId('session-check')).toContainText('还需');
	const pick = institution.getByTestId('staff-session').first().getByTestId('staff-pick');
	await pick.selectOption({ index: 1 });
	await institution.getByTestId('staff-session').first().getByTestId('staff-add').click();
	await institution.goto(review);
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'returned');
	await seesWhatServerHolds(institution, server, PLAN);
	await institution.getByTestId('review-submit').click();
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await district.goto(review);
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await seesWhatServerHolds(district, server, PLAN);
	const failing = await district.getByTestId('check-failing').count();
	if (failing) await district.getByTestId('review-exception').fill('其余问题已现场核实');
	await district.getByTestId('review-approve').click();
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'approved');
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'approved');
	await district.screenshot({ path: 'test-results/screens/review-approved-768.png', fullPage: true });

	// A later change voids the approval, visibly on both sides.
	await institution.goto(`${server.url}/plans/${PLAN}/staff`);
	await institution.getByTestId('staff-session').first().getByTestId('unassign').first().click();
	await institution.goto(review);
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'voided');
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'voided');
	await expect(district.getByTestId('review-state')).toContainText('批准已失效');
	await district.screenshot({ path: 'test-results/screens/review-voided-768.png', fullPage: true });
});
