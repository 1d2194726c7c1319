// A schema's first issue in the reader's language. The domain's schemas write their own words as
// keys (`checks.schema.*`, or another area's key starting with `checks.`), worded like any message;
// a Chinese sentence a schema still holds is passed on as written; zod's own (English) words never
// reach a person: they read "not in the expected form", with the field's path when there is one.
import type { Message } from './message-text';

export interface SchemaIssueLike {
	message?: string;
	path?: readonly PropertyKey[];
}

const CJK = /[\u3400-\u9fff]/;

/** The issue as a message; `undefined` (no issue) reads as "not in the expected form". */
export function issueMessage(issue: SchemaIssueLike | undefined): Message {
	const text = issue?.message ?? '';
	if (text.startsWith('checks.')) return { key: text, params: {} };
	if (CJK.test(text)) return { key: 'checks.text', params: { text } };
	const path = (issue?.path ?? []).map(String).join('.');
	return path ? { key: 'checks.schema.fieldInvalid', params: { path } } : { key: 'checks.schema.invalid', params: {} };
}
