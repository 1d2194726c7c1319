// Issue 18: the day screens as real hands use them: a phone (390×844), a tablet (768×1024) and a
// landscape tablet (1024×768), each also with the on-screen keyboard open (the window shrunk by the
// keyboard's height, as Chromium does with interactive-widget=resizes-content). What the person works
// on stays visible and out from under the header; contrast holds in a bright room; axe finds nothing.
// Reads only: nothing is recorded, so the shared demo server's other specs are untouched.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { baseUrl, signIn } from '../support/app';
import { confirmOutsideHours, PLAN_ID, roster } from './day-support';

const SIZES = [
	{ name: 'phone-390x844', width: 390, height: 844, keyboard: 336 },
	{ name: 'tablet-768x1024', width: 768, height: 1024, keyboard: 330 },
	{ name: 'landscape-1024x768', width: 1024, height: 768, keyboard: 340 }
];
const SHOTS = 'test-results/screens';

/** The element is wholly on screen: below the sticky header and above the bottom (the keyboard). */
async function expectInView(page: Page, locator: Locator, what: string) {
	await expect(locator, what).toBeVisible();
	const box = await locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const header = document.querySelector('header')?.getBoundingClientRect();
		const isSticky = header && getComputedStyle(document.querySelector('header')!).position === 'sticky';
		return {
			top: r.top,
			bottom: r.bottom,
			headerBottom: isSticky ? Math.max(0, header!.bottom) : 0,
			// Anything painted over it (a sticky bar) other than itself or its own parts.
			covered: (() => {
				const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
				const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 20), 0), innerHeight - 1);
				const hit = document.elementFromPoint(x, y);
				return !!hit && !el.contains(hit) && !hit.contains(el) ? hit.outerHTML.slice(0, 80) : '';
			})(),
			height: window.visualViewport?.height ?? innerHeight
		};
	});
	expect(box.top, `${what}: top ${box.top} under the header (${box.headerBottom})`).toBeGreaterThanOrEqual(
		box.headerBottom - 1
	);
	expect(box.bottom, `${what}: bottom ${box.bottom} below the visible ${box.height}`).toBeLessThanOrEqual(
		box.height + 1
	);
	expect(box.covered, `${what} is covered`).toBe('');
}

