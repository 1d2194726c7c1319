import { describe, expect, it } from 'vitest';
import { beijingTimeOf, checkSessionWindow, outsideHoursToConfirm } from './session-window';

const theory = { date: '2027-01-16', start: '09:00', end: '10:30' };

describe('checkSessionWindow', () => {
	it('accepts a check-in on the day, 30 minutes before the start (Beijing time)', () => {
		expect(checkSessionWindow(theory, '2027-01-16T00:30:00.000Z')).toEqual({ isInside: true });
		expect(checkSessionWindow(theory, '2027-01-16T08:30:00+08:00')).toEqual({ isInside: true });
	});

	it('flags a check-in weeks before the exam as another day, with the Beijing date and time', () => {
		expect(checkSessionWindow(theory, '2026-11-30T13:55:00.000Z')).toEqual({
			isInside: false,
			reason: 'other-day',
			date: '2026-11-30',
			time: '21:55'
		});
	});

	it('reads the day in Beijing, not UTC: 23:30 UTC the evening before is 07:30 on the day', () => {
		const check = checkSessionWindow(theory, '2027-01-15T23:30:00.000Z');
		expect(check).toMatchObject({ isInside: false, reason: 'early', date: '2027-01-16', time: '07:30' });
	});

	it('keeps the margins: 60 minutes before, 90 minutes after', () => {
		expect(checkSessionWindow(theory, '2027-01-16T07:59:00+08:00')).toMatchObject({ reason: 'early' });
		expect(checkSessionWindow(theory, '2027-01-16T08:00:00+08:00').isInside).toBe(true);
		expect(checkSessionWindow(theory, '2027-01-16T12:00:00+08:00').isInside).toBe(true);
		expect(checkSessionWindow(theory, '2027-01-16T12:01:00+08:00')).toMatchObject({ reason: 'late' });
		expect(checkSessionWindow(theory, '2027-01-16T12:01:00+08:00', { beforeMinutes: 0, afterMinutes: 200 })).toEqual({
			isInside: true
		});
	});

	it('calls an unreadable moment unreadable, never inside', () => {
		expect(checkSessionWindow(theory, 'yesterday')).toMatchObject({ isInside: false, reason: 'unreadable' });
		expect(checkSessionWindow(theory, '2027-01-16')).toMatchObject({ isInside: false, reason: 'unreadable' });
		expect(checkSessionWindow(theory, new Date(NaN))).toMatchObject({ isInside: false, reason: 'unreadable' });
	});

	it('gives Beijing HH:MM', () => {
		expect(beijingTimeOf('2026-11-30T13:55:00.000Z')).toBe('21:55');
		expect(beijingTimeOf(new Date('2027-01-16T01:00:00Z'))).toBe('09:00');
	});
});

describe('outsideHoursToConfirm', () => {
	it('asks the person to confirm an entry outside the session window, until he has confirmed', () => {
		expect(outsideHoursToConfirm(theory, '2026-11-27T10:43:00+08:00', false)).toMatchObject({
			isInside: false,
			reason: 'other-day'
		});
		expect(outsideHoursToConfirm(theory, '2027-01-16T12:30:00+08:00', false)).toMatchObject({ reason: 'late' });
		expect(outsideHoursToConfirm(theory, '2026-11-27T10:43:00+08:00', true)).toBeNull();
	});

	it('never asks inside the window', () => {
		expect(outsideHoursToConfirm(theory, '2027-01-16T09:05:00+08:00', false)).toBeNull();
	});
});
