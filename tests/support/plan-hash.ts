// The fingerprint of a plan's content as approvals bind it, read from the documents a test server
// stores (node tests and Playwright specs alike).
import type * as Y from 'yjs';
import { storedDoc } from './node-device';
import { planContentHash } from '../../src/lib/domain/plan-review';
import type { Candidate, ExamSession, Group, Room, Seat, StaffAssignment } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc } from '../../src/lib/sync/doc-names';
import { planMapsOf } from '../../src/lib/domain/plan-maps';
import { readDocContent } from '../../src/lib/sync/doc-content';

/**
 * The fingerprint of a plan's content (what submissions and approvals are bound to), from its plan
 * document as given (a device's copy, or SQLite's) and its registry as SQLite holds it.
 */
export function planHashOf(dataDir: string, planId: string, plan: Y.Doc = storedDoc(dataDir, planDoc(planId))): string {
	const maps = planMapsOf(
		readDocContent(planDoc(planId), plan).maps,
		readDocContent(registryDoc(planId), storedDoc(dataDir, registryDoc(planId))).maps
	);
	const values = <T>(map: string) => [...(maps[map]?.values() ?? [])] as T[];
	return planContentHash({
		candidates: values<Candidate>('candidates'),
		rooms: values<Room>('rooms'),
		sessions: values<ExamSession>('sessions'),
		seats: values<Seat>('seats'),
		groups: values<Group>('groups'),
		staff: values<StaffAssignment>('staff')
	});
}
