// A message as a record keeps it (a district decision's failing checks): validated like every
// record. Apart from message-text.ts so that wording a message does not load zod (the shell).
import { z } from 'zod';
import { LevelSchema, SubjectKindSchema, SubjectModeSchema } from './catalog';
import type { AttendanceData } from './day-entries';
import type { Message, MessageParam } from './message-text';

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
