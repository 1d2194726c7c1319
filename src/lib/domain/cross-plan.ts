// One person in two places across plans: every staff assignment of a plan as a booking (who, which
// room or group, which day and hours), and the bookings of the same person on the same day whose
// hours overlap in two different plans. Within one plan the staffing check finds double-bookings;
// across plans only the server sees every plan, so it computes these and hands them to the review.
import { sessionSlots } from './group-slots';
import { staffingUnits } from './staffing-input';
import type { Message } from './message-text';
import type { ExamSession, Group, Person, PlanInfo, Room, StaffAssignment } from './record-schemas';

export interface StaffBooking {
	planId: string;
	planName: string;
	userId: string;
	name: string;
	/** The room or group as the plan's staff page names it. */
	label: string;
	date: string;
	start: string;
	end: string;
}

export interface CrossPlanConflict {
	userId: string;
	/** The booking in the plan under review, and the one in the other plan. */
	own: StaffBooking;
	other: StaffBooking;
	/** Worded by messageText (message-text.ts) in the reader's language. */
	message: Message;
}

/** Every assignment to a room session or a group of the plan, with its day and hours. */
export function staffBookings(
	info: Pick<PlanInfo, 'id' | 'name'>,
	sessions: readonly ExamSession[],
	rooms: readonly Room[],
	groups: readonly Group[],
	staff: readonly StaffAssignment[],
	people: readonly Person[]
): StaffBooking[] {
	const names = new Map(people.map((p) => [p.id, p.name]));
	return staffingUnits(sessions, rooms, groups).flatMap((unit) => {
		const group = groups.find((g) => g.id === unit.groupId);
		let start = unit.session.start;
		let end = unit.session.end;
		if (group) {
			const slots = sessionSlots(unit.session, groups).byId;
			start = slots.get(group.candidateIds[0])?.start ?? start;
			end = slots.get(group.candidateIds.at(-1) ?? '')?.end ?? end;
		}
		return staff
			.filter((a) => (group ? a.groupId === group.id : a.sessionId === unit.session.id && !a.groupId))
			.map((a) => ({
				planId: info.id,
				planName: info.name,
				userId: a.userId,
				name: names.get(a.userId) ?? a.userId,
				label: unit.label,
				date: unit.session.date,
				start,
				end
			}));
	});
}

/** The plan's bookings that overlap a booking of the same person in another plan on the same day. */
export function crossPlanConflicts(own: readonly StaffBooking[], others: readonly StaffBooking[]): CrossPlanConflict[] {
	const conflicts: CrossPlanConflict[] = [];
	for (const mine of own)
		for (const other of others) {
			if (other.planId === mine.planId || other.userId !== mine.userId || other.date !== mine.date) continue;
			if (!(mine.start < other.end && other.start < mine.end)) continue;
			conflicts.push({
				userId: mine.userId,
				own: mine,
				other,
				message: {
					key: 'checks.crossPlan',
					params: {
						name: mine.name,
						date: mine.date,
						start: mine.start,
						end: mine.end,
						label: mine.label,
						otherPlan: other.planName,
						otherLabel: other.label,
						otherStart: other.start,
						otherEnd: other.end
					}
				}
			});
		}
	return conflicts;
}

/** One person booked in two plans at overlapping hours of the same day (the centre's list). */
export interface StaffDoubleBooking {
	userId: string;
	name: string;
	date: string;
	/** The two bookings, the earlier (then the plan first by name) first. */
	first: StaffBooking;
	second: StaffBooking;
}

/**
 * Every person in two places across plans: each pair of bookings of the same person on the same day
 * whose hours overlap, in two different plans; sorted by day, start and name.
 */
export function staffDoubleBookings(bookings: readonly StaffBooking[]): StaffDoubleBooking[] {
	const byPersonDay = new Map<string, StaffBooking[]>();
	for (const b of bookings) {
		const key = `${b.userId}\u0000${b.date}`;
		byPersonDay.set(key, [...(byPersonDay.get(key) ?? []), b]);
	}
	const out: StaffDoubleBooking[] = [];
	for (const list of byPersonDay.values()) {
		const sorted = [...list].sort((a, b) => (a.start + a.planName).localeCompare(b.start + b.planName));
		sorted.forEach((first, i) => {
			for (const second of sorted.slice(i + 1)) {
				if (second.planId === first.planId) continue;
				if (!(first.start < second.end && second.start < first.end)) continue;
				out.push({ userId: first.userId, name: first.name, date: first.date, first, second });
			}
		});
	}
	return out.sort(
		(a, b) => a.date.localeCompare(b.date) || a.first.start.localeCompare(b.first.start) || a.name.localeCompare(b.name)
	);
}
