// Reads a Y.Doc into plain data and checks it against the document model's zod schemas. Used by
// the server after every stored update and by the device before deriving any view: a value of an
// older version is migrated up first (record-versions.ts); a value that breaks the schema is reported
// and left out, never allowed to crash a reader; a value written by a newer app is kept in the
// document and listed as needing a newer app — neither read nor counted as a violation.
import * as Y from 'yjs';
import { parseDocName } from './doc-names';
import { CONFIG_MAPS, PLAN_MAPS, REGISTRY_MAPS } from '../domain/record-schemas';
import { checkEntry, type Entry } from '../domain/entries';
import { readRecord, type ReadRecord, type RecordType } from '../domain/record-versions';

export interface Violation {
	path: string;
	message: string;
}

/** A value this app cannot read because a newer app wrote it: `version` is the one it says it has. */
export interface NewerValue {
	path: string;
	version: number;
	/** An entry's kind (this app may not know it). */
	kind?: string;
}

export interface DocContent {
	maps: Record<string, Map<string, unknown>>;
	entries: Entry[];
	violations: Violation[];
	newer: NewerValue[];
}

const ENTRY_MAP = 'entries';

/**
 * Checks already made, by the value's identity: a Yjs map hands out the same object for a value
 * until it is replaced, so a read after an update validates only the values that update wrote
 * (the device reads a document's content on every update; the server after each quiet spell).
 * Primitives and nested Yjs types (which change in place) are checked every time.
 */
const recordChecks = new WeakMap<RecordType, WeakMap<object, ReadRecord<unknown>>>();
const entryChecks = new WeakMap<object, ReturnType<typeof checkEntry>>();
/** Values actually validated (not found among the checks made): tests count them. */
export const validationStats = { validated: 0 };

const isCacheable = (value: unknown): value is object =>
	typeof value === 'object' && value !== null && !(value instanceof Y.AbstractType);

function checkValue(type: RecordType, value: unknown): ReadRecord<unknown> {
	if (!isCacheable(value)) {
		validationStats.validated++;
		return readRecord(type, value);
	}
	let checks = recordChecks.get(type);
	if (!checks) recordChecks.set(type, (checks = new WeakMap()));
	let result = checks.get(value);
	if (!result) {
		validationStats.validated++;
		checks.set(value, (result = readRecord(type, value)));
	}
	return result;
}

function checkEntryValue(value: unknown): ReturnType<typeof checkEntry> {
	if (!isCacheable(value)) {
		validationStats.validated++;
		return checkEntry(value);
	}
	let result = entryChecks.get(value);
	if (!result) {
		validationStats.validated++;
		entryChecks.set(value, (result = checkEntry(value)));
	}
	return result;
}

function mapSchemasFor(docName: string): Record<string, RecordType> | null {
	const name = parseDocName(docName);
	if (!name) return null;
	// A roster slice holds a part of a plan's maps, with the same schemas.
	if (name.kind === 'plan' || name.kind === 'roster') return PLAN_MAPS;
	if (name.kind === 'config') return CONFIG_MAPS;
	if (name.kind === 'registry') return REGISTRY_MAPS;
	return {};
}

/** Validated content of a document: valid values by map, valid entries, and every violation. */
export function readDocContent(docName: string, doc: Y.Doc): DocContent {
	const steps = contentSteps(docName, doc);
	for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same, giving way (`pause`, e.g. a setImmediate on the server) whenever a slice of checks has
 * taken SLICE_MS: validating a document of 100,000 entries does not hold up everyone else.
 */
export async function readDocContentInSlices(
	docName: string,
	doc: Y.Doc,
	pause: () => Promise<void>
): Promise<DocContent> {
	const steps = contentSteps(docName, doc);
	for (let step = steps.next(); ; step = steps.next()) {
		if (step.done) return step.value;
		await pause();
	}
}

const SLICE_MS = 8;

/** Checks every value; yields when a slice has taken SLICE_MS. Values are read first, so a change
 * made while paused is left for the next validation. */
function* contentSteps(docName: string, doc: Y.Doc): Generator<void, DocContent> {
	const schemas = mapSchemasFor(docName) ?? {};
	const maps: Record<string, Map<string, unknown>> = {};
	const violations: Violation[] = [];
	const newer: NewerValue[] = [];
	let sliceStart = Date.now();
	let checked = 0;
	const isSliceOver = () => {
		if (++checked % 64 !== 0 || Date.now() - sliceStart < SLICE_MS) return false;
		sliceStart = Date.now();
		return true;
	};
	for (const [mapName, type] of Object.entries(schemas)) {
		const valid = new Map<string, unknown>();
		for (const [key, value] of [...doc.getMap(mapName).entries()]) {
			const read = checkValue(type, value);
			if (read.status === 'ok') valid.set(key, read.value);
			else if (read.status === 'newer') newer.push({ path: `${mapName}/${key}`, version: read.version });
			else violations.push({ path: `${mapName}/${key}`, message: read.error });
			if (isSliceOver()) yield;
		}
		maps[mapName] = valid;
	}
	const entries: Entry[] = [];
	for (const [key, value] of [...doc.getMap(ENTRY_MAP).entries()]) {
		const checkedEntry = checkEntryValue(value);
		const path = `${ENTRY_MAP}/${key}`;
		if (checkedEntry.status === 'newer') newer.push({ path, version: checkedEntry.version, kind: checkedEntry.kind });
		else if (checkedEntry.status === 'ok' && checkedEntry.entry.id === key) entries.push(checkedEntry.entry);
		else
			violations.push({ path, message: checkedEntry.status === 'ok' ? 'id does not match key' : checkedEntry.error });
		if (isSliceOver()) yield;
	}
	return { maps, entries, violations, newer };
}

/** Ids of entries added by an update, from the change event of the entries map. */
export function entriesMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ENTRY_MAP);
}
