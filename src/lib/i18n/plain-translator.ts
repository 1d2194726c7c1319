// The interface's messages outside Svelte: the server words a refusal in Chinese (beside the message's
// key and parameters, which the client words in the reader's language), and unit tests read domain
// messages in either language. Every area of both languages, loaded at once (the server and tests
// only; screens load theirs per route through i18n.svelte.ts).
import i18next from 'i18next';
import { messageText, type Message } from '../domain/message-text';
import type { Translate } from '../domain/entry-text';
import zhCommon from './zh-CN/common.json' with { type: 'json' };
import zhCentre from './zh-CN/centre.json' with { type: 'json' };
import zhChecks from './zh-CN/checks.json' with { type: 'json' };
import zhDay from './zh-CN/day.json' with { type: 'json' };
import zhDesk from './zh-CN/desk.json' with { type: 'json' };
import zhDevices from './zh-CN/devices.json' with { type: 'json' };
import zhImport from './zh-CN/import.json' with { type: 'json' };
import zhPlans from './zh-CN/plans.json' with { type: 'json' };
import enCommon from './en/common.json' with { type: 'json' };
import enCentre from './en/centre.json' with { type: 'json' };
import enChecks from './en/checks.json' with { type: 'json' };
import enDay from './en/day.json' with { type: 'json' };
import enDesk from './en/desk.json' with { type: 'json' };
import enDevices from './en/devices.json' with { type: 'json' };
import enImport from './en/import.json' with { type: 'json' };
import enPlans from './en/plans.json' with { type: 'json' };

const resources = {
	'zh-CN': {
		translation: {
			...zhCommon,
			centre: zhCentre,
			checks: zhChecks,
			day: zhDay,
			desk: zhDesk,
			devices: zhDevices,
			import: zhImport,
			plans: zhPlans
		}
	},
	en: {
		translation: {
			...enCommon,
			centre: enCentre,
			checks: enChecks,
			day: enDay,
			desk: enDesk,
			devices: enDevices,
			import: enImport,
			plans: enPlans
		}
	}
};

const translators = new Map<string, Translate>();

/** The translation function of a language; a key it lacks reads as `[missing: key]`, never silently. */
export function plainTranslator(lng: 'zh-CN' | 'en'): Translate {
	let tr = translators.get(lng);
	if (!tr) {
		const i18n = i18next.createInstance();
		void i18n.init({ lng, resources, initAsync: false, interpolation: { escapeValue: false } });
		tr = (key, params) => (i18n.exists(key, params) ? i18n.t(key, params) : `[missing: ${key}]`);
		translators.set(lng, tr);
	}
	return tr;
}

/** A domain message in Chinese, as a clerk reads it (the server's refusals and stored decisions). */
export function zhText(message: Message): string {
	return messageText(message, plainTranslator('zh-CN'));
}
