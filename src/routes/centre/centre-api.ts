// What the centre's screens read from GET /api/centre, and the one way they call the server.
import type { CatalogVersion } from '$lib/domain/catalog';
import type { ExamMonthOverview } from '$lib/domain/centre-config';
import type { FormerName, HolidayYearRecord, Role, Site } from '$lib/domain/record-schemas';
import { callApi } from '../plans/plan-api.svelte';

export interface CentreOverview {
	today: string;
	catalog: CatalogVersion;
	sites: Site[];
	examYears: { year: number; months: ExamMonthOverview[] }[];
	holidayYears: HolidayYearRecord[];
	holidayCoverage: { years: number[]; firstYear?: number; lastYear?: number };
	formerNames: FormerName[];
	organisations: {
		id: string;
		kind: 'centre' | 'district' | 'institution';
		name: string;
		district: string;
		code: string;
	}[];
	users: {
		id: string;
		username: string;
		displayName: string;
		role: Role;
		organisationId: string;
		isDisabled: boolean;
	}[];
}

export const loadCentre = () => callApi<CentreOverview>('GET', '/api/centre');

/** A change through /api/centre; resolves to the error text, or null when saved. */
export async function centreChange<T = unknown>(
	method: 'POST' | 'DELETE',
	path: string,
	body?: unknown
): Promise<{ error: string | null; value?: T }> {
	const r = await callApi<{ value: T }>(method, `/api/centre${path}`, body);
	return r.ok ? { error: null, value: r.data.value } : { error: r.error };
}
