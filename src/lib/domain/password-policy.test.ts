import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
	it('refuses short, username-bearing, well-known and monotonous passwords', () => {
		expect(passwordProblem('1')).toBe('密码至少 10 位');
		expect(passwordProblem('wangli-2027', 'wangli')).toBe('密码不能包含用户名');
		expect(passwordProblem('Password123')).toBe('这个密码太常见，请换一个');
		expect(passwordProblem('aaaaaaaaaaaa')).toBe('密码不能是同一个字符重复或连续的字符');
		expect(passwordProblem('abcdefghijk')).toBe('密码不能是同一个字符重复或连续的字符');
	});
	it('accepts a long enough ordinary password', () => {
		expect(passwordProblem('centre-pass-1', 'zx')).toBeNull();
		expect(passwordProblem('山城考务2027春季')).toBeNull();
	});
});
