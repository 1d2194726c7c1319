// What a room event needs before it may be recorded: sealed papers are opened before two witnesses
// (two different people, both named), and the papers handed back are counted. One rule for the
// proctor's tablet and anything that reads the record.
import type { RoomEventKind } from './day-entries';

export type RoomEventCheck =
	| { ok: true; witnesses?: [string, string]; count?: number }
	| { ok: false; reason: 'witnesses-required' | 'witnesses-same' | 'count-invalid' };

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

export function checkRoomEvent(
	event: RoomEventKind,
	extra: { witnesses?: readonly string[]; count?: number } = {}
): RoomEventCheck {
	if (event === 'papers-opened') {
		const names = (extra.witnesses ?? []).map((w) => w.trim());
		if (names.length !== 2 || names.some((w) => !w)) return { ok: false, reason: 'witnesses-required' };
		if (sameName(names[0], names[1])) return { ok: false, reason: 'witnesses-same' };
		return { ok: true, witnesses: [names[0], names[1]] };
	}
	if (event === 'papers-returned') {
		const count = extra.count;
		if (count === undefined || !Number.isInteger(count) || count < 0) return { ok: false, reason: 'count-invalid' };
		return { ok: true, count };
	}
	return { ok: true };
}
