// ESLint: typescript-eslint and eslint-plugin-svelte, formatting left to Prettier (npm run lint).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript and svelte-check already report undefined names.
			'no-undef': 'off',
			// Local Maps and Sets built inside a derivation are plain values on purpose; reactive
			// collections live in $state.
			'svelte/prefer-svelte-reactivity': 'off',
			// The app has no base path (kit.paths.base is empty): absolute hrefs are already resolved.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		// Generated or local-only folders (as in .gitignore).
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit/',
			'.svelte-kit-*/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'static/',
			'data/',
			'bench/harness/dist/',
			'.scratch/',
			'tmp/'
		]
	}
);
