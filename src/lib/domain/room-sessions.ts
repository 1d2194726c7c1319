// Which sessions each room of a plan holds on the exam day, from the day schedule of the plan's
// occupations: a computer room the theory and, when a level of the plan takes its skill test on
// computers, that skill test too; a paper room the paper skill test; a practical room the practical
// skill test; a review room the comprehensive review (Sunday). One timetable fits all rooms: the
// longest subject of the plan's occupations sets each slot.
import { examDaySchedule, examWeekendOf, type ScheduledSession } from './calendar';
import { catalogFor, subjectsFor } from './catalog';
import type { ExamSession, PlanInfo, Room } from './record-schemas';
import type { Message } from './message-text';

export type RoomSessionsResult = { ok: true; sessions: ExamSession[] } | { ok: false; error: Message };

/** The sessions the plan's rooms still lack (existing ones, by id, are left alone). */
export function roomSessions(
	info: Pick<PlanInfo, 'examDate' | 'occupations'>,
	rooms: readonly Room[],
	existing: readonly ExamSession[]
): RoomSessionsResult {
	const weekend = examWeekendOf(info.examDate);
	const catalog = catalogFor(info.examDate);
	if (!weekend || !catalog.ok)
		return { ok: false, error: { key: 'checks.calendar.noSchedule', params: { date: info.examDate } } };
	const schedules: ScheduledSession[] = info.occupations.flatMap((o) => {
		const subjects = subjectsFor(catalog.catalog, o.occupationId, o.level);
		const s = subjects.ok ? examDaySchedule(weekend, subjects.subjects) : null;
		return s && s.ok ? s.sessions : [];
	});
	const slot = (kind: string, mode?: string) =>
		schedules
			.filter((s) => s.kind === kind && (!mode || s.mode === mode))
			.sort((a, b) => b.durationMinutes - a.durationMinutes)[0];
	const held = new Set(existing.map((s) => s.id));
	const out: ExamSession[] = [];
	for (const room of rooms) {
		const wanted: [ExamSession['subject'], ScheduledSession | undefined][] =
			room.type === 'computer'
				? [
						['theory', slot('theory')],
						['skill', slot('skill', 'computer')]
					]
				: room.type === 'review'
					? [['review', slot('review')]]
					: [['skill', slot('skill', room.type)]];
		for (const [subject, found] of wanted) {
			const id = `s-${subject}-${room.id}`;
			if (!found || held.has(id)) continue;
			out.push({ v: 1, id, subject, roomId: room.id, date: found.date, start: found.start, end: found.end });
		}
	}
	return { ok: true, sessions: out };
}
