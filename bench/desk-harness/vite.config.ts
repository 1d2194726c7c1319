// Builds the in-browser harness for desk-new-entry-ms (into test-results/desk-harness) from the
// desk's real state class (runes compiled by the Svelte plugin).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
	root: import.meta.dirname,
	plugins: [svelte()],
	build: { outDir: '../../test-results/desk-harness', emptyOutDir: true, target: 'es2022' },
	logLevel: 'warn'
});
