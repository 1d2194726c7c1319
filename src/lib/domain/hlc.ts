// Hybrid logical clock: a stamp that sorts like time but never goes backwards on a device and
// always sorts after every stamp the device has seen, so a tablet whose clock is hours wrong
// cannot reorder other people's entries. Format: 15-digit ms, 6-digit counter, device id.
// The format is strict and the clock part bounded, so no stamp (such as "~") sorts after every
// possible honest one; a stamp that is still later than the server's receipt allows is judged by
// entry-times.ts.

/** No honest stamp is later than this (2100-01-01T00:00:00Z). */
export const HLC_MAX_WALL_MS = 4_102_444_800_000;
const HLC_PATTERN = /^(\d{15}):(\d{6}):([A-Za-z0-9_-]{1,64})$/;

export interface HlcState {
	wallMs: number;
	counter: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatHlc(state: HlcState, deviceId: string): string {
	return `${pad(state.wallMs, 15)}:${pad(state.counter, 6)}:${deviceId}`;
}

/** The parts of a stamp in the one strict format, or null for anything else. */
export function parseHlc(stamp: string): (HlcState & { deviceId: string }) | null {
	const m = HLC_PATTERN.exec(stamp);
	if (!m) return null;
	const wallMs = Number(m[1]);
	if (wallMs > HLC_MAX_WALL_MS) return null;
	return { wallMs, counter: Number(m[2]), deviceId: m[3] };
}

export function isValidHlc(stamp: string): boolean {
	return parseHlc(stamp) !== null;
}

/** The next stamp for a local event, given the last state and the device's wall clock. */
export function tick(last: HlcState, nowMs: number): HlcState {
	if (nowMs > last.wallMs) return { wallMs: nowMs, counter: 0 };
	return { wallMs: last.wallMs, counter: last.counter + 1 };
}

/** Merges a stamp seen from another device so that later local stamps sort after it. */
export function observe(last: HlcState, seen: string, nowMs: number): HlcState {
	const remote = parseHlc(seen);
	if (!remote) return last;
	const wallMs = Math.max(last.wallMs, remote.wallMs, nowMs);
	if (wallMs === last.wallMs && wallMs === remote.wallMs)
		return { wallMs, counter: Math.max(last.counter, remote.counter) + 1 };
	if (wallMs === last.wallMs) return { wallMs, counter: last.counter + 1 };
	if (wallMs === remote.wallMs) return { wallMs, counter: remote.counter + 1 };
	return { wallMs, counter: 0 };
}
