// The longest text an entry's fields may hold (issue 15): an id or key, a one-line value, a note or
// reason a person writes. Longer values break the schema: they are kept out of every view and
// listed as violations (doc-content.ts); a document's stored size has its own ceiling on the server.
export const TEXT_MAX = {
	id: 128,
	line: 200,
	note: 2000
} as const;
