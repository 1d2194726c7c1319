// "No security headers (CSP, frame-ancestors, nosniff, Referrer-Policy)": what a page on another
// site, or a script slipped into a page, can do with Kaowu (issue 15). Read-only against the shared
// demo server: signs in as no one who changes anything.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, signIn } from '../support/app';

const PATHS = [
	'/', // the app (rendered per request: CSP with a nonce in the header)
	'/sign-in',
	'/lookup',
	'/shell', // the prerendered offline shell (CSP in <meta>, frame-ancestors in the header)
	'/api/health', // the API
	'/api/no-such-thing',
	'/manifest.webmanifest', // static files
	'/service-worker.js',
	'/no-such-page'
];

test('every response — pages, the offline shell, the API, static files, 404s — forbids framing, sniffing and referrers', async ({
	request
}) => {
	for (const path of PATHS) {
		const r = await request.get(`${baseUrl()}${path}`, { maxRedirects: 0 });
		const h = r.headers();
		expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
		expect(h['x-frame-options'], path).toBe('DENY');
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['referrer-policy'], path).toBe('no-referrer');
	}
	const page = (await request.get(`${baseUrl()}/sign-in`)).headers()['content-security-policy'];
	expect(page).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(page).not.toContain('unsafe-eval');
	expect((await request.get(`${baseUrl()}/api/health`)).headers()['content-security-policy']).toContain(
		"default-src 'none'"
	);
	const shell = await (await request.get(`${baseUrl()}/shell`)).text();
	expect(shell).toMatch(/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/);
});

test('a page on another site cannot show Kaowu in a frame (clickjacking)', async ({ page }) => {
	// The attacker's page, served by its own server: another origin on the same network.
	const attacker = createServer((_req, res) => {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(`<h1>win a prize</h1><iframe name="victim" src="${baseUrl()}/sign-in" width="600" height="400"></iframe>`);
	});
	await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok));
	try {
		await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
		// A refused frame shows the browser's error page instead of Kaowu's sign-in.
		await expect.poll(() => page.frame({ name: 'victim' })?.url()).toMatch(/^chrome-error:/);
	} finally {
		attacker.close();
	}
});

/** Collects the page's CSP violations (the browser reports each blocked script or request). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const w = window as unknown as { __violations: string[] };
		w.__violations = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

for (const path of ['/sign-in', '/shell']) {
	test(`a script slipped into ${path} (stored XSS) does not run`, async ({ page }) => {
		const violations = await watchViolations(page);
		await page.goto(`${baseUrl()}${path}`);
		await page.evaluate(() => {
			// What a value rendered as HTML somewhere would do: an inline script and an inline handler.
			const s = document.createElement('script');
			s.textContent = 'window.__pwned = 1';
			document.body.append(s);
			const img = document.createElement('img');
			img.setAttribute('onerror', 'window.__pwned = 2');
			img.src = 'data:,not-an-image';
			document.body.append(img);
		});
		await expect.poll(async () => (await violations()).length).toBeGreaterThanOrEqual(2);
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
	});
}

test('the app itself runs under its policy: signing in, the home screen and the look-up page break no rule', async ({
	page
}) => {
	const violations = await watchViolations(page);
	const refused: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
	});
	await signIn(page, 'jiankao3');
	await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器');
	expect(await violations()).toEqual([]);
	await page.goto(`${baseUrl()}/lookup`);
	await expect(page.getByRole('heading', { name: '成绩查询' })).toBeVisible();
	expect(await violations()).toEqual([]);
	expect(refused).toEqual([]);
});
