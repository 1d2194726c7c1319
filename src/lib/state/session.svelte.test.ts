// Sign-out is refused while anything is not stored on the server: records not yet committed on the
// device, records on their way, and (unless the person confirms) records the server refused as too
// large. A document the server lets this person only read never holds sign-out.
import { describe, expect, it } from 'vitest';
import { Session } from './session.svelte';
import type { DocStatus } from '../sync/doc-status';

const status = (name: string, over: Partial<DocStatus> = {}): DocStatus => ({
	name,
	isLoaded: true,
	isSavedLocally: true,
	localError: null,
	unsent: 0,
	storedAt: '2027-01-16T01:00:00.000Z',
	access: 'write',
	refused: null,
	authError: null,
	...over
});

function sessionWith(statuses: DocStatus[]): Session {
	const s = new Session();
	s.statuses = statuses;
	return s;
}

describe('signing out', () => {
	it('is refused while a record is not yet committed on the device', async () => {
		const s = sessionWith([status('day:p:u', { isSavedLocally: false, unsent: 1 })]);
		expect(await s.signOut()).toEqual({ ok: false, reason: 'unsaved', count: 0 });
	});

	it('is refused with the count while records are on their way to the server', async () => {
		const s = sessionWith([status('day:p:u', { unsent: 2 }), status('review:p:u', { unsent: 1 })]);
		expect(await s.signOut()).toEqual({ ok: false, reason: 'unsent', count: 3 });
		expect(await s.signOut({ keepRefused: true })).toEqual({ ok: false, reason: 'unsent', count: 3 });
	});

	it('names records the server refused as too large, apart from those still on their way', async () => {
		const s = sessionWith([
			status('day:p:u', { unsent: 2, refused: 'too-large' }),
			status('review:p:u', { unsent: 1 })
		]);
		expect(await s.signOut()).toEqual({ ok: false, reason: 'unsent', count: 1 });
		s.statuses = [status('day:p:u', { unsent: 2, refused: 'too-large' })];
		expect(await s.signOut()).toEqual({ ok: false, reason: 'too-large', count: 2 });
	});

	it('is not held by a document the server lets this person only read', () => {
		const s = sessionWith([status('plan:p', { unsent: 4, access: 'read' })]);
		expect(s.unsent).toBe(0);
	});
});
