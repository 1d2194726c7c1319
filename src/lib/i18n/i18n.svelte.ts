// Interface language: zh-CN first, English available. i18next holds the messages; a rune holds the
// current locale so every `t()` in a template re-renders when the user switches.
import i18next from 'i18next';
// Messages are split by area (common, plans = before the day, day = proctor/examiner, desk =
// after the session, …) so each area's screens keep their words together; keys are `area.…`
// (common's keys have no prefix). Each file is its own chunk, loaded per language and per area
// when a screen needs it: the sign-in page carries only common in one language. The service
// worker precaches every chunk, so offline screens find theirs.
const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { import: 'default' });

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'kaowu:locale';

/** Areas other than common (their keys start with `area.`). */
const AREAS = new Set(
	Object.keys(files)
		.map((path) => /\/([^/]+)\.json$/.exec(path)![1])
		.filter((area) => area !== 'common')
);

/** The areas a screen needs besides common, by the first segment of its path. */
const AREAS_OF_ROUTE: Record<string, string[]> = {
	centre: ['centre', 'devices', 'checks'],
	desk: ['desk', 'plans', 'checks'],
	device: ['devices'],
	examiner: ['day'],
	home: ['plans', 'checks'],
	lookup: ['desk'],
	plans: ['plans', 'checks', 'import'],
	proctor: ['day']
};

export function areasOfPath(pathname: string): string[] {
	return AREAS_OF_ROUTE[pathname.split('/')[1] ?? ''] ?? [];
}

function initialLocale(): Locale {
	const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
	return saved === 'en' ? 'en' : 'zh-CN';
}

let current = $state<Locale>(initialLocale());
/** Moves when an area's messages arrive, so templates that asked too early render again. */
let arrived = $state(0);
const loaded = new Set<string>();
const loading = new Map<string, Promise<void>>();

void i18next.init({
	lng: current,
	fallbackLng: false,
	initAsync: false,
	resources: {},
	interpolation: { escapeValue: false }
});

function loadArea(lang: Locale, area: string): Promise<void> {
	const id = `${lang}/${area}`;
	if (loaded.has(id)) return Promise.resolve();
	let promise = loading.get(id);
	if (!promise) {
		promise = files[`./${id}.json`]().then((messages) => {
			i18next.addResourceBundle(lang, 'translation', area === 'common' ? messages : { [area]: messages }, true, true);
			loaded.add(id);
			loading.delete(id);
			arrived++;
		});
		loading.set(id, promise);
	}
	return promise;
}

/** Loads common and the given areas in the current language (a route's load awaits it). */
export function loadMessages(areas: readonly string[] = []): Promise<void> {
	return Promise.all(['common', ...areas].map((area) => loadArea(current, area))).then(() => undefined);
}

function areaOf(key: string): string {
	const area = key.slice(0, key.indexOf('.'));
	return AREAS.has(area) ? area : 'common';
}

export function t(key: string, options?: Record<string, unknown>): string {
	void arrived; // read the runes so templates update on a switch or when messages arrive
	const lang = current;
	const area = areaOf(key);
	// A screen's areas are loaded before it renders (routes/+layout.ts); a key from an area not yet
	// here loads it and reads as empty until it arrives, never as the raw key.
	if (!loaded.has(`${lang}/${area}`)) {
		void loadArea(lang, area);
		return '';
	}
	return i18next.t(key, { ...options, lng: lang });
}

/**
 * The translation function of one language, whatever the interface's: the error file a clerk downloads
 * is worded in Chinese (the registration office reads it) even on the English screens.
 */
export async function translatorIn(
	lang: Locale,
	areas: readonly string[]
): Promise<(key: string, params?: Record<string, unknown>) => string> {
	await Promise.all(['common', ...areas].map((area) => loadArea(lang, area)));
	return (key, params) => i18next.t(key, { ...params, lng: lang });
}

export function locale(): Locale {
	return current;
}

/**
 * Switches once the new language's messages for every area in use have arrived. The choice is kept
 * at once: a page left or reloaded before they arrive opens in the chosen language.
 */
export async function setLocale(next: Locale): Promise<void> {
	localStorage.setItem(STORAGE_KEY, next);
	const inUse = [...loaded].filter((id) => id.startsWith(`${current}/`)).map((id) => id.slice(current.length + 1));
	await Promise.all(inUse.map((area) => loadArea(next, area)));
	current = next;
	await i18next.changeLanguage(next);
	document.documentElement.lang = next;
}
