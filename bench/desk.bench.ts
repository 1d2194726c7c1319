// Reconciliation of a plan with 2,000 candidates and 30 devices' day documents (20 proctors, 10
// examiners, ~10,000 entries) in Node: the reconciliation and results on the read documents, beside
// the baseline of decoding and validating the same documents without reconciling.
import type { BenchResult } from './run';
import { median, round } from './support';
import { planFactsFrom } from '../src/lib/domain/plan-facts';
import { reconcile } from '../src/lib/domain/reconcile';
import { deriveResults } from '../src/lib/domain/subject-results';
import { buildDocs, N, read } from './desk-docs';

export default async function (): Promise<BenchResult[]> {
	const docs = buildDocs();
	const devices = docs.length - 1;
	const entries = read(docs)
		.slice(1)
		.reduce((n, d) => n + d.content.entries.length, 0);
	const baseline: number[] = [];
	const full: number[] = [];
	let items = 0;
	for (let run = 0; run < 20; run++) {
		let t = performance.now();
		const [plan, ...days] = read(docs);
		baseline.push(performance.now() - t);
		t = performance.now();
		const facts = planFactsFrom(plan.content.maps)!;
		const rec = reconcile({
			plan: facts,
			days: days.map((d) => ({ docName: d.name, userId: d.name.split(':')[2], entries: d.content.entries })),
			review: [],
			now: '2026-11-27T00:00:00+08:00'
		});
		deriveResults(facts.candidates, facts.examDate, rec, []);
		full.push(performance.now() - t);
		items = rec.items.length;
	}
	const value = round(median(full.slice(5)));
	const base = round(median(baseline.slice(5)));
	return [
		{
			name: 'reconcile-2000x30-ms',
			value,
			unit: 'ms',
			baseline: base,
			note: `reconcile+results on read documents; baseline = decoding and validating the ${devices + 1} documents (${N} candidates, ${entries} entries, ${items} items); goal < 100 ms; median of runs 6–20`
		}
	];
}
