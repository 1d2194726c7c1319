// "Sign-out ending the server session" and the devices screen (issue 15): a token a tablet held
// must stop working when its person signs out, and a lost tablet's sign-in can be ended from another
// device or by the centre. Uses kaoping4 (the past plan's examiner), whom no other spec signs in.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { baseUrl, DEMO_PASSWORD } from '../support/app';
import { signInDevice } from '../support/node-device';

const USER = 'kaoping4';

/** Signs in through the form and returns the token the server gave this device. */
async function signInCapturingToken(page: Page, username: string): Promise<{ token: string; sessionId: string }> {
	await page.goto(`${baseUrl()}/sign-in`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in'));
	await page.getByTestId('sign-in-submit').click();
	const body = await (await answer).json();
	await expect(page.getByTestId('home-title')).toBeVisible();
	return { token: body.token, sessionId: body.sessionId };
}

async function meStatus(request: APIRequestContext, token: string) {
	const r = await request.get(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${token}` } });
	return { status: r.status(), error: (await r.json()).error as string | undefined };
}

test('signing out ends the sign-in on the server: the token the tablet held is refused afterwards', async ({
	page,
	request
}) => {
	const { token } = await signInCapturingToken(page, USER);
	expect((await meStatus(request, token)).status).toBe(200);
	await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器');
	await page.getByTestId('sign-out').click();
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	// Someone who copied the token off the tablet (or the tablet's storage) gets nothing with it.
	await expect.poll(async () => (await meStatus(request, token)).status).toBe(401);
	expect((await meStatus(request, token)).error).toBe('session-ended');
	// …and the device no longer keeps it.
	const stored = await page.evaluate(
		() =>
			new Promise<string>((ok, fail) => {
				const open = indexedDB.open('kaowu-device');
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('accounts').objectStore('accounts').get('kaoping4');
					get.onsuccess = () => ok((get.result as { token: string }).token);
					get.onerror = () => fail(get.error);
				};
			})
	);
	expect(stored).toBe('');
});

test('a lost tablet: from another device the examiner sees both sign-ins and ends the lost one, whose token stops working', async ({
	browser,
	request
}) => {
	const lost = await browser.newContext();
	const lostTablet = await signInCapturingToken(await lost.newPage(), USER);
	const mine = await browser.newContext();
	const page = await mine.newPage();
	const here = await signInCapturingToken(page, USER);
	await page.goto(`${baseUrl()}/device`);
	const list = page.getByTestId('device-sessions');
	await expect(list.locator(`[data-session-id="${here.sessionId}"]`).getByTestId('this-device')).toBeVisible();
	const lostRow = list.locator(`[data-session-id="${lostTablet.sessionId}"]`);
	await expect(lostRow).toContainText('登录');
	await expect(lostRow).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/); // Beijing time, not ISO
	await page.screenshot({ path: 'test-results/screens/device-sessions-768.png', fullPage: true });
	page.once('dialog', (d) => void d.accept());
	await lostRow.getByTestId('end-device').click();
	await expect(page.getByTestId('devices-notice')).toContainText('已结束');
	await expect(lostRow).toHaveCount(0);
	expect(await meStatus(request, lostTablet.token)).toEqual({ status: 401, error: 'session-ended' });
	// This device's own sign-in is untouched.
	expect((await meStatus(request, here.token)).status).toBe(200);
	await lost.close();
	await mine.close();
});

test('the centre ends an examiner’s sign-in from the accounts screen', async ({ browser, request }) => {
	const tablet = await browser.newContext();
	const examiner = await signInCapturingToken(await tablet.newPage(), USER);
	const centre = await browser.newContext();
	const page = await centre.newPage();
	await signInCapturingToken(page, 'zhongxin');
	await page.goto(`${baseUrl()}/centre`);
	await page.getByTestId('centre-tab-accounts').click();
	const row = page.locator('tr', { hasText: USER });
	await page.getByTestId('centre-org').filter({ has: row }).locator('summary').click();
	await row.getByTestId('user-devices').click();
	const device = page.locator(`[data-username="${USER}"] [data-session-id="${examiner.sessionId}"]`);
	await expect(device).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/centre-user-devices-768.png', fullPage: true });
	page.once('dialog', (d) => void d.accept());
	await device.getByTestId('end-device').click();
	await expect(device).toHaveCount(0);
	expect(await meStatus(request, examiner.token)).toEqual({ status: 401, error: 'session-ended' });
	await tablet.close();
	await centre.close();
});

test('the institution admin ends a proctor’s lost tablet from his own devices screen', async ({ page, request }) => {
	const tablet = await signInDevice(baseUrl(), 'jiankao7');
	await signInCapturingToken(page, 'jigou');
	await page.goto(`${baseUrl()}/device`);
	const staff = page.getByTestId('staff-devices');
	await expect(staff).toContainText('jiankao7');
	await expect(staff).not.toContainText('kaoping1'); // dispatched from another institution
	const person = staff.locator('li[data-username="jiankao7"]');
	await person.getByTestId('staff-devices-toggle').click();
	const row = person.locator(`[data-session-id="${tablet.sessionId}"]`);
	await expect(row).toBeVisible();
	await person.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/institution-staff-devices-768.png', fullPage: true });
	page.once('dialog', (d) => void d.accept());
	await row.getByTestId('end-device').click();
	await expect(person.getByTestId('devices-notice')).toContainText('已结束');
	expect(await meStatus(request, tablet.token)).toEqual({ status: 401, error: 'session-ended' });
});
