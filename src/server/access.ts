// Who may open which document: owners write, people with a part in the plan read, everyone else
// is refused. Pure over the facts the store provides, so it is tested without a server.
// Proctors and examiners never open the plan document (every candidate's ID number and phone):
// they read their own roster slice, which only the server writes (roster-slices.ts), and not the
// registry (review comments, spot-check notes, late changes): the slice carries its info and examiners.
import { parseDocName, readsRosterSlice } from '../lib/sync/doc-names';
import type { PlanRow, Role } from './store';

export type Access = 'write' | 'read' | 'none';

export interface AccessFacts {
	user: { id: string; role: Role; organisationId: string; district: string };
	plan?: PlanRow;
	isAssignedToPlan: boolean;
}

export function accessFor(docName: string, facts: AccessFacts): Access {
	const name = parseDocName(docName);
	if (!name) return 'none';
	const { user, plan, isAssignedToPlan } = facts;
	// Only the server writes the config document; the centre changes it through /api/centre.
	if (name.kind === 'config') return 'read';
	if (!plan) return 'none';

	const isOwnInstitution = user.organisationId === plan.institutionId;
	const isCentre = user.role === 'centre-admin';
	const isDistrictOfPlan = user.role === 'district-bureau' && user.district === plan.district;
	const isInstitutionAdmin = user.role === 'institution-admin' && isOwnInstitution;
	const isPlanSupervisor = user.role === 'supervisor' && (isAssignedToPlan || isOwnInstitution);

	switch (name.kind) {
		case 'plan':
			if (isInstitutionAdmin) return 'write';
			if (readsRosterSlice(user.role)) return 'none';
			return isCentre || isDistrictOfPlan || isPlanSupervisor || isAssignedToPlan ? 'read' : 'none';
		case 'registry':
			// Written only by the server (district reviews and spot checks through /api/plans). Proctors
			// and examiners get what they need of it (info, dispatched examiners) in their slice.
			if (readsRosterSlice(user.role)) return 'none';
			return isInstitutionAdmin || isCentre || isDistrictOfPlan || isPlanSupervisor || isAssignedToPlan
				? 'read'
				: 'none';
		case 'day':
			if (name.userId === user.id) return isAssignedToPlan ? 'write' : 'none';
			// Supervisors reconcile every device; staff of the plan read each other's records, so
			// co-invigilators of a room see both tablets' check-ins and a panel chair sees the
			// panel's aggregate.
			if (isCentre || isInstitutionAdmin || isPlanSupervisor || isDistrictOfPlan) return 'read';
			return isAssignedToPlan ? 'read' : 'none';
		case 'roster':
			return name.userId === user.id && isAssignedToPlan && readsRosterSlice(user.role) ? 'read' : 'none';
		case 'review':
			// One writer: the person the document is named after, if they may write review entries
			// for this plan at all (which kinds each role may make is the domain's entry-rules.ts).
			if (name.userId === user.id && (isPlanSupervisor || isInstitutionAdmin || isCentre)) return 'write';
			return isPlanSupervisor || isInstitutionAdmin || isCentre || isDistrictOfPlan || isAssignedToPlan
				? 'read'
				: 'none';
		case 'review-legacy':
			return isPlanSupervisor || isInstitutionAdmin || isCentre || isDistrictOfPlan || isAssignedToPlan
				? 'read'
				: 'none';
	}
}
