// The password rule for accounts made or changed by an administrator (screens and admin CLI):
// at least 10 characters, not the username, not one repeated character or a keyboard run, not
// the demo password or another well-known one. Returns the reason as a message (checks.password.*),
// worded in the reader's language by whoever shows it.
import type { Message } from './message-text';

export const MIN_PASSWORD_LENGTH = 10;

const WELL_KNOWN = new Set([
	'kaowu2027',
	'1234567890',
	'12345678910',
	'0123456789',
	'9876543210',
	'password12',
	'password123',
	'qwertyuiop',
	'1qaz2wsx3edc',
	'asdfghjkl;',
	'a123456789',
	'abc1234567',
	'abcd123456',
	'woaini1314',
	'iloveyou12'
]);

function isRun(text: string): boolean {
	const codes = [...text].map((c) => c.charCodeAt(0));
	const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]));
	return steps.size === 1 && [...steps].every((s) => Math.abs(s) <= 1);
}

const problem = (key: string, params: Message['params'] = {}): Message => ({ key: `checks.password.${key}`, params });

/** null when acceptable, else why not. */
export function passwordProblem(password: string, username = ''): Message | null {
	if (password.length < MIN_PASSWORD_LENGTH) return problem('tooShort', { n: MIN_PASSWORD_LENGTH });
	const lower = password.toLowerCase();
	if (username && lower.includes(username.toLowerCase())) return problem('hasUsername');
	if (WELL_KNOWN.has(lower)) return problem('tooCommon');
	if (isRun(lower)) return problem('run');
	return null;
}
