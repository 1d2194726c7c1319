// Issue 14, "done when": the upcoming demo plan (demo-20270116, 120 candidates) from the exam day to
// certificates, on its own server whose clock is moved with KAOWU_TODAY as a demo user would move it.
// 2027-01-16 10:00: a proctor and an examiner work offline in Chromium; the other tablets (the bulk:
// every room's attendance, 40 caregivers × 3 score sheets) are node devices on the real /sync.
// 2027-01-17 10:00 (restart, same data): the defence panel scores its 15 candidates.
// 2027-01-18 10:00 (restart): the supervisor reconciles, imports the theory file and the written
// skill exam's file (企业人力资源管理师, 劳动关系协调师; 缺考 and an empty cell are absentees),
// publishes, a candidate looks himself up, certificates are allocated, a 复核 turns a pass into a
// fail, and the withdrawn number is shown and absent from the province file (read back).
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { waitForOfflineReady } from '../support/app';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import { beijingText } from '../../src/lib/domain/exam-clock';
import type { Entry, EntryData, EntryKind, EntryOf } from '../../src/lib/domain/entries';
import type { Candidate } from '../../src/lib/domain/record-schemas';

const PLAN = 'demo-20270116';
const SCREENS = 'test-results/screens';
const PASSWORD = 'kaowu2027';
const REASON = '核对两位监考员的纸质签到表后决定';

const cid = (n: number) => `c${String(n).padStart(4, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// The scores of the day, fixed per candidate number so the test knows every result.
const theoryScore = (n: number) => 50 + ((n * 37) % 50); // about one in five below 60
const skillScore = (n: number) => 60 + ((n * 23) % 40); // the written skill exam: everyone passes
const practicalScore = (n: number) => 62 + ((n * 11) % 35); // caregivers: three sheets around it
const defenceScore = (n: number) => 65 + (n % 30);
const ABSENT = 5; // c0005 (企业人力资源管理师三级) sits nothing: an empty theory cell, 缺考 in the skill file
const CLASH = 45; // c0045's written skill exam: 向勇 says present, 吴丽 says absent
const REVIEWED = 1; // c0001 passes (theory 87); a 复核 corrects his theory to 55

/** Splits a total over rubric items without exceeding any item's maximum. */
function split(total: number, items: { id: string; max: number }[]) {
	const out = items.map((i) => ({ itemId: i.id, score: Math.floor((i.max * total) / 100) }));
	let rest = total - out.reduce((a, b) => a + b.score, 0);
	for (const [k, i] of items.entries()) {
		const add = Math.min(rest, i.max - out[k].score);
		out[k].score += add;
		rest -= add;
	}
	return out;
}
const CARE = [
	{ id: 'prep', max: 20 },
	{ id: 'care', max: 50 },
	{ id: 'safety', max: 20 },
	{ id: 'comm', max: 10 }
];
const DEFENCE = [
	{ id: 'paper', max: 40 },
	{ id: 'defence', max: 40 },
	{ id: 'practice', max: 20 }
];

let n = 0;
function entry<K extends EntryKind>(
	userId: string,
	kind: K,
	candidateId: string,
	at: string,
	data: EntryData<K>
): EntryOf<K> {
	n++;
	const deviceId = `node-tablet-${userId}`;
	return {
		v: 1,
		id: `e-journey-${userId}-${n}`,
		kind,
		at,
		hlc: formatHlc({ wallMs: Date.now(), counter: n }, deviceId),
		author: userId,
		deviceId,
		planId: PLAN,
		candidateId,
		data
	} as EntryOf<K>;
}

const attendance = (userId: string, sessionId: string, roomId: string, ids: number[], at: string, absent = -1) =>
	ids.map((k) =>
		entry(userId, 'attendance', cid(k), at, {
			state: k === absent ? 'absent' : 'present',
			sessionId,
			time: at,
			roomId
		})
	);

const sheet = (userId: string, groupId: string, subject: 'skill' | 'review', k: number, total: number, at: string) =>
	entry(userId, 'score-sheet', cid(k), at, {
		groupId,
		subject,
		items: split(total, subject === 'skill' ? CARE : DEFENCE),
		total,
		isSubmitted: true
	});

const dayDoc = (userId: string) => `day:${PLAN}:${userId}`;

/** A node tablet of `username` writes its entries and leaves once the server has stored every one. */
async function writeFromDevice(server: KaowuServer, username: string, userId: string, entries: Entry[]) {
	const device = connectDevice(server.url, dayDoc(userId), await signInToken(server.url, username));
	try {
		await device.whenSynced;
		device.doc.transact(() => entries.forEach((e) => device.doc.getMap('entries').set(e.id, e)));
		await waitFor(
			() => {
				const stored = storedDoc(server.dataDir, dayDoc(userId)).getMap('entries');
				return entries.every((e) => stored.has(e.id));
			},
			60_000,
			`${username}'s ${entries.length} entries stored`
		);
	} finally {
		device.destroy();
	}
}

