// After the session, end to end on the past-plan demo: two proctor devices and two examiner devices
// add conflicting and incomplete records over /sync; the supervisor resolves every item, imports
// theory scores (a file with one bad row is refused whole), publishes late with a reason, registers
// review requests (two refused with the reason, one corrects an adding error), finalises, allocates
// certificate numbers and exports the province .xlsx, which the test reads back.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { baseUrl, signIn } from '../support/app';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Entry, EntryData, EntryKind, EntryOf } from '../../src/lib/domain/entries';
import type { Candidate } from '../../src/lib/domain/record-schemas';

const PLAN = 'demo-20261121';
const SCREENS = 'test-results/screens';
const REASON = '核对监控录像与纸质签到表后决定';

let n = 0;
function entry<K extends EntryKind>(user: string, kind: K, candidateId: string, data: EntryData<K>): EntryOf<K> {
	n++;
	// Made on the exam day during the sessions (these tablets upload later): not outside the session's hours.
	const at = `2026-11-21T11:${String(10 + (n % 40)).padStart(2, '0')}:00+08:00`;
	const deviceId = `node-tablet-${user}`;
	return {
		v: 1,
		id: `e-e2e-${user}-${n}-${Date.now().toString(36)}`,
		kind,
		at,
		hlc: formatHlc({ wallMs: Date.now(), counter: n }, deviceId),
		author: user,
		deviceId,
		planId: PLAN,
		candidateId,
		data
	} as EntryOf<K>;
}

async function writeFromDevice(username: string, userId: string, entries: Entry[]) {
	const url = baseUrl();
	const docName = `day:${PLAN}:${userId}`;
	const device = connectDevice(url, docName, await signInToken(url, username));
	try {
		await device.whenSynced;
		device.doc.transact(() => entries.forEach((e) => device.doc.getMap('entries').set(e.id, e)));
		await waitFor(
			() => entries.every((e) => storedDoc(process.env.KAOWU_TEST_DATA_DIR!, docName).getMap('entries').has(e.id)),
			10_000,
			`${username}'s entries stored`
		);
	} finally {
		device.destroy();
	}
}

const careItems = (total: number) => [
	{ itemId: 'prep', score: Math.floor(total * 0.2) },
	{ itemId: 'care', score: Math.floor(total * 0.5) },
	{ itemId: 'safety', score: Math.floor(total * 0.2) },
	{ itemId: 'comm', score: total - Math.floor(total * 0.2) * 2 - Math.floor(total * 0.5) }
];

const ACTION_FOR: Record<string, string> = {
	'attendance-conflict': 'present',
	'score-for-absent': 'absent',
	'missing-score': 'score',
	'panel-short': 'accept',
	'score-discrepancy': 'accept',
	'incident-no-candidate': 'dismiss',
	'incident-ruling': 'void',
	'silent-device': 'acknowledge',
	'unstored-entries': 'acknowledge',
	'outside-hours': 'acknowledge'
};

