// The occupation/level choices of a plan: the catalogue in force on the exam day, limited to what
// the site is approved to host.
import { CATALOG_2025_08, LEVEL_NAMES, catalogFor, type Level } from '$lib/domain/catalog';
import type { Site } from '$lib/domain/records';

export interface OccupationOption {
	key: string;
	occupationId: string;
	level: Level;
	label: string;
}

export function occupationOptions(examDate: string, site: Site | undefined): OccupationOption[] {
	const found = examDate ? catalogFor(examDate) : null;
	const catalog = found && found.ok ? found.catalog : CATALOG_2025_08;
	return catalog.occupations
		.filter((o) => !site || site.occupationIds.includes(o.id))
		.flatMap((o) =>
			o.levels.map((l) => ({
				key: `${o.id}|${l.level}`,
				occupationId: o.id,
				level: l.level as Level,
				label: `${o.name} ${LEVEL_NAMES[l.level]}`
			}))
		);
}
