// Every message exists in both languages: a key missing in one would show as a raw key on screen.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;

function keys(value: unknown, prefix = ''): string[] {
	if (typeof value !== 'object' || value === null) return [prefix];
	return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? filesUnder(join(folder, e.name)) : /\.(svelte|ts)$/.test(e.name) ? [join(folder, e.name)] : []
	);
}

/** All zh-CN keys with their area prefix (common keys have none), as `t()` sees them. */
function allKeys(): Set<string> {
	const out = new Set<string>();
	for (const file of readdirSync(join(dir, 'zh-CN'))) {
		const area = file.replace(/\.json$/, '');
		for (const k of keys(JSON.parse(readFileSync(join(dir, 'zh-CN', file), 'utf8'))))
			out.add(area === 'common' ? k : `${area}.${k}`);
	}
	return out;
}

describe('messages', () => {
	it('every literal key passed to t() exists', () => {
		const known = allKeys();
		const src = join(dir, '..', '..');
		const missing: string[] = [];
		for (const file of filesUnder(src)) {
			if (file.endsWith('.test.ts')) continue;
			for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) {
				const key = m[1];
				// i18next plural keys live as key_one / key_other
				if (!known.has(key) && !known.has(`${key}_other`)) missing.push(`${file.slice(src.length + 1)}: ${key}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('every literal message key the domain returns ({ key: … }) exists', () => {
		const known = allKeys();
		const domain = join(dir, '..', 'domain');
		const missing: string[] = [];
		for (const file of filesUnder(domain)) {
			if (file.endsWith('.test.ts')) continue;
			for (const m of readFileSync(file, 'utf8').matchAll(/\bkey: '([a-zA-Z0-9_-]+\.[a-zA-Z0-9_.-]+)'/g))
				if (!known.has(m[1]) && !known.has(`${m[1]}_other`)) missing.push(`${file.slice(domain.length + 1)}: ${m[1]}`);
		}
		expect(missing).toEqual([]);
	});

	for (const file of readdirSync(join(dir, 'zh-CN'))) {
		it(`${file} has the same keys in zh-CN and en`, () => {
			const zh = keys(JSON.parse(readFileSync(join(dir, 'zh-CN', file), 'utf8'))).sort();
			const en = keys(JSON.parse(readFileSync(join(dir, 'en', file), 'utf8'))).sort();
			expect(en.filter((k) => !zh.includes(k))).toEqual([]);
			expect(zh.filter((k) => !en.includes(k))).toEqual([]);
		});
	}
});
