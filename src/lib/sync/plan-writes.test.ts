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
		// The schema's words are its own (here zod's English); the sentence around them is English.
		expect(en.replace(/\(.*\)$/, '')).not.toMatch(CJK);
	});
});
