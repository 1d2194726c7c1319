// Issue 18: a keyboard-wedge scanner gun (types the ticket text, then Enter) checks a room in
// without anyone touching the screen: 20 scans, two of them bad; every refusal is shown, the field
// is empty again after each scan (so a bad scan is never prefixed to the next) and focus never leaves it.
// Its own server: the check-ins are writes the shared demo server's other specs must not see.
import { expect, test, type Page } from '@playwright/test';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, storedDoc, waitFor } from '../support/node-device';
import { confirmOutsideHours } from './day-support';

const PLAN_ID = 'demo-20270116';
const cid = (n: number) => `c${String(n).padStart(4, '0')}`;
let server: KaowuServer;

test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

async function tickets(): Promise<Record<string, string>> {
	const token = await signInToken(server.url, 'jigou');
	const r = await fetch(`${server.url}/api/plans/${PLAN_ID}/tickets`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` }
	});
	expect(r.ok).toBe(true);
	return (await r.json()).tickets;
}

function names(): Map<string, string> {
	const out = new Map<string, string>();
	storedDoc(server.dataDir, `plan:${PLAN_ID}`)
		.getMap('candidates')
		.forEach((value, key) => out.set(key, (value as { name: string }).name));
	return out;
}

async function openRoom(page: Page) {
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('用户名').fill('jiankao1');
	await page.getByLabel('密码').fill('kaowu2027');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('home-title')).toBeVisible();
	await page.goto(`${server.url}/proctor/${PLAN_ID}`);
	await expect(page.getByTestId('room-title')).toContainText('101 机房');
	await confirmOutsideHours(page);
	// The ticket key arrives with the config document; scanning before it would be refused (noKey).
	await expect(page.getByTestId('check-in-panel')).toHaveAttribute('data-ticket-key', 'yes', { timeout: 20_000 });
}

test('a scanner gun checks in 18 candidates in a row without a touch; two bad codes are refused and the loop goes on', async ({
	page
}) => {
	test.setTimeout(360_000);
	const all = await tickets();
	const people = names();
	await openRoom(page);

	// 18 good tickets of room 101, a forged one (signature altered) and one of room 102, in a queue.
	const [prefix, payload, signature] = all[cid(19)].split('.');
	const forged = `${prefix}.${payload}.${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
	const queue: { text: string; id?: string; refusal?: RegExp }[] = Array.from({ length: 18 }, (_, i) => ({
		text: all[cid(i + 1)],
		id: cid(i + 1)
	}));
	queue.splice(5, 0, { text: forged, refusal: /签名无效/ });
	queue.splice(13, 0, { text: all[cid(31)], refusal: new RegExp(`${people.get(cid(31))}不在本考场`) });
	expect(queue).toHaveLength(20);

	// Nothing was clicked on this page: the field has focus because the page gave it.
	const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? '');
	expect(await focused()).toBe('candidate-search');

	for (const [i, scan] of queue.entries()) {
		// The hardware: characters as key events, then Enter. No fill(), no click().
		await page.keyboard.type(scan.text);
		await page.keyboard.press('Enter');
		const result = page.locator(`[data-seq="${i + 1}"]`);
		await expect(result).toBeVisible();
		if (scan.refusal) {
			await expect(result).toHaveAttribute('data-testid', 'day-error');
			await expect(result).toContainText(scan.refusal);
		} else {
			await expect(result).toHaveAttribute('data-testid', 'day-ok');
			await expect(result).toContainText(`${people.get(scan.id!)} 已签到`);
		}
		await expect(page.getByTestId('candidate-search')).toHaveValue('');
		await expect(page.getByTestId('candidate-card')).toHaveCount(0);
		expect(await focused()).toBe('candidate-search');
	}
	await expect(page.getByTestId('room-counts')).toContainText('实到 18');
	await page.screenshot({ path: 'test-results/screens/day-scanner-768.png' });

	// The server holds exactly the 18 check-ins, by QR, and nothing for the refused codes.
	type Stored = { kind: string; candidateId?: string; data: Record<string, unknown> };
	const stored = (): Stored[] => {
		const out: Stored[] = [];
		storedDoc(server.dataDir, `day:${PLAN_ID}:u-proctor-1`)
			.getMap('entries')
			.forEach((v) => out.push(v as Stored));
		return out;
	};
	const present = () =>
		stored()
			.filter((e) => e.kind === 'attendance' && e.data.state === 'present')
			.map((e) => e.candidateId!)
			.sort();
	await waitFor(() => present().length >= 18, 20_000, '18 check-ins stored');
	expect(present()).toEqual(Array.from({ length: 18 }, (_, i) => cid(i + 1)));
	expect(stored().filter((e) => e.kind === 'identity-check' && e.data.via === 'qr')).toHaveLength(18);
	expect(stored().some((e) => e.candidateId === cid(19) || e.candidateId === cid(31))).toBe(false);
});

test('search: one match and Enter opens the card with focus on it; Escape closes it and focus is back in the field', async ({
	page
}) => {
	const people = names();
	await openRoom(page);
	const name = people.get(cid(25))!;
	await page.keyboard.type(name);
	await expect(page.getByTestId('search-result')).toHaveCount(1);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('candidate-card')).toBeVisible();
	await expect(page.getByTestId('check-in')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('candidate-card')).toHaveCount(0);
	await expect(page.getByTestId('candidate-search')).toBeFocused();
	// Enter on the card's main action checks in; focus comes back to the field for the next one.
	await page.keyboard.type(name);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('check-in')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('day-ok')).toContainText(`${name} 已签到`);
	await expect(page.getByTestId('candidate-search')).toBeFocused();
	await expect(page.getByTestId('candidate-search')).toHaveValue('');
});
