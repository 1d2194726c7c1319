// Helpers of the centre's specs: a server of their own and the plan document as SQLite holds it.
import type * as Y from 'yjs';
import { expect, type Page } from '@playwright/test';
import { planContentHash } from '../../src/lib/domain/plan-review';
import type { Candidate, ExamSession, Group, Room, Seat, StaffAssignment } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc } from '../../src/lib/sync/doc-names';
import { planMapsOf } from '../../src/lib/domain/plan-maps';
import { readDocContent } from '../../src/lib/sync/doc-content';
import { storedDoc } from '../support/node-device';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';

export { startKaowu, type KaowuServer };

export function storedDocOf(server: KaowuServer, planId: string): Y.Doc {
	return storedDoc(server.dataDir, `plan:${planId}`);
}

/**
 * The fingerprint of the plan's content as SQLite holds it (what submissions and approvals are bound
 * to). A page showing the same `data-hash` has seen exactly what the server holds.
 */
export function storedPlanHash(server: KaowuServer, planId: string): string {
	const maps = planMapsOf(
		readDocContent(planDoc(planId), storedDocOf(server, planId)).maps,
		readDocContent(registryDoc(planId), storedDoc(server.dataDir, registryDoc(planId))).maps
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

/** The plan's review page shows exactly the content SQLite holds (what the server binds submissions and decisions to). */
export async function seesWhatServerHolds(page: Page, server: KaowuServer, planId: string): Promise<void> {
	await expect
		.poll(
			async () =>
				(await page.getByTestId('review-checks').getAttribute('data-hash')) === storedPlanHash(server, planId),
			{ timeout: 30_000, message: 'the review page and SQLite hold the same plan content' }
		)
		.toBe(true);
}
