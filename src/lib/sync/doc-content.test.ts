import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDocContent } from './doc-content';
import { groupV1, noteEntry } from '../domain/record-versions.fixtures';

describe('document content and record versions', () => {
	it('a document read keeps what a newer app wrote out of the views and out of the violations', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			const groups = doc.getMap('groups');
			groups.set('g1', groupV1);
			groups.set('g2', { ...groupV1, id: 'g2', v: 3, stations: [1, 2] });
			groups.set('g3', { ...groupV1, id: 'g3', color: 'red' });
		});
		const dayDoc = new Y.Doc();
		dayDoc.transact(() => {
			const entries = dayDoc.getMap('entries');
			entries.set('e-note-0001', noteEntry());
			entries.set('e-note-0002', noteEntry({ id: 'e-note-0002', v: 2 }));
		});
		const plan = readDocContent('plan:p1', doc);
		expect([...plan.maps.groups.keys()]).toEqual(['g1']);
		expect(plan.maps.groups.get('g1')).toMatchObject({ v: 2, parallel: 1 });
		expect(plan.newer).toEqual([{ path: 'groups/g2', version: 3 }]);
		expect(plan.violations.map((v) => v.path)).toEqual(['groups/g3']);
		const day = readDocContent('day:p1:u1', dayDoc);
		expect(day.entries.map((e) => e.id)).toEqual(['e-note-0001']);
		expect(day.newer).toEqual([{ path: 'entries/e-note-0002', version: 2, kind: 'note' }]);
		expect(day.violations).toEqual([]);
		// The stored values are left as they were written.
		expect(doc.getMap('groups').get('g1')).toEqual(groupV1);
	});
});
