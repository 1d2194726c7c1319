// Runs inside Chromium: the roster import as the app does it (read-excel-file, column mapping, every
// row validated, candidate records written in one Yjs transaction) against the bare library parse.
import { readSheet } from 'read-excel-file/browser';
import * as Y from 'yjs';
import { CATALOG_2025_08 } from '../../src/lib/domain/catalog';
import { guessMapping, rowValues, validateRoster } from '../../src/lib/domain/roster-import';

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
			planOccupations: [
				{ occupationId: 'hr-manager', level: 3 },
				{ occupationId: 'labor-relations', level: 3 },
				{ occupationId: 'health-caregiver', level: 4 }
			],
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

Object.assign(window, { bareParse, fullImport, isReady: true });
