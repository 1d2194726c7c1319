import { describe, expect, it } from 'vitest';
import { beijingText, clockAt, clockSince, examClock, isAtOrBefore, readClockSetting } from './exam-clock';

describe('one exam clock', () => {
	it('a fixed today (KAOWU_TODAY) keeps the date and lets the Beijing time of day run on', () => {
		const real = new Date('2026-11-30T13:55:00Z'); // 21:55 in Beijing
		expect(examClock('2026-11-27', real)).toEqual({ today: '2026-11-27', now: '2026-11-27T21:55:00+08:00' });
		expect(examClock(undefined, new Date('2026-11-30T17:00:00Z'))).toEqual({
			today: '2026-12-01',
			now: '2026-12-01T01:00:00+08:00'
		});
	});
	it('KAOWU_TODAY with a time starts the clock at that Beijing moment and lets it run on', () => {
		const started = Date.parse('2026-12-01T03:00:00Z');
		const setting = readClockSetting('2027-01-16T09:30', started);
		expect(setting.today).toBe('2027-01-16');
		expect(clockAt(setting, new Date(started))).toEqual({ today: '2027-01-16', now: '2027-01-16T09:30:00+08:00' });
		expect(clockAt(setting, new Date(started + 65 * 60_000)).now).toBe('2027-01-16T10:35:00+08:00');
		expect(clockAt(readClockSetting('2026-11-27', started), new Date(started)).now).toBe('2026-11-27T11:00:00+08:00');
		expect(readClockSetting(undefined, started)).toEqual({});
		expect(() => readClockSetting('16/01/2027', started)).toThrow('KAOWU_TODAY');
	});
	it('a device keeps the server clock running offline, never its own date', () => {
		const told = { today: '2026-11-27', now: '2026-11-27T23:59:00+08:00' };
		expect(clockSince(told, 1_000, 1_000 + 120_000)).toEqual({ today: '2026-11-28', now: '2026-11-28T00:01:00+08:00' });
	});
	it('compares instants whatever their offsets, and shows Beijing time, never ISO', () => {
		expect(isAtOrBefore('2026-11-28T17:00:00+08:00', '2026-11-28T10:00:00.000Z')).toBe(true);
		expect('2026-11-28T17:00:00+08:00' <= '2026-11-28T10:00:00.000Z').toBe(false); // what text comparison said
		expect(beijingText('2026-11-30T13:55:00.000Z')).toBe('2026-11-30 21:55');
		expect(beijingText('09:05')).toBe('09:05');
	});
});
