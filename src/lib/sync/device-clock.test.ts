// The device's hybrid clock (entry-writes.ts): persisted across reloads, and advanced by the documents
// the device reads, not only the one it writes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { formatHlc } from '../domain/hlc';
import type { SyncedDoc } from './synced-doc';

const T = Date.parse('2026-11-21T02:00:00Z');
const HOUR = 3600_000;

/** A fresh page: the module state (the in-memory clock) is gone; localStorage is not. */
async function reload(): Promise<typeof import('./entry-writes')> {
	vi.resetModules();
	return import('./entry-writes');
}

function docWithEntry(wallMs: number): SyncedDoc {
	const doc = new Y.Doc();
	doc.getMap('entries').set('e-read-000001', {
		v: 1,
		id: 'e-read-000001',
		kind: 'note',
		at: new Date(wallMs).toISOString(),
		hlc: formatHlc({ wallMs, counter: 0 }, 'dev-other'),
		author: 'u-other',
		deviceId: 'dev-other',
		planId: 'p',
		data: { text: 'x' }
	});
	return { name: 'day:p:u-other', doc } as unknown as SyncedDoc;
}

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(T);
	const saved = new Map<string, string>();
	vi.stubGlobal('localStorage', {
		getItem: (k: string) => saved.get(k) ?? null,
		setItem: (k: string, v: string) => void saved.set(k, v)
	});
});
afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('the device clock', () => {
	it('survives a reload: a wall clock set back after a reload never stamps before an earlier stamp', async () => {
		const before = (await reload()).nextStamp(new Y.Doc(), 'dev-a', T);
		const after = (await reload()).nextStamp(new Y.Doc(), 'dev-a', T - 24 * HOUR);
		expect(after > before, `${after} after ${before}`).toBe(true);
	});

	it('observes the stamps of every document it reads', async () => {
		const records = await reload();
		records.readContent(docWithEntry(T + HOUR));
		const next = records.nextStamp(new Y.Doc(), 'dev-a', T);
		expect(next > formatHlc({ wallMs: T + HOUR, counter: 0 }, 'dev-other')).toBe(true);
	});

	it('does not carry a stamp far ahead in a document merely read into its own stamps', async () => {
		const records = await reload();
		records.readContent(docWithEntry(T + 48 * HOUR));
		expect(records.nextStamp(new Y.Doc(), 'dev-a', T)).toBe(formatHlc({ wallMs: T, counter: 0 }, 'dev-a'));
	});
});
