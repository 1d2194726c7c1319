// The pinyin readings of names for candidate search, loaded on the first search typed. pinyin-pro
// (about 290 KB) builds its dictionaries when it loads: ~150–200 ms of a tablet's main thread,
// which the proctor's room used to pay before its seat map showed (issue 16,
// offline-open-seatmap-ms). Until they arrive, names and numbers are found at once and the index
// is built again with pinyin when the readings are here (screens read `current` in a $derived).
import { isPinyinQuery, type NameReadings } from '../domain/candidate-search';

class NameReadingsLoader {
	current = $state.raw<NameReadings | null>(null);
	private loading: Promise<NameReadings> | null = null;

	/** Starts loading (once); resolves with the readings. */
	load(): Promise<NameReadings> {
		this.loading ??= import('../domain/name-readings').then(
			({ pinyinReadings }) => (this.current = pinyinReadings),
			(error: unknown) => {
				this.loading = null; // try again on the next search
				throw error;
			}
		);
		return this.loading;
	}

	/** Called as a search is typed: starts loading on the first one. */
	wanted(query: string): void {
		if (query.trim() && !this.current) void this.load().catch(() => {});
	}

	/** Resolves once a search for `query` finds all it should (a pinyin query waits for the readings). */
	whenReadyFor(query: string): Promise<unknown> {
		this.wanted(query);
		return this.current || !isPinyinQuery(query) ? Promise.resolve() : this.load().catch(() => null);
	}

	/** A pinyin query typed before the readings arrived: "no match" would not be true yet. */
	isPending(query: string): boolean {
		return !this.current && isPinyinQuery(query);
	}
}

export const nameReadings = new NameReadingsLoader();
