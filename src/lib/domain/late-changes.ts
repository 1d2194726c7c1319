// Changes to a plan's arrangements that reach the server after the 考务安排 deadline (考前 7 个工作日),
// judged by the server's receipt time. The screens refuse nothing here (a plan changed over /sync
// from an offline tablet cannot be refused after the fact without losing it); the server records
// who changed what and when in the plan's registry document, and the district and the desk see it.
import { checkStaffArrangement, type DeadlineOptions } from './deadlines';
import type { LateChange } from './record-schemas';

/** The plan maps whose change after the deadline is a late change (what an approval is bound to). */
export const ARRANGEMENT_MAPS: readonly string[] = ['candidates', 'rooms', 'sessions', 'seats', 'staff', 'groups'];

/**
 * The late-change record after a change received at `receivedAt` (or null if in time or not an
 * arrangement): one record per person and Beijing day, counting changes and the maps touched.
 */
export function lateChangeAfter(
	previous: LateChange | undefined,
	change: { examDate: string; receivedAt: Date; by: string; byName: string; maps: readonly string[] },
	today: string | undefined,
	options: DeadlineOptions = {}
): LateChange | null {
	const maps = change.maps.filter((m) => ARRANGEMENT_MAPS.includes(m));
	if (!maps.length) return null;
	const check = checkStaffArrangement(change.examDate, today ?? change.receivedAt, options);
	if (check.isInTime) return null;
	const at = change.receivedAt.toISOString();
	return {
		v: 1,
		by: change.by,
		byName: change.byName,
		date: check.checkedDate,
		deadline: check.deadline,
		firstAt: previous?.firstAt ?? at,
		lastAt: at,
		count: (previous?.count ?? 0) + 1,
		maps: [...new Set([...(previous?.maps ?? []), ...maps])].sort()
	};
}

export const lateChangeKey = (by: string, date: string): string => `${by}|${date}`;
