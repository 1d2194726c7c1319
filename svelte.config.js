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
		serviceWorker: { register: false }
	}
};

export default config;
