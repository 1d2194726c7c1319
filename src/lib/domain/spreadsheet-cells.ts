// Formula injection: a cell that starts with = + - @ (or a tab / carriage return) is run as a
// formula by Excel and WPS when a clerk opens the file. Every text cell Kaowu writes to CSV or
// xlsx goes through here: such a cell gets a leading apostrophe, which spreadsheets show as text.
// Plain numbers (-3, +86) are left alone; they are not formulas.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function safeCell(text: string): string {
	return text.length > 1 && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One xlsx cell for write-excel-file: always a text cell (never a number or formula), neutralised. */
export interface XlsxTextCell {
	value: string;
	type: StringConstructor;
}

/** Rows for an xlsx export (成绩公示, 省级上报 …): every cell text, passed through `safeCell`. */
export function xlsxTextRows(rows: readonly (readonly (string | number | null | undefined)[])[]): XlsxTextCell[][] {
	return rows.map((row) => row.map((value) => ({ value: safeCell(value == null ? '' : String(value)), type: String })));
}