async function openCount(page: Page): Promise<number> {
	const badge = page.getByTestId('open-count');
	return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

test('a supervisor reconciles, imports, publishes, reviews, finalises and exports', async ({ page, context }) => {
	test.setTimeout(180_000);
	mkdirSync(SCREENS, { recursive: true });
	const roster = [
		...storedDoc(process.env.KAOWU_TEST_DATA_DIR!, `plan:${PLAN}`).getMap('candidates').values()
	] as Candidate[];
	const cand = (id: string) => roster.find((c) => c.id === id)!;

	// Two proctors disagree about 赵明轩 in the practical room; two examiners score 周雅婷 25 points apart
	// and the third examiner's sheet never comes.
	await writeFromDevice('jiankao6', 'u-proctor-6', [
		entry('u-proctor-6', 'attendance', 'c0009', {
			state: 'present',
			sessionId: 's-skill-r301',
			time: '11:02',
			roomId: 'r301'
		})
	]);
	await writeFromDevice('jiankao7', 'u-proctor-7', [
		entry('u-proctor-7', 'attendance', 'c0009', {
			state: 'absent',
			sessionId: 's-skill-r301',
			time: '11:03',
			roomId: 'r301'
		})
	]);
	await writeFromDevice('kaoping2', 'u-examiner-2', [
		entry('u-examiner-2', 'score-sheet', 'c0010', {
			groupId: 'g-care-1',
			subject: 'skill',
			items: careItems(90),
			total: 90,
			isSubmitted: true
		})
	]);
	await writeFromDevice('kaoping3', 'u-examiner-3', [
		entry('u-examiner-3', 'score-sheet', 'c0010', {
			groupId: 'g-care-1',
			subject: 'skill',
			items: careItems(65),
			total: 65,
			isSubmitted: true
		})
	]);

	await signIn(page, 'dudao');
	await page.goto(`${baseUrl()}/desk/${PLAN}`);
	// The desk finds a candidate by typing (same index as the proctor's), here by admission number.
	const pickCandidate = async (testid: string, id: string) => {
		await page.getByTestId(`${testid}-search`).fill(cand(id).admissionNo!);
		await page.locator(`[data-testid="${testid}-result"][data-candidate="${id}"]`).click();
		await expect(page.getByTestId(`${testid}-chosen`)).toContainText(cand(id).name);
	};
	await expect(page.getByTestId('desk-title')).toContainText('已考');
	await expect(page.locator(`[data-key="silent:u-proctor-8"]`)).toBeVisible();
	await expect(page.getByTestId('open-count')).toHaveText('11');
	const kinds = await page
		.locator('[data-testid="desk-item"]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
	for (const k of [
		'attendance-conflict',
		'score-for-absent',
		'missing-score',
		'panel-short',
		'score-discrepancy',
		'incident-no-candidate',
		'incident-ruling',
		'silent-device'
	])
		expect(kinds).toContain(k);
	await expect(page.locator('[data-key="attendance:s-skill-r301:c0009"]')).toContainText('吴丽记为到考、徐强记为缺考');
	await expect(page.locator('[data-key="spread:skill:c0010"]')).toContainText('相差 25 分');
	await page.screenshot({ path: `${SCREENS}/desk-items.png`, fullPage: false });

	// Resolve every item, each with a reason. Each card is held by its key, not by its place in the
	// list: a card that moves while the supervisor works on it (another item arriving) is still the one
	// decided. An item reopened by records that arrived after the decision is decided again, as a
	// supervisor would. Anything else that keeps the item open fails with what the screen said.
	const pageErrors: string[] = [];
	page.on('pageerror', (e) => pageErrors.push(e.message));
	for (let guard = 0; guard < 20 && (await openCount(page)) > 0; guard++) {
		const key = (await page.locator('[data-testid="desk-item"]:not(.resolved)').first().getAttribute('data-key'))!;
		const card = page.locator(`[data-testid="desk-item"][data-key="${key}"]`);
		const action = ACTION_FOR[(await card.getAttribute('data-kind'))!];
		await card.getByTestId(`option-${action}`).check();
		if (action === 'score') await card.getByTestId('decision-score').fill('66');
		await card.getByTestId('decision-reason').fill(REASON);
		await card.getByTestId('decide').click();
		const settled = async () =>
			(await card.evaluate((el) => el.classList.contains('resolved'))) ||
			(await card.getByTestId('reopened').count()) > 0;
		try {
			await expect.poll(settled).toBe(true);
		} catch (error) {
			const notices = await page.locator('.notice').allInnerTexts();
			throw new Error(
				`the decision on ${key} is not shown. Card: ${await card.innerText()} | notices: ${notices.join(' / ')} | page errors: ${pageErrors.join(' / ')}`,
				{ cause: error }
			);
		}
	}
	await expect(page.getByTestId('items-summary')).toContainText('全部事项已处理');
	await expect(page.locator('[data-key="attendance:s-skill-r301:c0009"] [data-testid="decision"]')).toContainText(
		REASON
	);
	await expect(page.locator('[data-key="attendance:s-skill-r301:c0009"]')).toContainText('原始记录 2 条');

	// Theory scores: a file with one bad row imports nothing; the corrected file imports.
	const scores: [string, number][] = [
		['c0001', 58],
		['c0002', 75],
		['c0003', 81],
		['c0004', 62],
		['c0006', 70],
		['c0007', 77],
		['c0008', 83],
		['c0009', 69],
		['c0010', 88],
		['c0011', 91]
	];
	const sheet = async (bad: boolean) => {
		const rows = scores.map(([id, score], i) => {
			const c = cand(id);
			// Half the rows carry only the ID number, half only the admission number.
			return [c.name, i % 2 ? '' : c.idNumber, i % 2 ? c.admissionNo! : '', bad && id === 'c0004' ? 105 : score];
		});
		const data = [['姓名', '身份证号', '准考证号', '理论成绩'], ...rows].map((r) => r.map((value) => ({ value })));
		const blob = await writeXlsxFile(data as never).toBuffer();
		return Buffer.from(blob);
	};
	await page.getByTestId('tab-theory').click();
	// A CSV (UTF-8 with BOM, as Excel saves it) naming a stranger is refused with the row.
	const csv = '\uFEFF准考证号,姓名,成绩\n' + `${cand('c0002').admissionNo},李四,75\n`;
	await page
		.getByTestId('theory-file')
		.setInputFiles({ name: '理论成绩.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
	await expect(page.getByTestId('theory-errors')).toContainText(
		`第 2 行：姓名“李四”与报名信息“${cand('c0002').name}”不符`
	);
	await page.getByTestId('theory-file').setInputFiles({
		name: '理论成绩-有误.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await sheet(true)
	});
	await expect(page.getByTestId('theory-errors')).toContainText('第 5 行：成绩 105 超出 0–100 分');
	await expect(page.getByTestId('theory-errors')).toContainText('未导入任何成绩');
	await expect(page.getByTestId('theory-preview')).toHaveCount(0);
	await page.screenshot({ path: `${SCREENS}/desk-theory-errors.png` });
	await page.getByTestId('theory-file').setInputFiles({
		name: '理论成绩.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await sheet(false)
	});
	await page.getByTestId('theory-confirm').click();
	await expect(page.getByTestId('theory-saved')).toBeVisible();
	await expect(page.getByTestId('theory-history')).toContainText('理论成绩.xlsx');
	await expect(page.getByTestId('open-count')).toHaveCount(0); // the import raised nothing new

	await page.getByTestId('tab-results').click();
	const row = (id: string) => page.locator(`[data-testid="result-row"][data-candidate="${id}"]`);
	await expect(row('c0001').locator('[data-subject="theory"]')).toHaveText('58');
	await expect(row('c0001')).toContainText('不合格');
	await expect(row('c0002').locator('[data-subject="skill"]')).toHaveText('违纪');
	await expect(row('c0005').locator('[data-subject="theory"]')).toHaveText('缺考');
	await expect(row('c0012').locator('[data-subject="theory"]')).toHaveText('72');
	await row('c0010').getByRole('button').first().click();
	await expect(page.locator('tr.detail')).toContainText('评分表 90 / 65');
	await page.screenshot({ path: `${SCREENS}/desk-results.png`, fullPage: true });

	// Publication: the exam ended on Sunday 2026-11-22, so publishing on 2026-11-27 is late: allowed with a reason.
	await page.getByTestId('tab-publication').click();
	await expect(page.getByTestId('publication-check')).toContainText('已逾期');
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('publication-error')).toContainText('逾期公示的原因');
	await page.getByTestId('late-reason').fill('理论成绩导出延误，已报区县人社部门');
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('publication-period')).toContainText('2026-11-27 至 2026-12-03');
	await expect(page.getByTestId('publication-late')).toBeVisible();
	const c1 = cand('c0001');
	await expect(page.getByTestId('publication-list')).toContainText(
		`${c1.idNumber.slice(0, 6)}********${c1.idNumber.slice(-4)}`
	);
	await expect(page.getByTestId('publication-list')).not.toContainText(c1.idNumber);
	await page.screenshot({ path: `${SCREENS}/desk-publication.png`, fullPage: true });
	await page.pdf({ path: `${SCREENS}/desk-publication.pdf`, format: 'A4' });

	// The public look-up shows only the candidate's own published scores.
	const lookup = await context.newPage();
	const lookUp = async () => {
		await lookup.goto(`${baseUrl()}/lookup`);
		await lookup.getByLabel('姓名').fill(c1.name);
		await lookup.getByLabel('证件号码').fill(c1.idNumber);
		await lookup.getByLabel('准考证号').fill(c1.admissionNo!);
		await lookup.getByTestId('lookup-submit').click();
	};
	await lookUp();
	await expect(lookup.getByTestId('lookup-result').locator('[data-subject="theory"]')).toHaveText('58');
	await lookup.getByLabel('准考证号').fill('0000000');
	await lookup.getByTestId('lookup-submit').click();
	await expect(lookup.getByTestId('lookup-error')).toContainText('没有找到');

	// Review requests: re-marking and a late request are refused with the reason; an adding error is corrected.
	await page.getByTestId('tab-reviews').click();
	await pickCandidate('review-candidate', 'c0001');
	await page.getByTestId('review-subject').selectOption('theory');
	await page.getByTestId('review-ground').selectOption('re-mark');
	await page.getByTestId('review-description').fill('认为理论成绩偏低，要求重新阅卷');
	await page.getByTestId('review-register').click();
	await expect(page.getByTestId('review-refused')).toContainText('不重新评阅试卷');
	await page.getByTestId('review-ground').selectOption('adding-error');
	await page.getByTestId('review-date').fill('2026-12-10');
	await page.getByTestId('review-register').click();
	await expect(page.getByTestId('review-refused')).toContainText('已过公示期');
	await expect(page.getByTestId('review-case')).toHaveCount(0);
	await page.getByTestId('review-date').fill('2026-11-27');
	await page.getByTestId('review-description').fill('理论成绩分项合计有误');
	await page.getByTestId('review-register').click();
	await expect(page.getByTestId('review-accepted')).toContainText('须在 2026-12-04 前回复');
	await page.getByTestId('outcome-changed').check();
	await page.getByTestId('reply-score').fill('68');
	await page.getByTestId('reply-explanation').fill('平台导出时第三部分漏计 10 分，已更正');
	await page.getByTestId('reply-submit').click();
	await expect(page.getByTestId('review-outcome')).toContainText('成绩更正为 68 分');
	await page.screenshot({ path: `${SCREENS}/desk-reviews.png`, fullPage: true });
	await lookUp();
	await expect(lookup.getByTestId('lookup-result').locator('[data-subject="theory"]')).toHaveText('68');
	await expect(lookup.getByTestId('lookup-result')).toContainText('经复核已更正');
	await lookup.screenshot({ path: `${SCREENS}/desk-lookup.png` });
	await lookup.close();

	// Finalise (flagged as early: the period runs to 2026-12-03), allocate numbers, export.
	await page.getByTestId('tab-certificates').click();
	await expect(page.getByTestId('finalise-check')).toContainText('提前确认');
	await page.getByTestId('finalise').click();
	await expect(page.getByTestId('finalised')).toBeVisible();
	await expect(page.getByTestId('allocate')).toContainText('为 8 名');
	await page.getByTestId('allocate').click();
	await expect(page.getByTestId('certificate-number').first()).toHaveText(/^S0000500001232[0-9]{8}$/);
	// Nobody left to number: the button is disabled rather than offering "0 名".
	await expect(page.getByTestId('allocate')).toBeDisabled();
	await expect(page.getByTestId('certificate-list')).toContainText('S000050000123263000002');

	// A 复核 received after finalising (the period is still open) corrects c0003's theory to 55: he
	// fails, and his certificate number is withdrawn visibly with the review, never re-used.
	await page.getByTestId('tab-reviews').click();
	await pickCandidate('review-candidate', 'c0003');
	await page.getByTestId('review-subject').selectOption('theory');
	await page.getByTestId('review-ground').selectOption('entry-error');
	await page.getByTestId('review-description').fill('登分时把 55 录成了 81');
	await page.getByTestId('review-date').fill('2026-11-27');
	await page.getByTestId('review-register').click();
	await expect(page.getByTestId('review-accepted')).toBeVisible();
	const c3case = page.getByTestId('review-case').filter({ hasText: cand('c0003').name });
	await c3case.getByTestId('outcome-changed').check();
	await c3case.getByTestId('reply-score').fill('55');
	await c3case.getByTestId('reply-explanation').fill('原始答题卡核对为 55 分，登分错误');
	await c3case.getByTestId('reply-submit').click();
	await expect(c3case.getByTestId('review-outcome')).toContainText('成绩更正为 55 分');
	await page.getByTestId('tab-certificates').click();
	const withdrawn = page.locator('[data-testid="certificate-withdrawn"][data-candidate="c0003"]');
	await expect(withdrawn).toContainText('S000050000123263000002');
	await expect(withdrawn).toContainText('复核（登分错误）');
	await expect(page.getByTestId('certificate-list')).not.toContainText(cand('c0003').name);
	await expect(page.getByTestId('allocate')).toBeDisabled();
	await page.screenshot({ path: `${SCREENS}/desk-certificates.png`, fullPage: true });
	await page.pdf({ path: `${SCREENS}/desk-certificates.pdf`, format: 'A4' });
	const downloadPromise = page.waitForEvent('download');
	await page.getByTestId('export-province').click();
	const download = await downloadPromise;
	const path = `${SCREENS}/../desk-province.xlsx`;
	await download.saveAs(path);
	const table = (await readSheet(readFileSync(path))) as unknown[][];
	expect(table[0]).toEqual([
		'序号',
		'姓名',
		'证件类型',
		'证件号码',
		'准考证号',
		'职业（工种）',
		'职业编码',
		'等级',
		'理论知识成绩',
		'操作技能成绩',
		'综合评审成绩',
		'评定结果',
		'证书编号',
		'考试日期',
		'备注'
	]);
	const byId = new Map(table.slice(1).map((r) => [String(r[3]), r.map((x) => (x === null ? '' : String(x)))]));
	const r = (id: string) => byId.get(cand(id).idNumber)!;
	expect(r('c0001').slice(8, 14)).toEqual(['68', '72', '', '合格', 'S000050000123263000001', '2026-11-21']);
	// The withdrawn number is nowhere in the province file.
	expect(r('c0003').slice(8, 13)).toEqual(['55', r('c0003')[9], '', '不合格', '']);
	expect(table.flat().map(String)).not.toContain('S000050000123263000002');
	expect(r('c0007').slice(8, 13)).toEqual(['77', '76', '81', '合格', 'S000050000123262000001']);
	expect(r('c0012').slice(8, 13)).toEqual(['72', '89', '', '合格', 'S000050000123264000003']);
	expect(r('c0012')[14]).toContain('补考');
	expect(r('c0002').slice(9, 13)).toEqual(['违纪', '', '不合格', '']);
	expect(r('c0005').slice(8, 13)).toEqual(['缺考', '70.3', '', '不合格', '']);
	expect(r('c0006')[9]).toBe('缺考');
	expect(table).toHaveLength(13);

	await page.getByTestId('tab-stats').click();
	await expect(page.getByTestId('chart-subject')).toBeVisible();
	await page.screenshot({ path: `${SCREENS}/desk-stats.png`, fullPage: true });
	// A reload opens the tab the supervisor left (it is kept in the address).
	await page.reload();
	await expect(page.getByTestId('tab-stats')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('chart-subject')).toBeVisible();
	await page.getByTestId('tab-audit').click();
	await pickCandidate('audit-candidate', 'c0009');
	await expect(page.getByTestId('audit-trail')).toContainText('督导决定：认定到考');
	await expect(page.getByTestId('audit-trail')).toContainText('node-tablet-u-proctor-7');
	await page.screenshot({ path: `${SCREENS}/desk-audit.png`, fullPage: true });

	// English is available too.
	await page.getByTestId('language-switch').click();
	await page.getByTestId('tab-items').click();
	await expect(page.getByTestId('items-summary')).toContainText('Every item is decided');
	// The rules' explanations in English too (names stay as written).
	await expect(page.locator('[data-key="attendance:s-skill-r301:c0009"] .explain')).toContainText(
		'the attendance records disagree: 吴丽 recorded present, 徐强 recorded absent'
	);
	await expect(page.locator('[data-key="spread:skill:c0010"] .explain')).toContainText('25 points apart');
	await expect(page.locator('[data-key="silent:u-proctor-8"] .explain')).toContainText('the server holds no record');
	await page.screenshot({ path: `${SCREENS}/desk-items-en.png` });
	await page.getByTestId('language-switch').click();

	// The desk, the results and the certificate list on a tablet and on a laptop, to be looked at.
	for (const [width, height] of [
		[768, 1024],
		[1280, 800]
	]) {
		await page.setViewportSize({ width, height });
		for (const tab of ['items', 'results', 'certificates']) {
			await page.getByTestId(`tab-${tab}`).click();
			await page.screenshot({ path: `${SCREENS}/desk-${tab}-${width}x${height}.png`, fullPage: true });
		}
	}
});
