// Keeps the domain layer pure: no UI, storage or sync libraries, no SvelteKit aliases, nothing from
// outside this folder — the Node server imports these files with tsx, without the alias config.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN_DIR = dirname(fileURLToPath(import.meta.url));

const FORBIDDEN: { test: (specifier: string) => boolean; why: string }[] = [
	{ test: (s) => s === 'svelte' || s.startsWith('svelte/'), why: 'svelte' },
	{ test: (s) => s === 'dexie' || s.startsWith('dexie/'), why: 'dexie' },
	{ test: (s) => s === 'yjs' || s.startsWith('yjs/'), why: 'yjs' },
	{ test: (s) => s === 'y-indexeddb' || s.startsWith('y-indexeddb/'), why: 'y-indexeddb' },
	{ test: (s) => s.startsWith('@hocuspocus/'), why: '@hocuspocus' },
	{ test: (s) => s === '$app' || s.startsWith('$app/'), why: '$app' },
	{ test: (s) => s === '$lib' || s.startsWith('$lib/'), why: '$lib' },
	{ test: (s) => s === '..' || s.startsWith('../') || s.includes('/../'), why: 'outside the domain folder' },
	{ test: (s) => s.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(s), why: 'absolute path' }
];

const SPECIFIER_PATTERNS = [
	/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', export { x } from '…'
	/\bimport\s*['"]([^'"]+)['"]/g, // import '…'
	/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
	/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g // require('…')
];

/** Every module specifier a source file imports. */
function importSpecifiers(source: string): string[] {
	const found: string[] = [];
	for (const pattern of SPECIFIER_PATTERNS) {
		for (const match of source.matchAll(pattern)) found.push(match[1]);
	}
	return found;
}

function violations(source: string): string[] {
	return importSpecifiers(source).flatMap((s) => FORBIDDEN.filter((f) => f.test(s)).map((f) => `${s} (${f.why})`));
}

describe('domain layering', () => {
	const files = readdirSync(DOMAIN_DIR).filter((f) => f.endsWith('.ts'));

	it('finds the domain files', () => {
		expect(files).toContain('calendar.ts');
		expect(files).toContain('layering.test.ts');
	});

	it.each(files)('%s imports nothing forbidden', (file) => {
		const source = readFileSync(join(DOMAIN_DIR, file), 'utf8');
		expect(violations(source)).toEqual([]);
	});

	it('the checker catches each forbidden form', () => {
		const q = "'";
		const samples = [
			`import { mount } from ${q}svelte${q};`,
			`import Dexie from ${q}dexie${q};`,
			`import * as Y from ${q}yjs${q};`,
			`import { IndexeddbPersistence } from ${q}y-indexeddb${q};`,
			`import { Hocuspocus } from ${q}@hocuspocus/server${q};`,
			`import { browser } from ${q}$app/environment${q};`,
			`import { x } from ${q}$lib/domain/calendar${q};`,
			`import {\n  a,\n  b\n} from ${q}../state/x${q};`,
			`export { y } from ${q}../sync/y${q};`,
			`import ${q}../side-effect${q};`,
			`const m = await import(${q}yjs${q});`,
			`const d = require(${q}dexie${q});`
		];
		for (const sample of samples) expect(violations(sample), sample).toHaveLength(1);
		expect(violations(`import { z } from ${q}zod${q};\nimport { a } from ${q}./calendar${q};`)).toEqual([]);
	});
});
