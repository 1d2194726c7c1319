import { describe, expect, it } from 'vitest';
import { checkRoomEvent } from './room-events';

describe('checkRoomEvent', () => {
	it('opens papers only before two named witnesses', () => {
		expect(checkRoomEvent('papers-opened')).toEqual({ ok: false, reason: 'witnesses-required' });
		expect(checkRoomEvent('papers-opened', { witnesses: ['陈静', ' '] })).toEqual({
			ok: false,
			reason: 'witnesses-required'
		});
		expect(checkRoomEvent('papers-opened', { witnesses: ['陈静'] })).toEqual({
			ok: false,
			reason: 'witnesses-required'
		});
		expect(checkRoomEvent('papers-opened', { witnesses: [' 陈静 ', '张磊'] })).toEqual({
			ok: true,
			witnesses: ['陈静', '张磊']
		});
	});

	it('does not count one person twice', () => {
		expect(checkRoomEvent('papers-opened', { witnesses: ['陈静', '陈 静'] })).toEqual({
			ok: false,
			reason: 'witnesses-same'
		});
	});

	it('counts returned papers as a whole number, 0 or more', () => {
		expect(checkRoomEvent('papers-returned', {})).toEqual({ ok: false, reason: 'count-invalid' });
		expect(checkRoomEvent('papers-returned', { count: -1 })).toEqual({ ok: false, reason: 'count-invalid' });
		expect(checkRoomEvent('papers-returned', { count: 1.5 })).toEqual({ ok: false, reason: 'count-invalid' });
		expect(checkRoomEvent('papers-returned', { count: 0 })).toEqual({ ok: true, count: 0 });
	});

	it('needs nothing more for the other events', () => {
		expect(checkRoomEvent('video-confirmed')).toEqual({ ok: true });
	});
});
