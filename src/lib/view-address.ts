// A screen's choices of view (its tab, the session or group shown) kept in the page's address
// without navigating: a reload, or the way back after signing in again (sign-in-return.ts), opens
// the same view. Values the address carries are checked against what the screen offers.
import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/** The address's value for `key` when it is one of `allowed`; otherwise the first of `allowed`. */
export function choiceInAddress<T extends string>(key: string, allowed: readonly T[]): T {
	const value = page.url.searchParams.get(key);
	return allowed.find((a) => a === value) ?? allowed[0];
}

/** Sets (or, for an empty value, removes) each key in the address, replacing the history entry. */
export function keepInAddress(values: Record<string, string | null | undefined>): void {
	const url = new URL(page.url);
	for (const [key, value] of Object.entries(values)) {
		if (value) url.searchParams.set(key, value);
		else url.searchParams.delete(key);
	}
	replaceState(url, page.state);
}
