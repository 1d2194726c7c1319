// Who may open which document (access.ts), over the facts the server knows: the person's role,
// organisation and district, the plan's institution and district, and whether the person is on the
// plan's staff. One person per line of the table; each test names the rule it holds.
import { describe, expect, it } from 'vitest';
import { accessFor, type Access, type AccessFacts } from './access';
import type { Role } from '../lib/domain/record-schemas';
import type { PlanRow } from './store';

const PLAN: PlanRow = {
	id: 'p1',
	institutionId: 'inst-a',
	district: '渝中区',
	examDate: '2027-01-16',
	createdAt: '2026-11-01T00:00:00.000Z'
};

function facts(
	id: string,
	role: Role,
	options: { org?: string; district?: string; assigned?: boolean; plan?: PlanRow | null } = {}
): AccessFacts {
	return {
		user: { id, role, organisationId: options.org ?? 'other-org', district: options.district ?? '江北区' },
		plan: options.plan === null ? undefined : (options.plan ?? PLAN),
		isAssignedToPlan: options.assigned ?? false
	};
}

/** The people of the table: each differs from a neighbour in one fact. */
const people = {
	centre: facts('u-centre', 'centre-admin'),
	district: facts('u-district', 'district-bureau', { district: '渝中区' }),
	otherDistrict: facts('u-district-2', 'district-bureau', { district: '江北区' }),
	institution: facts('u-inst', 'institution-admin', { org: 'inst-a' }),
	otherInstitution: facts('u-inst-b', 'institution-admin', { org: 'inst-b' }),
	supervisorAssigned: facts('u-sup', 'supervisor', { assigned: true }),
	supervisorOwnInstitution: facts('u-sup-a', 'supervisor', { org: 'inst-a' }),
	supervisorElsewhere: facts('u-sup-b', 'supervisor', { org: 'inst-b' }),
	proctor: facts('u-proctor', 'proctor', { org: 'inst-a', assigned: true }),
	proctorNotOnPlan: facts('u-proctor-x', 'proctor', { org: 'inst-a' }),
	examiner: facts('u-examiner', 'examiner', { assigned: true })
} satisfies Record<string, AccessFacts>;
type Person = keyof typeof people;

function accessOf(docName: string): Record<Person, Access> {
	return Object.fromEntries(Object.entries(people).map(([who, f]) => [who, accessFor(docName, f)])) as Record<
		Person,
		Access
	>;
}

it('a name that is not a document opens nothing, for anyone', () => {
	for (const name of ['', 'plan', 'plan:p1:extra:x', 'day:p1', 'nonsense:p1', 'plan:../etc', 'day:p1:u proctor'])
		for (const f of Object.values(people)) expect(accessFor(name, f), `${name}`).toBe('none');
});

it('the config document is read by everyone and written by no one (the server writes it)', () => {
	for (const f of Object.values(people)) expect(accessFor('config', f)).toBe('read');
	expect(accessFor('config', facts('u-centre', 'centre-admin', { plan: null }))).toBe('read');
});

it('a plan the server does not know opens nothing, not even to the centre or its own writer', () => {
	for (const name of [
		'plan:p1',
		'registry:p1',
		'day:p1:u-proctor',
		'roster:p1:u-proctor',
		'review:p1:u-sup',
		'review:p1'
	])
		for (const [who, f] of Object.entries(people))
			expect(accessFor(name, { ...f, plan: undefined }), `${who} ${name}`).toBe('none');
});

describe('the plan document', () => {
	it('only its own institution admin writes it; the centre, its district and its supervisors read it', () => {
		expect(accessOf('plan:p1')).toEqual({
			centre: 'read',
			district: 'read',
			otherDistrict: 'none',
			institution: 'write',
			otherInstitution: 'none',
			supervisorAssigned: 'read',
			supervisorOwnInstitution: 'read',
			supervisorElsewhere: 'none',
			proctor: 'none',
			proctorNotOnPlan: 'none',
			examiner: 'none'
		});
	});

	it('proctors and examiners never open it, even on the plan: they read their roster slice', () => {
		expect(accessFor('plan:p1', people.proctor)).toBe('none');
		expect(accessFor('plan:p1', people.examiner)).toBe('none');
		expect(accessFor('roster:p1:u-proctor', people.proctor)).toBe('read');
		expect(accessFor('roster:p1:u-examiner', people.examiner)).toBe('read');
	});
});

