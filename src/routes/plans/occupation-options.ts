// The occupation/level choices of a plan: the catalogue in force on the exam day, each either
// choosable at the site or carrying the reason why not (rule: centre-config.ts planChoices).
import { CATALOG_2025_08, catalogFor } from '$lib/domain/catalog';
import { planChoices, type PlanChoice } from '$lib/domain/centre-config';
import type { Site } from '$lib/domain/record-schemas';

export type OccupationOption = PlanChoice;

/** Choosable options only (for editing an existing plan, whose site is fixed). */
export function occupationOptions(examDate: string, site: Site | undefined): OccupationOption[] {
	return allOccupationOptions(examDate, site).filter((o) => !o.refusal);
}

export function allOccupationOptions(examDate: string, site: Site | undefined): OccupationOption[] {
	const found = examDate ? catalogFor(examDate) : null;
	return planChoices(found && found.ok ? found.catalog : CATALOG_2025_08, site);
}
