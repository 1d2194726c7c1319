import { areasOfPath, loadMessages } from '$lib/i18n/i18n.svelte';
import type { LayoutLoad } from './$types';

// Kaowu is a local-first app: every page renders on the device from IndexedDB, never on the server.
export const ssr = false;
export const prerender = false;

// Each screen renders once its messages (common and its areas, in the current language) are here.
export const load: LayoutLoad = async ({ url }) => {
	await loadMessages(areasOfPath(url.pathname));
};
