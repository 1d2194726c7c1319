// The layers, as imports: routes → components → state → sync / storage → domain, and the server
// beside them importing only the pure parts. A file that reaches past its layer fails here, so the
// rules of docs/architecture.md ("only src/lib/sync imports yjs", "the domain imports nothing outside
// it") are checked on every `npm test`, not only written down.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

type Layer =
	'api' | 'domain' | 'storage' | 'sync' | 'state' | 'components' | 'i18n' | 'lib' | 'routes' | 'server' | 'worker';

/** The layer a path under src/ belongs to (a path relative to src/, with forward slashes). */
export function layerOf(path: string): Layer {
	if (path.startsWith('lib/api/')) return 'api';
	if (path.startsWith('lib/domain/')) return 'domain';
	if (path.startsWith('lib/storage/')) return 'storage';
	if (path.startsWith('lib/sync/')) return 'sync';
	if (path.startsWith('lib/state/')) return 'state';
	if (path.startsWith('lib/components/')) return 'components';
	if (path.startsWith('lib/i18n/')) return 'i18n';
	if (path.startsWith('lib/')) return 'lib';
	if (path.startsWith('routes/')) return 'routes';
	if (path.startsWith('server/')) return 'server';
	return 'worker';
}

/** Which of our own layers each layer may import (its own layer always). */
const MAY_IMPORT: Record<Layer, Layer[]> = {
	// The JSON API client: fetch and nothing else, usable from every browser layer.
	api: [],
	domain: [],
	storage: ['domain'],
	sync: ['domain', 'storage', 'api'],
	// Messages word the domain's Messages and the catalogue's fixed values (levels, subjects, modes).
	i18n: ['domain'],
	lib: ['api', 'domain', 'i18n', 'state', 'storage', 'sync'],
	state: ['api', 'domain', 'storage', 'sync', 'i18n', 'lib'],
	components: ['api', 'domain', 'state', 'i18n', 'lib', 'storage', 'sync'],
	routes: ['api', 'domain', 'state', 'components', 'i18n', 'lib', 'storage', 'sync'],
	// The server runs under tsx without SvelteKit's aliases and never ships browser code; it reads
	// i18n only to word the Chinese text it sends beside a Message (SERVER_I18N, nothing else there).
	server: ['domain', 'sync', 'i18n'],
	worker: ['domain', 'lib']
};

/** The one i18n module the server may import: plain i18next with the JSON messages, no Svelte. */
const SERVER_I18N = 'lib/i18n/plain-translator';

/** Packages only one layer may import directly. */
const PACKAGE_OWNERS: { test: (s: string) => boolean; name: string; owners: Layer[] }[] = [
	{ test: (s) => s === 'yjs' || s.startsWith('yjs/'), name: 'yjs', owners: ['sync', 'server'] },
	{ test: (s) => s === 'y-indexeddb' || s.startsWith('y-indexeddb/'), name: 'y-indexeddb', owners: ['sync'] },
	{ test: (s) => s === 'y-protocols' || s.startsWith('y-protocols/'), name: 'y-protocols', owners: ['sync', 'server'] },
	{ test: (s) => s.startsWith('@hocuspocus/provider'), name: '@hocuspocus/provider', owners: ['sync'] },
	{ test: (s) => s.startsWith('@hocuspocus/server'), name: '@hocuspocus/server', owners: ['server'] },
	{ test: (s) => s === 'dexie' || s.startsWith('dexie/'), name: 'dexie', owners: ['storage'] },
	{ test: (s) => s === 'better-sqlite3', name: 'better-sqlite3', owners: ['server'] },
	{
		test: (s) => s === 'svelte' || s.startsWith('svelte/') || s.startsWith('$app/'),
		name: 'svelte / $app',
		owners: ['storage', 'sync', 'state', 'components', 'i18n', 'lib', 'routes', 'worker']
	}
];

const SPECIFIER_PATTERNS = [
	/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', export { x } from '…'
	/\bimport\s*['"]([^'"]+)['"]/g, // import '…'
	/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
	/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g // require('…')
];

/** Every module specifier a source file imports. */
export function importSpecifiers(source: string): string[] {
	const found: string[] = [];
	for (const pattern of SPECIFIER_PATTERNS) for (const match of source.matchAll(pattern)) found.push(match[1]);
	return found;
}

