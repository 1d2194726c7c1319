import { describe, expect, it } from 'vitest';
import { deriveRoomState, freeDesks, seatCells, seatClashes, seatInSession } from './room-state';
import type { Entry, EntryData, EntryKind, EntryOf } from './entries';
import type { Candidate, ExamSession, Room, Seat } from './record-schemas';
import { messageText } from './message-text';
import { translator } from '../../../tests/support/translator';

const cand = (id: string, name: string): Candidate => ({
	v: 1,
	id,
	name,
	idType: 'resident-id',
	idNumber: '500103198001019013',
	occupationId: 'hr-manager',
	level: 3,
	eligibility: { status: 'approved' }
});
const room: Room = { v: 1, id: 'r1', name: '101 机房', type: 'computer', rows: 2, cols: 2, capacity: 4 };
const room2: Room = { v: 1, id: 'r2', name: '102 机房', type: 'computer', rows: 2, cols: 2, capacity: 4 };
const session: ExamSession = {
	v: 1,
	id: 's1',
	subject: 'theory',
	roomId: 'r1',
	date: '2027-01-16',
	start: '09:00',
	end: '10:30'
};
const session2: ExamSession = { ...session, id: 's2', roomId: 'r2' };
const candidates = new Map(
	['c1', 'c2', 'c3', 'c4'].map((id, i) => [id, cand(id, ['张三', '李四', '王五', '赵六'][i])])
);
const seats: Seat[] = [
	{ v: 1, sessionId: 's1', candidateId: 'c1', row: 0, col: 0 },
	{ v: 1, sessionId: 's1', candidateId: 'c2', row: 0, col: 1 },
	{ v: 1, sessionId: 's1', candidateId: 'c3', row: 1, col: 0 },
	{ v: 1, sessionId: 's2', candidateId: 'c4', row: 1, col: 1 }
];
let n = 0;
const entry = <K extends EntryKind>(kind: K, data: EntryData<K>, extra: Partial<Entry> = {}): EntryOf<K> => {
	n++;
	return {
		v: 1,
		id: `e-${String(n).padStart(8, '0')}`,
		kind,
		at: '2027-01-16T09:00:00+08:00',
		hlc: `${String(1_000_000 + n).padStart(15, '0')}:000000:d1`,
		author: 'u-p1',
		deviceId: 'd1',
		planId: 'p',
		data,
		...extra
	} as EntryOf<K>;
};

describe('room state', () => {
	it('derives attendance, identity, seat changes, incidents and the summary', () => {
		const present = entry('attendance', { state: 'present', sessionId: 's1', time: '09:01' }, { candidateId: 'c1' });
		const entries = [
			present,
			entry(
				'identity-check',
				{ sessionId: 's1', roomId: 'r1', via: 'qr', method: 'id-card', isMatch: true },
				{ candidateId: 'c1' }
			),
			entry('attendance', { state: 'absent', sessionId: 's1', time: '09:15' }, { candidateId: 'c2' }),
			entry('attendance', { state: 'late', sessionId: 's1', time: '09:10' }, { candidateId: 'c3' }),
			entry(
				'seat-change',
				{ sessionId: 's1', roomId: 'r1', to: { row: 1, col: 1 }, reason: '设备故障' },
				{ candidateId: 'c3' }
			),
			entry(
				'incident',
				{
					sessionId: 's1',
					roomId: 'r1',
					category: 'violation',
					violationType: 'talking',
					time: '09:30',
					description: '交头接耳'
				},
				{ candidateId: 'c3' }
			),
			entry('room-event', { sessionId: 's1', roomId: 'r1', event: 'video-confirmed', time: '08:50' }),
			// Another session's entry never leaks into this room.
			entry('attendance', { state: 'present', sessionId: 's2', time: '09:00' }, { candidateId: 'c4' }),
			// A correction replaces what it corrects.
			entry(
				'attendance',
				{ state: 'left-early', sessionId: 's1', time: '10:00' },
				{ candidateId: 'c1', corrects: present.id, reason: '提前离场' }
			)
		];
		const state = deriveRoomState({ session, room, seats, candidates, entries });
		const by = new Map(state.candidates.map((c) => [c.candidate.id, c]));
		expect(by.get('c1')?.state).toBe('left-early');
		expect(by.get('c1')?.identity?.isMatch).toBe(true);
		expect(by.get('c2')?.state).toBe('absent');
		expect(by.get('c3')).toMatchObject({
			state: 'late',
			row: 1,
			col: 1,
			plannedSeat: { row: 1, col: 0 },
			incidents: 1
		});
		expect(state.events['video-confirmed']).toBeDefined();
		expect(state.summary).toEqual({
			expected: 3,
			present: 2,
			absent: 1,
			late: 1,
			leftEarly: 1,
			unrecorded: 0,
			incidents: 1
		});
	});

	it('refuses a candidate of another room with where he should be, in either language', async () => {
		const lookup = seatInSession(candidates.get('c4')!, session, seats, [session, session2], [room, room2]);
		expect(lookup.ok).toBe(false);
		if (lookup.ok) return;
		expect(messageText(lookup.error, await translator('zh-CN'))).toContain('应在102 机房（第 2 排第 2 座）');
		expect(messageText(lookup.error, await translator('en'))).toContain('their seat is in 102 机房 (row 2, seat 2)');
		expect(seatInSession(candidates.get('c1')!, session, seats, [session, session2], [room, room2]).ok).toBe(true);
	});

	it('shows a disagreement when co-invigilators’ latest records differ, and none when they agree', () => {
		const mine = entry(
			'attendance',
			{ state: 'present', sessionId: 's1', time: '09:01' },
			{ candidateId: 'c1', author: 'u-p1' }
		);
		const theirs = entry(
			'attendance',
			{ state: 'absent', sessionId: 's1', time: '09:20' },
			{ candidateId: 'c1', author: 'u-p2' }
		);
		const agree = entry(
			'attendance',
			{ state: 'present', sessionId: 's1', time: '09:03' },
			{ candidateId: 'c2', author: 'u-p2' }
		);
		const agreeToo = entry(
			'attendance',
			{ state: 'present', sessionId: 's1', time: '09:02' },
			{ candidateId: 'c2', author: 'u-p1' }
		);
		const state = deriveRoomState({ session, room, seats, candidates, entries: [mine, theirs, agree, agreeToo] });
		const by = new Map(state.candidates.map((c) => [c.candidate.id, c]));
		expect(by.get('c1')?.disagreement).toEqual([
			{ author: 'u-p1', state: 'present', time: '09:01' },
			{ author: 'u-p2', state: 'absent', time: '09:20' }
		]);
		expect(by.get('c2')?.disagreement).toBeUndefined();
	});
});

