// Typed access to what the documents hold: append an entry to a day or review document, read
// validated entries and records. Writes go through here so nothing invalid is ever written.
import * as Y from 'yjs';
import { checkEntry, type Entry } from '../domain/entries';
import { formatHlc, observe, parseHlc, tick, type HlcState } from '../domain/hlc';
import { readDocContent, entriesMap, type DocContent } from './doc-content';
import type { SyncedDoc } from './synced-doc';

export class InvalidEntryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidEntryError';
	}
}

let clock: HlcState = { wallMs: 0, counter: 0 };

/** The next hybrid-clock stamp, after every stamp already in the document. */
export function nextStamp(doc: Y.Doc, deviceId: string, nowMs = Date.now()): string {
	let latest: string | null = null;
	entriesMap(doc).forEach((value) => {
		const hlc = (value as { hlc?: unknown })?.hlc;
		if (typeof hlc === 'string' && parseHlc(hlc) && (!latest || hlc > latest)) latest = hlc;
	});
	if (latest) clock = observe(clock, latest, nowMs);
	clock = tick(clock, nowMs);
	return formatHlc(clock, deviceId);
}

/** Appends a new entry and resolves once it is committed on this device. */
export async function appendEntry(synced: SyncedDoc, entry: Entry): Promise<void> {
	const checked = checkEntry(entry);
	if (!checked.ok) throw new InvalidEntryError(checked.error);
	const map = entriesMap(synced.doc);
	if (map.has(entry.id)) throw new InvalidEntryError(`记录 ${entry.id} 已存在`);
	map.set(entry.id, entry);
	await synced.whenSavedLocally();
}

export interface NewEntry {
	kind: string;
	author: string;
	planId: string;
	data: Record<string, unknown>;
	candidateId?: string;
	scope?: string;
	corrects?: string;
	reason?: string;
}

/**
 * Stamps a new entry (id, device time, hybrid clock, device id), appends it and resolves once it
 * is committed on this device. The one way the app records anything.
 */
export async function recordEntry(synced: SyncedDoc, fields: NewEntry, device: string): Promise<Entry> {
	const entry: Entry = {
		v: 1,
		id: newEntryId(),
		kind: fields.kind,
		at: new Date().toISOString(),
		hlc: nextStamp(synced.doc, device),
		author: fields.author,
		deviceId: device,
		planId: fields.planId,
		...(fields.candidateId ? { candidateId: fields.candidateId } : {}),
		...(fields.scope ? { scope: fields.scope } : {}),
		...(fields.corrects ? { corrects: fields.corrects } : {}),
		...(fields.reason ? { reason: fields.reason } : {}),
		data: fields.data
	};
	await appendEntry(synced, entry);
	return entry;
}

export function readContent(synced: SyncedDoc): DocContent {
	return readDocContent(synced.name, synced.doc);
}

export function newEntryId(): string {
	return `e-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 12)}`;
}
