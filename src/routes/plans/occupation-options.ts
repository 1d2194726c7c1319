// The occupation/level choices of a plan: the catalogue in force on the exam day, each either
// choosable at the site or carrying the reason why not (rule: centre-config.ts planChoices).
import { CATALOG_2025_08, catalogFor, findOccupation } from '$lib/domain/catalog';
import { occupationLevel } from '$lib/i18n/catalog-words';
import { planChoices, type PlanChoice } from '$lib/domain/centre-config';
import type { Site } from '$lib/domain/record-schemas';

export type OccupationOption = PlanChoice;

/** Choosable options only (for editing an existing plan, whose site is fixed). */
export function occupationOptions(examDate: string, site: Site | undefined): OccupationOption[] {
	return allOccupationOptions(examDate, site).filter((o) => !o.refusal);
}

export function allOccupationOptions(examDate: string, site: Site | undefined): OccupationOption[] {
	const found = examDate ? catalogFor(examDate) : null;
	const catalog = found && found.ok ? found.catalog : CATALOG_2025_08;
	// The label in the reader's language (planChoices words it in Chinese for the server's refusals).
	return planChoices(catalog, site).map((c) => ({
		...c,
		label: occupationLevel(findOccupation(catalog, c.occupationId)?.name ?? c.occupationId, c.level)
	}));
}
