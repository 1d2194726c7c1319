// The interface's translation function outside Svelte, for unit tests of domain text in either language.
import i18next from 'i18next';
import zhDesk from '../../src/lib/i18n/zh-CN/desk.json';
import enDesk from '../../src/lib/i18n/en/desk.json';
import zhDay from '../../src/lib/i18n/zh-CN/day.json';
import enDay from '../../src/lib/i18n/en/day.json';

export async function translator(lng: 'zh-CN' | 'en') {
	const i18n = i18next.createInstance();
	await i18n.init({
		lng,
		resources: {
			'zh-CN': { translation: { desk: zhDesk, day: zhDay } },
			en: { translation: { desk: enDesk, day: enDay } }
		},
		interpolation: { escapeValue: false }
	});
	return (key: string, params?: Record<string, unknown>) => i18n.t(key, params);
}
