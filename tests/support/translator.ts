// The interface's translation function outside Svelte, for unit tests of domain text in either language.
import i18next from 'i18next';
import zhDesk from '../../src/lib/i18n/zh-CN/desk.json';
import enDesk from '../../src/lib/i18n/en/desk.json';
import zhDay from '../../src/lib/i18n/zh-CN/day.json';
import enDay from '../../src/lib/i18n/en/day.json';
import zhCommon from '../../src/lib/i18n/zh-CN/common.json';
import enCommon from '../../src/lib/i18n/en/common.json';

export async function translator(lng: 'zh-CN' | 'en') {
	const i18n = i18next.createInstance();
	await i18n.init({
		lng,
		resources: {
			'zh-CN': { translation: { ...zhCommon, desk: zhDesk, day: zhDay } },
			en: { translation: { ...enCommon, desk: enDesk, day: enDay } }
		},
		interpolation: { escapeValue: false }
	});
	return (key: string, params?: Record<string, unknown>) => i18n.t(key, params);
}