it('the registry is read by the plan people who are not slice roles, and written by no one', () => {
	expect(accessOf('registry:p1')).toEqual({
		centre: 'read',
		district: 'read',
		otherDistrict: 'none',
		institution: 'read',
		otherInstitution: 'none',
		supervisorAssigned: 'read',
		supervisorOwnInstitution: 'read',
		supervisorElsewhere: 'none',
		proctor: 'none',
		proctorNotOnPlan: 'none',
		examiner: 'none'
	});
});

describe('day documents: one writer each', () => {
	it('the person it is named after writes it while on the plan; no one else writes it', () => {
		expect(accessFor('day:p1:u-proctor', people.proctor)).toBe('write');
		expect(accessFor('day:p1:u-examiner', people.examiner)).toBe('write');
		for (const [who, f] of Object.entries(people))
			if (who !== 'proctor') expect(accessFor('day:p1:u-proctor', f), who).not.toBe('write');
	});

	it('his own day document is closed to a person no longer on the plan', () => {
		expect(accessFor('day:p1:u-proctor-x', people.proctorNotOnPlan)).toBe('none');
	});

	it("another person's day document is read by the plan's overseers and staff, by no outsider", () => {
		expect(accessOf('day:p1:u-proctor')).toEqual({
			centre: 'read',
			district: 'read',
			otherDistrict: 'none',
			institution: 'read',
			otherInstitution: 'none',
			supervisorAssigned: 'read',
			supervisorOwnInstitution: 'read',
			supervisorElsewhere: 'none',
			proctor: 'write',
			proctorNotOnPlan: 'none',
			examiner: 'read'
		});
	});
});

it('a roster slice is read only by the proctor or examiner it is cut for, while on the plan', () => {
	expect(accessOf('roster:p1:u-proctor')).toEqual({
		centre: 'none',
		district: 'none',
		otherDistrict: 'none',
		institution: 'none',
		otherInstitution: 'none',
		supervisorAssigned: 'none',
		supervisorOwnInstitution: 'none',
		supervisorElsewhere: 'none',
		proctor: 'read',
		proctorNotOnPlan: 'none',
		examiner: 'none'
	});
	expect(accessFor('roster:p1:u-proctor-x', people.proctorNotOnPlan)).toBe('none');
	// A supervisor named in a roster name gets nothing: supervisors read the plan itself.
	expect(accessFor('roster:p1:u-sup', people.supervisorAssigned)).toBe('none');
});

describe('review documents', () => {
	it('the supervisor, institution admin or centre it is named after writes it; others of the plan read it', () => {
		expect(accessFor('review:p1:u-sup', people.supervisorAssigned)).toBe('write');
		expect(accessFor('review:p1:u-sup-a', people.supervisorOwnInstitution)).toBe('write');
		expect(accessFor('review:p1:u-inst', people.institution)).toBe('write');
		expect(accessFor('review:p1:u-centre', people.centre)).toBe('write');
		expect(accessOf('review:p1:u-sup')).toEqual({
			centre: 'read',
			district: 'read',
			otherDistrict: 'none',
			institution: 'read',
			otherInstitution: 'none',
			supervisorAssigned: 'write',
			supervisorOwnInstitution: 'read',
			supervisorElsewhere: 'none',
			proctor: 'read',
			proctorNotOnPlan: 'none',
			examiner: 'read'
		});
	});

	it('a review document named after a proctor, a district or an outsider is written by no one', () => {
		expect(accessFor('review:p1:u-proctor', people.proctor)).toBe('read');
		expect(accessFor('review:p1:u-district', people.district)).toBe('read');
		expect(accessFor('review:p1:u-sup-b', people.supervisorElsewhere)).toBe('none');
		expect(accessFor('review:p1:u-inst-b', people.otherInstitution)).toBe('none');
	});

	it('the old shared review document is read-only for everyone (migrated into per-writer documents)', () => {
		const access = accessOf('review:p1');
		expect(Object.values(access)).not.toContain('write');
		expect(access.supervisorAssigned).toBe('read');
		expect(access.otherInstitution).toBe('none');
	});
});
