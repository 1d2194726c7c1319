// Builds the in-browser bench harness (bench/harness/dist) from the app's real modules.
import { defineConfig } from 'vite';

export default defineConfig({
	root: import.meta.dirname,
	build: { outDir: 'dist', emptyOutDir: true },
	logLevel: 'warn'
});
