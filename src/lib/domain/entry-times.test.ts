import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { STAMP_AHEAD_ALLOWANCE_MS, vouchedTimes } from './entry-times';
import { judgeDayEntries, judgeReviewEntries } from './entry-rules';
import { currentEntries, type Entry } from './entries';

const T = Date.parse('2026-11-21T02:00:00Z');
const entry = (id: string, wallMs: number, extra: Partial<Entry> = {}): Entry =>
	({
		v: 1,
		id,
		kind: 'note',
		at: new Date(wallMs).toISOString(),
		hlc: formatHlc({ wallMs, counter: 0 }, 'dev-a'),
		author: 'u-a',
		deviceId: 'dev-a',
		planId: 'p',
		data: { text: id },
		...extra
	}) as Entry;

describe('time the server can vouch for', () => {
	it('a stamp later than its receipt allows is flagged and ordered by the receipt time', () => {
		const ahead = entry('e-ahead', T + 3600_000);
		const { entries, flags } = vouchedTimes([ahead], new Map([['e-ahead', new Date(T).toISOString()]]));
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({ claimedMs: T + 3600_000, receivedAt: new Date(T).toISOString() });
		expect(entries[0].hlc).toBe(formatHlc({ wallMs: T, counter: 0 }, 'dev-a'));
	});

	it('a clock a little fast, within the allowance, is believed', () => {
		const fast = entry('e-fast', T + STAMP_AHEAD_ALLOWANCE_MS);
		const { entries, flags } = vouchedTimes([fast], new Map([['e-fast', new Date(T).toISOString()]]));
		expect(flags).toEqual([]);
		expect(entries[0]).toBe(fast);
	});

	it('an entry the server has not received keeps its stamp', () => {
		const local = entry('e-local', T + 10 * 3600_000);
		expect(vouchedTimes([local], new Map()).entries[0]).toBe(local);
		expect(vouchedTimes([local], undefined).flags).toEqual([]);
	});

	it('a correction stamped far ahead loses to a later one once both are received', () => {
		const original = entry('e-0', T);
		const pinned = entry('e-pin', T + 365 * 24 * 3600_000, { corrects: 'e-0', reason: 'x' });
		const later = entry('e-later', T + 120_000, { corrects: 'e-0', reason: 'y' });
		const receipts = new Map([
			['e-0', new Date(T).toISOString()],
			['e-pin', new Date(T + 60_000).toISOString()],
			['e-later', new Date(T + 120_000).toISOString()]
		]);
		const { days, stampFlags } = judgeDayEntries(
			[{ docName: 'day:p:u-a', userId: 'u-a', entries: [original, pinned, later], receipts }],
			() => 'proctor',
			{ staff: [], groups: [] }
		);
		expect(stampFlags.map((f) => f.entry.id)).toEqual(['e-pin']);
		expect(currentEntries(days[0].entries).current.get('e-0')?.id).toBe('e-later');
		// Without the receipts the forged stamp would win: that is what the vouching prevents.
		expect(currentEntries([original, pinned, later]).current.get('e-0')?.id).toBe('e-pin');
	});

	it('review entries are judged with their receipts too', () => {
		const pinned = entry('e-pin', T + 365 * 24 * 3600_000, { author: 'u-sup' });
		const judged = judgeReviewEntries(
			[{ writerId: 'u-sup', entries: [pinned], receipts: new Map([['e-pin', new Date(T).toISOString()]]) }],
			() => 'supervisor'
		);
		expect(judged.stampFlags.map((f) => f.entry.id)).toEqual(['e-pin']);
		expect(judged.honoured[0].hlc).toBe(formatHlc({ wallMs: T, counter: 0 }, 'dev-a'));
	});
});
