// Door lists and sign-in sheets for every room kind, printed to A4 PDFs and read back (poppler's
// pdfinfo/pdftotext, as .ci/run installs): the demo plan's computer rooms (30 candidates each, seated
// for the theory), paper rooms (40 each, the paper skill test), the practical room (4 groups of 10 in
// running order) and the defence room (one review panel). Each door list is one page per room; each
// sign-in sheet is one page per room, or per group or panel. Read only on the shared demo plan.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, signIn } from '../support/app';

const PLAN = '/plans/demo-20270116';
const OUT = mkdtempSync(join(tmpdir(), 'kaowu-print-'));

function pdfPages(path: string): number {
	const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
	return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}
/** One page's text, whitespace collapsed. */
function pageText(path: string, n: number): string {
	const text = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), path, '-'], {
		encoding: 'utf8'
	});
	return flat(text);
}
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Page images to look at (test-results/screens/print-<name>-<n>.png). */
function preview(path: string, name: string, pages: number) {
	mkdirSync('test-results/screens', { recursive: true });
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'50',
		'-f',
		'1',
		'-l',
		String(pages),
		path,
		`test-results/screens/print-${name}`
	]);
}

/** Each sheet on the screen: its room and the candidates it lists. */
async function sheetsOf(page: Page, testId: string) {
	return page.getByTestId(testId).evaluateAll((sheets) =>
		sheets.map((s) => ({
			room: (s as HTMLElement).dataset.room ?? '',
			title: s.querySelector('h2')?.textContent ?? '',
			sub: s.querySelector('.sub')?.textContent ?? '',
			names: [...s.querySelectorAll('td.name')].map((td) => td.textContent ?? '')
		}))
	);
}

async function printed(page: Page, kind: 'door' | 'signin') {
	await page.goto(`${baseUrl()}${PLAN}/print?kind=${kind}`);
	await expect(page.getByTestId(`sheet-${kind}`).first()).toBeVisible();
	const path = join(OUT, `${kind}.pdf`);
	await page.pdf({ path, format: 'A4', printBackground: true });
	return { path, pages: pdfPages(path), sheets: await sheetsOf(page, `sheet-${kind}`) };
}

test.beforeEach(async ({ page }) => {
	await signIn(page, 'jigou');
});

test('every room gets a one-page door list: computer, paper, practical and defence rooms', async ({ page }) => {
	const { path, pages, sheets } = await printed(page, 'door');
	preview(path, 'door', pages);
	expect(sheets.map((s) => s.room)).toEqual([
		'101 机房',
		'102 机房',
		'103 机房',
		'104 机房',
		'201 笔试考场',
		'202 笔试考场',
		'301 实操考场',
		'401 答辩室'
	]);
	expect(sheets.map((s) => s.names.length)).toEqual([30, 30, 30, 30, 40, 40, 40, 15]);
	// One page per room, each page holding its room's title and every name it lists.
	expect(pages).toBe(sheets.length);
	sheets.forEach((s, i) => {
		const text = pageText(path, i + 1);
		expect(text).toContain(flat(s.title));
		for (const name of s.names) expect(text).toContain(name);
	});
	// The practical room lists its groups with their slots; the defence room its panel.
	const practical = pageText(path, 7);
	for (const g of [1, 2, 3, 4]) expect(practical).toContain(`健康照护师四级 第${g}组`);
	expect(practical).toMatch(/第1组 · \d\d:\d\d–\d\d:\d\d · 健康照护师/);
	expect(pageText(path, 8)).toContain('企业人力资源管理师二级 答辩组');
});

test('every room gets its sign-in sheet, groups and panels on a page each', async ({ page }) => {
	const { path, pages, sheets } = await printed(page, 'signin');
	preview(path, 'signin', pages);
	expect(sheets.map((s) => s.names.length)).toEqual([30, 30, 30, 30, 40, 40, 10, 10, 10, 10, 15]);
	// Which pages each sheet takes: a sheet starts on the page that holds its title (and group line).
	const texts = Array.from({ length: pages }, (_, i) => pageText(path, i + 1));
	const starts: number[] = [];
	for (const s of sheets) {
		const from = (starts.at(-1) ?? -1) + 1;
		const at = texts.findIndex((text, i) => i >= from && text.includes(flat(s.title)) && text.includes(flat(s.sub)));
		expect(at, `the page of ${s.title} ${s.sub}`).toBeGreaterThanOrEqual(0);
		starts.push(at);
	}
	const pageCounts = starts.map((at, i) => (starts[i + 1] ?? pages) - at);
	// Up to 30 candidates sign on one page (each room, group and panel here); 40 go on over two.
	expect(pageCounts).toEqual([1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1]);
	sheets.forEach((s, i) => {
		const text = texts.slice(starts[i], starts[i] + pageCounts[i]).join(' ');
		for (const name of s.names) expect(text).toContain(name);
	});
	expect(texts[starts[6]]).toMatch(/健康照护师四级 第1组 · \d\d:\d\d–\d\d:\d\d · 健康照护师 四级/);
	expect(texts.at(-1)).toContain('企业人力资源管理师二级 答辩组');
});
