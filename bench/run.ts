// `npm run bench`: runs every bench/*.bench.ts in turn and writes bench-results.json at the
// repository root: an array of { name, value, unit, baseline?, ratio? }. Each figure that has a
// baseline is measured beside it in the same run, so the ratio holds on any machine.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	baseline?: number;
	ratio?: number;
	note?: string;
}

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const files = readdirSync(dir)
	.filter((f) => f.endsWith('.bench.ts'))
	.filter((f) => !only.length || only.some((o) => f.includes(o)))
	.sort();

const results: BenchResult[] = [];
for (const file of files) {
	console.log(`\n▶ ${file}`);
	const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<BenchResult[]> };
	const figures = await mod.default();
	for (const r of figures) {
		const ratio = r.ratio ?? (r.baseline ? r.value / r.baseline : undefined);
		const full = { ...r, ...(ratio !== undefined ? { ratio: Math.round(ratio * 100) / 100 } : {}) };
		results.push(full);
		console.log(
			`  ${r.name.padEnd(28)} ${String(r.value).padStart(10)} ${r.unit}` +
				(r.baseline !== undefined ? `   baseline ${r.baseline} ${r.unit}   ratio ${full.ratio}` : '') +
				(r.note ? `   (${r.note})` : '')
		);
	}
}
// Figures this run did not measure (say, from `npm run bench:load`) are kept.
const path = join(dir, '..', 'bench-results.json');
const earlier: BenchResult[] = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
const merged = [...earlier.filter((r) => !results.some((n) => n.name === r.name)), ...results];
writeFileSync(path, JSON.stringify(merged, null, 2) + '\n');
console.log(`\nWrote ${results.length} figures to bench-results.json`);
