// desk-new-entry-ms (issue 16): the reconciliation desk open on a plan of 2,000 candidates and 30
// devices' day documents (~10,000 entries) in Chromium; one entry arrives on a day document (as the
// provider applies it) and the time is taken until the desk's reconciliation holds it (the state the
// desk's panels render from). Baseline, alternated with it in the same page: the desk re-deriving
// everything from every document once. Goal ≤ 16 ms (one frame).
import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { launchChromium, median, percentile, round } from './support';
import { serveStatic } from './serve-static';

const HARNESS = join(import.meta.dirname, 'desk-harness');
const OUT = join(import.meta.dirname, '..', 'test-results', 'desk-harness');
const ROUNDS = 30;

export default async function (): Promise<BenchResult[]> {
	execSync(`npx vite build --config ${join(HARNESS, 'vite.config.ts')}`, { stdio: 'inherit' });
	const site = await serveStatic(OUT);
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		await page.goto(site.url);
		await page.waitForFunction(() => (window as unknown as { isReady?: boolean }).isReady);
		type W = { ready: () => Promise<number>; oneEntry: () => Promise<number>; fullRefresh: () => number };
		const items = await page.evaluate(() => (window as unknown as W).ready());
		const entry: number[] = [];
		const full: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			entry.push(await page.evaluate(() => (window as unknown as W).oneEntry()));
			await page.evaluate(() => (window as unknown as W).ready());
			full.push(await page.evaluate(() => (window as unknown as W).fullRefresh()));
			await page.evaluate(() => (window as unknown as W).ready());
		}
		// The first five of each warm up the JIT.
		const keep = (xs: number[]) => xs.slice(5);
		return [
			{
				name: 'desk-new-entry-ms',
				value: round(median(keep(entry)), 1),
				unit: 'ms',
				baseline: round(median(keep(full)), 1),
				note: `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0].toFixed(1)}: median of ${ROUNDS - 5} entries (p95 ${round(percentile(keep(entry), 95), 1)} ms), one day document's update → the desk's reconciliation holds it; 2,000 candidates, 30 day documents, ${items} items; baseline = the desk reading and re-deriving everything once (nothing kept), alternated; goal ≤ 16 ms`
			}
		];
	} finally {
		await browser.close();
		site.close();
	}
}
