// Runs inside Chromium: the roster import as the app does it (read-excel-file, column mapping, every
// row validated, candidate records written in one Yjs transaction) against the bare library parse;
// and the import preview (read, header found, every row checked, the summary and the first page of
// problem rows on screen, as RosterImport.svelte lays them out) of a file with a title row.
import { readSheet } from 'read-excel-file/browser';
import * as Y from 'yjs';
import { CATALOG_2025_08 } from '../../src/lib/domain/catalog';
import { guessMapping, locateHeader, rowValues, validateRoster } from '../../src/lib/domain/roster-import';

const PLAN = [
	{ occupationId: 'hr-manager', level: 3 as const },
	{ occupationId: 'labor-relations', level: 3 as const },
	{ occupationId: 'health-caregiver', level: 4 as const }
];
const PAGE_SIZE = 20; // RosterImport.svelte's page of problem rows

async function importPreview(bytes: ArrayBuffer): Promise<{ ms: number; good: number; bad: number; nodes: number }> {
	const t0 = performance.now();
	const table = (await readSheet(bytes)) as unknown[][];
	const located = locateHeader(table.map((cells, i) => ({ cells, rowNumber: i + 1 })));
	if (!located.ok) throw new Error(located.error);
	const mapping = guessMapping(located.header);
	const rows = validateRoster(
		located.rows.map((r) => rowValues(r.cells, mapping)),
		{
			catalog: CATALOG_2025_08,
			planOccupations: PLAN,
			existingIdNumbers: new Set(),
			examDate: '2027-01-16',
			newId: (i) => `c${i}`,
			formerNames: [{ v: 1, name: '人力资源管理师', occupationId: 'hr-manager' }]
		},
		located.rows.map((r) => r.rowNumber),
		new Map()
	);
	const bad = rows.filter((r) => r.errors.length);
	const good = rows.length - bad.length;
	// The first render: the summary and one page of problem rows, laid out and painted.
	const root = document.getElementById('preview')!;
	root.replaceChildren();
	const summary = document.createElement('p');
	summary.textContent = `共 ${rows.length} 行：可导入 ${good} 行，有问题 ${bad.length} 行`;
	const list = document.createElement('ol');
	for (const row of bad.slice(0, PAGE_SIZE)) {
		const li = document.createElement('li');
		const head = document.createElement('div');
		head.innerHTML = `<strong></strong> <span></span> <button>修改</button> <button>删除此行（不导入）</button>`;
		head.querySelector('strong')!.textContent = `第 ${row.rowNumber} 行`;
		head.querySelector('span')!.textContent = row.values.name || '—';
		const reasons = document.createElement('ul');
		for (const e of row.errors) reasons.appendChild(document.createElement('li')).textContent = e;
		li.append(head, reasons);
		list.appendChild(li);
	}
	root.append(summary, list);
	root.getBoundingClientRect(); // layout
	await new Promise((ok) => requestAnimationFrame(() => ok(null))); // to the next frame
	return { ms: performance.now() - t0, good, bad: bad.length, nodes: root.querySelectorAll('*').length };
}

async function bareParse(bytes: ArrayBuffer): Promise<number> {
	const t0 = performance.now();
	await readSheet(bytes);
	return performance.now() - t0;
}

async function fullImport(bytes: ArrayBuffer): Promise<{ ms: number; good: number; bad: number }> {
	const t0 = performance.now();
	const table = (await readSheet(bytes)) as unknown[][];
	const header = table[0].map((h) => String(h ?? ''));
	const mapping = guessMapping(header);
	const rows = validateRoster(
		table.slice(1).map((r) => rowValues(r, mapping)),
		{
			catalog: CATALOG_2025_08,
			planOccupations: PLAN,
			existingIdNumbers: new Set(),
			examDate: '2027-01-16',
			newId: (i) => `c${i}`
		}
	);
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const r of rows) if (r.candidate) doc.getMap('candidates').set(r.candidate.id, r.candidate);
	});
	const ms = performance.now() - t0;
	return { ms, good: rows.filter((r) => r.candidate).length, bad: rows.filter((r) => r.errors.length).length };
}

Object.assign(window, { bareParse, fullImport, importPreview, isReady: true });
