// Helpers for the on-the-day specs: the demo roster as the server holds it, signed admission
// tickets from the server's ticket API, and what a stored day document holds.
import { expect, type Page } from '@playwright/test';
import { signInToken, storedDoc } from '../support/node-device';
import { baseUrl } from '../support/app';

export const PLAN_ID = 'demo-20270116';

export interface RosterRow {
	id: string;
	name: string;
	idNumber: string;
	admissionNo: string;
}

export function dataDir(): string {
	const dir = process.env.KAOWU_TEST_DATA_DIR;
	if (!dir) throw new Error('KAOWU_TEST_DATA_DIR is not set');
	return dir;
}

export function roster(): Map<string, RosterRow> {
	const doc = storedDoc(dataDir(), `plan:${PLAN_ID}`);
	const out = new Map<string, RosterRow>();
	doc.getMap('candidates').forEach((value, key) => out.set(key, value as RosterRow));
	return out;
}

/** Admission-ticket QR texts, signed by the server (POST /api/plans/:id/tickets as the institution). */
export async function signedTickets(): Promise<Record<string, string>> {
	const token = await signInToken(baseUrl(), 'jigou');
	const r = await fetch(`${baseUrl()}/api/plans/${PLAN_ID}/tickets`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` }
	});
	expect(r.ok).toBe(true);
	return (await r.json()).tickets;
}

export interface StoredEntry {
	id: string;
	kind: string;
	candidateId?: string;
	corrects?: string;
	data: Record<string, unknown>;
}

export function storedEntries(userId: string): StoredEntry[] {
	const doc = storedDoc(dataDir(), `day:${PLAN_ID}:${userId}`);
	const out: StoredEntry[] = [];
	doc.getMap('entries').forEach((value) => out.push(value as StoredEntry));
	return out;
}

/**
 * After sign-in: wait until every document the session opened (config, plan, own documents) has
 * heard from the server what it stores, holds it and has it committed on the device.
 */
export async function waitForFirstSync(page: Page): Promise<void> {
	await expect(page.getByTestId('last-confirmed').first()).toContainText('服务器最后确认', { timeout: 20_000 });
	await expect(page.getByTestId('sync-status').first()).toHaveAttribute('data-all-confirmed', 'true', {
		timeout: 20_000
	});
}

/**
 * The shared server's clock (2026-11-27) is outside every session of the plan: the tablet asks the
 * person to confirm recording outside the session's hours before it records anything for it.
 * Confirms once (the device remembers it per session; a page that already has it is left as is).
 */
export async function confirmOutsideHours(page: Page): Promise<void> {
	const banner = page.getByTestId('outside-hours');
	await expect(banner).toBeVisible();
	if ((await banner.getAttribute('data-confirmed')) === 'true') return;
	await banner.getByTestId('outside-hours-confirm').click();
	await expect(banner).toHaveAttribute('data-confirmed', 'true');
}
