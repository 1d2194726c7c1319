// A screen's choices of view (its tab, the session or group shown) kept in the page's address
// without navigating: a reload, the way back after signing in again (sign-in-return.ts) or Back to
// the page opens the same view. Values the address carries are checked against what the screen offers.
// The address is read from the browser (`location`), not `page.url`: SvelteKit's shallow
// `replaceState` changes the address but not `page.url`, and Back re-opens a page with the `page.url`
// it had when the address last really changed.
import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/** The page's address as the browser shows it. */
export const currentAddress = (): URL => new URL(location.href);

/** The address's value for `key`, or '' when it has none. */
export const valueInAddress = (key: string): string => currentAddress().searchParams.get(key) ?? '';

/** The address's value for `key` when it is one of `allowed`; otherwise the first of `allowed`. */
export function choiceInAddress<T extends string>(key: string, allowed: readonly T[]): T {
	const value = valueInAddress(key);
	return allowed.find((a) => a === value) ?? allowed[0];
}

/** Sets (or, for an empty value, removes) each key in the address, replacing the history entry. */
export function keepInAddress(values: Record<string, string | null | undefined>): void {
	const url = currentAddress();
	for (const [key, value] of Object.entries(values)) {
		if (value) url.searchParams.set(key, value);
		else url.searchParams.delete(key);
	}
	replaceState(url, page.state);
}
