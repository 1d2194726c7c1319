// What proctors and examiners record on the day (day documents): the `data` of each entry kind.
import { z } from 'zod';

const attendance = z.object({
	state: z.enum(['present', 'absent', 'late', 'left-early']),
	sessionId: z.string(),
	time: z.string()
});

const scoreSheet = z.object({
	groupId: z.string(),
	subject: z.enum(['skill', 'review']),
	items: z.array(z.object({ itemId: z.string(), score: z.number().nonnegative() })),
	total: z.number().nonnegative(),
	isSubmitted: z.boolean(),
	note: z.string().optional()
});

export const DAY_ENTRY_SCHEMAS: Record<string, z.ZodType> = {
	attendance,
	'score-sheet': scoreSheet
};
