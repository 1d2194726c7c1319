import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// KAOWU_BUILD_DIR / KAOWU_KIT_DIR let two builds (say, two test runs) live side by side.
/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: process.env.KAOWU_BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.KAOWU_KIT_DIR ?? '.svelte-kit',
		// The offline shell answers every deep route (/proctor/{id}); relative asset paths would
		// resolve under that route and fail, so assets are always addressed from the root.
		paths: { relative: false },
		serviceWorker: { register: false },
		// Content-Security-Policy (docs/security.md). 'auto': pages rendered per request get a nonce in
		// the header; the prerendered offline shell (/shell, which the service worker answers offline
		// navigations with) gets hashes of its inline boot script in a <meta> tag, so it stays valid
		// from the cache. Scripts only from this origin, no eval; styles allow inline (Svelte's style
		// attributes); images from data:/blob: (QR codes, photos); the QR scanner's camera stream
		// needs no directive (srcObject). frame-ancestors is not honoured in <meta>: the server also sends
		// it as a header on every response (src/server/security-headers.ts).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				// Dropped by SvelteKit from the prerendered shell's <meta>; the server's header covers it.
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
