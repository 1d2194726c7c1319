// A real install, not the demo: from an empty data folder with KAOWU_DEMO=0, the admin CLI creates
// the centre's first account, the centre's screens add a site hosting all 11 occupations, an
// institution and its admin, and that admin creates a plan holding every occupation level, imports a
// 300-row spreadsheet over the 11 occupations (title row, 15 problem rows), fixes three rows later
// and approves eligibility in bulk.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startKaowu, storedDocOf, type KaowuServer } from './centre-support';
import { forgivingRoster, writeForgivingXlsx } from '../support/forgiving-roster';

const ROOT = resolve(import.meta.dirname, '../..');
let server: KaowuServer;

test.use({ viewport: { width: 768, height: 1024 } });

test.beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_DEMO: '0', KAOWU_TODAY: '2026-11-27' } });
});
test.afterAll(async () => {
	await server?.stop();
});

function admin(...args: string[]): string {
	return execFileSync(process.execPath, ['--import', 'tsx', 'src/server/admin-cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, KAOWU_DATA_DIR: server.dataDir, KAOWU_TODAY: '2026-11-27' },
		encoding: 'utf8'
	});
}

async function signIn(page: Page, username: string, password: string) {
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
}

test('CLI and centre screens set up a site, an institution and its people; the institution creates a plan', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	// 1. The CLI: the centre, its first admin, the district bureau, the January exam days, 2027's holidays.
	admin('add-org', '--id', 'centre', '--kind', 'centre', '--name', '重庆市职业技能鉴定指导中心');
	admin('add-org', '--id', 'district-jb', '--kind', 'district', '--name', '江北区人力社保局', '--district', '江北区');
	expect(
		admin(
			'add-user',
			'--username',
			'zx',
			'--name',
			'中心管理员',
			'--role',
			'centre-admin',
			'--org',
			'centre',
			'--password',
			'centre-pass-1'
		)
	).toContain('user zx created');
	expect(admin('exam-day', '--month', '2027-01', '--confirm')).toContain('2027-01 confirmed: 2027-01-16');
	expect(
		admin(
			'holiday-year',
			'--year',
			'2027',
			'--holidays',
			'2027-01-01,2027-02-06~2027-02-13',
			'--workdays',
			'2027-02-14'
		)
	).toContain('2027: 9 days off');

	// 2. Before any site exists, a new plan says why it cannot be made and who can change that.
	await signIn(page, 'zx', 'centre-pass-1');
	await page.getByTestId('new-plan').click();
	await expect(page.getByTestId('no-sites')).toContainText('市职鉴中心');

	// 3. The centre's screens: a site hosting every occupation level, with two rooms.
	await page.goto(`${server.url}/home`);
	await page.getByTestId('centre-admin').click();
	await expect(page.getByTestId('centre-no-sites')).toBeVisible();
	await page.getByTestId('centre-add-site').click();
	await page.getByTestId('site-id').fill('site-jb-1');
	await page.getByTestId('site-name').fill('江北联考考点');
	await page.getByTestId('site-district').fill('江北区');
	for (const box of await page.locator('[data-testid^="host-all-"]').all()) await box.check();
	await page.getByTestId('site-add-room').click();
	await page.getByTestId('site-room').nth(0).getByLabel('考场名称').fill('101 机房');
	await page.getByTestId('site-add-room').click();
	await page.getByTestId('site-room').nth(1).getByLabel('考场名称').fill('201 实操室');
	await page.getByTestId('site-room').nth(1).getByLabel('类型').selectOption('practical');
	await page.screenshot({ path: 'test-results/screens/centre-site-form-768.png', fullPage: true });
	await page.getByTestId('site-save').click();
	await expect(page.getByTestId('centre-site')).toContainText('承办 11 个职业、32 个职业等级');
	await page.screenshot({ path: 'test-results/screens/centre-sites-768.png', fullPage: true });

	// Exam days: January confirmed by the CLI, March still by rule.
	await page.getByTestId('centre-tab-examDays').click();
	await expect(page.getByTestId('exam-month-2027-01')).toContainText('已确认');
	await expect(page.getByTestId('exam-month-2027-03')).toContainText('按规则');
	await page.getByTestId('confirm-2027-03').click();
	await expect(page.getByTestId('exam-month-2027-03')).toContainText('已确认');
	await page.screenshot({ path: 'test-results/screens/centre-exam-days-768.png', fullPage: true });

	// An institution and its admin and a proctor, through the screens.
	await page.getByTestId('centre-tab-accounts').click();
	await page.getByTestId('org-id').fill('inst-jb');
	await page.getByTestId('org-name').fill('江北职业技能评价中心');
	await page.getByTestId('org-district').fill('江北区');
	await page.getByTestId('org-save').click();
	await expect(page.getByTestId('centre-org').filter({ hasText: '江北职业技能评价中心' })).toBeVisible();
	await page.getByTestId('user-role').selectOption('institution-admin');
	await page.getByTestId('user-org').selectOption('inst-jb');
	await page.getByTestId('user-name').fill('李老师');
	await page.getByTestId('user-username').fill('jb-admin');
	await page.getByTestId('user-save').click();
	const notice = await page.getByTestId('account-notice').textContent();
	const password = /：(\S+?)（/.exec(notice ?? '')?.[1];
	expect(password, notice ?? '').toBeTruthy();
	await page.getByTestId('user-role').selectOption('proctor');
	await page.getByTestId('user-org').selectOption('inst-jb');
	await page.getByTestId('user-name').fill('王监考');
	await page.getByTestId('user-username').fill('jb-proctor');
	await page.getByTestId('user-save').click();
	await expect(page.getByTestId('account-notice')).toContainText('jb-proctor');
	await page.screenshot({ path: 'test-results/screens/centre-accounts-768.png', fullPage: true });

	// The CLI sees what the screens made.
	expect(admin('list-users')).toMatch(/jb-proctor\s+proctor\s+inst-jb/);
	expect(admin('list-sites')).toContain('site-jb-1');

	// 4. The institution's admin creates a plan holding all 32 occupation levels of the site.
	const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
	page = await context.newPage();
	await signIn(page, 'jb-admin', password!);
	await page.getByTestId('new-plan').click();
	await page.getByLabel('计划名称').fill('2027年1月联考 · 江北');
	await page.getByLabel('联考考点').selectOption('site-jb-1');
	await expect(page.getByTestId('plan-deadline')).toBeVisible();
	const boxes = page.getByTestId('new-plan-form').locator('fieldset input[type="checkbox"]');
	await expect(boxes).toHaveCount(32);
	for (const box of await boxes.all()) await box.check();
	await page.getByLabel('预计考生人数').fill('300');
	await page.screenshot({ path: 'test-results/screens/centre-new-plan-768.png', fullPage: true });
	await page.getByTestId('create-plan').click();
	await expect(page).toHaveURL(/\/plans\/p20270116-/);
	await expect(page.getByText('2027年1月联考 · 江北').first()).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/centre-plan-created-768.png', fullPage: true });
	const planId = decodeURIComponent(page.url().split('/plans/')[1]);

	// 5. The registration office's 300-row spreadsheet over the 11 occupations (title row, 15 problem
	// rows): the good rows in one step, three problem rows fixed later, eligibility approved in bulk.
	admin('former-name', '--name', '人力资源管理师', '--occupation', 'hr-manager');
	const roster = forgivingRoster(
		[
			{ occupation: '企业人力资源管理师', level: '三级', years: '12' },
			{ occupation: '劳务派遣管理员', level: '三级', years: '12' },
			{ occupation: '物业管理师', level: '四级', years: '6' },
			{ occupation: '健康管理师', level: '三级', years: '11' },
			{ occupation: '劳动关系协调师', level: '三级', years: '4' },
			{ occupation: '营养师（公共营养师）', level: '四级', years: '' },
			{ occupation: '职业指导师', level: '四级', years: '5' },
			{ occupation: '客户服务管理员', level: '三级', years: '10' },
			{ occupation: '健康照护师', level: '五级', years: '' },
			{ occupation: '长期照护师', level: '五级', years: '' },
			{ occupation: '供应链管理师', level: '三级', years: '15' }
		],
		null
	);
	const file = join(mkdtempSync(join(tmpdir(), 'kaowu-roster-')), '江北报名表.xlsx');
	await writeForgivingXlsx(file, roster);
	await page.getByTestId('tab-roster').click();
	await page.getByTestId('roster-file').setInputFiles(file);
	await expect(page.getByTestId('roster-summary')).toHaveText('共 300 行：可导入 285 行，有问题 15 行');
	for (const trap of roster.traps)
		await expect(page.locator(`[data-testid="bad-row"][data-row="${trap.fileRow}"]`), trap.kind).toContainText(
			trap.reason
		);
	await page.getByTestId('roster-import').screenshot({ path: 'test-results/screens/centre-import-768.png' });
	await page.getByTestId('commit-import').click();
	await expect(page.getByRole('heading', { name: '考生名单（285 人）' })).toBeVisible();
	// The message comes once the 15 problem rows are kept on this device; the reload must find them.
	await expect(page.getByTestId('roster-message')).toHaveText(
		'已导入 285 名考生；15 个问题行保留在下方，改好后可再导入'
	);
	await page.reload();
	const row = (kind: string) =>
		page.locator(`[data-testid="bad-row"][data-row="${roster.traps.find((t) => t.kind === kind)!.fileRow}"]`);
	await row('checksum').getByTestId('edit-row').click();
	await row('checksum')
		.getByTestId('fix-idNumber')
		.fill(roster.traps.find((t) => t.kind === 'checksum')!.idNumber);
	await row('checksum').getByTestId('fix-idNumber').press('Tab');
	await row('missing-name').getByTestId('edit-row').click();
	await row('missing-name').getByTestId('fix-name').fill('补填姓名');
	await row('missing-name').getByTestId('fix-name').press('Tab');
	await page.getByTestId('confirm-former').click();
	await expect(page.getByTestId('roster-summary')).toHaveText('共 15 行：可导入 3 行，有问题 12 行');
	await page.getByTestId('commit-import').click();
	await expect(page.getByRole('heading', { name: '考生名单（288 人）' })).toBeVisible();
	await page.getByTestId('tab-eligibility').click();
	const passing = Number((await page.getByTestId('filter-rules').textContent())!.match(/\d+/)![0]);
	expect(passing).toBeGreaterThan(150);
	await page.screenshot({ path: 'test-results/screens/centre-eligibility-768.png' });
	await page.getByTestId('bulk-approve').click();
	await expect(page.getByTestId('filter-approved')).toHaveText(`已通过 ${passing}`);
	await expect
		.poll(
			() =>
				[...storedDocOf(server, planId).getMap('candidates').values()].filter(
					(c) => (c as { eligibility: { status: string } }).eligibility.status === 'approved'
				).length,
			{ timeout: 15_000 }
		)
		.toBe(passing);
});
