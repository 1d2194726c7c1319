// Demo safety. A fresh `npm start` seeds the demo (published passwords, centre admin included) so
// a newcomer sees the product at once; the moment a real account is created with the admin CLI
// the demo ends: every account that existed before it (the demo only seeds an empty store) is
// disabled and signed out everywhere, /api/demo-accounts lists nothing, and a demo sign-in is
// refused with a message that says why.
import type { Store, UserRow } from './store';

const ACTIVE = '1';
const ENDED = 'ended';

export async function isDemoActive(store: Store): Promise<boolean> {
	return (await store.getSetting('demo')) === ACTIVE;
}

/** Ends the demo, keeping only `keepUserId` (the first real account). Returns how many were disabled. */
export async function endDemo(store: Store, keepUserId: string): Promise<number> {
	if (!(await isDemoActive(store))) return 0;
	const demoUsers = (await store.listUsers()).filter((u) => u.id !== keepUserId);
	await store.disableUsers(
		demoUsers.map((u) => u.id),
		'disabled',
		{
			'demo-user-ids': JSON.stringify(demoUsers.map((u) => u.id)),
			demo: ENDED,
			'demo-ended-at': new Date().toISOString()
		}
	);
	return demoUsers.length;
}

export async function isEndedDemoAccount(store: Store, user: UserRow): Promise<boolean> {
	if ((await store.getSetting('demo')) !== ENDED) return false;
	return (JSON.parse((await store.getSetting('demo-user-ids')) ?? '[]') as string[]).includes(user.id);
}

export const DEMO_ENDED_MESSAGE =
	'演示账号已停用：本服务器已创建正式账号，演示已结束。请使用管理员为您创建的账号登录。';

/** The start banner while the demo is on: impossible to miss in a terminal or a service log. */
export function demoBanner(accounts: { username: string; password: string; role: string }[]): string {
	const lines = [
		'',
		'************************************************************************************',
		'*  演示模式 DEMO MODE — not for a real exam                                         *',
		'*  Every demo account (centre admin included) has the published password below.   *',
		'*  For a real centre: start with KAOWU_DEMO=0 on an empty data folder, or create   *',
		'*  the first real account with `npm run admin -- add-user …`, which disables every *',
		'*  demo account at once.                                                           *',
		'************************************************************************************'
	];
	if (accounts.length) {
		lines.push('Demo accounts (演示账号):');
		for (const a of accounts) lines.push(`  ${a.role.padEnd(18)} ${a.username.padEnd(14)} ${a.password}`);
	}
	return lines.join('\n');
}
