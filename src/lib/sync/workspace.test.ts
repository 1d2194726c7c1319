// Documents a screen holds are closed once no screen holds them (after CLOSE_AFTER_MS), never
// while held, never when kept for the session, and never with a change the server has not stored.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_AFTER_MS, Workspace } from './workspace';
import { encodeStored } from './server-messages';
import type { SyncedDoc } from './synced-doc';

let workspace: Workspace;
let shown: string[][];

beforeEach(() => {
	// Only the timers: IndexedDB (fake-indexeddb) still settles on its own.
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	workspace = new Workspace(`u-${Math.random()}`, 'ws://unused', () => '');
	shown = [];
	workspace.onChange((all) => shown.push(all.map((s) => s.name)));
});

afterEach(async () => {
	await workspace.close();
	vi.useRealTimers();
});

const isOpen = (name: string) => workspace.docs.has(name);

/** The server's receipt for everything `doc` holds, delivered as the provider would. */
function storedAll(synced: SyncedDoc): void {
	const payload = encodeStored(
		Y.encodeStateVector(synced.doc),
		0,
		Y.encodeSnapshot(Y.createSnapshot(Y.snapshot(synced.doc).ds, new Map()))
	);
	(synced as unknown as { onServerMessage(p: string): void }).onServerMessage(JSON.stringify(payload));
}

it('a document no screen holds any more is closed CLOSE_AFTER_MS after the last release, and leaves the statuses', async () => {
	const doc = workspace.hold('day:p:u-peer');
	await doc.whenLoaded;
	workspace.release('day:p:u-peer');
	vi.advanceTimersByTime(CLOSE_AFTER_MS - 1);
	expect(isOpen('day:p:u-peer'), 'still open within the wait').toBe(true);
	vi.advanceTimersByTime(1);
	expect(isOpen('day:p:u-peer')).toBe(false);
	expect(shown.at(-1)).not.toContain('day:p:u-peer');
});

it('a document is never closed while a screen holds it: two holds need two releases', async () => {
	const doc = workspace.hold('day:p:u-peer');
	workspace.hold('day:p:u-peer');
	await doc.whenLoaded;
	workspace.release('day:p:u-peer');
	vi.advanceTimersByTime(CLOSE_AFTER_MS * 3);
	expect(isOpen('day:p:u-peer')).toBe(true);
	workspace.release('day:p:u-peer');
	vi.advanceTimersByTime(CLOSE_AFTER_MS);
	expect(isOpen('day:p:u-peer')).toBe(false);
});

it('held again within the wait, the same document stays open (nothing is reopened)', async () => {
	const first = workspace.hold('review:p:u-other');
	await first.whenLoaded;
	workspace.release('review:p:u-other');
	vi.advanceTimersByTime(CLOSE_AFTER_MS / 2);
	expect(workspace.hold('review:p:u-other')).toBe(first);
	vi.advanceTimersByTime(CLOSE_AFTER_MS * 2);
	expect(isOpen('review:p:u-other')).toBe(true);
});

it('a document kept for the session is not closed when a screen that also held it releases it', async () => {
	const kept = workspace.open('day:p:u-me');
	workspace.hold('day:p:u-me');
	await kept.whenLoaded;
	workspace.release('day:p:u-me');
	vi.advanceTimersByTime(CLOSE_AFTER_MS * 2);
	expect(isOpen('day:p:u-me')).toBe(true);
	// Its statuses change as the person writes and the server stores: still kept.
	kept.doc.getMap('entries').set('e-1', { id: 'e-1' });
	await kept.whenSavedLocally();
	storedAll(kept);
	expect(kept.status.unsent).toBe(0);
	expect(isOpen('day:p:u-me')).toBe(true);
});

it('a released document with a change the server has not stored stays open, and closes once it is stored', async () => {
	const doc = workspace.hold('review:p:u-me');
	await doc.whenLoaded;
	doc.doc.getMap('entries').set('e-1', { id: 'e-1' });
	await doc.whenSavedLocally();
	expect(doc.status.unsent).toBe(1);
	workspace.release('review:p:u-me');
	vi.advanceTimersByTime(CLOSE_AFTER_MS * 2);
	expect(isOpen('review:p:u-me'), 'an unsent change keeps it open').toBe(true);
	storedAll(doc);
	expect(isOpen('review:p:u-me')).toBe(false);
});
