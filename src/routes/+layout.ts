import { areasOfPath, loadMessages } from '$lib/i18n/i18n.svelte';
import { session } from '$lib/state/session.svelte';
import type { LayoutLoad } from './$types';

// Kaowu is a local-first app: every page renders on the device from IndexedDB, never on the server.
export const ssr = false;
export const prerender = false;

// Each screen renders once its messages (common and its areas, in the current language) are here.
// The signed-in tab's session (and its documents) starts restoring meanwhile; the layout shows the
// screen once it is restored (session.isRestored), without waiting here.
export const load: LayoutLoad = async ({ url }) => {
	if (typeof window !== 'undefined') void session.restore();
	await loadMessages(areasOfPath(url.pathname));
};
