// The English interface words the domain's verdicts in English (issue 13): the staffing checks, the
// district's review checks and refusal, the failing checks kept with a decision, and the server's
// refusal of a plan change that would strand approved candidates. Names of people, rooms and
// occupations stay as written. Own server: it withdraws a proctor and returns the demo plan.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { seesWhatServerHolds, signedInOn, startKaowu, type KaowuServer } from './centre-support';

const PLAN = 'demo-20270116';
let server: KaowuServer;

test.use({ viewport: { width: 768, height: 1024 } });
test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

/** Signed in, the interface switched to English (kept for the context's later pages). */
async function inEnglish(browser: Browser, username: string): Promise<Page> {
	const page = await signedInOn(server, browser, username);
	await page.getByTestId('language-switch').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	return page;
}

/** No Chinese sentence of the rules and no untranslated key: only names may stay Chinese. */
async function noChineseSentence(page: Page, testId: string, words: RegExp) {
	for (const text of await page.getByTestId(testId).allTextContents()) {
		expect(text).not.toMatch(words);
		expect(text).not.toMatch(/\[missing|checks\./);
	}
}
const RULE_WORDS = /还需|人员充足|须为奇数|未通过|例外理由|一人只能|工作日|失去着落/;

test('review checks, the refusal, the decision record and the stranding refusal read in English', async ({
	browser
}) => {
	const institution = await inEnglish(browser, 'jigou');
	await institution.goto(`${server.url}/plans/${PLAN}/staff`);
	const room = institution.getByTestId('staff-session').first();
	await room.getByTestId('unassign').first().click();
	await expect(room.getByTestId('session-check')).toContainText('invigilators short by 1');
	await expect(institution.getByTestId('staffing-problems')).toContainText('invigilators short by 1');
	await expect(institution.getByTestId('staff-deadline')).toContainText(
		'The exam staff arrangement must be done 7 working days before the exam'
	);
	await noChineseSentence(institution, 'staffing-problems', RULE_WORDS);
	await institution.screenshot({ path: 'test-results/screens/english-staff-768.png', fullPage: true });

	await institution.goto(`${server.url}/plans/${PLAN}/review`);
	await seesWhatServerHolds(institution, server, PLAN);
	await institution.getByTestId('review-submit').click();
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');

	const district = await inEnglish(browser, 'quju');
	await district.goto(`${server.url}/plans/${PLAN}/review`);
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await expect(district.getByTestId('check-failing').first()).toContainText('invigilators short by 1');
	await expect(district.getByTestId('check-ok').first()).toContainText(/enough staff|in time/);
	await noChineseSentence(district, 'check-failing', RULE_WORDS);
	await noChineseSentence(district, 'check-ok', RULE_WORDS);
	await seesWhatServerHolds(district, server, PLAN);
	// The server's refusal (422) comes with its message: read in English.
	await district.getByTestId('review-approve').click();
	await expect(district.getByTestId('review-error')).toContainText(
		'Checks still failing: 1. Write an exception reason to approve'
	);
	await expect(district.getByTestId('review-error')).toContainText('invigilators short by 1');
	await noChineseSentence(district, 'review-error', RULE_WORDS);
	await district.screenshot({ path: 'test-results/screens/english-review-refused-768.png', fullPage: true });
	// Returned: the record keeps the failing checks (as messages), read in English.
	await district.getByLabel('Comments').fill('Not enough invigilators');
	await district.getByTestId('review-return').click();
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'returned');
	await expect(district.getByTestId('failing-at-decision').first()).toContainText(
		/Checks failing at the decision: .*invigilators short by 1/
	);
	await noChineseSentence(district, 'failing-at-decision', RULE_WORDS);
	// The same record in Chinese, as a clerk reads it today.
	await district.getByTestId('language-switch').click();
	await expect(district.getByTestId('failing-at-decision').first()).toContainText('还需 1 名监考人员');
	await district.screenshot({ path: 'test-results/screens/english-review-returned-zh-768.png', fullPage: true });

	// Dropping 企业人力资源管理师 二级 would strand its approved candidates and panel: the 409 reads in English.
	await institution.goto(`${server.url}/plans/${PLAN}`);
	await institution.getByTestId('edit-plan').click();
	const form = institution.getByTestId('plan-edit');
	await form.getByLabel(/企业人力资源管理师.*(二级|Level 2)/).uncheck();
	await form.getByRole('button', { name: 'Save' }).click();
	const refusal = institution.getByTestId('plan-edit-error');
	await expect(refusal).toContainText('Not saved: dropping these occupations and levels would leave');
	await expect(refusal).toContainText(/approved candidates: \d+ \(/);
	await expect(refusal).toContainText('examiner assignments: 3');
	await noChineseSentence(institution, 'plan-edit-error', RULE_WORDS);
	await institution.screenshot({ path: 'test-results/screens/english-plan-refused-768.png', fullPage: true });
});

test('the eligibility verdicts and conditions read in English', async ({ browser }) => {
	const institution = await inEnglish(browser, 'jigou');
	await institution.goto(`${server.url}/plans/${PLAN}/eligibility`);
	await institution.getByTestId('filter-approved').click();
	const approved = institution.getByTestId('eligibility-row').first();
	await expect(approved).toContainText('in all of work in this or a related occupation');
	await approved.getByTestId('reopen').click();
	await institution.getByTestId('filter-pending').click();
	const pending = institution.getByTestId('eligibility-row').first();
	const verdict = pending.getByTestId('verdict');
	await expect(verdict).toBeVisible();
	await noChineseSentence(institution, 'verdict', /申报条件|从事本职业|证书|报名表|核验|周岁/);
	await pending.getByTestId('review-one').click();
	const options = await pending.locator('select option').allTextContents();
	expect(options.slice(1).length).toBeGreaterThan(0);
	for (const o of options) expect(o).not.toMatch(/[\u4e00-\u9fff]/);
	await institution.screenshot({ path: 'test-results/screens/english-eligibility-768.png', fullPage: true });
});

test('the score files still awaited and a score file’s bad rows read in English', async ({ browser }) => {
	const supervisor = await inEnglish(browser, 'dudao');
	await supervisor.goto(`${server.url}/desk/${PLAN}`);
	await supervisor.getByTestId('tab-theory').click();
	const awaited = supervisor.getByTestId('score-files-awaited');
	await expect(awaited).toContainText('Still to import: theory exam: 企业人力资源管理师, Level 3 (senior worker) (');
	// Only the occupations' names (catalogue data) stay Chinese.
	const words = (await awaited.textContent())!.replace(/企业人力资源管理师|劳动关系协调师|健康照护师|[（）]/g, '');
	expect(words).not.toMatch(/[\u4e00-\u9fff]/);
	const csv = '\uFEFF准考证号,姓名,成绩\n2611999999,李四,75\n';
	await supervisor
		.getByTestId('theory-file')
		.setInputFiles({ name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
	await expect(supervisor.getByTestId('theory-errors')).toContainText(
		'Row 2: no candidate has ID number (empty) and admission number “2611999999”'
	);
	await noChineseSentence(supervisor, 'theory-errors', /[\u4e00-\u9fff]/);
	await supervisor.screenshot({ path: 'test-results/screens/english-score-file-768.png', fullPage: true });
});

test('the centre’s refusals read in English: a date the page cannot read, a holiday year the server refuses', async ({
	browser
}) => {
	const centre = await inEnglish(browser, 'zhongxin');
	await centre.goto(`${server.url}/centre`);
	await centre.getByTestId('centre-tab-holidays').click();
	// Read on the page: not a date.
	await centre.getByTestId('holiday-dates').fill('2027-13-01');
	await centre.getByTestId('holiday-save').click();
	await expect(centre.getByTestId('holiday-error')).toHaveText(
		'“2027-13-01” is not a date (write 2027-01-01; a period as 2027-02-15~2027-02-21)'
	);
	// Refused by the server (New Year's Day missing), worded from the answer's message.
	await centre.getByTestId('holiday-dates').fill('2027-02-06~2027-02-12');
	await centre.getByTestId('holiday-save').click();
	await expect(centre.getByTestId('holiday-error')).toContainText('(New Year’s Day) is not among the days off');
	await noChineseSentence(centre, 'holiday-error', /[\u4e00-\u9fff]/);
	await centre.screenshot({ path: 'test-results/screens/english-centre-refusal-768.png', fullPage: true });
});