async function openProctor(page: Page) {
	await signIn(page, 'jiankao1');
	await page.goto(`${baseUrl()}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toContainText('101 机房');
	await confirmOutsideHours(page);
}

async function openSheet(page: Page) {
	await signIn(page, 'kaoping3');
	await page.goto(`${baseUrl()}/examiner/${PLAN_ID}`);
	await confirmOutsideHours(page);
	await page.getByTestId('group-candidate').last().click();
	await expect(page.getByTestId('score-sheet')).toBeVisible();
}

for (const size of SIZES) {
	test(`proctor at ${size.name}, keyboard closed and open: the field, the card's name and action, the incident form's save stay in view`, async ({
		page
	}) => {
		await page.setViewportSize({ width: size.width, height: size.height });
		await openProctor(page);
		const keyboardOpen = { width: size.width, height: size.height - size.keyboard };
		for (const [state, viewport] of [
			['', { width: size.width, height: size.height }],
			['-keyboard', keyboardOpen]
		] as const) {
			await page.setViewportSize(viewport);
			const search = page.getByTestId('candidate-search');
			await search.focus();
			await expectInView(page, search, `search field${state}`);
			await page.screenshot({ path: `${SHOTS}/proctor-room-${size.name}${state}.png` });

			// The card: opened by search + Enter (one match), focus on its main action.
			await page.keyboard.type(roster().get('c0029')!.name);
			await expect(page.getByTestId('search-result')).toHaveCount(1);
			await page.keyboard.press('Enter');
			const card = page.getByTestId('candidate-card');
			await expect(page.getByTestId('check-in')).toBeFocused();
			await expectInView(page, card.locator('h2'), `card name${state}`);
			await expectInView(page, page.getByTestId('check-in'), `check-in button${state}`);
			await page.screenshot({ path: `${SHOTS}/candidate-card-${size.name}${state}.png` });
			await page.keyboard.press('Escape');
			await expect(card).toHaveCount(0);

			// The incident form while typing the description.
			await page.getByTestId('tab-incidents').click();
			const description = page.getByTestId('incident-description');
			await description.focus();
			await page.keyboard.type('开考后 20 分钟');
			await expectInView(page, description, `incident description${state}`);
			await expectInView(page, page.getByTestId('incident-save'), `incident save${state}`);
			await page.screenshot({ path: `${SHOTS}/incident-form-${size.name}${state}.png` });
			await description.fill('');
			await page.getByTestId('tab-checkin').click();
		}
	});

	test(`score sheet at ${size.name}, keyboard closed and open: the name, the box being typed in, the total and submit stay in view`, async ({
		page
	}) => {
		await page.setViewportSize({ width: size.width, height: size.height });
		await openSheet(page);
		for (const [state, height] of [
			['', size.height],
			['-keyboard', size.height - size.keyboard]
		] as const) {
			await page.setViewportSize({ width: size.width, height });
			const sheet = page.getByTestId('score-sheet');
			await sheet.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
			const first = sheet.locator('.item input').first();
			await first.focus();
			await page.keyboard.type('18');
			await expectInView(page, sheet.locator('h2'), `candidate name${state}`);
			await expectInView(page, first, `score box${state}`);
			await expectInView(page, page.getByTestId('live-total'), `live total${state}`);
			await expectInView(page, page.getByTestId('sheet-submit'), `submit${state}`);
			// The last box too: the browser scrolls it into view above the sticky bar.
			const last = sheet.locator('.item input').last();
			await last.focus();
			await expectInView(page, last, `last score box${state}`);
			await expectInView(page, page.getByTestId('sheet-submit'), `submit with the last box${state}`);
			await page.screenshot({ path: `${SHOTS}/score-sheet-${size.name}${state}.png` });
			await first.fill('');
		}
	});
}

test('the live total ignores a refused value and says which item is not counted', async ({ page }) => {
	await openSheet(page);
	const sheet = page.getByTestId('score-sheet');
	const inputs = sheet.locator('.item input');
	await inputs.nth(0).fill('100'); // 评估与准备, max 20: refused
	await inputs.nth(1).fill('45');
	await expect(page.getByTestId('live-total')).toHaveText('45');
	await expect(page.getByTestId('live-total-refused')).toContainText('评估与准备');
	await inputs.nth(0).fill('');
});

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
	const lum = (c: string) => {
		const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
		const f = (v: number) => {
			const s = v / 255;
			return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		};
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** The colours that decide: the element's focus ring, its border and the background behind it. */
async function ringOf(locator: Locator) {
	return locator.evaluate((el) => {
		const bg = (node: Element | null): string => {
			for (let n = node; n; n = n.parentElement) {
				const c = getComputedStyle(n).backgroundColor;
				if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
			}
			return 'rgb(255, 255, 255)';
		};
		const style = getComputedStyle(el);
		return {
			outline: style.outlineColor,
			outlineWidth: parseFloat(style.outlineWidth),
			outlineStyle: style.outlineStyle,
			border: style.borderTopColor,
			background: bg(el.parentElement),
			own: bg(el)
		};
	});
}

test('bright room: focus ring and control borders are at least 3:1, the ring differs from "selected", no day-screen text under 14 px', async ({
	page
}) => {
	await openProctor(page);
	const search = page.getByTestId('candidate-search');
	await search.focus();
	const field = await ringOf(search);
	expect(field.outlineStyle).toBe('solid');
	expect(field.outlineWidth).toBeGreaterThanOrEqual(2);
	expect(contrast(field.outline, field.background), 'focus ring on its background').toBeGreaterThanOrEqual(3);
	expect(contrast(field.border, field.own), 'input border against the input').toBeGreaterThanOrEqual(3);
	expect(contrast(field.border, field.background), 'input border against the card').toBeGreaterThanOrEqual(3);

	// A button reached by keyboard, and the choice buttons of the card.
	await page.keyboard.press('Tab');
	const focused = page.locator(':focus');
	const button = await ringOf(focused);
	expect(contrast(button.outline, button.background), 'focus ring on a button').toBeGreaterThanOrEqual(3);

	await page.getByTestId('tab-seats').click();
	await page.locator('[data-testid="seat"]').first().click();
	const choice = page.getByTestId('candidate-card').locator('.choice').nth(1);
	const choiceStyle = await ringOf(choice);
	expect(contrast(choiceStyle.border, choiceStyle.own), 'choice button border').toBeGreaterThanOrEqual(3);
	// "Selected" (the seat of the open card) is the brand ring inside; focus is a different colour outside.
	const selected = page.locator('[data-testid="seat"][aria-pressed="true"]');
	const selectedRing = await selected.evaluate((el) => getComputedStyle(el).boxShadow);
	expect(selectedRing).toContain('inset');
	expect(selectedRing).not.toContain(field.outline);
	const seat = page.locator('[data-testid="seat"]').nth(3);
	await seat.focus();
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Tab');
	const seatRing = await ringOf(page.locator(':focus'));
	expect(contrast(seatRing.outline, seatRing.background), 'focus ring around a seat').toBeGreaterThanOrEqual(3);
	expect(seatRing.outline).toBe(field.outline);

	// No text under 14 px on the day screens (seat map with a card open, then every tab).
	for (const tab of ['seats', 'checkin', 'incidents', 'room']) {
		await page.getByTestId(`tab-${tab}`).click();
		const small = await page.evaluate(() => {
			const out: string[] = [];
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const el = n.parentElement;
				if (!el || !n.textContent?.trim() || el.closest('.sr-only')) continue;
				const r = el.getBoundingClientRect();
				if (!r.width || !r.height) continue;
				const px = parseFloat(getComputedStyle(el).fontSize);
				if (px < 14) out.push(`${px}px: ${n.textContent.trim().slice(0, 20)}`);
			}
			return out;
		});
		expect(small, `text under 14 px on the ${tab} tab`).toEqual([]);
	}
});

test('tabs: arrow keys move between tabs, one tab stop, each tab controls the panel', async ({ page }) => {
	await openProctor(page);
	await page.getByTestId('tab-checkin').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('tab-seats')).toBeFocused();
	await expect(page.getByTestId('tab-seats')).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByTestId('seat-map')).toBeVisible();
	await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-seats');
	await page.keyboard.press('End');
	await expect(page.getByTestId('tab-room')).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('tab-checkin')).toBeFocused();
	await expect(page.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
	// The skip link is the first stop and lands in the main content.
	await page.goto(`${baseUrl()}/home`);
	await expect(page.getByTestId('home-title')).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('skip-link')).toBeFocused();
	await expect(page.getByTestId('skip-link')).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page: Page, what: string) {
	await page.addScriptTag({ content: AXE });
	const violations = await page.evaluate(async () => {
		const w = window as unknown as {
			axe: {
				run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
			};
		};
		const result = await w.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }
		});
		return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
	expect(violations, `axe on ${what}`).toEqual([]);
}

// axe-core is injected as an inline script, which the app's CSP (script-src 'self' + nonce) rightly
// refuses; only these pages bypass it, to be audited. tests/e2e/security-headers.spec.ts checks the CSP.
test.describe('accessibility audit', () => {
	test.use({ bypassCSP: true });

	test('axe-core finds no violations on the day screens', async ({ page, browser }) => {
		await openProctor(page);
		await axe(page, 'proctor check-in');
		await page.keyboard.type('zzzz-no-match');
		await axe(page, 'proctor search with no result');
		await page.getByTestId('candidate-search').fill('');
		await page.getByTestId('tab-seats').click();
		await page.locator('[data-testid="seat"]').first().click();
		await expect(page.getByTestId('candidate-card')).toBeVisible();
		await axe(page, 'seat map with the candidate card');
		await page.getByTestId('tab-incidents').click();
		await axe(page, 'incident form');
		await page.getByTestId('tab-room').click();
		await axe(page, 'room events and summary');
		await page.setViewportSize({ width: 390, height: 844 });
		await axe(page, 'room tab on a phone');

		const examiner = await browser.newPage({
			viewport: { width: 768, height: 1024 },
			locale: 'zh-CN',
			bypassCSP: true
		});
		await openSheet(examiner);
		await axe(examiner, 'examiner score sheet');
		await examiner.close();
	});
});
