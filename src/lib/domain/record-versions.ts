// Versions of what the documents hold, kept the way tldraw keeps its migrations: each record type
// names its current version, the schema of that version, and the up-migrations from every older
// version, together. A reader brings an older record up to date before checking it (the stored
// value is left as it was written); a record of a version newer than this app knows, or an entry
// of a kind it does not know, is kept as it is and shown as needing a newer app — never counted as
// a violation, never dropped from the document.
import type { z } from 'zod';

/** Brings a record of one version to the next (the `v` field is set by `readRecord`). */
export type UpMigration = (old: Record<string, unknown>) => Record<string, unknown>;

export interface RecordType<S extends z.ZodType = z.ZodType> {
	/** The version this app writes. */
	version: number;
	/** The current version's schema (strict: a field it does not declare is refused). */
	schema: S;
	/** `up[n]` turns a record of version n into version n + 1. */
	up: Readonly<Record<number, UpMigration>>;
}

export function recordType<S extends z.ZodType>(
	schema: S,
	versions: { version?: number; up?: Record<number, UpMigration> } = {}
): RecordType<S> {
	return { version: versions.version ?? 1, schema, up: versions.up ?? {} };
}

export type ReadRecord<T> =
	| { status: 'ok'; value: T; writtenAs: number }
	/** Written by a newer app (`version`), or of a kind this app does not know: kept, not read. */
	| { status: 'newer'; version: number }
	| { status: 'invalid'; error: string };

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

/** The version a stored value says it has (`v`), or null when it has none that could be one. */
export function versionOf(raw: unknown): number | null {
	if (!isPlainObject(raw)) return null;
	const v = raw.v;
	return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : null;
}

/** A stored value read as the current version of its type: migrated up when older, kept aside when newer. */
export function readRecord<S extends z.ZodType>(type: RecordType<S>, raw: unknown): ReadRecord<z.output<S>> {
	const written = versionOf(raw);
	if (written === null) return { status: 'invalid', error: 'v: 缺少有效的版本号' };
	if (written > type.version) return { status: 'newer', version: written };
	let value = raw as Record<string, unknown>;
	for (let n = written; n < type.version; n++) {
		const step = type.up[n];
		if (!step) return { status: 'invalid', error: `v: 无法从第 ${n} 版升级` };
		value = { ...step(value), v: n + 1 };
	}
	const parsed = type.schema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {
			status: 'invalid',
			error: issue ? `${issue.path.join('.')}${issue.path.length ? ': ' : ''}${issue.message}` : 'invalid'
		};
	}
	return { status: 'ok', value: parsed.data, writtenAs: written };
}