function storedEntries(server: KaowuServer, docName: string): (Entry & { data: Record<string, unknown> })[] {
	return [...storedDoc(server.dataDir, docName).getMap('entries').values()] as (Entry & {
		data: Record<string, unknown>;
	})[];
}

async function signInAt(page: Page, server: KaowuServer, username: string) {
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
}

async function tablet(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 } });
	return { context, page: await context.newPage() };
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
	const data = rows.map((r) => r.map((value) => ({ value })));
	return Buffer.from(await writeXlsxFile(data as never).toBuffer());
}

let server: KaowuServer | undefined;
test.afterAll(async () => {
	await server?.kill();
});

test('the upcoming demo plan goes from the exam day (offline tablets) to certificates, a 复核 withdrawing a number', async ({
	browser
}) => {
	test.setTimeout(420_000);
	mkdirSync(SCREENS, { recursive: true });
	server = await startKaowu({ env: { KAOWU_TODAY: '2027-01-16T10:00' } });
	const roster = [...storedDoc(server.dataDir, `plan:${PLAN}`).getMap('candidates').values()] as Candidate[];
	expect(roster).toHaveLength(120);
	const cand = (k: number) => roster.find((c) => c.id === cid(k))!;

	// ── Saturday 2027-01-16, 10:00 by the server's clock ─────────────────────────────────────────────
	// 陈静 (jiankao1) keeps 101 机房 offline: four check-ins and c0005 absent, a reload while offline.
	const proctor = await tablet(browser);
	await signInAt(proctor.page, server, 'jiankao1');
	await waitForOfflineReady(proctor.page);
	await proctor.page.goto(`${server.url}/proctor/${PLAN}`);
	await expect(proctor.page.getByTestId('room-title')).toContainText('101 机房');
	await expect(proctor.page.getByTestId('room-counts')).toContainText('应到 30');
	// 10:00 is inside the theory session (09:00–10:30): no outside-hours warning.
	await expect(proctor.page.getByTestId('outside-hours')).toHaveCount(0);
	await proctor.context.setOffline(true);
	await expect(proctor.page.getByTestId('network-state').first()).toHaveText('离线');
	const openCard = async (k: number) => {
		await proctor.page.getByTestId('tab-checkin').click();
		await proctor.page.getByTestId('candidate-search').fill(cand(k).admissionNo!);
		await proctor.page.locator(`[data-testid="search-result"][data-candidate="${cid(k)}"]`).click();
		await expect(proctor.page.getByTestId('candidate-card')).toBeVisible();
	};
	for (const k of [1, 2, 3, 4]) {
		await openCard(k);
		await proctor.page.getByTestId('check-in').click();
		await expect(proctor.page.getByTestId('day-ok')).toContainText(`${cand(k).name} 已签到`);
	}
	await openCard(ABSENT);
	await proctor.page.getByTestId('mark-absent').click();
	await expect(proctor.page.getByTestId('day-ok')).toBeVisible();
	await proctor.page.reload();
	await expect(proctor.page.getByTestId('room-counts')).toContainText('实到 4');
	await expect(proctor.page.getByTestId('room-status').getByTestId('server-state')).not.toHaveAttribute(
		'data-unsent',
		'0'
	);
	await proctor.page.screenshot({ path: `${SCREENS}/journey-proctor-offline-768.png` });
	expect(storedEntries(server, dayDoc('u-proctor-1'))).toHaveLength(0); // nothing reached the server yet
	await proctor.context.setOffline(false);
	await expect(proctor.page.getByTestId('room-status').getByTestId('server-state')).toHaveAttribute(
		'data-unsent',
		'0',
		{ timeout: 60_000 }
	);
	const proctorStored = storedEntries(server, dayDoc('u-proctor-1')).filter((e) => e.kind === 'attendance');
	expect(proctorStored.map((e) => `${e.candidateId}:${e.data.state}`).sort()).toEqual([
		'c0001:present',
		'c0002:present',
		'c0003:present',
		'c0004:present',
		'c0005:absent'
	]);
	// Stamped with the server's clock (the machine's says another day).
	expect(proctorStored.map((e) => beijingText(e.at).slice(0, 13))).toEqual(Array(5).fill('2027-01-16 10'));
	await proctor.context.close();

	// 欧阳明轩 (kaoping1) scores the first caregiver offline in 301 实操考场 (session 10:30–14:30).
	const examiner = await tablet(browser);
	await signInAt(examiner.page, server, 'kaoping1');
	await waitForOfflineReady(examiner.page);
	await examiner.page.goto(`${server.url}/examiner/${PLAN}`);
	await expect(examiner.page.getByTestId('group-status')).toContainText('健康照护师四级 第1组');
	await examiner.context.setOffline(true);
	await expect(examiner.page.getByTestId('network-state').first()).toHaveText('离线');
	const firstCare = split(practicalScore(81), CARE);
	await examiner.page.locator(`[data-testid="group-candidate"][data-candidate="c0081"]`).click();
	for (const item of firstCare) await examiner.page.getByTestId(`score-${item.itemId}`).fill(String(item.score));
	await expect(examiner.page.getByTestId('live-total')).toHaveText(String(practicalScore(81)));
	await examiner.page.getByTestId('sheet-submit').click();
	await expect(examiner.page.getByTestId('day-ok')).toContainText('评分已保存到本设备');
	await expect(examiner.page.getByTestId('group-status').getByTestId('server-state')).not.toHaveAttribute(
		'data-unsent',
		'0'
	);
	await examiner.context.setOffline(false);
	await expect(examiner.page.getByTestId('group-status').getByTestId('server-state')).toHaveAttribute(
		'data-unsent',
		'0',
		{ timeout: 60_000 }
	);
	const chairSheet = storedEntries(server, dayDoc('u-examiner-1')).find((e) => e.kind === 'score-sheet');
	expect(chairSheet).toMatchObject({ candidateId: 'c0081', data: { total: practicalScore(81), isSubmitted: true } });
	await examiner.context.close();

	// The other tablets of the day (node devices): attendance in every room, the caregivers' sheets.
	const theoryAt = '2027-01-16T09:05:00+08:00';
	const skillAt = '2027-01-16T10:35:00+08:00';
	const careAt = '2027-01-16T11:30:00+08:00';
	const caregivers = range(81, 120);
	await Promise.all([
		writeFromDevice(server, 'jiankao2', 'u-proctor-2', [
			...attendance('u-proctor-2', 's-theory-r101', 'r101', range(6, 30), theoryAt),
			...attendance('u-proctor-2', 's-skill-r201', 'r201', range(1, 20), skillAt, ABSENT)
		]),
		writeFromDevice(server, 'jiankao3', 'u-proctor-3', [
			...attendance('u-proctor-3', 's-theory-r102', 'r102', range(31, 45), theoryAt),
			...attendance('u-proctor-3', 's-skill-r201', 'r201', range(21, 40), skillAt)
		]),
		writeFromDevice(server, 'jiankao4', 'u-proctor-4', [
			...attendance('u-proctor-4', 's-theory-r102', 'r102', range(46, 60), theoryAt),
			...attendance('u-proctor-4', 's-skill-r202', 'r202', range(41, 60), skillAt)
		]),
		writeFromDevice(server, 'jiankao5', 'u-proctor-5', [
			...attendance('u-proctor-5', 's-theory-r103', 'r103', range(61, 75), theoryAt),
			...attendance('u-proctor-5', 's-skill-r202', 'r202', range(61, 80), skillAt)
		]),
		writeFromDevice(server, 'jiankao6', 'u-proctor-6', [
			...attendance('u-proctor-6', 's-theory-r103', 'r103', range(76, 90), theoryAt),
			...attendance('u-proctor-6', 's-skill-r202', 'r202', [CLASH], skillAt, CLASH)
		]),
		writeFromDevice(
			server,
			'jiankao7',
			'u-proctor-7',
			attendance('u-proctor-7', 's-theory-r104', 'r104', range(91, 105), theoryAt)
		),
		writeFromDevice(
			server,
			'jiankao8',
			'u-proctor-8',
			attendance('u-proctor-8', 's-theory-r104', 'r104', range(106, 120), theoryAt)
		),
		writeFromDevice(
			server,
			'kaoping1',
			'u-examiner-1',
			caregivers
				.slice(1)
				.map((k) => sheet('u-examiner-1', `g-care-${Math.ceil((k - 80) / 10)}`, 'skill', k, practicalScore(k), careAt))
		),
		writeFromDevice(
			server,
			'kaoping2',
			'u-examiner-2',
			caregivers.map((k) =>
				sheet('u-examiner-2', `g-care-${Math.ceil((k - 80) / 10)}`, 'skill', k, practicalScore(k) - 1, careAt)
			)
		),
		writeFromDevice(
			server,
			'kaoping3',
			'u-examiner-3',
			caregivers.map((k) =>
				sheet('u-examiner-3', `g-care-${Math.ceil((k - 80) / 10)}`, 'skill', k, practicalScore(k) + 1, careAt)
			)
		)
	]);

	// ── Sunday 2027-01-17, 10:00: the same server restarted with the next day; the defence panel ─────
	await server.stop();
	server = await startKaowu({ dataDir: server.dataDir, port: server.port, env: { KAOWU_TODAY: '2027-01-17T10:00' } });
	const reviewAt = '2027-01-17T09:30:00+08:00';
	const defended = range(46, 60);
	await Promise.all(
		[1, 2, 3].map((e) =>
			writeFromDevice(
				server!,
				`kaoping${e}`,
				`u-examiner-${e}`,
				defended.map((k) => sheet(`u-examiner-${e}`, 'p-hr-2', 'review', k, defenceScore(k), reviewAt))
			)
		)
	);
	for (const e of [1, 2, 3])
		expect(storedEntries(server, dayDoc(`u-examiner-${e}`)).filter((x) => x.kind === 'score-sheet')).toHaveLength(
			40 + 15
		);

	// ── Monday 2027-01-18, 10:00: the supervisor's desk ────────────────────────────────────────────
	await server.stop();
	server = await startKaowu({ dataDir: server.dataDir, port: server.port, env: { KAOWU_TODAY: '2027-01-18T10:00' } });
	const desk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
	const page = await desk.newPage();
	await signInAt(page, server, 'dudao');
	await page.goto(`${server.url}/desk/${PLAN}`);

	// Exactly one item: the attendance conflict. No silent device, nothing outside its hours, and no
	// missing score before the files come (the file-scored subjects wait for their files).
	await expect(page.getByTestId('open-count')).toHaveText('1');
	const conflict = page.locator(`[data-key="attendance:s-skill-r202:${cid(CLASH)}"]`);
	await expect(conflict).toContainText('向勇记为到考、吴丽记为缺考');
	await page.screenshot({ path: `${SCREENS}/journey-desk-items.png` });
	await conflict.getByTestId('option-present').check();
	await conflict.getByTestId('decision-reason').fill(REASON);
	await conflict.getByTestId('decide').click();
	await expect(page.getByTestId('items-summary')).toContainText('全部事项已处理');
	await expect(conflict.getByTestId('decision')).toContainText(REASON);

	// Before the files: the results wait (待定); only c0005, absent from everything, is 不合格.
	await page.getByTestId('tab-results').click();
	const row = (k: number) => page.locator(`[data-testid="result-row"][data-candidate="${cid(k)}"]`);
	await expect(row(1)).toContainText('待定');
	await expect(row(81).locator('[data-subject="skill"]')).toHaveText(String(practicalScore(81)));
	await expect(page.locator('[data-testid="result-row"].pending')).toHaveCount(119);
	await expect(page.locator('[data-testid="result-row"] .verdict.fail')).toHaveCount(1);
	await expect(row(ABSENT).locator('.verdict')).toHaveText('不合格');

	// The theory file: 120 rows, half by ID number, half by admission number; c0005's cell empty.
	await page.getByTestId('tab-theory').click();
	await expect(page.getByTestId('score-files-awaited')).toContainText('理论知识');
	const theoryRows = range(1, 120).map((k, i) => {
		const c = cand(k);
		return [c.name, i % 2 ? '' : c.idNumber, i % 2 ? c.admissionNo! : '', k === ABSENT ? '' : theoryScore(k)];
	});
	await page.getByTestId('score-import-subject').selectOption('theory');
	await page.getByTestId('theory-file').setInputFiles({
		name: '理论成绩.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await xlsx([['姓名', '身份证号', '准考证号', '理论成绩'], ...theoryRows])
	});
	await expect(page.getByTestId('theory-preview')).toContainText('缺考');
	await page.getByTestId('theory-confirm').click();
	await expect(page.getByTestId('theory-saved')).toBeVisible();
	await expect(page.getByTestId('theory-history')).toContainText('理论成绩.xlsx');
	// Still awaited: the written skill exam of 企业人力资源管理师 and 劳动关系协调师.
	await expect(page.getByTestId('score-files-awaited')).toContainText('技能考核');
	await expect(page.getByTestId('score-files-awaited')).toContainText('劳动关系协调师');

	// The written skill exam's file: 80 rows, c0005 written 缺考.
	await page.getByTestId('score-import-subject').selectOption('skill');
	const skillRows = range(1, 80).map((k) => {
		const c = cand(k);
		return [c.admissionNo!, c.name, k === ABSENT ? '缺考' : skillScore(k)];
	});
	await page.getByTestId('theory-file').setInputFiles({
		name: '技能考核成绩（笔试）.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await xlsx([['准考证号', '姓名', '技能成绩'], ...skillRows])
	});
	await expect(page.getByTestId('theory-preview')).toContainText('缺考');
	await page.getByTestId('theory-confirm').click();
	await expect(page.getByTestId('theory-saved')).toBeVisible();
	await expect(page.getByTestId('score-files-awaited')).toContainText('都已有成绩文件');
	await expect(page.getByTestId('theory-history')).toContainText('技能考核成绩（笔试）.xlsx');
	await expect(page.getByTestId('open-count')).toHaveCount(0); // the files raised nothing new

	// What the server stores: the supervisor's review document holds both files and the decision.
	const reviewDoc = `review:${PLAN}:u-supervisor`;
	await waitFor(
		() => storedEntries(server!, reviewDoc).filter((e) => e.kind === 'score-import').length === 2,
		30_000,
		'both score files stored'
	);
	const files = storedEntries(server, reviewDoc).filter((e) => e.kind === 'score-import');
	const skillFile = files.find((e) => e.data.subject === 'skill')!;
	expect((skillFile.data.rows as unknown[]).length).toBe(80);
	expect(skillFile.data.rows).toContainEqual(expect.objectContaining({ candidateId: cid(ABSENT), isAbsent: true }));
	expect((files.find((e) => e.data.subject === 'theory')!.data.rows as unknown[]).length).toBe(120);
	expect(storedEntries(server, reviewDoc).some((e) => e.kind === 'decision')).toBe(true);

	// Every result is known: no 待定; the written skill exam and the defence have scores.
	await page.getByTestId('tab-results').click();
	await expect(page.locator('[data-testid="result-row"].pending')).toHaveCount(0);
	await expect(row(REVIEWED).locator('[data-subject="theory"]')).toHaveText(String(theoryScore(REVIEWED)));
	await expect(row(REVIEWED).locator('[data-subject="skill"]')).toHaveText(String(skillScore(REVIEWED)));
	await expect(row(REVIEWED).locator('.verdict')).toHaveText('合格');
	await expect(row(ABSENT).locator('[data-subject="theory"]')).toHaveText('缺考');
	await expect(row(ABSENT).locator('[data-subject="skill"]')).toHaveText('缺考');
	await expect(row(ABSENT).locator('.verdict')).toHaveText('不合格');
	await expect(row(CLASH).locator('[data-subject="skill"]')).toHaveText(String(skillScore(CLASH)));
	await expect(row(50).locator('[data-subject="review"]')).toHaveText(String(defenceScore(50)));
	await expect(row(70).locator('[data-subject="skill"]')).toHaveText(String(skillScore(70)));
	await expect(row(81).locator('[data-subject="skill"]')).toHaveText(String(practicalScore(81)));
	const passing = range(1, 120).filter((k) => k !== ABSENT && theoryScore(k) >= 60);
	await expect(page.locator('[data-testid="result-row"] .verdict:not(.fail)')).toHaveCount(passing.length);

	// Publication on the first working day after the exam: on time.
	await page.getByTestId('tab-publication').click();
	await expect(page.getByTestId('publication-check')).not.toContainText('已逾期');
	await page.getByTestId('publish').click();
	await expect(page.getByTestId('publication-period')).toContainText('2027-01-18 至');
	await expect(page.getByTestId('publication-list')).toContainText(cand(REVIEWED).name);

	// The candidate looks himself up: passed.
	const lookup = await desk.newPage();
	const lookUp = async (k: number) => {
		await lookup.goto(`${server!.url}/lookup`);
		await lookup.getByLabel('姓名').fill(cand(k).name);
		await lookup.getByLabel('证件号码').fill(cand(k).idNumber);
		await lookup.getByLabel('准考证号').fill(cand(k).admissionNo!);
		await lookup.getByTestId('lookup-submit').click();
	};
	await lookUp(REVIEWED);
	await expect(lookup.getByTestId('lookup-result').locator('[data-subject="theory"]')).toHaveText(
		String(theoryScore(REVIEWED))
	);
	await expect(lookup.getByTestId('lookup-result').locator('[data-subject="skill"]')).toHaveText(
		String(skillScore(REVIEWED))
	);
	await expect(lookup.getByTestId('lookup-verdict')).toHaveText('全部科目合格');

	// Certificates: finalised early (the period is open), numbers for everyone who passed.
	await page.getByTestId('tab-certificates').click();
	await expect(page.getByTestId('finalise-check')).toContainText('提前确认');
	await page.getByTestId('finalise').click();
	await expect(page.getByTestId('finalised')).toBeVisible();
	await expect(page.getByTestId('allocate')).toContainText(`为 ${passing.length} 名`);
	// This plan has no numbering yet: the desk says so and allocates nothing until it is set here.
	await expect(page.getByTestId('certificate-config')).toHaveText('尚未设置证书编号信息');
	await page.getByTestId('allocate').click();
	await expect(page.getByTestId('certificates-error')).toContainText('尚未设置证书编号信息');
	await page.getByRole('button', { name: '修改设置' }).click();
	await page.getByLabel('机构序号（6 位）').fill('000456');
	await page.getByRole('button', { name: '保存设置' }).click();
	await expect(page.getByTestId('certificate-config')).toHaveText('S · 0000 · 50 · 000456 · 2027');
	await page.getByTestId('allocate').click();
	await expect(page.getByTestId('allocate')).toBeDisabled();
	await expect(page.getByTestId('certificate-number')).toHaveCount(passing.length);
	await expect(page.getByTestId('certificate-number').filter({ hasText: '—' })).toHaveCount(0);
	const exportProvince = async (name: string) => {
		const downloading = page.waitForEvent('download');
		await page.getByTestId('export-province').click();
		const path = `${SCREENS}/../${name}`;
		await (await downloading).saveAs(path);
		const table = (await readSheet(readFileSync(path))) as unknown[][];
		const byId = new Map(table.slice(1).map((r) => [String(r[3]), r.map((x) => (x === null ? '' : String(x)))]));
		return { table, r: (k: number) => byId.get(cand(k).idNumber)! };
	};
	const before = await exportProvince('journey-province-before.xlsx');
	expect(before.table).toHaveLength(121);
	const number = before.r(REVIEWED)[12];
	expect(number).toMatch(/^S0000500004562\d{8}$/);
	expect(before.r(REVIEWED).slice(8, 12)).toEqual([
		String(theoryScore(REVIEWED)),
		String(skillScore(REVIEWED)),
		'',
		'合格'
	]);

	// A 复核 (登分错误) corrects c0001's theory to 55: he fails and his number is withdrawn visibly.
	await page.getByTestId('tab-reviews').click();
	await page.getByTestId('review-candidate-search').fill(cand(REVIEWED).admissionNo!);
	await page.locator(`[data-testid="review-candidate-result"][data-candidate="${cid(REVIEWED)}"]`).click();
	await expect(page.getByTestId('review-candidate-chosen')).toContainText(cand(REVIEWED).name);
	await page.getByTestId('review-subject').selectOption('theory');
	await page.getByTestId('review-ground').selectOption('entry-error');
	await page.getByTestId('review-description').fill('登分时把 55 录成了 87');
	await page.getByTestId('review-date').fill('2027-01-18');
	await page.getByTestId('review-register').click();
	await expect(page.getByTestId('review-accepted')).toBeVisible();
	const reviewCase = page.getByTestId('review-case').filter({ hasText: cand(REVIEWED).name });
	await reviewCase.getByTestId('outcome-changed').check();
	await reviewCase.getByTestId('reply-score').fill('55');
	await reviewCase.getByTestId('reply-explanation').fill('原始答题卡核对为 55 分，登分错误');
	await reviewCase.getByTestId('reply-submit').click();
	await expect(reviewCase.getByTestId('review-outcome')).toContainText('成绩更正为 55 分');
	await waitFor(
		() => storedEntries(server!, reviewDoc).some((e) => e.kind === 'review-reply' && e.candidateId === cid(REVIEWED)),
		30_000,
		'the 复核 reply stored'
	);

	await page.getByTestId('tab-certificates').click();
	const withdrawn = page.locator(`[data-testid="certificate-withdrawn"][data-candidate="${cid(REVIEWED)}"]`);
	await expect(withdrawn).toContainText(number);
	await expect(withdrawn).toContainText('复核（登分错误）');
	await expect(page.getByTestId('certificate-list')).not.toContainText(number);
	await expect(page.getByTestId('certificate-number')).toHaveCount(passing.length - 1);
	await expect(page.getByTestId('allocate')).toBeDisabled();
	const after = await exportProvince('journey-province-after.xlsx');
	expect(after.r(REVIEWED).slice(8, 13)).toEqual(['55', String(skillScore(REVIEWED)), '', '不合格', '']);
	expect(after.table.flat().map(String)).not.toContain(number);
	expect(after.r(ABSENT).slice(8, 13)).toEqual(['缺考', '缺考', '', '不合格', '']);

	// The look-up now says which subject failed.
	await lookUp(REVIEWED);
	await expect(lookup.getByTestId('lookup-result').locator('[data-subject="theory"]')).toHaveText('55');
	await expect(lookup.getByTestId('lookup-verdict')).toHaveText('未全部合格：理论知识考试不合格');
	await lookup.screenshot({ path: `${SCREENS}/journey-lookup.png` });
	await lookup.close();

	// The desk, the results and the certificate list on a tablet and on a laptop, to be looked at.
	for (const [width, height] of [
		[768, 1024],
		[1280, 800]
	]) {
		await page.setViewportSize({ width, height });
		for (const tab of ['items', 'results', 'certificates']) {
			await page.getByTestId(`tab-${tab}`).click();
			await page.screenshot({ path: `${SCREENS}/journey-desk-${tab}-${width}x${height}.png`, fullPage: true });
		}
	}
	await desk.close();
});
