// A moment the device noted reads as a person expects it: Beijing time, on the exam clock the
// server gave (KAOWU_TODAY in demos), whatever the device's own zone and date.
import { afterEach, expect, it, vi } from 'vitest';
import { serverClock } from './server-clock.svelte';

afterEach(() => vi.useRealTimers());

it('a moment the device noted reads in Beijing time on the exam clock the server gave', () => {
	vi.useFakeTimers({ now: Date.parse('2026-12-02T03:59:00.000Z') });
	serverClock.told({ today: '2026-11-27', now: '2026-11-27T11:59:00+08:00' });
	// 25 s later by the device's own clock (UTC here, and a week after the exam clock's date).
	expect(serverClock.textOf('2026-12-02T03:59:25.000Z')).toBe('2026-11-27 11:59:25');
});
