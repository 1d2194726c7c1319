// One notice component: every error, warning and confirmation a screen shows goes through
// src/lib/components/Notice.svelte (its tone, its screen-reader role), never a hand-made
// `<p class="notice bad">` whose role and look drift from the others.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const NOTICE = 'lib/components/Notice.svelte';

function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return svelteFiles(path);
		return name.endsWith('.svelte') ? [path] : [];
	});
}

/** The lines of a component's markup that build a notice by hand (its class on an element). */
export function handMadeNotices(source: string): string[] {
	const markup = source.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
	return markup.split('\n').filter((line) => /\bclass(?::notice\b|="[^"]*\bnotice\b|=\{[^}]*\bnotice\b)/.test(line));
}

describe('one notice component', () => {
	it('finds a hand-made notice', () => {
		expect(handMadeNotices('<p class="notice bad" role="alert">{error}</p>')).toHaveLength(1);
		expect(handMadeNotices('<div\n\tclass="notice {tone}"\n>')).toHaveLength(1);
		expect(handMadeNotices("<p class={ok ? 'notice ok' : 'notice warn'}>")).toHaveLength(1);
		expect(handMadeNotices('<Notice tone="warn">x</Notice>\n<p class="muted">y</p>')).toEqual([]);
	});

	it.each(
		svelteFiles(SRC)
			.map((f) => relative(SRC, f).split('\\').join('/'))
			.filter((f) => f !== NOTICE)
	)('%s shows its notices through Notice.svelte', (file) => {
		expect(handMadeNotices(readFileSync(join(SRC, file), 'utf8'))).toEqual([]);
	});
});
