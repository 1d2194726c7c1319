// What the domain says to a person (a desk item's explanation, a refused check-in or score), in the
// interface language. The domain returns a message key and its parameters; a parameter that is itself
// a word of the interface (a subject, an attendance state, a level, a moment, smaller messages, a list)
// is kept as what it means and worded here with the caller's translation function: the domain holds
// no language. Names of people and rooms stay as written.
import { z } from 'zod';
import {
	LevelSchema,
	SubjectKindSchema,
	SubjectModeSchema,
	type Level,
	type SubjectKind,
	type SubjectMode
} from './catalog';
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

const MessageParamSchema: z.ZodType<MessageParam> = z.lazy(() =>
	z.union([
		z.string().max(2000),
		z.number(),
		z.strictObject({ subject: SubjectKindSchema }),
		z.strictObject({ state: z.string().max(40) }) as z.ZodType<{ state: AttendanceData['state'] }>,
		z.strictObject({ level: LevelSchema }),
		z.strictObject({ mode: SubjectModeSchema }),
		z.strictObject({ time: z.string().max(40) }),
		z.strictObject({ msg: MessageSchema }),
		z.strictObject({ list: z.array(MessageParamSchema).max(200), join: z.enum(['clauses', 'or']).optional() })
	])
);

/** A message as stored in a record (a decision's failing checks) or sent by the server beside its Chinese text. */
export const MessageSchema: z.ZodType<Message> = z.lazy(() =>
	z.strictObject({
		key: z.string().min(1).max(100),
		params: z.record(z.string().max(40), MessageParamSchema)
	})
);

/** Whether a value (a server's answer field) is a message. */
export const isMessage = (x: unknown): x is Message => MessageSchema.safeParse(x).success;
