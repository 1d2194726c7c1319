import { expect, test } from '@playwright/test';
import { baseUrl, signIn } from '../support/app';

const ROLES = [
	{ username: 'zhongxin', role: '市职鉴中心', name: '杨主任' },
	{ username: 'quju', role: '区县人力社保部门', name: '李科长' },
	{ username: 'jigou', role: '联考机构管理员', name: '王晓梅' },
	{ username: 'dudao', role: '督导人员', name: '刘建国' },
	{ username: 'jiankao1', role: '监考人员', name: '陈静' },
	{ username: 'kaoping1', role: '考评人员', name: '欧阳明轩' }
];

test('the sign-in page is in Chinese and lists the demo accounts', async ({ page }) => {
	await page.goto(`${baseUrl()}/`);
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	await expect(page.getByTestId('demo-accounts')).toContainText('监考人员');
	await page.screenshot({ path: 'test-results/screens/sign-in-768.png', fullPage: true });
});

for (const account of ROLES) {
	test(`signs in as ${account.username} (${account.role}) and lands on that role's home`, async ({ page }) => {
		await signIn(page, account.username);
		await expect(page.getByTestId('home-title')).toContainText(account.name);
		await expect(page.getByTestId('role-home')).toContainText(account.role);
		// Some roles also see the past-plan demo (issue 7): look at the upcoming plan's card.
		const card = page.getByTestId('plan-card').filter({ hasText: '【演示】2027年1月联考' });
		// Proctors and examiners hold only their roster slice (issue 15): the card counts their own.
		const isSliced = ['jiankao1', 'kaoping1'].includes(account.username);
		await expect(card).toContainText(isSliced ? /我负责的考生 [1-9]\d* 人/ : '考生 120 人');
		if (['jiankao1', 'kaoping1', 'dudao'].includes(account.username)) {
			await expect(card.getByTestId('my-duties')).toBeVisible();
		}
		await expect(page.getByTestId('server-state')).toHaveText('已全部保存到服务器');
		await page.screenshot({ path: `test-results/screens/home-${account.username}-768.png`, fullPage: true });
	});
}

test('a wrong password is refused with a message in Chinese', async ({ page }) => {
	await page.goto(`${baseUrl()}/sign-in`);
	await page.getByLabel('用户名').fill('jigou');
	await page.getByLabel('密码').fill('wrong-password');
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('sign-in-error')).toHaveText('用户名或密码不正确');
});

test('switches the interface to English and back', async ({ page }) => {
	await signIn(page, 'jiankao1');
	await page.getByTestId('language-switch').click();
	await expect(page.getByTestId('role-home')).toContainText('Proctor');
	await expect(page.getByTestId('sign-out')).toHaveText('Sign out');
	await page.getByTestId('language-switch').click();
	await expect(page.getByTestId('sign-out')).toHaveText('退出登录');
});
