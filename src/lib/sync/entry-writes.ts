// Typed access to what the documents hold: append an entry to a day or review document, read
// validated entries and records. Writes go through here so nothing invalid is ever written.
import * as Y from 'yjs';
import { checkNewEntry, type EntryDataInput, type EntryFields, type EntryKind, type EntryOf } from '../domain/entries';
import { formatHlc, observe, parseHlc, tick, type HlcState } from '../domain/hlc';
import { readDocContent, entriesMap, type DocContent } from './doc-content';
import type { SyncedDoc } from './synced-doc';

export class InvalidEntryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidEntryError';
	}
}

// The device's hybrid clock: persisted, so a reload or a wall clock set back never makes this
// device's next stamp sort before one it already made or saw, and advanced by every document the
// device reads (readContent), not only the one it writes.
const CLOCK_KEY = 'kaowu.hlc';

function loadClock(): HlcState {
	try {
		const saved = JSON.parse(globalThis.localStorage?.getItem(CLOCK_KEY) ?? 'null') as Partial<HlcState> | null;
		if (saved && Number.isSafeInteger(saved.wallMs) && Number.isSafeInteger(saved.counter))
			return { wallMs: saved.wallMs!, counter: saved.counter! };
	} catch {
		// Unreadable or absent storage: start from the wall clock, as a new device does.
	}
	return { wallMs: 0, counter: 0 };
}

let clock: HlcState = loadClock();

function advance(next: HlcState): void {
	if (next.wallMs === clock.wallMs && next.counter === clock.counter) return;
	clock = next;
	try {
		globalThis.localStorage?.setItem(CLOCK_KEY, JSON.stringify(clock));
	} catch {
		// Storage full or blocked: the clock still holds for this page's life.
	}
}

function latestStamp(stamps: Iterable<unknown>): string | null {
	let latest: string | null = null;
	for (const hlc of stamps) if (typeof hlc === 'string' && parseHlc(hlc) && (!latest || hlc > latest)) latest = hlc;
	return latest;
}

/** Lets the device clock see a stamp read from any document. */
function observeStamp(stamp: string | null, nowMs: number): void {
	if (stamp) advance(observe(clock, stamp, nowMs));
}

/** The next hybrid-clock stamp, after every stamp already in the document and every one read before. */
export function nextStamp(doc: Y.Doc, deviceId: string, nowMs = Date.now()): string {
	const stamps: unknown[] = [];
	entriesMap(doc).forEach((value) => stamps.push((value as { hlc?: unknown })?.hlc));
	observeStamp(latestStamp(stamps), nowMs);
	advance(tick(clock, nowMs));
	return formatHlc(clock, deviceId);
}

/** Appends a new entry and resolves once it is committed on this device. */
export async function appendEntry<K extends EntryKind>(synced: SyncedDoc, fields: EntryFields<K>): Promise<EntryOf<K>> {
	const checked = checkNewEntry(fields);
	if (!checked.ok) throw new InvalidEntryError(checked.error);
	const map = entriesMap(synced.doc);
	if (map.has(fields.id)) throw new InvalidEntryError(`记录 ${fields.id} 已存在`);
	map.set(fields.id, checked.entry);
	await synced.whenSavedLocally();
	return checked.entry;
}

export interface NewEntry<K extends EntryKind = EntryKind> {
	kind: K;
	author: string;
	planId: string;
	data: EntryDataInput<K>;
	candidateId?: string;
	scope?: string;
	corrects?: string;
	reason?: string;
	/** When it was recorded (ISO): the exam clock the server gives (serverClock); the device's clock if not given. */
	at?: string;
}

/**
 * Stamps a new entry (id, device time, hybrid clock, device id), appends it and resolves once it
 * is committed on this device. The one way the app records anything.
 */
export async function recordEntry<K extends EntryKind>(
	synced: SyncedDoc,
	fields: NewEntry<K>,
	device: string
): Promise<EntryOf<K>> {
	return appendEntry(synced, {
		v: 1,
		id: newEntryId(),
		kind: fields.kind,
		at: fields.at ?? new Date().toISOString(),
		hlc: nextStamp(synced.doc, device),
		author: fields.author,
		deviceId: device,
		planId: fields.planId,
		...(fields.candidateId ? { candidateId: fields.candidateId } : {}),
		...(fields.scope ? { scope: fields.scope } : {}),
		...(fields.corrects ? { corrects: fields.corrects } : {}),
		...(fields.reason ? { reason: fields.reason } : {}),
		data: fields.data
	});
}

/**
 * How far ahead of this device's wall clock a stamp read from another document may move the device
 * clock. The written document's own stamps are always observed (a correction must sort after what
 * it corrects); a stamp far ahead in a document merely read is left to the server's receipt-time
 * judgement (entry-times.ts) rather than carried into every later stamp of this device.
 */
const READ_OBSERVE_AHEAD_MS = 24 * 3600_000;

/** A document's validated content; the device clock observes the stamps read. */
export function readContent(synced: SyncedDoc): DocContent {
	const content = readDocContent(synced.name, synced.doc);
	const nowMs = Date.now();
	observeStamp(
		latestStamp(
			content.entries
				.map((e) => e.hlc)
				.filter((h) => (parseHlc(h)?.wallMs ?? Infinity) <= nowMs + READ_OBSERVE_AHEAD_MS)
		),
		nowMs
	);
	return content;
}

export function newEntryId(): string {
	return `e-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 12)}`;
}
