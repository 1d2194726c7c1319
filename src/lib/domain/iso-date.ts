// Calendar-date arithmetic on ISO `YYYY-MM-DD` strings (civil-date.ts) and the zod schema of such a
// date, for the domain's schemas. Code that needs only the arithmetic imports civil-date.ts, which
// loads without zod.
import { z } from 'zod';
import { isIsoDate } from './civil-date';

export * from './civil-date';

export const IsoDateSchema = z.string().refine(isIsoDate, { message: 'checks.schema.isoDate' });
