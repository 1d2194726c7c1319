// Every script and style the sign-in page loads arrives compressed (adapter-node precompress:
// brotli/gzip files written at build time and served by content negotiation). JSON answers:
// src/server/api/router.test.ts.
import { expect, test } from '@playwright/test';
import { baseUrl } from '../support/app';

test('the sign-in page’s JavaScript and CSS arrive compressed', async ({ page }) => {
	// Headers are read inside the test, not in the listener: a listener still awaiting them when the
	// test ends fails on the closed page.
	const pending: Promise<{ url: string; encoding: string | undefined }>[] = [];
	page.on('response', (response) => {
		const url = response.url();
		if (/\.(js|css)(\?|$)/.test(url) && !url.includes('service-worker'))
			pending.push(
				response.allHeaders().then(
					(headers) => ({ url, encoding: headers['content-encoding'] }),
					() => ({ url, encoding: 'headers not read' }) // counts as a failure if awaited below
				)
			);
	});
	await page.goto(`${baseUrl()}/`);
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	const assets = await Promise.all([...pending]);
	expect(assets.length).toBeGreaterThan(0);
	for (const asset of assets) expect(asset.encoding, asset.url).toMatch(/^(br|gzip)$/);
});
