import { describe, expect, it } from 'vitest';
import { approvalRefusal, planContentHash, reviewState, staleRefusal, type ReviewCheck } from './plan-review';
import type { DistrictReview, Room } from './record-schemas';

const room: Room = { v: 1, id: 'r1', name: '101', type: 'paper', rows: 5, cols: 6, capacity: 30 };
const content = { candidates: [], rooms: [room], sessions: [], seats: [], groups: [], staff: [] };
const record = (decision: DistrictReview['decision'], at: string, contentHash?: string): DistrictReview => ({
	v: 1,
	id: `dr-${at}`,
	decision,
	comment: '',
	by: 'u',
	byName: 'u',
	at,
	...(contentHash ? { contentHash } : {})
});

describe('district review', () => {
	it('an approval holds while the content is what was approved, and is voided by any change', () => {
		const hash = planContentHash(content);
		const records = [
			record('submitted', '2026-12-01T01:00:00Z', hash),
			record('approved', '2026-12-01T02:00:00Z', hash)
		];
		expect(reviewState(records, hash).kind).toBe('approved');
		const changed = planContentHash({ ...content, rooms: [{ ...room, capacity: 29 }] });
		expect(changed).not.toBe(hash);
		expect(reviewState(records, changed).kind).toBe('voided');
	});

	it('the same content in another order has the same fingerprint', () => {
		const r2 = { ...room, id: 'r2' };
		expect(planContentHash({ ...content, rooms: [room, r2] })).toBe(planContentHash({ ...content, rooms: [r2, room] }));
	});

	it('approval needs a submission, and an exception reason while a check fails', () => {
		const failing: ReviewCheck[] = [{ kind: 'staffing', isOk: false, message: '101：还需 1 名监考人员' }];
		expect(approvalRefusal({ kind: 'draft' }, [], undefined)).toContain('尚未提交');
		expect(approvalRefusal({ kind: 'submitted' }, failing, undefined)).toContain('例外理由');
		expect(approvalRefusal({ kind: 'submitted' }, failing, '已现场核实')).toBeNull();
		expect(approvalRefusal({ kind: 'voided' }, [], undefined)).toBeNull();
	});

	it('refuses a submission or decision made on other content than the server holds', () => {
		expect(staleRefusal('abc', 'abc', 'institution')).toBeNull();
		expect(staleRefusal('abc', 'abd', 'institution')).toContain('本设备的修改还没有全部送达');
		expect(staleRefusal('abc', 'abd', 'district')).toContain('在您查看之后又有修改');
	});
});
