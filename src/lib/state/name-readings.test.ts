// pinyin-pro (~290 KB, ~150 ms of a tablet's main thread building its dictionaries when it loads)
// and jsQR (~130 KB) load when they are needed, not with the screens (issue 16,
// offline-open-seatmap-ms): no source file imports them statically except the one module that wraps
// pinyin-pro, and that module is only imported with import() (state/name-readings.svelte.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

/** Value imports (not `import type`) and re-exports of a module, found by a pattern on its specifier. */
function staticImporters(specifier: RegExp): string[] {
	return sources(SRC)
		.filter((path) => {
			const text = readFileSync(path, 'utf8');
			const statements =
				text.match(/^\s*(import|export)\s[^;]*?from\s+['"][^'"]+['"]|^\s*import\s+['"][^'"]+['"]/gm) ?? [];
			return statements.some((s) => !/^\s*import\s+type\s/.test(s) && specifier.test(s.replace(/^[^'"]*/, '')));
		})
		.map((path) => relative(SRC, path).replaceAll('\\', '/'));
}

describe('search and camera libraries load when needed', () => {
	it('pinyin-pro is imported only by domain/name-readings.ts', () => {
		expect(staticImporters(/^['"]pinyin-pro['"]$/)).toEqual(['lib/domain/name-readings.ts']);
	});
	it('domain/name-readings.ts is never imported statically (only with import())', () => {
		expect(staticImporters(/\/name-readings['"]$/)).toEqual([]);
	});
	it('jsQR is never imported statically', () => {
		expect(staticImporters(/^['"]jsqr['"]$/)).toEqual([]);
	});
});
