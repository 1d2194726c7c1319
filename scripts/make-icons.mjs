// Renders the app icons (考 on the brand blue) with Chromium, so they are reproducible:
// `node scripts/make-icons.mjs` writes static/icons/*.png.
import { chromium } from '@playwright/test';

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
for (const [name, size, inset] of [
	['icon-192', 192, 0],
	['icon-512', 512, 0],
	['icon-maskable-512', 512, 0.1]
]) {
	await page.setViewportSize({ width: size, height: size });
	const pad = Math.round(size * inset);
	await page.setContent(`<html><body style="margin:0;background:#0b4f8a;width:${size}px;height:${size}px;display:flex;align-items:center;justify-content:center">
		<div style="font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;font-weight:700;color:#fff;font-size:${Math.round((size - 2 * pad) * 0.62)}px;line-height:1">考</div></body></html>`);
	await page.screenshot({ path: `static/icons/${name}.png` });
}
await browser.close();
