// What the domain says to a person (a desk item's explanation, a refused check-in or score), in the
// interface language. The domain returns a message key and its parameters; a parameter that is itself
// a word of the interface (a subject, an attendance state, a level, a moment, smaller messages, a list)
// is kept as what it means and worded here with the caller's translation function: the domain holds
// no language. Names of people and rooms stay as written.
import type { Level, SubjectKind, SubjectMode } from './catalog';
import type { AttendanceData } from './day-entries';
import { beijingText } from './exam-clock';
import type { Translate } from './entry-text';

export type MessageParam =
	| string
	| number
	| { subject: SubjectKind }
	| { state: AttendanceData['state'] }
	| { level: Level }
	/** How a subject is sat (机考, 纸笔作答, …). */
	| { mode: SubjectMode }
	/** A moment a person reads: Beijing time. */
	| { time: string }
	/** A smaller message inside this one. */
	| { msg: Message }
	/** Several, joined with the language's list separator ('、'), its clause separator ('；') or 'or' ('或'). */
	| { list: MessageParam[]; join?: 'clauses' | 'or' };

export interface Message {
	key: string;
	params: Record<string, MessageParam>;
}

function paramText(p: MessageParam, tr: Translate): string | number {
	if (typeof p === 'string' || typeof p === 'number') return p;
	if ('subject' in p) return tr(`catalog.subjectInline.${p.subject}`);
	if ('state' in p) return tr(`desk.item.state.${p.state}`);
	if ('level' in p) return tr(`catalog.level.${p.level}`);
	if ('time' in p) return beijingText(p.time);
	if ('mode' in p) return tr(`catalog.mode.${p.mode}`);
	if ('msg' in p) return messageText(p.msg, tr);
	return p.list
		.map((x) => paramText(x, tr))
		.join(
			tr(
				p.join === 'clauses'
					? 'checks.clauseSeparator'
					: p.join === 'or'
						? 'checks.orSeparator'
						: 'catalog.listSeparator'
			)
		);
}

/** The message in the interface language. */
export function messageText(message: Message, tr: Translate): string {
	const params: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(message.params)) params[k] = paramText(v, tr);
	return tr(message.key, params);
}

/**
 * Whether a value (a server's answer field) has a message's shape: a key and parameters. Checked
 * without zod, so the sign-in page's error path does not pull the schemas in (the shell budget);
 * records are validated with MessageSchema (message-schema.ts).
 */
export function looksLikeMessage(x: unknown): x is Message {
	if (!x || typeof x !== 'object') return false;
	const m = x as { key?: unknown; params?: unknown };
	return typeof m.key === 'string' && !!m.params && typeof m.params === 'object' && !Array.isArray(m.params);
}
