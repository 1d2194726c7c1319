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
