// Entries: what a person records on a device (day documents) or at the desk (review documents).
// Entries are append-only: a correction is a new entry naming the one it corrects, with a reason.
// `kind` decides the shape of `data`. An entry of a kind this app does not know, or of a version
// newer than it knows, was written by a newer app: it is kept in the document and shown as needing
// a newer app, never dropped and never a violation (record-versions.ts).
import { z } from 'zod';
import { readRecord, recordType, versionOf } from './record-versions';
import { DAY_ENTRY_SCHEMAS } from './day-entries';
import { REVIEW_ENTRY_SCHEMAS } from './review-entries';
import { isValidHlc } from './hlc';
import { TEXT_MAX, maxLengthOf } from './text-limits';

/** What every entry carries besides its kind and data. */
const envelopeSchema = z.strictObject({
	v: z.literal(1),
	id: z.string().min(8).max(64),
	/** Device wall-clock time when recorded (ISO); may be wrong, see `hlc`. */
	at: z.string().max(40),
	/** Hybrid logical clock stamp: orders entries across devices whose clocks disagree. */
	hlc: z.string().max(64).refine(isValidHlc, 'hybrid clock stamp not in the one strict format'),
	author: z.string().min(1).max(TEXT_MAX.id),
	deviceId: z.string().min(1).max(TEXT_MAX.id),
	planId: z.string().min(1).max(TEXT_MAX.id),
	candidateId: z.string().max(TEXT_MAX.id).optional(),
	/** Room, group or panel the entry belongs to (for per-room status). */
	scope: z.string().max(TEXT_MAX.id).optional(),
	corrects: z.string().max(TEXT_MAX.id).optional(),
	reason: z.string().max(TEXT_MAX.note).optional()
});

const note = z.strictObject({ text: z.string().min(1).max(TEXT_MAX.note) });
export type NoteData = z.infer<typeof note>;

/**
 * Known kinds and their data: day-document kinds (proctors, examiners) live in day-entries.ts,
 * review-document kinds (supervisors) in review-entries.ts.
 */
/** The longest correction reason an entry takes (the inputs' maxlength), from the envelope schema. */
export const ENTRY_TEXT_MAX = { reason: maxLengthOf(envelopeSchema.shape.reason) };

export const ENTRY_DATA_SCHEMAS = {
	note,
	...DAY_ENTRY_SCHEMAS,
	...REVIEW_ENTRY_SCHEMAS
};
export type EntryKind = keyof typeof ENTRY_DATA_SCHEMAS;
export const ENTRY_KINDS = Object.keys(ENTRY_DATA_SCHEMAS) as EntryKind[];
export const isEntryKind = (kind: string): kind is EntryKind => Object.hasOwn(ENTRY_DATA_SCHEMAS, kind);

/** The data of an entry of kind K as read (defaults filled in). */
export type EntryData<K extends EntryKind> = z.output<(typeof ENTRY_DATA_SCHEMAS)[K]>;
/** The data of an entry of kind K as a writer gives it. */
export type EntryDataInput<K extends EntryKind> = z.input<(typeof ENTRY_DATA_SCHEMAS)[K]>;
type Envelope = z.output<typeof envelopeSchema>;
/** Any entry: a discriminated union on `kind` (narrow with `e.kind === '…'` or `isKind`). */
export type Entry = { [K in EntryKind]: Envelope & { kind: K; data: EntryData<K> } }[EntryKind];
/** An entry of one kind (or of some kinds): `kind` decides the type of `data`. */
export type EntryOf<K extends EntryKind> = Extract<Entry, { kind: K }>;

const entrySchemaOf = (kind: EntryKind) =>
	envelopeSchema.extend({ kind: z.literal(kind), data: ENTRY_DATA_SCHEMAS[kind] });

/** Every known entry, one strict schema per kind, as a zod discriminated union on `kind`. */
export const entrySchema = z.discriminatedUnion(
	'kind',
	ENTRY_KINDS.map(entrySchemaOf) as unknown as [ReturnType<typeof entrySchemaOf>]
) as unknown as z.ZodType<Entry>;

