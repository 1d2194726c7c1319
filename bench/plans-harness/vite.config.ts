// Builds the in-browser harness for the roster-import figure (bench/plans-harness/dist) from the
// same modules the app's import screen uses.
import { defineConfig } from 'vite';

export default defineConfig({
	root: import.meta.dirname,
	build: { outDir: 'dist', emptyOutDir: true },
	logLevel: 'warn'
});
