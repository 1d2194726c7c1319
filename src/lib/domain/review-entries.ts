// What supervisors record at the desk after the session (review documents): the `data` of each
// entry kind.
import type { z } from 'zod';

export const REVIEW_ENTRY_SCHEMAS: Record<string, z.ZodType> = {};
