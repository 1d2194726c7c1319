// What a roster field with a fixed set of values may hold, for the pickers of the add form, the import's
// per-row fix fields and its bulk fix: the values are written as the row checks of roster-import.ts read
// them (a document type's name, 男/女, the occupation's catalogue name, a level's number, a condition's id),
// so a picked value always passes its own check. What a choice is called on screen is the caller's
// (interface language); catalogue names and condition descriptions stay as the catalogue writes them.
import { LEVELS, findOccupation, type CatalogVersion, type Level } from './catalog';
import { conditionsFor } from './eligibility';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_NAMES, type DocumentType } from './identity';
import { resolveOccupationName } from './centre-config';
import type { FormerName } from './record-schemas';
import { parseDocType, parseLevel, parseSex, type RosterField, type RosterValues } from './roster-import';

export const CHOICE_FIELDS = ['sex', 'idType', 'occupation', 'level', 'condition', 'certLevel'] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];
export const isChoiceField = (f: RosterField): f is ChoiceField => (CHOICE_FIELDS as readonly string[]).includes(f);

/** One value a picker offers, and what it means (the screen words it). */
export type Choice =
	| { value: string; sex: 'M' | 'F' }
	| { value: string; docType: DocumentType }
	| { value: string; occupationId: string; name: string }
	| { value: string; level: Level }
	| { value: string; conditionId: string; description: string; level: Level };

export interface ChoiceContext {
	catalog: CatalogVersion;
	/** The plan's occupations and levels: only they can be imported. */
	planOccupations: readonly { occupationId: string; level: number }[];
	formerNames?: readonly FormerName[];
}

const SEXES: Choice[] = [
	{ value: '男', sex: 'M' },
	{ value: '女', sex: 'F' }
];

/** The occupation a cell names (a current name, a 工种 name, or a former name), if any. */
function occupationOf(text: string, context: ChoiceContext): string | undefined {
	return text ? resolveOccupationName(text, context.catalog, context.formerNames ?? [])?.occupationId : undefined;
}

function planLevels(context: ChoiceContext, occupationId?: string): Level[] {
	const held = new Set(
		context.planOccupations.filter((o) => !occupationId || o.occupationId === occupationId).map((o) => o.level)
	);
	return LEVELS.filter((l) => held.has(l));
}

function conditionChoices(occupationId: string, level: Level): Choice[] {
	return conditionsFor(occupationId, level).map((c) => ({
		value: c.id,
		conditionId: c.id,
		description: c.description,
		level
	}));
}

/**
 * The values a field of one row may take: the plan's occupations; the levels the plan holds for the
 * row's occupation (every level the plan holds while the occupation is unknown); the conditions of the
 * row's occupation and level (none while either is unknown).
 */
export function rowChoices(field: ChoiceField, values: RosterValues, context: ChoiceContext): Choice[] {
	switch (field) {
		case 'sex':
			return SEXES;
		case 'idType':
			return DOCUMENT_TYPES.map((d) => ({ value: DOCUMENT_TYPE_NAMES[d], docType: d }));
		case 'occupation':
			return [...new Set(context.planOccupations.map((o) => o.occupationId))].flatMap((id) => {
				const o = findOccupation(context.catalog, id);
				return o ? [{ value: o.name, occupationId: id, name: o.name }] : [];
			});
		case 'level':
			return planLevels(context, occupationOf(values.occupation, context)).map((level) => ({
				value: String(level),
				level
			}));
		case 'condition': {
			const occupationId = occupationOf(values.occupation, context);
			const level = parseLevel(values.level);
			return occupationId && level ? conditionChoices(occupationId, level) : [];
		}
		case 'certLevel':
			return LEVELS.map((level) => ({ value: String(level), level }));
	}
}

/**
 * The values the bulk fix may set a column to, over every problem row: the plan's occupations, every
 * level it holds, every condition of those levels (each once), document types, sexes, levels.
 */
export function columnChoices(field: ChoiceField, context: ChoiceContext): Choice[] {
	if (field !== 'condition' && field !== 'level') return rowChoices(field, {} as RosterValues, context);
	if (field === 'level') return planLevels(context).map((level) => ({ value: String(level), level }));
	const seen = new Set<string>();
	return context.planOccupations.flatMap((o) =>
		conditionChoices(o.occupationId, o.level as Level).filter((c) => !seen.has(c.value) && seen.add(c.value))
	);
}

/**
 * The picker's value for a cell as the file wrote it ("三级" → "3", "F" → "女", "身份证" → its full name),
 * or the text itself when it names none of the choices (the picker then shows it as it is).
 */
export function choiceValue(field: ChoiceField, text: string, choices: readonly Choice[]): string {
	const raw = text.trim();
	if (raw === '') return field === 'idType' ? DOCUMENT_TYPE_NAMES['resident-id'] : ''; // an empty type is the ID card
	let value: string | undefined;
	if (field === 'sex') value = SEXES.find((c) => 'sex' in c && c.sex === parseSex(raw))?.value;
	else if (field === 'idType') {
		const type = parseDocType(raw);
		value = type ? DOCUMENT_TYPE_NAMES[type] : undefined;
	} else if (field === 'level' || field === 'certLevel') {
		const level = parseLevel(raw);
		value = level ? String(level) : undefined;
	} else if (field === 'condition')
		value = choices.find((c) => 'conditionId' in c && (c.conditionId === raw || c.description === raw))?.value;
	else value = choices.find((c) => c.value === raw)?.value;
	return value !== undefined && choices.some((c) => c.value === value) ? value : raw;
}
