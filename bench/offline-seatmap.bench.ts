// offline-open-seatmap-ms (issue 16): a proctor's tablet, on-disk Chromium profile, signed in and
// synced once online, then offline: the second visit to the proctor's room page until the seat map
// shows its 30 seats (navigation, the app from the service worker, the documents from IndexedDB,
// the room derived, the seats tab picked as soon as it is there). Baseline, alternated with it in
// the same tab and run: the same offline visit to the home page until its title shows (the same
// shell, worker and sign-in, without the plan's documents). Needs `npm run build`. Goal ≤ 150 ms.
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import type { BenchResult } from './run';
import { launchOnDisk, median, percentile, round } from './support';
import { startKaowu } from '../tests/support/kaowu-server';
import { signIn, waitForOfflineReady } from '../tests/support/app';

const PLAN = 'demo-20270116';
const ROUNDS = 12;

async function openSeatMap(page: Page, url: string): Promise<number> {
	const t0 = performance.now();
	await page.goto(`${url}/proctor/${PLAN}`, { waitUntil: 'commit' });
	await page.locator('#tab-seats').click();
	await page.getByTestId('seat').nth(29).waitFor();
	return performance.now() - t0;
}

async function openHome(page: Page, url: string): Promise<number> {
	const t0 = performance.now();
	await page.goto(`${url}/home`, { waitUntil: 'commit' });
	await page.getByTestId('home-title').waitFor();
	return performance.now() - t0;
}

export default async function (): Promise<BenchResult[]> {
	const server = await startKaowu();
	const chromium = await launchOnDisk({ viewport: { width: 768, height: 1024 }, locale: 'zh-CN' });
	try {
		const page = await chromium.context.newPage();
		await signIn(page, 'jiankao1', undefined, server.url);
		await waitForOfflineReady(page);
		// The first visit, online: the plan and the day's documents reach the device.
		await openSeatMap(page, server.url);
		await page.getByTestId('last-confirmed').first().getByText('服务器最后确认').waitFor({ timeout: 30_000 });
		await chromium.context.setOffline(true);
		await openHome(page, server.url); // warm-up, both sides
		await openSeatMap(page, server.url);
		const seatMap: number[] = [];
		const home: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			if (r % 2) {
				home.push(await openHome(page, server.url));
				seatMap.push(await openSeatMap(page, server.url));
			} else {
				seatMap.push(await openSeatMap(page, server.url));
				home.push(await openHome(page, server.url));
			}
		}
		return [
			{
				name: 'offline-open-seatmap-ms',
				value: round(median(seatMap), 0),
				unit: 'ms',
				baseline: round(median(home), 0),
				note: `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0].toFixed(1)}: median of ${ROUNDS} offline visits (p95 ${round(percentile(seatMap, 95), 0)} ms) to /proctor/${PLAN} until the 30-seat map shows (seats tab clicked as soon as it is there), on-disk profile, after one online visit; baseline = the same offline visit to /home until its title, alternated; goal ≤ 150 ms`
			}
		];
	} finally {
		await chromium.close();
		await server.stop();
	}
}
