import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, HLC_MAX_WALL_MS, isValidHlc, observe, parseHlc, tick } from './hlc';
import { checkEntry } from './entries';

describe('hybrid logical clock', () => {
	it('never goes backwards when the wall clock jumps back', () => {
		const a = tick({ wallMs: 0, counter: 0 }, 2_000_000);
		const b = tick(a, 1_000_000); // clock set back by a day
		expect(formatHlc(b, 'd') > formatHlc(a, 'd')).toBe(true);
	});

	it('sorts after every stamp it has observed, whatever the local clock says', () => {
		fc.assert(
			fc.property(fc.nat(1e12), fc.nat(1e12), fc.nat(1000), (local, remote, counter) => {
				const seen = formatHlc({ wallMs: remote, counter }, 'other');
				const next = tick(observe({ wallMs: local, counter: 0 }, seen, local), local);
				expect(formatHlc(next, 'me') > seen).toBe(true);
			})
		);
	});

	it('round-trips through its text form', () => {
		const stamp = formatHlc({ wallMs: 1_768_000_000_000, counter: 7 }, 'dev-1');
		expect(parseHlc(stamp)).toEqual({ wallMs: 1_768_000_000_000, counter: 7, deviceId: 'dev-1' });
		expect(parseHlc('garbage')).toBeNull();
	});

	it('has one strict format with a bounded clock part: nothing sorts after every honest stamp', () => {
		expect(isValidHlc(formatHlc({ wallMs: 1_768_000_000_000, counter: 0 }, 'dev-1'))).toBe(true);
		for (const forged of [
			'~',
			'999999999999999:999999:x',
			'001768000000000:000000:',
			'1768000000000:0:dev',
			'001768000000000:000000:dev 1'
		])
			expect(isValidHlc(forged), forged).toBe(false);
		expect(isValidHlc(formatHlc({ wallMs: HLC_MAX_WALL_MS + 1, counter: 0 }, 'd'))).toBe(false);
	});

	it('an entry whose stamp breaks the format is not a valid entry', () => {
		const entry = {
			v: 1,
			id: 'e-000000001',
			kind: 'note',
			at: '2026-11-21T08:00:00+08:00',
			hlc: '~',
			author: 'u',
			deviceId: 'd',
			planId: 'p',
			data: { text: 'x' }
		};
		expect(checkEntry(entry).status === 'ok').toBe(false);
		expect(
			checkEntry({ ...entry, hlc: formatHlc({ wallMs: 1_768_000_000_000, counter: 0 }, 'd') }).status === 'ok'
		).toBe(true);
	});
});
