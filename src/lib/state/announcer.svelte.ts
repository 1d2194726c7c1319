// The page's one polite live region: everything a screen reader should hear (sync state changes,
// results of an action) goes through `announce`, so nothing is said twice by two regions.
class Announcer {
	text = $state('');
	/** Bumped for every message, so the same message twice is said twice. */
	seq = $state(0);

	announce(text: string): void {
		this.text = text;
		this.seq++;
	}
}

export const announcer = new Announcer();
