import { describe, expect, it } from 'vitest';
import { roomSessions } from './room-sessions';
import type { Room } from './record-schemas';

const room = (id: string, type: Room['type']): Room => ({ v: 1, id, name: id, type, rows: 5, cols: 6, capacity: 30 });
const info = {
	examDate: '2027-01-16',
	occupations: [
		{ occupationId: 'health-manager', level: 3 as const }, // computer skill test
		{ occupationId: 'hr-manager', level: 3 as const }, // paper skill test
		{ occupationId: 'health-caregiver', level: 5 as const } // practical skill test
	]
};

describe('roomSessions', () => {
	it('gives a computer room the computer skill test as well as the theory when a level of the plan needs it', () => {
		const r = roomSessions(info, [room('r1', 'computer'), room('r2', 'paper'), room('r3', 'practical')], []);
		expect(r.ok && r.sessions.map((s) => `${s.id} ${s.start}`)).toEqual([
			's-theory-r1 09:00',
			's-skill-r1 10:30',
			's-skill-r2 10:30',
			's-skill-r3 10:30'
		]);
	});

	it('gives a computer room only the theory when no level of the plan takes its skill test on computers', () => {
		const r = roomSessions(
			{ ...info, occupations: [{ occupationId: 'hr-manager', level: 3 }] },
			[room('r1', 'computer')],
			[]
		);
		expect(r.ok && r.sessions.map((s) => s.id)).toEqual(['s-theory-r1']);
	});

	it('leaves the sessions a room already has alone', () => {
		const first = roomSessions(info, [room('r1', 'computer')], []);
		const again = roomSessions(info, [room('r1', 'computer')], first.ok ? first.sessions : []);
		expect(again.ok && again.sessions).toEqual([]);
	});

	it('refuses a day that is not a joint exam day', () => {
		expect(roomSessions({ ...info, examDate: '2027-01-13' }, [room('r1', 'computer')], []).ok).toBe(false);
	});
});
