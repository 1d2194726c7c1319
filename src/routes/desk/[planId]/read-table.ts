// Reads an uploaded .xlsx or .csv into rows of cells (first sheet; CSV in UTF-8 or GB18030).
import { readSheet } from 'read-excel-file/browser';
import Papa from 'papaparse';
import { decodeCsvBytes } from '$lib/domain/roster-import';
import { t } from '$lib/i18n/i18n.svelte';

export type TableResult = { ok: true; rows: unknown[][] } | { ok: false; error: string };

export async function readTable(file: File): Promise<TableResult> {
	const name = file.name.toLowerCase();
	try {
		if (name.endsWith('.xlsx')) return { ok: true, rows: (await readSheet(file)) as unknown[][] };
		if (name.endsWith('.csv')) {
			const { text } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
			const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
			return { ok: true, rows: parsed.data };
		}
		return { ok: false, error: t('desk.theory.onlyXlsxCsv') };
	} catch (e) {
		return { ok: false, error: t('desk.theory.unreadable', { reason: e instanceof Error ? e.message : String(e) }) };
	}
}
