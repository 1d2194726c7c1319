import { describe, expect, it } from 'vitest';
import { recordUnhandled, unhandledErrors } from './process-errors';

describe('unhandled errors', () => {
	it('are logged with their stack and counted for the health endpoint, not swallowed', () => {
		const logged: unknown[][] = [];
		const before = unhandledErrors().count;
		const error = new Error('boom in a handler');
		recordUnhandled('rejection', error, (...args) => logged.push(args));
		expect(logged).toHaveLength(1);
		expect(logged[0][1]).toBe(error); // the Error itself, so the console prints its stack
		expect(unhandledErrors().count).toBe(before + 1);
		expect(unhandledErrors().last?.message).toBe('boom in a handler');
	});
});
