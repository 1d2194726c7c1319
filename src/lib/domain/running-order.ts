// Running order and time slots for skill groups and review panels (技能考核分组、综合评审答辩顺序):
// candidates go in rounds of `parallel` (stations, or 1 for an oral defence), each round lasting
// `minutes`, from the session's start as given by the day schedule.

import type { Message } from './message-text';

export interface Slot {
	order: number;
	start: string;
	end: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A refusal (checks.groups.*) is worded in the reader's language by whoever shows it. */
export type SlotsResult = { ok: true; slots: Slot[]; end: string } | { ok: false; error: Message };
const refusal = (key: string, params: Message['params'] = {}): { ok: false; error: Message } => ({
	ok: false,
	error: { key: `checks.groups.${key}`, params }
});

export function runningSlots(start: string, count: number, minutes: number, parallel = 1): SlotsResult {
	if (!/^\d{2}:\d{2}$/.test(start)) return refusal('badStart');
	if (minutes <= 0 || parallel <= 0) return refusal('notPositive');
	const from = toMinutes(start);
	const slots: Slot[] = [];
	for (let i = 0; i < count; i++) {
		const round = Math.floor(i / parallel);
		slots.push({ order: i + 1, start: toHhmm(from + round * minutes), end: toHhmm(from + (round + 1) * minutes) });
	}
	const rounds = Math.ceil(count / parallel);
	const endMinutes = from + rounds * minutes;
	if (endMinutes > 24 * 60) return refusal('pastMidnight', { minutes, parallel, count });
	return { ok: true, slots, end: toHhmm(endMinutes) };
}

/** Splits a list into groups of at most `size`, as even as possible (13 by 10 → 7 and 6, not 10 and 3). */
export function evenGroups<T>(items: readonly T[], size: number): T[][] {
	if (items.length === 0) return [];
	const count = Math.ceil(items.length / Math.max(1, size));
	const base = Math.floor(items.length / count);
	const extra = items.length % count;
	const out: T[][] = [];
	let from = 0;
	for (let g = 0; g < count; g++) {
		const n = base + (g < extra ? 1 : 0);
		out.push(items.slice(from, from + n));
		from += n;
	}
	return out;
}
