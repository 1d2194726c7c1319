// Every script and style the sign-in page loads arrives compressed (adapter-node precompress:
// brotli/gzip files written at build time and served by content negotiation). JSON answers:
// src/server/api/router.test.ts.
import { expect, test } from '@playwright/test';
import { baseUrl } from '../support/app';

test('the sign-in page’s JavaScript and CSS arrive compressed', async ({ page }) => {
	const assets: { url: string; encoding: string | undefined }[] = [];
	page.on('response', async (response) => {
		const url = response.url();
		if (/\.(js|css)(\?|$)/.test(url) && !url.includes('service-worker'))
			assets.push({ url, encoding: (await response.allHeaders())['content-encoding'] });
	});
	await page.goto(`${baseUrl()}/`);
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	expect(assets.length).toBeGreaterThan(0);
	for (const asset of assets) expect(asset.encoding, asset.url).toMatch(/^(br|gzip)$/);
});
