// Reads a Y.Doc into plain data and checks it against the document model's zod schemas. Used by
// the server after every stored update and by the device before deriving any view: a value that
// breaks the schema is reported and left out, never allowed to crash a reader.
import * as Y from 'yjs';
import type { z } from 'zod';
import { parseDocName } from './doc-names';
import { CONFIG_MAPS, PLAN_MAPS, REGISTRY_MAPS } from '../domain/records';
import { checkEntry, type Entry } from '../domain/entries';

export interface Violation {
	path: string;
	message: string;
}

export interface DocContent {
	maps: Record<string, Map<string, unknown>>;
	entries: Entry[];
	violations: Violation[];
}

const ENTRY_MAP = 'entries';

function mapSchemasFor(docName: string): Record<string, z.ZodType> | null {
	const name = parseDocName(docName);
	if (!name) return null;
	if (name.kind === 'plan') return PLAN_MAPS;
	if (name.kind === 'config') return CONFIG_MAPS;
	if (name.kind === 'registry') return REGISTRY_MAPS;
	return {};
}

/** Validated content of a document: valid values by map, valid entries, and every violation. */
export function readDocContent(docName: string, doc: Y.Doc): DocContent {
	const schemas = mapSchemasFor(docName) ?? {};
	const maps: Record<string, Map<string, unknown>> = {};
	const violations: Violation[] = [];
	for (const [mapName, schema] of Object.entries(schemas)) {
		const valid = new Map<string, unknown>();
		doc.getMap(mapName).forEach((value, key) => {
			const result = schema.safeParse(value);
			if (result.success) valid.set(key, result.data);
			else violations.push({ path: `${mapName}/${key}`, message: result.error.issues[0]?.message ?? 'invalid' });
		});
		maps[mapName] = valid;
	}
	const entries: Entry[] = [];
	doc.getMap(ENTRY_MAP).forEach((value, key) => {
		const checked = checkEntry(value);
		if (checked.ok && checked.entry.id === key) entries.push(checked.entry);
		else
			violations.push({ path: `${ENTRY_MAP}/${key}`, message: checked.ok ? 'id does not match key' : checked.error });
	});
	return { maps, entries, violations };
}

/** Ids of entries added by an update, from the change event of the entries map. */
export function entriesMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ENTRY_MAP);
}
