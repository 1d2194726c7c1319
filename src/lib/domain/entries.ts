// Entries: what a person records on a device (day documents) or at the desk (review documents).
// Entries are append-only: a correction is a new entry naming the one it corrects, with a reason.
// `kind` decides the shape of `data`. An entry of a kind this app does not know, or of a version
// newer than it knows, was written by a newer app: it is kept in the document and shown as needing
// a newer app, never dropped and never a violation (record-versions.ts).
import { z } from 'zod';
import { readRecord, recordType } from './record-versions';
import { DAY_ENTRY_SCHEMAS } from './day-entries';
import { REVIEW_ENTRY_SCHEMAS } from './review-entries';
import { isValidHlc } from './hlc';
import { TEXT_MAX } from './text-limits';

export const entryBaseSchema = z.strictObject({
	v: z.literal(1),
	id: z.string().min(8).max(64),
	kind: z.string().min(1).max(40),
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
	reason: z.string().max(TEXT_MAX.note).optional(),
	data: z.record(z.string(), z.unknown())
});
export type Entry = z.infer<typeof entryBaseSchema>;

const note = z.object({ text: z.string().min(1).max(TEXT_MAX.note) });

/**
 * Known kinds and their data: day-document kinds (proctors, examiners) live in day-entries.ts,
 * review-document kinds (supervisors) in review-entries.ts.
 */
export const ENTRY_DATA_SCHEMAS: Record<string, z.ZodType> = {
	note,
	...DAY_ENTRY_SCHEMAS,
	...REVIEW_ENTRY_SCHEMAS
};

/** Entries' versions: this app writes version 1 of every kind (none has changed shape yet). */
export const ENTRY_TYPE = recordType(entryBaseSchema);

export type EntryCheck =
	| { status: 'ok'; entry: Entry }
	/** Written by a newer app: a version or a kind this app does not know. Kept, not read. */
	| { status: 'newer'; version: number; kind?: string }
	| { status: 'invalid'; error: string };

export function checkEntry(value: unknown): EntryCheck {
	// Whatever its version, an entry names its kind: without one it is no entry at all.
	const kind = (value as { kind?: unknown } | null)?.kind;
	if (typeof kind !== 'string' || !kind || kind.length > 40) return { status: 'invalid', error: 'kind: 缺少记录类型' };
	const base = readRecord(ENTRY_TYPE, value);
	if (base.status === 'newer') return { ...base, kind };
	if (base.status === 'invalid') return base;
	const dataSchema = ENTRY_DATA_SCHEMAS[base.value.kind];
	if (!dataSchema) return { status: 'newer', version: base.value.v, kind: base.value.kind };
	const data = dataSchema.safeParse(base.value.data);
	if (!data.success)
		return {
			status: 'invalid',
			error: data.error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`).join('; ')
		};
	return { status: 'ok', entry: base.value };
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
