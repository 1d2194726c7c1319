// The shape of one year of the State Council's holiday arrangement, as the centre enters it and the
// configuration document keeps it. The calendar that uses it is working-days.ts.
import { z } from 'zod';
import { IsoDateSchema } from './iso-date';

/** One year of the State Council's arrangement (国务院办公厅关于某年部分节假日安排的通知). */
export const HolidayYearSchema = z.object({
	year: z.number().int().min(1990).max(2200),
	/** Days off (放假), including weekend days inside a holiday period. */
	holidays: z.array(IsoDateSchema),
	/** Weekend days worked to make up for the holiday (调休上班). */
	makeUpWorkdays: z.array(IsoDateSchema),
	/** Holiday name per date, for messages ("劳动节"). */
	names: z.record(z.string(), z.string()).optional(),
	source: z.string().optional()
});
export type HolidayYear = z.infer<typeof HolidayYearSchema>;
