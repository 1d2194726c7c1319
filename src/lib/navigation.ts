// Where each role goes from a plan on the home screen. One list, so the home screen and the
// screens themselves agree on the routes.

export interface PlanAction {
	id: string;
	href: string;
	/** i18n key */
	label: string;
}

export function planActions(role: string, planId: string): PlanAction[] {
	const p = encodeURIComponent(planId);
	switch (role) {
		case 'institution-admin':
			return [{ id: 'plan', href: `/plans/${p}`, label: 'nav.planSetup' }];
		case 'centre-admin':
			return [
				{ id: 'plan', href: `/plans/${p}`, label: 'nav.planSetup' },
				{ id: 'desk', href: `/desk/${p}`, label: 'nav.desk' }
			];
		case 'district-bureau':
			return [{ id: 'plan', href: `/plans/${p}`, label: 'nav.districtReview' }];
		case 'supervisor':
			return [{ id: 'desk', href: `/desk/${p}`, label: 'nav.desk' }];
		case 'proctor':
			return [{ id: 'proctor', href: `/proctor/${p}`, label: 'nav.proctor' }];
		case 'examiner':
			return [{ id: 'examiner', href: `/examiner/${p}`, label: 'nav.examiner' }];
		default:
			return [];
	}
}
