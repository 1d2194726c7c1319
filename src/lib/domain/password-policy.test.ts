import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';
import type { Message } from './message-text';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

const said = async (m: Message | null) => inBothLanguages(m!);

describe('password policy', () => {
	it('refuses short, username-bearing, well-known and monotonous passwords, in Chinese as before', async () => {
		expect((await said(passwordProblem('1'))).zh).toBe('密码至少 10 位');
		expect((await said(passwordProblem('wangli-2027', 'wangli'))).zh).toBe('密码不能包含用户名');
		expect((await said(passwordProblem('Password123'))).zh).toBe('这个密码太常见，请换一个');
		expect((await said(passwordProblem('aaaaaaaaaaaa'))).zh).toBe('密码不能是同一个字符重复或连续的字符');
		expect((await said(passwordProblem('abcdefghijk'))).zh).toBe('密码不能是同一个字符重复或连续的字符');
	});
	it('says each refusal in English', async () => {
		expect((await said(passwordProblem('1'))).en).toBe('The password must have at least 10 characters');
		for (const [pw, user] of [['wangli-2027', 'wangli'], ['Password123'], ['aaaaaaaaaaaa']])
			expect((await said(passwordProblem(pw!, user))).en).not.toMatch(CJK);
	});
	it('accepts a long enough ordinary password', () => {
		expect(passwordProblem('centre-pass-1', 'zx')).toBeNull();
		expect(passwordProblem('山城考务2027春季')).toBeNull();
	});
});
