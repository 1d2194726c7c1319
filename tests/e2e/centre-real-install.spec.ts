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
import { seesWhatServerHolds, startKaowu, storedDocOf, type KaowuServer } from './centre-support';
import { storedDoc } from '../support/node-device';
import { forgivingRoster, writeForgivingXlsx } from '../support/forgiving-roster';
import { signIn as signInOn } from '../support/app';

const ROOT = resolve(import.meta.dirname, '../..');
let server: KaowuServer;
// What the first test leaves for the second: the plan and its institution admin's password.
let planId = '';
let adminPassword = '';
let approvedCount = 0;

test.use({ viewport: { width: 768, height: 1024 } });
test.describe.configure({ mode: 'serial' });

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

const signIn = (page: Page, username: string, password: string) => signInOn(page, username, password, server.url);

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
	planId = decodeURIComponent(page.url().split('/plans/')[1]);
	adminPassword = password!;

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
	approvedCount = passing;
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

// The rest of the "done when" chain on the same plan: rooms, sessions and seats for the three
// sittings, practical groups with examiners dispatched by the centre, invigilators; submitted,
// refused by the district for a ratio violation, fixed, resubmitted, approved, voided by a change.
test('rooms, seats and staff on the 11-occupation plan: submitted, refused for a ratio, fixed, approved, voided', async ({
	browser,
	request
}) => {
	test.setTimeout(360_000);
	expect(planId, 'the first test made the plan').not.toBe('');
	const stored = () => storedDocOf(server, planId);
	const registry = () => storedDoc(server.dataDir, `registry:${planId}`);
	const planUrl = (tab: string) => `${server.url}/plans/${encodeURIComponent(planId)}/${tab}`;

	// People: the district's reviewer by the CLI; invigilators and examiners through the centre's API
	// (what its accounts screen calls).
	expect(
		admin(
			'add-user',
			'--username',
			'jb-quju',
			'--name',
			'江北区审核员',
			'--role',
			'district-bureau',
			'--org',
			'district-jb',
			'--password',
			'district-pass-1'
		)
	).toContain('user jb-quju created');
	const signedIn = await request.post(`${server.url}/api/auth/sign-in`, {
		data: { username: 'zx', password: 'centre-pass-1' }
	});
	const headers = { authorization: `Bearer ${(await signedIn.json()).token}` };
	const proctors = Array.from({ length: 24 }, (_, i) => `监考${String(i + 1).padStart(2, '0')}`);
	for (const [i, name] of proctors.entries()) {
		const r = await request.post(`${server.url}/api/centre/users`, {
			headers,
			data: {
				username: `jb-p${i + 1}`,
				name,
				role: 'proctor',
				organisationId: 'inst-jb',
				password: `jiankao-2027-${i + 1}`
			}
		});
		expect(r.status(), await r.text()).toBe(201);
	}
	const examiners = ['考评员甲', '考评员乙', '考评员丙'];
	for (const [i, name] of examiners.entries()) {
		const r = await request.post(`${server.url}/api/centre/users`, {
			headers,
			data: { username: `kp-${i + 1}`, name, role: 'examiner', organisationId: 'centre' }
		});
		expect(r.status(), await r.text()).toBe(201);
	}

	// 1. Rooms: 8 computer rooms (theory; the computer skill tests), 4 paper rooms, a practical room
	// of 10 stations. Sessions from the day schedule, seats for the three sittings, practical groups.
	const institution = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
	await signIn(institution, 'jb-admin', adminPassword);
	await institution.goto(planUrl('rooms'));
	const rooms = [
		...Array.from({ length: 8 }, (_, i) => ({
			name: `机房 ${i + 1}`,
			type: 'computer',
			rows: 5,
			cols: 6,
			capacity: 30
		})),
		...Array.from({ length: 4 }, (_, i) => ({
			name: `笔试室 ${i + 1}`,
			type: 'paper',
			rows: 5,
			cols: 6,
			capacity: 30
		})),
		{ name: '实操室', type: 'practical', rows: 2, cols: 5, capacity: 10 }
	];
	for (const [i, room] of rooms.entries()) {
		await institution.getByTestId('room-name').fill(room.name);
		await institution.getByTestId('room-type').selectOption(room.type);
		await institution.getByTestId('room-rows').fill(String(room.rows));
		await institution.getByTestId('room-cols').fill(String(room.cols));
		await institution.getByTestId('room-capacity').fill(String(room.capacity));
		await institution.getByTestId('add-room').click();
		await expect(institution.getByTestId('room-row')).toHaveCount(i + 1);
	}
	await institution.getByTestId('create-sessions').click();
	await expect(institution.getByTestId('rooms-message')).toHaveText('已生成 21 个场次');
	const sittings: Record<string, number> = {};
	let previous = '';
	for (const sitting of ['theory', 'skill-paper', 'skill-computer']) {
		await institution.getByTestId('sitting').selectOption(sitting);
		await institution.getByTestId('generate-seats').click();
		const message = institution.getByTestId('rooms-message');
		await expect(message).toContainText('名考生编排');
		await expect(message).not.toHaveText(previous);
		previous = (await message.textContent())!;
		sittings[sitting] = Number(/为 (\d+) 名/.exec(previous)![1]);
	}
	await institution.getByTestId('make-groups').click();
	await expect(institution.getByTestId('groups-message')).toContainText('已生成');
	// Every approved candidate sits the theory, and exactly one skill test: paper, computer or practical.
	expect(sittings.theory).toBe(approvedCount);
	// (the groups as the server holds them)
	const practical = () =>
		[...stored().getMap('groups').values()].reduce<number>(
			(n, g) => n + (g as { candidateIds: string[] }).candidateIds.length,
			0
		);
	await expect
		.poll(practical, { timeout: 30_000 })
		.toBe(approvedCount - sittings['skill-paper'] - sittings['skill-computer']);
	await institution.screenshot({ path: 'test-results/screens/chain-rooms-768.png', fullPage: true });

	const groupCount = await institution.getByTestId('group').count();
	expect(groupCount).toBeGreaterThan(1);

	// 2. The centre dispatches three examiners to every practical group (the groups run one after
	// another, so the same three serve them all).
	const centre = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
	await signIn(centre, 'zx', 'centre-pass-1');
	await centre.goto(planUrl('staff'));
	const groupCards = centre.getByTestId('staff-session').filter({ hasText: '实操室 ·' });
	await expect(groupCards).toHaveCount(groupCount);
	for (let g = 0; g < groupCount; g++) {
		const card = groupCards.nth(g);
		for (const name of examiners) {
			await card.getByTestId('staff-pick').selectOption({ label: name });
			await card.getByTestId('staff-add').click();
			await expect(card.locator('li').filter({ hasText: name })).toHaveCount(1);
		}
		await expect(card.getByTestId('session-check')).toContainText('人员充足（3/3）');
	}

	// 3. The institution's invigilators: two per room and session, one short in the last theory room.
	await institution.goto(planUrl('staff'));
	const cards = institution.getByTestId('staff-session');
	await expect(cards).toHaveCount(20 + groupCount);
	let theory = 0;
	let skill = 0;
	let assigned = 0;
	let shortCard = '';
	// Rooms without groups are one card per session (the order of the cards may change as the plan syncs).
	const sessionIds = (await cards.evaluateAll((list) => list.map((c) => c.getAttribute('data-session') ?? ''))).filter(
		(id, i, all) => all.indexOf(id) === all.lastIndexOf(id)
	);
	for (const session of sessionIds) {
		const card = institution.locator(`[data-testid="staff-session"][data-session="${session}"]`);
		if ((await card.getByTestId('staff-pick').count()) === 0) continue; // examiners: the centre's
		const isTheory = session.startsWith('s-theory-');
		const from = isTheory ? 2 * theory++ : 2 * skill++;
		const isShort = isTheory && theory === 8;
		for (const name of proctors.slice(from, from + (isShort ? 1 : 2))) {
			await card.getByTestId('staff-pick').selectOption({ label: name });
			await card.getByTestId('staff-add').click();
			await expect(card.locator('li').filter({ hasText: name })).toHaveCount(1);
			assigned++;
		}
		if (isShort) shortCard = session;
		else await expect(card.getByTestId('session-check')).toContainText('人员充足');
	}
	expect([theory, skill, assigned]).toEqual([8, 12, 39]);
	const short = institution.locator(`[data-testid="staff-session"][data-session="${shortCard}"]`);
	await expect(short.getByTestId('session-check')).toContainText('还需 1 名监考人员');
	// The server holds every assignment before the plan goes for review (the review reads SQLite).
	await expect.poll(() => stored().getMap('staff').size, { timeout: 30_000 }).toBe(39);
	// The centre's dispatches are the server's to write: they live in the plan's registry document.
	expect(registry().getMap('examiners').size).toBe(3 * groupCount);
	await short.screenshot({ path: 'test-results/screens/chain-staff-short-768.png' });
	await institution
		.getByTestId('staff-session')
		.filter({ hasText: '实操室 ·' })
		.first()
		.screenshot({ path: 'test-results/screens/chain-staff-group-768.png' });

	// 4. Submitted; the district sees the failing ratio and cannot approve it without a reason; returns it.
	await institution.goto(planUrl('review'));
	await seesWhatServerHolds(institution, server, planId);
	await institution.getByTestId('review-submit').click();
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	const district = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
	await signIn(district, 'jb-quju', 'district-pass-1');
	await district.goto(planUrl('review'));
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await seesWhatServerHolds(district, server, planId);
	const failing = await district.getByTestId('check-failing').allTextContents();
	expect(failing, failing.join('\n')).toHaveLength(1);
	expect(failing[0]).toContain('还需 1 名监考人员');
	await district.getByTestId('review-approve').click();
	await expect(district.getByTestId('review-error')).toContainText('须写明例外理由');
	await district.screenshot({ path: 'test-results/screens/chain-refused-768.png', fullPage: true });
	await district.getByLabel('审核意见').fill('机房 8 监考人员不足，请补足后再提交');
	await district.getByTestId('review-return').click();
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'returned');
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'returned');
	await expect(institution.getByTestId('review-state')).toContainText('机房 8 监考人员不足');

	// 5. Fixed (the missing invigilator) and resubmitted; the district approves with every check passing.
	await institution.goto(planUrl('staff'));
	await short.getByTestId('staff-pick').selectOption({ label: proctors[15] });
	await short.getByTestId('staff-add').click();
	await expect(short.getByTestId('session-check')).toContainText('人员充足（2/2）');
	await expect(institution.getByTestId('staffing-ok')).toBeVisible();
	await expect.poll(() => stored().getMap('staff').size, { timeout: 30_000 }).toBe(40);
	await institution.goto(planUrl('review'));
	await seesWhatServerHolds(institution, server, planId);
	await institution.getByTestId('review-submit').click();
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await district.goto(planUrl('review'));
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	await seesWhatServerHolds(district, server, planId);
	expect(await district.getByTestId('check-failing').allTextContents()).toEqual([]);
	await district.getByLabel('审核意见').fill('考务安排符合要求');
	await district.getByTestId('review-approve').click();
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'approved');
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'approved');
	await district.screenshot({ path: 'test-results/screens/chain-approved-768.png', fullPage: true });
	const decisions = () =>
		[...registry().getMap('districtReviews').values()]
			.map((r) => r as { decision: string; at: string; contentHash: string; by: string })
			.sort((a, b) => (a.at < b.at ? -1 : 1));
	expect(decisions().map((r) => r.decision)).toEqual(['submitted', 'returned', 'submitted', 'approved']);

	// An invigilator sees the plan the assignment gives her.
	const proctor = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
	await signIn(proctor, 'jb-p1', 'jiankao-2027-1');
	await expect(proctor.getByTestId('plan-card').filter({ hasText: '2027年1月联考 · 江北' })).toBeVisible();

	// 6. A later change (an invigilator withdrawn) voids the approval, visibly on both sides.
	await institution.goto(planUrl('staff'));
	await short.getByTestId('unassign').first().click();
	await expect(short.getByTestId('session-check')).toContainText('还需 1 名监考人员');
	await expect.poll(() => stored().getMap('staff').size, { timeout: 30_000 }).toBe(39);
	await institution.goto(planUrl('review'));
	await expect(institution.getByTestId('review-state')).toHaveAttribute('data-state', 'voided');
	await expect(district.getByTestId('review-state')).toHaveAttribute('data-state', 'voided');
	await expect(district.getByTestId('review-state')).toContainText('批准已失效');
	await district.screenshot({ path: 'test-results/screens/chain-voided-768.png', fullPage: true });
	await institution.screenshot({ path: 'test-results/screens/chain-voided-institution-768.png', fullPage: true });
});
