// Interface language: zh-CN first, English available. i18next holds the messages; a rune holds the
// current locale so every `t()` in a template re-renders when the user switches.
import i18next from 'i18next';
import zhCN from './zh-CN.json';
import en from './en.json';

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
	resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
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
