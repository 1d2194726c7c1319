// ProctorRoom over a real DayView (the app's SyncedDocs on fake-indexeddb, the demo plan): each
// action checks first and either records entries committed on the device or refuses with a reason
// and records nothing.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDayRig, type DayRig } from '../../../tests/support/day-rig';
import { buildDemoPlan } from '../../server/demo-seed';
import { DayView } from './day-view.svelte';
import { ProctorRoom } from './proctor-room.svelte';
import type { ExamSession, Room } from '../domain/record-schemas';

let rig: DayRig;
let day: DayView;
let session: ExamSession;
let room: Room;
let proctor: ProctorRoom;

/** Candidates seated in `s` (its room). */
const seatedIn = (s: ExamSession) => rig.plan.seats.filter((x) => x.sessionId === s.id).map((x) => x.candidateId);

beforeEach(async () => {
	const duty = buildDemoPlan('2026-11-27').staff.find((a) => a.duty === 'invigilator' && a.sessionId)!;
	rig = await openDayRig(duty.userId);
	session = rig.plan.sessions.find((s) => s.id === duty.sessionId)!;
	room = rig.plan.rooms.find((r) => r.id === session.roomId)!;
	day = new DayView(rig.planId, duty.userId);
	await new Promise<void>((resolve) => {
		const check = () => (day.isLoaded && day.plan.candidates.length ? resolve() : setImmediate(check));
		check();
	});
	proctor = new ProctorRoom(day, session, room);
});

afterEach(async () => {
	day.destroy();
	await rig.close();
});

const kindsOf = (candidateId: string) => day.entries.filter((e) => e.candidateId === candidateId).map((e) => e.kind);

describe('ProctorRoom', () => {
	it("outside the session's hours nothing is recorded until the proctor confirms", async () => {
		const id = seatedIn(session)[0];
		const refused = await proctor.mark(id, 'present');
		expect(refused.ok).toBe(false);
		expect(day.entries).toHaveLength(0);
		day.confirmOutside(session.id);
		expect((await proctor.mark(id, 'present')).ok).toBe(true);
		expect(kindsOf(id)).toEqual(['attendance']);
	});

	describe('once recording is confirmed', () => {
		beforeEach(() => day.confirmOutside(session.id));

		it('checking in a candidate of the room records the identity check and attendance, committed on the device', async () => {
			const id = seatedIn(session)[0];
			const result = await proctor.checkIn(id, { via: 'search', method: 'id-card', isMatch: true, isLate: false });
			expect(result.ok).toBe(true);
			expect(kindsOf(id).sort()).toEqual(['attendance', 'identity-check']);
			expect(day.mine.persistence.isSaved, 'resolved only after the IndexedDB commit').toBe(true);
			expect(proctor.state.candidates.find((c) => c.candidate.id === id)?.state).toBe('present');
			expect(day.entries.every((e) => e.scope === room.id)).toBe(true);
		});

		it('a candidate already checked in is refused the second time, and nothing more is recorded', async () => {
			const id = seatedIn(session)[0];
			const check = { via: 'search', method: 'id-card', isMatch: true, isLate: false } as const;
			expect((await proctor.checkIn(id, check)).ok).toBe(true);
			const second = await proctor.checkIn(id, check);
			expect(second.ok).toBe(false);
			expect(kindsOf(id)).toHaveLength(2);
		});

		it('an identity that does not match records the check, not the attendance', async () => {
			const id = seatedIn(session)[0];
			const result = await proctor.checkIn(id, { via: 'search', method: 'id-card', isMatch: false, isLate: false });
			expect(result.ok).toBe(true);
			expect(kindsOf(id)).toEqual(['identity-check']);
			expect(proctor.state.candidates.find((c) => c.candidate.id === id)?.state).toBe('expected');
		});

		it('a candidate of another room is told where to go and nothing is recorded', async () => {
			const elsewhere = rig.plan.seats.find(
				(x) => x.sessionId !== session.id && !seatedIn(session).includes(x.candidateId)
			)!.candidateId;
			const result = await proctor.checkIn(elsewhere, {
				via: 'search',
				method: 'id-card',
				isMatch: true,
				isLate: false
			});
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.error).not.toBe('');
			expect(day.entries).toHaveLength(0);
		});

		it('opening the papers needs two different witnesses', async () => {
			expect((await proctor.roomEvent('papers-opened', {})).ok).toBe(false);
			expect((await proctor.roomEvent('papers-opened', { witnesses: ['王芳', ' 王芳 '] })).ok).toBe(false);
			expect(day.entries).toHaveLength(0);
			expect((await proctor.roomEvent('papers-opened', { witnesses: ['王芳', '李强'] })).ok).toBe(true);
			expect(day.entries.map((e) => e.kind)).toEqual(['room-event']);
		});

		it('a move to a desk someone sits at, or outside the room, or without a reason is refused', async () => {
			const [a, b] = seatedIn(session);
			const seatOf = (id: string) => proctor.state.candidates.find((c) => c.candidate.id === id)!;
			const taken = seatOf(b);
			expect((await proctor.moveSeat(a, taken.row!, taken.col!, '电脑故障')).ok).toBe(false);
			expect((await proctor.moveSeat(a, room.rows, 0, '电脑故障')).ok).toBe(false);
			const free = proctor.state.candidates.length < room.rows * room.cols;
			if (free) {
				const used = new Set(proctor.state.candidates.map((c) => `${c.row}:${c.col}`));
				let target: [number, number] | null = null;
				for (let r = 0; r < room.rows && !target; r++)
					for (let c = 0; c < room.cols && !target; c++) if (!used.has(`${r}:${c}`)) target = [r, c];
				expect((await proctor.moveSeat(a, target![0], target![1], '  ')).ok).toBe(false);
				expect(day.entries).toHaveLength(0);
				expect((await proctor.moveSeat(a, target![0], target![1], '电脑故障')).ok).toBe(true);
				expect(seatOf(a).row).toBe(target![0]);
			} else expect(day.entries).toHaveLength(0);
		});

		it('marking the rest absent records one absence for each candidate still unrecorded', async () => {
			const ids = seatedIn(session);
			await proctor.mark(ids[0], 'present');
			const result = await proctor.markRestAbsent();
			expect(result).toEqual({ ok: true, count: ids.length - 1 });
			expect(proctor.unrecorded).toHaveLength(0);
			expect(day.entries.filter((e) => e.kind === 'attendance')).toHaveLength(ids.length);
		});
	});
});
