// Builds the in-browser harness for the roster-import figure (into test-results/plans-harness) from the
// same modules the app's import screen uses.
import { defineConfig } from 'vite';

export default defineConfig({
	root: import.meta.dirname,
	// Output under test-results/ (ignored by git) so the build leaves the tree clean.
	build: { outDir: '../../test-results/plans-harness', emptyOutDir: true },
	logLevel: 'warn'
});
