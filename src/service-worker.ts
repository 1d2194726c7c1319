/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The offline shell: precaches the build, static files and the prerendered shell; answers every
// navigation with the shell from the precache, online or not, so no page waits for the server.
// A new version waits until the user chooses to switch (workbox-window on the page sends
// SKIP_WAITING), so nothing changes mid-exam.
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `kaowu-${version}`;
const SHELL = '/shell';
const PRECACHE = [...new Set([...build, ...files, ...prerendered])];
const ASSETS = new Set(PRECACHE);

sw.addEventListener('install', (event) => {
	// Straight from the server, never from the browser's HTTP cache (cache: 'reload'): the shell and
	// static files carry no Cache-Control, so the browser may hold the previous version's shell as
	// fresh, and a new worker would precache it and answer every navigation with a shell whose
	// scripts the new server no longer has.
	const requests = PRECACHE.map((path) => new Request(path, { cache: 'reload' }));
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/sync') return;

	if (request.mode === 'navigate') {
		// Every page's HTML is the same shell (ssr = false; the router renders the route on the device),
		// so a navigation is answered from the precache and never waits for the network: on a site
		// whose Wi-Fi is up but whose server does not answer, a fetch can hang for minutes before it
		// fails. A precached file opened directly (the manifest, an icon) is that file. Only when the
		// cache has lost the shell (evicted) does the navigation go to the network. A new version's
		// shell comes with its worker: it is precached at install and answers once the user switches.
		event.respondWith(
			(async () => {
				const cache = await caches.open(CACHE);
				const cached = await cache.match(ASSETS.has(url.pathname) ? url.pathname : SHELL);
				return cached ?? fetch(request);
			})()
		);
		return;
	}

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const cached = await cache.match(request);
			if (cached) return cached;
			return fetch(request);
		})()
	);
});
