// Serves the floor page from its cache, so it opens offline like the app.
self.addEventListener('install', (event) =>
	event.waitUntil(
		caches
			.open('floor')
			.then((cache) => cache.addAll(['/']))
			.then(() => self.skipWaiting())
	)
);
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) =>
	event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)))
);
