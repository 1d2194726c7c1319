// The shell: JavaScript the sign-in page loads before it is interactive, as transferred (bytes on
// the wire after content encoding, from Chromium's network events), against the same files
// uncompressed (measured in the same run). Needs `npm run build`.
import { startKaowu } from '../tests/support/kaowu-server';
import { launchChromium } from './support';
import type { BenchResult } from './run';

export default async function (): Promise<BenchResult[]> {
	const server = await startKaowu();
	const browser = await launchChromium();
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		const scripts = new Map<string, { url: string; transferred: number; decoded: number }>();
		cdp.on('Network.responseReceived', (e) => {
			if (e.type === 'Script' && !e.response.url.includes('service-worker'))
				scripts.set(e.requestId, { url: e.response.url, transferred: 0, decoded: 0 });
		});
		cdp.on('Network.dataReceived', (e) => {
			const s = scripts.get(e.requestId);
			if (s) s.decoded += e.dataLength;
		});
		cdp.on('Network.loadingFinished', (e) => {
			const s = scripts.get(e.requestId);
			if (s) s.transferred = e.encodedDataLength;
		});
		const t0 = performance.now();
		await page.goto(`${server.url}/`);
		await page.getByRole('button', { name: '登录' }).first().waitFor();
		const interactive = performance.now() - t0;
		await page.waitForLoadState('networkidle');
		const list = [...scripts.values()];
		const transferred = list.reduce((n, s) => n + s.transferred, 0);
		const decoded = list.reduce((n, s) => n + s.decoded, 0);
		const date = new Date().toISOString().slice(0, 10);
		return [
			{
				name: 'shell-js-compressed-bytes',
				value: transferred,
				unit: 'bytes',
				baseline: decoded,
				note: `${date}: ${list.length} scripts transferred for the sign-in page (cold, cache disabled) vs their uncompressed size; sign-in button after ${Math.round(interactive)} ms on loopback`
			}
		];
	} finally {
		await browser.close();
		await server.stop();
	}
}
