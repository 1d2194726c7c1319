// What a device knows about one synced document, and the one definition of "unsent" over them
// (the status bar, sign-out, clear-device and update prompts all use `unsentTotal`). No yjs here,
// so screens that only show the status do not load it.
import type { LocalSaveError } from './committed-persistence';

export interface DocStatus {
	name: string;
	isLoaded: boolean;
	isSavedLocally: boolean;
	localError: LocalSaveError | null;
	/** Records whose current state (a new value or a deletion) the server has not stored. */
	unsent: number;
	storedAt: string | null;
	access: 'read' | 'write' | 'unknown';
	refused: string | null;
	authError: string | null;
}

/**
 * Changes waiting for the server. A document the server only lets this user read can never store
 * local changes (they are refused and reported), so they do not hold sign-out hostage.
 */
export function unsentTotal(statuses: readonly DocStatus[]): number {
	return statuses.reduce((n, s) => n + (s.access === 'read' ? 0 : s.unsent), 0);
}

/**
 * Unsent changes of documents the server refused because they reached their size ceiling: waiting
 * never sends them, so they must not hold sign-out for ever. They stay on the device (signing out
 * keeps every document; clearing the device is still refused) and travel in a USB bundle.
 */
export function refusedTooLarge(statuses: readonly DocStatus[]): number {
	return statuses.reduce((n, s) => n + (s.access !== 'read' && s.refused === 'too-large' ? s.unsent : 0), 0);
}
