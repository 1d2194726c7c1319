// Time the server can vouch for. A device stamps each entry with its hybrid clock, which orders
// entries across devices whose wall clocks disagree; but a device (or a person editing its data)
// can claim any stamp. The server records when it received every entry. An entry whose stamp is
// later than that receipt allows was stamped by a clock running ahead, or forged to win over later
// entries: readers flag it and order it by its receipt time instead. Every reader (desk, look-up,
// exports) applies this before anything that orders entries by their stamp.
import { formatHlc, parseHlc } from './hlc';
import type { Entry } from './entries';

/** How far a device clock may run ahead of the server's before its stamps are not believed. */
export const STAMP_AHEAD_ALLOWANCE_MS = 5 * 60_000;

export interface StampFlag {
	entry: Entry;
	/** The wall-clock part of the stamp the device claimed (ms since epoch). */
	claimedMs: number;
	/** When the server received the entry (ISO instant). */
	receivedAt: string;
}

export interface VouchedEntries {
	/** The entries, with a flagged entry's stamp replaced by one at its receipt time. */
	entries: Entry[];
	flags: StampFlag[];
}

/**
 * Entries as the server can vouch for their order: a stamp more than the allowance later than the
 * entry's receipt is replaced by a stamp at the receipt time (same device) and flagged. Entries the
 * server has not received yet (only on this device) keep their stamp.
 */
export function vouchedTimes(
	entries: readonly Entry[],
	receipts: ReadonlyMap<string, string> | undefined
): VouchedEntries {
	const out: Entry[] = [];
	const flags: StampFlag[] = [];
	for (const entry of entries) {
		const receivedAt = receipts?.get(entry.id);
		const stamp = parseHlc(entry.hlc);
		const receivedMs = receivedAt ? Date.parse(receivedAt) : NaN;
		if (!stamp || !receivedAt || Number.isNaN(receivedMs) || stamp.wallMs <= receivedMs + STAMP_AHEAD_ALLOWANCE_MS) {
			out.push(entry);
			continue;
		}
		flags.push({ entry, claimedMs: stamp.wallMs, receivedAt });
		out.push({ ...entry, hlc: formatHlc({ wallMs: receivedMs, counter: 0 }, stamp.deviceId) });
	}
	return { entries: out, flags };
}
