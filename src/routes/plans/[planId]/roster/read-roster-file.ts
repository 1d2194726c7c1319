// Reads a roster file the clerk picked into rows of text: .xlsx through read-excel-file, .csv through
// papaparse after decoding UTF-8 or GB18030/GBK. Unreadable files are a value with a Chinese reason.
import { readSheet } from 'read-excel-file/browser';
import Papa from 'papaparse';
import { decodeCsvBytes } from '$lib/domain/roster-import';

export type RosterFile =
	| {
			ok: true;
			header: string[];
			rows: unknown[][];
			/** Each row's number in the file, so reasons point at the right line. */ rowNumbers: number[];
			encoding?: string;
	  }
	| { ok: false; error: string };

const isBlank = (row: readonly unknown[]) => row.every((v) => v === null || v === undefined || String(v).trim() === '');

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
			return { ok: false, error: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入' };
		} else {
			return { ok: false, error: '只能导入 .xlsx 或 .csv 文件' };
		}
	} catch (e) {
		return { ok: false, error: `文件无法读取，请确认是完整的 Excel/CSV 文件（${(e as Error).message}）` };
	}
	// Blank lines are skipped but counted, so "第 N 行" is the line the clerk sees in Excel.
	const numbered = table.map((cells, i) => ({ cells, rowNumber: i + 1 })).filter((r) => !isBlank(r.cells));
	if (numbered.length < 2) return { ok: false, error: '文件中没有考生数据：第一行应为表头，从第二行起每行一名考生' };
	const [head, ...rows] = numbered;
	return {
		ok: true,
		header: head.cells.map((h) => String(h ?? '').trim()),
		rows: rows.map((r) => r.cells),
		rowNumbers: rows.map((r) => r.rowNumber),
		encoding
	};
}