/** Entries' versions: this app writes version 1 of every kind (none has changed shape yet). */
export const ENTRY_TYPE = recordType(entrySchema);

export function isKind<K extends EntryKind>(e: Entry, kind: K): e is EntryOf<K> {
	return e.kind === kind;
}

/** The entries of one kind, typed. */
export function ofKind<K extends EntryKind>(entries: Iterable<Entry>, kind: K): EntryOf<K>[] {
	const out: EntryOf<K>[] = [];
	for (const e of entries) if (isKind(e, kind)) out.push(e);
	return out;
}

/** The session a day entry belongs to, for the kinds that name one. */
export function sessionIdOf(e: Entry): string | undefined {
	return 'sessionId' in e.data ? e.data.sessionId : undefined;
}

/** The group a score sheet belongs to. */
export function groupIdOf(e: Entry): string | undefined {
	return 'groupId' in e.data ? e.data.groupId : undefined;
}

/** An entry of kind K as a writer gives it, before it is checked. */
export type EntryFields<K extends EntryKind> = Envelope & { kind: K; data: EntryDataInput<K> };

/** Checks an entry about to be written: the entry as every reader will read it, or why it cannot be. */
export function checkNewEntry<K extends EntryKind>(
	fields: EntryFields<K>
): { ok: true; entry: EntryOf<K> } | { ok: false; error: string } {
	const checked = checkEntry(fields);
	if (checked.status === 'ok') return { ok: true, entry: checked.entry as EntryOf<K> };
	return { ok: false, error: checked.status === 'newer' ? `未知的记录类型：${fields.kind}` : checked.error };
}

export type EntryCheck =
	| { status: 'ok'; entry: Entry }
	/** Written by a newer app: a version or a kind this app does not know. Kept, not read. */
	| { status: 'newer'; version: number; kind?: string }
	| { status: 'invalid'; error: string };

export function checkEntry(value: unknown): EntryCheck {
	// Whatever its version, an entry names its kind: without one it is no entry at all.
	const kind = (value as { kind?: unknown } | null)?.kind;
	if (typeof kind !== 'string' || !kind || kind.length > 40) return { status: 'invalid', error: 'kind: 缺少记录类型' };
	if (!isEntryKind(kind)) {
		// A kind this app does not know: a newer app's.
		const version = versionOf(value);
		return version === null ? { status: 'invalid', error: 'v: 缺少有效的版本号' } : { status: 'newer', version, kind };
	}
	const read = readRecord(ENTRY_TYPE, value);
	if (read.status === 'newer') return { ...read, kind };
	if (read.status === 'invalid') return read;
	return { status: 'ok', entry: read.value };
}

export interface CurrentView {
	/** The entry in force for each chain (the latest correction), keyed by the chain's first id. */
	current: Map<string, Entry>;
	/** Corrections that name an entry nobody has (yet): shown, never applied silently. */
	orphans: Entry[];
}

/**
 * Folds corrections: an entry that corrects another replaces it in the current view; the corrected
 * one stays in the log. When two corrections of the same entry exist, the later HLC wins here and
 * reconciliation reports the fork.
 */
export function currentEntries(entries: Iterable<Entry>): CurrentView {
	const byId = new Map<string, Entry>();
	for (const e of entries) byId.set(e.id, e);
	const rootOf = (e: Entry): string | null => {
		let cursor: Entry | undefined = e;
		const seen = new Set<string>();
		while (cursor?.corrects) {
			if (seen.has(cursor.id)) return null;
			seen.add(cursor.id);
			const next = byId.get(cursor.corrects);
			if (!next) return null;
			cursor = next;
		}
		return cursor ? cursor.id : null;
	};
	const current = new Map<string, Entry>();
	const orphans: Entry[] = [];
	for (const e of byId.values()) {
		const root = rootOf(e);
		if (root === null) {
			orphans.push(e);
			continue;
		}
		const held = current.get(root);
		if (!held || compareHlc(e.hlc, held.hlc) > 0) current.set(root, e);
	}
	return { current, orphans };
}

export function compareHlc(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