describe('seat clash after a merge', () => {
	it('two candidates on one desk are both shown, the tiles add up to the counts, and the desk is a clash', () => {
		// Tablet A: c2 absent, c1 moved onto c2's desk. Tablet B (later): c2 checked in.
		const entries = [
			entry('attendance', { state: 'absent', sessionId: 's1', time: '09:01' }, { candidateId: 'c2' }),
			entry('attendance', { state: 'present', sessionId: 's1', time: '09:02' }, { candidateId: 'c1' }),
			entry(
				'seat-change',
				{ sessionId: 's1', roomId: 'r1', to: { row: 0, col: 1 }, reason: '电脑故障' },
				{ candidateId: 'c1' }
			),
			entry('attendance', { state: 'present', sessionId: 's1', time: '09:05' }, { candidateId: 'c2', author: 'u-p2' }),
			entry('attendance', { state: 'present', sessionId: 's1', time: '09:06' }, { candidateId: 'c3' })
		];
		const state = deriveRoomState({ session, room, seats, candidates, entries });
		const cells = seatCells(state);
		const shown = cells.flatMap((c) => c.occupants);
		expect(shown).toHaveLength(state.summary.expected);
		expect(shown.filter((c) => c.state === 'present')).toHaveLength(state.summary.present);
		const clashes = seatClashes(state);
		expect(clashes.map((c) => [c.row, c.col, c.occupants.map((o) => o.candidate.id).sort()])).toEqual([
			[0, 1, ['c1', 'c2']]
		]);
	});
	it("in a full room the only free desks are the absentees' (the proctor's hint names them)", () => {
		const full = [
			...seats.filter((s) => s.sessionId === 's1'),
			{ v: 1 as const, sessionId: 's1', candidateId: 'c4', row: 1, col: 1 }
		];
		const before = deriveRoomState({ session, room, seats: full, candidates, entries: [] });
		expect(freeDesks(before)).toEqual({ empty: [], ofAbsent: [] });
		const entries = [entry('attendance', { state: 'absent', sessionId: 's1', time: '09:01' }, { candidateId: 'c2' })];
		const after = deriveRoomState({ session, room, seats: full, candidates, entries });
		expect(freeDesks(after)).toEqual({ empty: [], ofAbsent: [{ row: 0, col: 1, names: ['李四'] }] });
		// With three candidates in a room of four desks, the empty desk is free.
		expect(freeDesks(deriveRoomState({ session, room, seats, candidates, entries })).empty).toEqual([
			{ row: 1, col: 1 }
		]);
	});
	it("a candidate moved onto an absentee's desk is no clash; the absentee is still shown", () => {
		const entries = [
			entry('attendance', { state: 'absent', sessionId: 's1', time: '09:01' }, { candidateId: 'c2' }),
			entry(
				'seat-change',
				{ sessionId: 's1', roomId: 'r1', to: { row: 0, col: 1 }, reason: '电脑故障' },
				{ candidateId: 'c1' }
			)
		];
		const state = deriveRoomState({ session, room, seats, candidates, entries });
		expect(seatClashes(state)).toEqual([]);
		const desk = seatCells(state).find((c) => c.row === 0 && c.col === 1)!;
		expect(desk.occupants.map((o) => o.candidate.id)).toEqual(['c1', 'c2']);
	});
});
