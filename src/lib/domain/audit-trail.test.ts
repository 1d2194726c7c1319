import { describe, expect, it } from 'vitest';
import type { Entry } from './entries';
import { auditTrail } from './audit-trail';
import type { Reconciliation } from './reconcile';

const e = (id: string, hlc: string, kind: string, data: Record<string, unknown>, candidateId?: string): Entry =>
	({
		v: 1,
		id,
		kind,
		at: '2026-11-21T09:00:00+08:00',
		hlc,
		author: 'u',
		deviceId: 'd',
		planId: 'p',
		data,
		...(candidateId ? { candidateId } : {})
	}) as Entry;

describe('audit trail', () => {
	it('lists every entry and decision about a candidate in HLC order, with server receipt times', () => {
		const a = e('e-att-00001', '000000000000002:000000:d', 'attendance', {}, 'c1');
		const other = e('e-att-00002', '000000000000001:000000:d', 'attendance', {}, 'c2');
		const incident = e('e-inc-00001', '000000000000003:000000:d', 'incident', {});
		const decision = e('e-dec-00001', '000000000000005:000000:d', 'decision', {
			itemKey: 'incident:e-inc-00001',
			action: 'void',
			value: 'c1'
		});
		const theory = e('e-thy-00001', '000000000000004:000000:d', 'theory-import', {
			fileName: 'x.xlsx',
			rows: [{ candidateId: 'c1', score: 70, row: 2 }]
		});
		const rec = { items: [], subjects: new Map(), decisions: new Map(), incidents: [] } as unknown as Reconciliation;
		const lines = auditTrail(
			'c1',
			[
				{ docName: 'day:p:u', entries: [a, other, incident] },
				{ docName: 'review:p', entries: [decision, theory] }
			],
			rec,
			new Map([['day:p:u', new Map([['e-att-00001', '2026-11-21T01:02:00Z']])]])
		);
		expect(lines.map((l) => l.entry.id)).toEqual(['e-att-00001', 'e-thy-00001', 'e-dec-00001']);
		expect(lines[0].receivedAt).toBe('2026-11-21T01:02:00Z');
		expect(lines[1].receivedAt).toBeUndefined();
	});

	it("lists a skill-score file that has the candidate's row, and leaves out one that does not", () => {
		const skill = e('e-imp-00001', '000000000000002:000000:d', 'score-import', {
			subject: 'skill',
			fileName: '技能成绩.xlsx',
			rows: [
				{ candidateId: 'c1', row: 2, score: 64 },
				{ candidateId: 'c3', row: 3, isAbsent: true }
			]
		});
		const otherFile = e('e-imp-00002', '000000000000003:000000:d', 'score-import', {
			subject: 'skill',
			fileName: '技能成绩-二级.xlsx',
			rows: [{ candidateId: 'c2', row: 2, score: 80 }]
		});
		const rec = { items: [], subjects: new Map(), decisions: new Map(), incidents: [] } as unknown as Reconciliation;
		const docs = [{ docName: 'review:p:u', entries: [skill, otherFile] }];
		expect(auditTrail('c1', docs, rec, new Map()).map((l) => l.entry.id)).toEqual(['e-imp-00001']);
		expect(auditTrail('c3', docs, rec, new Map()).map((l) => l.entry.id)).toEqual(['e-imp-00001']);
	});
});
