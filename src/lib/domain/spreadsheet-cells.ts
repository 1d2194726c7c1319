// Formula injection: a cell that starts with = + - @ (or a tab / carriage return) is run as a
// formula by Excel and WPS when a clerk opens the file. Every text cell Kaowu writes to CSV or
// xlsx goes through here: such a cell gets a leading apostrophe, which spreadsheets show as text.
// Plain numbers (-3, +86) are left alone; they are not formulas.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function safeCell(text: string): string {
	return text.length > 1 && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
