import type { z } from 'zod';

// The longest text an entry's fields may hold (issue 15): an id or key, a one-line value, a note or
// reason a person writes. Longer values break the schema: they are kept out of every view and
// listed as violations (doc-content.ts); a document's stored size has its own ceiling on the server.
export const TEXT_MAX = {
	id: 128,
	line: 200,
	note: 2000
} as const;

/**
 * The maximum length a string schema allows (optional/default wrappers looked through): what a form
 * field's `maxlength` is, so the schema stays the one place for the number.
 */
export function maxLengthOf(schema: z.ZodType): number {
	let current: unknown = schema;
	for (let depth = 0; depth < 5; depth++) {
		const s = current as { maxLength?: number | null; unwrap?: () => unknown };
		if (typeof s.maxLength === 'number') return s.maxLength;
		if (typeof s.unwrap !== 'function') break;
		current = s.unwrap();
	}
	throw new Error('this schema has no maximum length');
}
