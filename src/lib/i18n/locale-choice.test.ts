import { expect, it, vi } from 'vitest';

const saved = new Map<string, string>();
vi.stubGlobal('localStorage', {
	getItem: (key: string) => saved.get(key) ?? null,
	setItem: (key: string, value: string) => void saved.set(key, value)
});
vi.stubGlobal('document', { documentElement: { lang: 'zh-CN' } });
const { locale, setLocale } = await import('./i18n.svelte');

it('keeps the language a person chooses at once, before its messages have arrived', async () => {
	expect(locale()).toBe('zh-CN');
	const switching = setLocale('en');
	// A page left or reloaded now must open in English.
	expect(saved.get('kaowu:locale')).toBe('en');
	await switching;
	expect(locale()).toBe('en');
	expect(document.documentElement.lang).toBe('en');
});
