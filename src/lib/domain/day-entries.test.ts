import { describe, expect, it } from 'vitest';
import { checkEntry } from './entries';
import { MAX_PHOTO_CHARS } from './day-entries';

const entry = (kind: string, data: Record<string, unknown>) => ({
	v: 1,
	id: 'e-00000001',
	kind,
	at: '2027-01-16T09:00:00+08:00',
	hlc: '000001000000000:000000:d',
	author: 'u',
	deviceId: 'd',
	planId: 'p',
	data
});
const room = { sessionId: 's1', roomId: 'r1' };

describe('day entry kinds', () => {
	it('accepts what the proctor screens write', () => {
		expect(
			checkEntry(entry('identity-check', { ...room, via: 'qr', method: 'id-card', isMatch: true })).status === 'ok'
		).toBe(true);
		expect(
			checkEntry(entry('seat-change', { ...room, to: { row: 1, col: 2 }, reason: '电脑故障' })).status === 'ok'
		).toBe(true);
		expect(
			checkEntry(
				entry('incident', {
					...room,
					category: 'violation',
					violationType: 'device',
					time: '2027-01-16T01:30:00Z',
					description: '使用手机'
				})
			).status === 'ok'
		).toBe(true);
		expect(
			checkEntry(entry('room-event', { ...room, event: 'papers-opened', time: 'x', witnesses: ['甲', '乙'] }))
				.status === 'ok'
		).toBe(true);
	});
	it('refuses incomplete or oversized records', () => {
		expect(
			checkEntry(entry('room-event', { ...room, event: 'papers-opened', time: 'x', witnesses: ['甲'] })).status === 'ok'
		).toBe(false);
		expect(
			checkEntry(entry('incident', { ...room, category: 'other', time: 'x', description: '' })).status === 'ok'
		).toBe(false);
		const photo = `data:image/jpeg;base64,${'A'.repeat(MAX_PHOTO_CHARS)}`;
		expect(
			checkEntry(entry('incident', { ...room, category: 'other', time: 'x', description: '设备', photo })).status ===
				'ok'
		).toBe(false);
		expect(checkEntry(entry('attendance', { state: 'gone', sessionId: 's1', time: 'x' })).status === 'ok').toBe(false);
	});
});