/** What is wrong with one import of the file at `file` (relative to src/), or null. */
export function violation(file: string, specifier: string): string | null {
	const from = layerOf(file);
	const owner = PACKAGE_OWNERS.find((p) => p.test(specifier));
	if (owner && !owner.owners.includes(from))
		return `${specifier}: only ${owner.owners.join(', ')} may import ${owner.name}`;
	let target: string | null = null;
	if (specifier === '$lib' || specifier.startsWith('$lib/')) {
		if (from === 'server' || from === 'domain') return `${specifier}: ${from} files cannot use SvelteKit aliases`;
		target = 'lib/' + specifier.slice('$lib/'.length);
	} else if (specifier.startsWith('.')) {
		target = relative(SRC, resolve(SRC, dirname(file), specifier))
			.split('\\')
			.join('/');
		if (target.startsWith('..')) return `${specifier}: outside src/`;
	} else if (specifier.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(specifier)) {
		return `${specifier}: absolute path`;
	}
	if (target === null || target.endsWith('.css')) return null;
	const to = layerOf(target);
	if (from === 'server' && to === 'i18n' && target.replace(/\.(ts|js)$/, '') !== SERVER_I18N)
		return `${specifier}: the server may import only ${SERVER_I18N} from i18n`;
	if (to === from || MAY_IMPORT[from].includes(to)) return null;
	return `${specifier}: ${from} may not import ${to}`;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

describe('layering', () => {
	const files = sourceFiles(SRC).map((f) => relative(SRC, f).split('\\').join('/'));

	it('finds files of every layer', () => {
		const layers = new Set(files.map(layerOf));
		for (const layer of ['domain', 'storage', 'sync', 'state', 'components', 'routes', 'server'] as Layer[])
			expect(layers, layer).toContain(layer);
	});

	it.each(files)('%s imports only what its layer may', (file) => {
		const source = readFileSync(join(SRC, file), 'utf8');
		const wrong = importSpecifiers(source)
			.map((s) => violation(file, s))
			.filter(Boolean);
		expect(wrong).toEqual([]);
	});

	it('the checker catches each forbidden form', () => {
		const q = "'";
		const cases: [string, string][] = [
			['routes/proctor/[planId]/+page.svelte', `import * as Y from ${q}yjs${q};`],
			['lib/components/SyncStatus.svelte', `import { HocuspocusProvider } from ${q}@hocuspocus/provider${q};`],
			['lib/state/desk-view.svelte.ts', `import Dexie from ${q}dexie${q};`],
			['lib/state/desk-view.svelte.ts', `import { IndexeddbPersistence } from ${q}y-indexeddb${q};`],
			['lib/domain/subject-results.ts', `import { mount } from ${q}svelte${q};`],
			['lib/domain/subject-results.ts', `import { x } from ${q}$lib/domain/calendar${q};`],
			['lib/domain/subject-results.ts', `import {\n  a,\n  b\n} from ${q}../state/x${q};`],
			['lib/domain/subject-results.ts', `export { y } from ${q}../sync/y${q};`],
			['lib/sync/workspace.ts', `import ${q}../state/session.svelte${q};`],
			['lib/state/session.svelte.ts', `const m = await import(${q}../components/AppHeader.svelte${q});`],
			['server/main.ts', `import { session } from ${q}$lib/state/session.svelte${q};`],
			['server/main.ts', `import { db } from ${q}../lib/storage/db${q};`],
			['server/main.ts', `const d = require(${q}dexie${q});`],
			['lib/components/AppHeader.svelte', `import { x } from ${q}../../routes/home/PlanCard.svelte${q};`],
			['server/api/plans.ts', `import { i18n } from ${q}../../lib/i18n/i18n.svelte${q};`],
			['lib/i18n/plain-translator.ts', `import { x } from ${q}../state/session.svelte${q};`]
		];
		for (const [file, sample] of cases) {
			const found = importSpecifiers(sample).map((s) => violation(file, s));
			expect(found.filter(Boolean), `${file}: ${sample}`).toHaveLength(1);
		}
		const allowed: [string, string][] = [
			['lib/domain/subject-results.ts', `import { z } from ${q}zod${q};\nimport { a } from ${q}./calendar${q};`],
			['server/api/after-session.ts', `import { beijingDateOf } from ${q}../../lib/domain/iso-date${q};`],
			['lib/sync/workspace.ts', `import * as Y from ${q}yjs${q};`],
			['server/api/plans.ts', `import { zhText } from ${q}../../lib/i18n/plain-translator${q};`],
			['lib/i18n/plain-translator.ts', `import { messageText } from ${q}../domain/message-text${q};`],
			['routes/desk/[planId]/+page.svelte', `import { DeskView } from ${q}$lib/state/desk-view.svelte${q};`]
		];
		for (const [file, sample] of allowed)
			expect(
				importSpecifiers(sample)
					.map((s) => violation(file, s))
					.filter(Boolean),
				sample
			).toEqual([]);
	});
});

describe('JSON imports', () => {
	// Node runs the server (through tsx) and loads the Playwright specs and their support files, which
	// import server and domain modules; its ESM loader refuses a JSON import without the attribute
	// (stop 24: the whole end-to-end suite listed 0 tests). Vite accepts both forms.
	it('carry `with { type: "json" }`', () => {
		const bare = sourceFiles(SRC).flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/^import [^;]*?from '[^']+\.json'(?! with \{ type: 'json' \})/gm)].map(
				(m) => `${relative(SRC, file)}: ${m[0]}`
			)
		);
		expect(bare).toEqual([]);
	});
});
