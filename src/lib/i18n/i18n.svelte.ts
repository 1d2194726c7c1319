// Interface language: zh-CN first, English available. i18next holds the messages; a rune holds the
// current locale so every `t()` in a template re-renders when the user switches.
import i18next from 'i18next';
// Messages are split by area (common, plans = before the day, day = proctor/examiner, desk =
// after the session) so each area's screens keep their words together; keys are `area.…`.
const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });

function messagesOf(lang: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [path, messages] of Object.entries(files)) {
		const [, folder, area] = /\.\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
		if (folder !== lang) continue;
		if (area === 'common') Object.assign(out, messages);
		else out[area] = messages;
	}
	return out;
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'kaowu:locale';

function initialLocale(): Locale {
	const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
	return saved === 'en' ? 'en' : 'zh-CN';
}

let current = $state<Locale>(initialLocale());

void i18next.init({
	lng: current,
	fallbackLng: 'zh-CN',
	initAsync: false,
	resources: { 'zh-CN': { translation: messagesOf('zh-CN') }, en: { translation: messagesOf('en') } },
	interpolation: { escapeValue: false }
});

export function t(key: string, options?: Record<string, unknown>): string {
	void current; // read the rune so templates update on a switch
	return i18next.t(key, options);
}

export function locale(): Locale {
	return current;
}

export function setLocale(next: Locale): void {
	current = next;
	void i18next.changeLanguage(next);
	localStorage.setItem(STORAGE_KEY, next);
	document.documentElement.lang = next;
}
