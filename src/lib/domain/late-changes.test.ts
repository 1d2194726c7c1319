import { describe, expect, it } from 'vitest';
import { lateChangeAfter } from './late-changes';

const change = (maps: string[], iso = '2027-01-13T02:00:00Z') => ({
	examDate: '2027-01-16',
	receivedAt: new Date(iso),
	by: 'u-inst',
	byName: '王晓梅',
	maps
});

describe('changes after the 考务安排 deadline', () => {
	it('a staff change in time is no late change', () => {
		expect(lateChangeAfter(undefined, change(['staff'], '2026-12-20T02:00:00Z'), undefined)).toBeNull();
	});

	it('a change after the deadline is recorded on its Beijing day, by the server’s receipt time', () => {
		const late = lateChangeAfter(undefined, change(['staff']), undefined);
		expect(late).toMatchObject({ by: 'u-inst', date: '2027-01-13', count: 1, maps: ['staff'] });
		expect(late!.deadline < '2027-01-13').toBe(true);
	});

	it('later changes the same day add to the record', () => {
		const first = lateChangeAfter(undefined, change(['staff']), undefined)!;
		const second = lateChangeAfter(first, change(['rooms', 'staff'], '2027-01-13T03:00:00Z'), undefined)!;
		expect(second).toMatchObject({ count: 2, maps: ['rooms', 'staff'], firstAt: first.firstAt });
		expect(second.lastAt).toBe('2027-01-13T03:00:00.000Z');
	});

	it('only the arrangements an approval is bound to count', () => {
		expect(lateChangeAfter(undefined, change(['custody', 'videoChecks']), undefined)).toBeNull();
	});

	it('the exam clock’s today (KAOWU_TODAY) decides when set', () => {
		expect(lateChangeAfter(undefined, change(['staff'], '2026-12-20T02:00:00Z'), '2027-01-13')?.date).toBe(
			'2027-01-13'
		);
	});
});
