// A plan as everyone reads it, from its two documents: the institution's plan document (its
// arrangements: candidates, rooms, sessions, seats, its own staff, groups, …) and the registry
// document only the server writes (the facts that are not the institution's to write). The plan's
// info (exam date, site, deadline-checked through /api/plans) and the examiners the centre dispatched
// (交叉派遣, which grant access to the plan's documents) are read from the registry only: the same
// facts written into the plan document over /sync are ignored, never honoured. Seats and group places
// are read only for candidates who sit (plan-flow.ts `sittingMaps`): a rejected candidate leaves them.
import type { StaffAssignment } from './record-schemas';
import { sittingMaps } from './plan-flow';

export type DocMaps = Record<string, Map<string, unknown>>;

/** The maps of a plan with its info and dispatched examiners taken from the registry, seats of those who sit. */
export function planMapsOf(plan: DocMaps, registry: DocMaps | undefined): DocMaps {
	const own = [...((plan.staff ?? new Map()) as Map<string, StaffAssignment>)].filter(([, a]) => a.duty !== 'examiner');
	const dispatched = [...((registry?.examiners ?? new Map()) as Map<string, StaffAssignment>)].filter(
		([, a]) => a.duty === 'examiner'
	);
	return sittingMaps({ ...plan, plan: registry?.plan ?? new Map(), staff: new Map([...own, ...dispatched]) });
}
