// The interface's translation function outside Svelte, for unit tests of domain text in either language.
import { plainTranslator } from '../../src/lib/i18n/plain-translator';

export async function translator(lng: 'zh-CN' | 'en') {
	return plainTranslator(lng);
}
