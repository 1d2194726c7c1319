// A write the plan's schema refuses saves nothing and says so in the reader's language: the record's
// key and the schema's own words inside a sentence of the interface (the add form shows it).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlan } from './plan-writes';
import type { SyncedDoc } from './synced-doc';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

describe('writePlan', () => {
	it('refuses a record its map’s schema rejects, writes nothing, and says why in both languages', async () => {
		const doc = new Y.Doc();
		const synced = { doc, whenSavedLocally: async () => {} } as unknown as SyncedDoc;
		const bad = { v: 1, id: 'c1' } as never;
		const r = await writePlan(synced, [{ map: 'candidates', set: [['c1', bad]] }]);
		if (r.ok) throw new Error('expected a refusal');
		expect(doc.getMap('candidates').size).toBe(0);
		const { zh, en } = await inBothLanguages(r.error);
		expect(zh).toMatch(/^数据未保存：c1 不符合格式（.+）$/);
		expect(en).toMatch(/^Nothing was saved: c1 is not in the expected form \(.+\)$/);
		// zod's own words never reach a person: a field's problem reads in the reader's language.
		expect(zh).toMatch(/^数据未保存：c1 不符合格式（[a-zA-Z.]+ 格式不正确）$/);
		expect(en).not.toMatch(CJK);
	});
	it('words a schema’s own refusal (an identifier, a date) in both languages', async () => {
		const doc = new Y.Doc();
		const synced = { doc, whenSavedLocally: async () => {} } as unknown as SyncedDoc;
		const room = { v: 1, id: '101 室', name: '101', type: 'computer', capacity: 30, rows: 5, cols: 6 } as never;
		const r = await writePlan(synced, [{ map: 'rooms', set: [['r1', room]] }]);
		if (r.ok) throw new Error('expected a refusal');
		const { zh, en } = await inBothLanguages(r.error);
		expect(zh).toBe('数据未保存：r1 不符合格式（编号只能包含字母、数字、- 和 _）');
		expect(en).toBe(
			'Nothing was saved: r1 is not in the expected form (an identifier may hold only letters, digits, - and _)'
		);
	});
});
