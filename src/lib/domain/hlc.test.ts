import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, observe, parseHlc, tick } from './hlc';

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
});
