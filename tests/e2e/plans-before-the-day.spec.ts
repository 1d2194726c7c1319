// Issue 5 end to end: an institution admin creates a plan, imports a GBK CSV and a 300-row .xlsx
// with five bad rows (fixes three, drops two), approves eligibility, generates seats, assigns staff
// (a ratio violation is shown, then fixed), the district approves, and tickets and seat charts print
// to PDFs that hold the right names. Runs on a private server so the shared demo stays untouched.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { seesWhatServerHolds } from './centre-support';
import { writeRosterGbkCsv, writeRosterXlsx } from '../support/plans-roster';
import { storedDoc } from '../support/node-device';
import { verifyTicket } from '../../src/lib/domain/admission-ticket';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

// Files live in a private temporary folder: other suites running at the same time may clear test-results/.
const OUT = mkdtempSync(join(tmpdir(), 'kaowu-plans-'));
let server: KaowuServer;

test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

async function signInAt(page: Page, username: string) {
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
}

function pdfText(path: string): string {
	return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

function pdfPreview(path: string, out: string) {
	mkdirSync(dirname(out), { recursive: true });
	execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', path, out]);
}

test('an institution prepares a plan from import to print-outs', async ({ page, browser }) => {
	test.setTimeout(300_000);
	const xlsx = await writeRosterXlsx(`${OUT}/roster-300.xlsx`);
	const csvRows = writeRosterGbkCsv(`${OUT}/roster-gbk.csv`);

	page.on('pageerror', (e) => console.log('[pageerror]', e.message));
	await signInAt(page, 'jigou');
	await page.getByTestId('new-plan').click();

	// A day that is not a joint exam day is refused by the server, in Chinese.
	await page.getByLabel('计划名称').fill('2027年1月联考 · 测试计划');
	await page.getByLabel('联考考点').selectOption({ label: '演示·渝中联考考点（山城职业技能评价中心）' });
	await page.getByLabel('联考日（周六）').fill('2027-01-09');
	await page.getByText('企业人力资源管理师 三级/高级工').click();
	await page.getByText('劳动关系协调师 三级/高级工').click();
	await page.getByText('健康照护师 四级/中级工').click();
	await page.getByLabel('预计考生人数').fill('300');
	await page.getByTestId('create-plan').click();
	await expect(page.getByTestId('new-plan-error')).toContainText('不是联考日');

	await page.getByRole('button', { name: '2027-01-16' }).click();
	await expect(page.getByTestId('plan-deadline')).toContainText('2027-01-04');
	await page.screenshot({ path: 'test-results/screens/plans-new-768.png', fullPage: true });
	await page.getByTestId('create-plan').click();
	await expect(page.getByTestId('plan-title')).toHaveText('2027年1月联考 · 测试计划');
	const planUrl = page.url();
	await page.screenshot({ path: 'test-results/screens/plans-overview-768.png', fullPage: true });
	await page.getByTestId('edit-plan').click({ timeout: 10_000 });
	await page.getByLabel('预计考生人数').fill('310');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('plan-edit')).toHaveCount(0);
	const planId = decodeURIComponent(planUrl.split('/plans/')[1]);

	// GBK CSV: decoded, all ten rows good.
	await page.getByTestId('tab-roster').click();
	await page.getByTestId('roster-file').setInputFiles(`${OUT}/roster-gbk.csv`);
	await expect(page.getByTestId('roster-import')).toContainText('已按 GBK 编码读取');
	await expect(page.getByTestId('roster-summary')).toHaveText('共 10 行：可导入 10 行，有问题 0 行');
	await page.getByTestId('commit-import').click();
	await expect(page.getByTestId('roster-message')).toHaveText('已导入 10 名考生，待资格审核');
	await expect(page.getByTestId('candidate-list')).toContainText(csvRows[0].name);

	// A candidate added by hand is held to the same rules: a mistyped ID is refused with the reason.
	await page.getByTestId('add-candidate').click();
	await page.getByTestId('candidate-name').fill('手工录入');
	await page.getByTestId('candidate-idNumber').fill('500103198001010000');
	// Fixed sets are pickers: the plan's occupations, then the levels the plan holds for it.
	await page.getByTestId('candidate-occupation').selectOption('企业人力资源管理师');
	await page.getByTestId('candidate-level').selectOption({ label: '三级/高级工' });
	await expect(page.getByTestId('candidate-condition')).toContainText('累计从事本职业或相关职业工作满10年');
	await page.getByTestId('candidate-form').screenshot({ path: 'test-results/screens/candidate-form.png' });
	await page.getByTestId('candidate-save').click();
	await expect(page.getByTestId('candidate-form')).toContainText('校验位错误');
	await page.getByTestId('candidate-idNumber').fill('11010519491231002X');
	await page.getByTestId('candidate-save').click();
	await expect(page.getByTestId('candidate-form')).toHaveCount(0);
	await expect(page.getByTestId('candidate-list')).toContainText('手工录入');

	// The 300-row .xlsx: exactly the five bad rows, each with its reason; nothing imported yet.
	await page.getByTestId('roster-file').setInputFiles(`${OUT}/roster-300.xlsx`);
	await expect(page.getByTestId('roster-summary')).toHaveText('共 300 行：可导入 295 行，有问题 5 行');
	await expect(page.getByTestId('bad-row')).toHaveCount(5);
	for (const bad of xlsx.bad) {
		await expect(page.locator(`[data-testid="bad-row"][data-row="${bad.fileRow}"]`)).toContainText(bad.reason);
	}
	await expect(page.getByTestId('commit-import')).toHaveText('先导入 295 名考生，5 个问题行留下稍后修改');
	const download = page.waitForEvent('download');
	await page.getByTestId('download-errors').click();
	const errorFile = readFileSync(await (await download).path(), 'utf8');
	expect(errorFile).toContain('校验位错误');
	expect(errorFile.split('\r\n').filter(Boolean)).toHaveLength(6);
	await page.screenshot({ path: 'test-results/screens/plans-import-bad-rows-768.png', fullPage: false });

	for (const bad of xlsx.bad.filter((b) => b.fix)) {
		await page.locator(`[data-testid="bad-row"][data-row="${bad.fileRow}"] [data-testid="edit-row"]`).click();
		const input = page.locator(
			`[data-testid="bad-row"][data-row="${bad.fileRow}"] [data-testid="fix-${bad.fix!.field}"]`
		);
		// The occupation is a picker of the plan's occupations; the ID number is typed.
		if (bad.fix!.field === 'occupation') await input.selectOption(bad.fix!.value);
		else {
			await input.fill(bad.fix!.value);
			await input.press('Tab');
		}
		await expect(page.locator(`[data-testid="bad-row"][data-row="${bad.fileRow}"]`)).toHaveCount(0);
	}
	for (const bad of xlsx.bad.filter((b) => !b.fix)) {
		await page.locator(`[data-testid="bad-row"][data-row="${bad.fileRow}"] [data-testid="drop-row"]`).click();
	}
	await expect(page.getByTestId('roster-summary')).toHaveText('共 298 行：可导入 298 行，有问题 0 行');
	await expect(page.getByTestId('commit-import')).toHaveText('导入 298 名考生');
	await page.getByTestId('commit-import').click();
	await expect(page.getByTestId('roster-message')).toHaveText('已导入 298 名考生，待资格审核');
	await expect(page.getByRole('heading', { name: '考生名单（309 人）' })).toBeVisible();
	// The import reaches the server's SQLite file whole.
	await expect
		.poll(() => storedDoc(server.dataDir, `plan:${planId}`).getMap('candidates').size, { timeout: 15_000 })
		.toBe(309);

	// Eligibility: the 60 who declared a condition of their level are approved together.
	await page.getByTestId('tab-eligibility').click();
	await page.getByTestId('bulk-approve').click();
	await expect(page.getByTestId('eligibility-message')).toHaveText('已通过 60 名考生的资格审核');
	await expect(page.getByTestId('filter-approved')).toHaveText('已通过 60');

	// Rooms, sessions, seats: only approved candidates are seated, no same occupation+level neighbours.
	await page.getByTestId('tab-rooms').click();
	for (const name of ['第1考场（机房）', '第2考场（机房）']) {
		await page.getByTestId('room-name').fill(name);
		await page.getByTestId('add-room').click();
		await expect(page.getByTestId('room-row').filter({ hasText: name })).toBeVisible();
	}
	// Practical stations for the caregivers' skill test (10 stations).
	await page.getByTestId('room-name').fill('实操考场');
	await page.getByTestId('room-type').selectOption('practical');
	await page.getByTestId('room-rows').fill('2');
	await page.getByTestId('room-cols').fill('5');
	await page.getByTestId('room-capacity').fill('10');
	await page.getByTestId('add-room').click();
	await expect(page.getByTestId('room-row')).toHaveCount(3);
	await page.getByTestId('create-sessions').click();
	await expect(page.getByTestId('rooms-message')).toHaveText('已生成 3 个场次');
	await expect(page.getByText('249 名考生资格审核未通过或待审核，不会编排座位')).toBeVisible();
	await page.getByTestId('generate-seats').click();
	await expect(page.getByTestId('rooms-message')).toHaveText('已为 60 名考生编排 2 间考场，同职业同等级相邻 0 处');
	await expect(page.getByTestId('seat-chart')).toHaveCount(2);
	await expect(page.getByTestId('seat-check').first()).toContainText('无同职业同等级相邻');
	await expect(page.getByTestId('seat-check').nth(1)).toContainText('无同职业同等级相邻');
	// A manual swap shows the check before saving.
	const chart = page.getByTestId('seat-chart').first();
	await chart.getByTestId('seat').nth(0).click();
	await chart.getByTestId('seat').nth(1).click();
	await expect(page.getByTestId('swap-check')).toContainText('换座检查');
	await page.screenshot({ path: 'test-results/screens/plans-seats-768.png', fullPage: true });
	await page.getByTestId('swap-confirm').click();
	await expect(page.getByTestId('swap-check')).toHaveCount(0);
	// 19 approved caregivers sit the practical skill test: two even groups with times from the schedule.
	await page.getByTestId('make-groups').click();
	await expect(page.getByTestId('groups-message')).toHaveText('已生成 2 个组');
	await expect(page.getByTestId('group')).toHaveCount(2);
	await expect(page.getByTestId('group').first()).toContainText('健康照护师四级 第1组');

	// Staff: one invigilator for 30 candidates breaks the ratio; two per room fixes it.
	await page.getByTestId('tab-staff').click();
	await expect(page.getByTestId('staff-deadline')).toContainText('考务安排须在考前 7 个工作日完成');
	const rooms = page.getByTestId('staff-session');
	await expect(rooms).toHaveCount(4); // two theory rooms, two practical groups
	const assign = async (room: number, name: string) => {
		await rooms.nth(room).getByTestId('staff-pick').selectOption({ label: name });
		await rooms.nth(room).getByTestId('staff-add').click();
		// In the list of the room's staff (the picker's options hold every name).
		await expect(rooms.nth(room).locator('li').filter({ hasText: name })).toHaveCount(1);
	};
	await assign(0, '陈静');
	await expect(rooms.nth(0).getByTestId('session-check')).toContainText('还需 1 名监考人员');
	await expect(page.getByTestId('staffing-problems')).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/plans-staff-violation-768.png', fullPage: true });
	await assign(0, '张磊');
	await assign(1, '谭芳');
	await assign(1, '向勇');
	await expect(page.getByTestId('staffing-problems')).toContainText('还需 3 名考评人员'); // groups wait for the centre
	await expect(rooms.nth(2).getByTestId('staff-add')).toHaveCount(0); // examiners are not the institution's to assign

	// The centre dispatches three examiners per group (through the server; it only reads the plan).
	const centre = await browser.newContext();
	const centrePage = await centre.newPage();
	await signInAt(centrePage, 'zhongxin');
	await centrePage.goto(`${server.url}/plans/${encodeURIComponent(planId)}/staff`);
	const centreRooms = centrePage.getByTestId('staff-session');
	await expect(centreRooms.nth(0).getByTestId('staff-add')).toHaveCount(0); // invigilators are the institution's
	const dispatch = async (group: number, name: string) => {
		await centreRooms.nth(group).getByTestId('staff-pick').selectOption({ label: name });
		await centreRooms.nth(group).getByTestId('staff-add').click();
		await expect(centreRooms.nth(group).locator('li').filter({ hasText: name })).toHaveCount(1);
	};
	for (const group of [2, 3]) for (const examiner of ['欧阳明轩', '罗文博']) await dispatch(group, examiner);
	await expect(centreRooms.nth(2).getByTestId('session-check')).toContainText('还需 1 名考评人员');
	for (const group of [2, 3]) await dispatch(group, '唐雅婷');
	await expect(centreRooms.nth(2).getByTestId('session-check')).toContainText('人员充足');
	await centre.close();
	await expect(page.getByTestId('staffing-ok')).toHaveText('各考场人员配备均符合要求');
	await page.screenshot({ path: 'test-results/screens/plans-staff-done-768.png', fullPage: true });

	// An assignment is the person's access: the proctor now has the plan on the home screen.
	const proctor = await browser.newContext();
	const proctorPage = await proctor.newPage();
	await signInAt(proctorPage, 'jiankao1');
	await expect(proctorPage.getByTestId('plan-card').filter({ hasText: '2027年1月联考 · 测试计划' })).toBeVisible();
	await proctor.close();

	// The institution submits the plan for review; the district bureau approves it (through the server).
	await page.getByTestId('tab-review').click();
	await seesWhatServerHolds(page, server, planId); // submissions are bound to what the server holds
	await page.getByTestId('review-submit').click();
	await expect(page.getByTestId('review-state')).toHaveAttribute('data-state', 'submitted');
	const district = await browser.newContext();
	const districtPage = await district.newPage();
	await signInAt(districtPage, 'quju');
	await districtPage.goto(`${server.url}/plans/${encodeURIComponent(planId)}/review`);
	await seesWhatServerHolds(districtPage, server, planId);
	// The demo plan of the same day has the same proctors in its rooms at the same hours: the server
	// finds the people booked in two plans, and the district can approve only with a reason.
	await expect(districtPage.getByTestId('check-failing').first()).toContainText('同一时间又在“');
	await districtPage.getByTestId('review-exception').fill('演示计划仅作演示，不实际开考');
	await districtPage.getByLabel('审核意见').fill('考务安排符合要求');
	await districtPage.getByTestId('review-approve').click();
	await expect(districtPage.getByTestId('district-review').first()).toContainText('已批准');
	await districtPage.getByTestId('tab-eligibility').click();
	await districtPage.getByTestId('filter-approved').click();
	await districtPage.getByTestId('spot-ok').first().click();
	await expect(districtPage.getByTestId('eligibility-row').first()).toContainText('区县已抽查无误');
	await district.close();
	await page.getByTestId('tab-review').click();
	await expect(page.getByTestId('district-review').first()).toContainText('考务安排符合要求');

	// Sealed papers received, every room's cameras confirmed.
	await page.getByTestId('tab-custody').click();
	await page.getByLabel('交付人（中心）').fill('市职鉴中心 杨主任');
	await page.getByLabel('试卷袋数').fill('3');
	await page.getByRole('button', { name: '登记接收' }).click();
	await expect(page.getByText(/接收试卷 3 袋/)).toContainText('密封完好');
	for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '正常且全覆盖' }).nth(i).click();
	await expect(page.getByText('摄像头正常，全覆盖')).toHaveCount(3);

	// The fee for 60 approved candidates: theory and skill papers at the centre's prices.
	await page.getByTestId('tab-fees').click();
	await page.getByLabel('理论试题（元/人次）').fill('30');
	await page.getByLabel('技能试题（元/人次）').fill('40');
	await expect(page.getByTestId('fee-summary')).toContainText('4,200.00 元');
	await page.getByTestId('tab-overview').click();
	await page.screenshot({ path: 'test-results/screens/plans-overview-done-768.png', fullPage: true });

	// Print-outs: admission tickets with signed QR codes, and the seat charts, as A4 PDFs.
	const approvedNames = [...xlsx.rows.slice(0, 50).map((r) => r.name), ...csvRows.map((r) => r.name)];
	await page.goto(`${planUrl}/print?kind=tickets`);
	await expect(page.getByTestId('tickets-ready')).toBeVisible();
	await expect(page.getByTestId('ticket')).toHaveCount(60);
	await page.pdf({ path: `${OUT}/tickets.pdf`, format: 'A4', printBackground: true });
	const tickets = pdfText(`${OUT}/tickets.pdf`);
	for (const name of approvedNames) expect(tickets).toContain(name);
	expect(tickets).not.toContain(xlsx.rows[60].name); // pending candidates get no ticket
	// The QR code decodes to a payload the server signed: a tablet verifies it with the public key alone.
	const first = page.getByTestId('ticket').first();
	const src = (await first.locator('img').getAttribute('src'))!;
	const png = PNG.sync.read(Buffer.from(src.split(',')[1], 'base64'));
	const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	const publicKey = (storedDoc(server.dataDir, 'config').getMap('keys').get('ticket') as { publicKey: string })
		.publicKey;
	const verified = await verifyTicket(qr!.data, publicKey);
	expect(verified).toMatchObject({ ok: true, payload: { p: planId, n: await first.locator('.name').innerText() } });
	expect(await verifyTicket(qr!.data.slice(0, -4) + 'AAAA', publicKey)).toMatchObject({ ok: false });
	pdfPreview(`${OUT}/tickets.pdf`, 'test-results/screens/plans-tickets');

	await page.goto(`${planUrl}/print?kind=seats`);
	await expect(page.getByTestId('sheet-seats')).toHaveCount(2);
	await page.pdf({ path: `${OUT}/seats.pdf`, format: 'A4', printBackground: true });
	const seats = pdfText(`${OUT}/seats.pdf`);
	for (const name of approvedNames) expect(seats).toContain(name);
	expect(seats).toContain('座位表 · 第1考场（机房）');
	pdfPreview(`${OUT}/seats.pdf`, 'test-results/screens/plans-seats');

	await page.goto(`${planUrl}/print?kind=signin`);
	await expect(page.getByTestId('sheet-signin')).toHaveCount(4); // two seated rooms, two practical groups
	await page.pdf({ path: `${OUT}/signin.pdf`, format: 'A4', printBackground: true });
	pdfPreview(`${OUT}/signin.pdf`, 'test-results/screens/plans-signin');

	await page.goto(`${planUrl}/print?kind=door`);
	await expect(page.getByTestId('sheet-door')).toHaveCount(3); // two seated rooms and the practical room
	await page.pdf({ path: `${OUT}/door.pdf`, format: 'A4', printBackground: true });
	pdfPreview(`${OUT}/door.pdf`, 'test-results/screens/plans-door');

	await page.goto(`${planUrl}/print?kind=scores`);
	await expect(page.getByTestId('sheet-scores')).toHaveCount(2);
	await page.pdf({ path: `${OUT}/scores.pdf`, format: 'A4', printBackground: true });
	expect(pdfText(`${OUT}/scores.pdf`)).toContain('健康照护师四级 第1组');
	pdfPreview(`${OUT}/scores.pdf`, 'test-results/screens/plans-scores');
});
