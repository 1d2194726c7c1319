// Reads a roster file the clerk picked into rows of text: .xlsx through read-excel-file, .csv through
// papaparse after decoding UTF-8 or GB18030/GBK. Unreadable files are a value with a Chinese reason.
import type { Message } from '$lib/domain/message-text';
import { readSheet } from 'read-excel-file/browser';
import Papa from 'papaparse';
import { decodeCsvBytes, locateHeader, type SheetRow } from '$lib/domain/roster-import';

export type RosterFile =
	| {
			ok: true;
			header: string[];
			/** The header's row number in the file (title rows above it are skipped). */
			headerRowNumber: number;
			/** Each data row with its number in the file, so reasons point at the right line. */
			rows: SheetRow[];
			encoding?: string;
	  }
	| { ok: false; error: Message };

export async function readRosterFile(file: File): Promise<RosterFile> {
	const name = file.name.toLowerCase();
	let table: unknown[][];
	let encoding: string | undefined;
	try {
		if (name.endsWith('.xlsx')) {
			table = (await readSheet(file)) as unknown[][];
		} else if (name.endsWith('.csv') || name.endsWith('.txt')) {
			const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
			encoding = decoded.encoding;
			const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: false });
			table = parsed.data;
		} else if (name.endsWith('.xls')) {
			return { ok: false, error: { key: 'import.xls', params: {} } };
		} else {
			return { ok: false, error: { key: 'import.fileType', params: {} } };
		}
	} catch (e) {
		return { ok: false, error: { key: 'import.unreadable', params: { detail: (e as Error).message } } };
	}
	// Blank lines are skipped but counted, so "第 N 行" is the line the clerk sees in Excel; the header is
	// found wherever it is (title rows above it, merged cells).
	const located = locateHeader(table.map((cells, i) => ({ cells, rowNumber: i + 1 })));
	if (!located.ok) return located;
	return { ok: true, header: located.header, headerRowNumber: located.headerRowNumber, rows: located.rows, encoding };
}
