import { describe, expect, it } from 'vitest';
import { refusedTooLarge, unsentTotal, type DocStatus } from './doc-status';

const status = (over: Partial<DocStatus>): DocStatus => ({
	name: 'day:p:u',
	isLoaded: true,
	isSavedLocally: true,
	localError: null,
	unsent: 0,
	storedAt: null,
	access: 'write',
	refused: null,
	authError: null,
	...over
});

describe('refusedTooLarge', () => {
	it('counts only the unsent records of written documents the server refused as too large', () => {
		const all = [
			status({ name: 'day:p:u', unsent: 3, refused: 'too-large' }),
			status({ name: 'review:p:u', unsent: 2 }),
			status({ name: 'plan:p', unsent: 4, access: 'read', refused: 'too-large' }),
			status({ name: 'day:q:u', unsent: 1, refused: 'invalid' })
		];
		expect(refusedTooLarge(all)).toBe(3);
		// Everything else still waits for the server (and holds sign-out).
		expect(unsentTotal(all) - refusedTooLarge(all)).toBe(3);
	});
});
