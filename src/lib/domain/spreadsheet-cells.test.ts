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
		const csv = errorFileCsv([
			{ rowNumber: 2, values: { name: '=HYPERLINK("http://evil","点我")' }, errors: ['身份证号码缺失'] } as never
		]);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
	});
});
