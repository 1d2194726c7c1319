import { messageText } from './message-text';
import { plainTranslator, zhText } from '../i18n/plain-translator';
import { describe, expect, it } from 'vitest';
import { approvalRefusal, planContentHash, reviewState, staleRefusal, type ReviewCheck } from './plan-review';
import { REGISTRY_MAPS, type DistrictReview, type Room } from './record-schemas';
import { readRecord } from './record-versions';

const room: Room = { v: 1, id: 'r1', name: '101', type: 'paper', rows: 5, cols: 6, capacity: 30 };
const content = { candidates: [], rooms: [room], sessions: [], seats: [], groups: [], staff: [] };
const record = (decision: DistrictReview['decision'], at: string, contentHash?: string): DistrictReview => ({
	v: 2,
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
		const failing: ReviewCheck[] = [
			{ kind: 'staffing', isOk: false, message: { key: 'checks.review.sufficient', params: { label: '101' } } },
			{ kind: 'spot-check', isOk: false, message: { key: 'checks.review.spotNoReason', params: { name: '张三' } } }
		];
		expect(zhText(approvalRefusal({ kind: 'draft' }, [], undefined)!)).toContain('尚未提交');
		const refusal = approvalRefusal({ kind: 'submitted' }, failing, undefined)!;
		expect(zhText(refusal)).toBe(
			'仍有 2 项检查未通过，须写明例外理由才能批准：101：人员充足；抽查 张三：发现问题——（未写明原因）'
		);
		expect(messageText(refusal, plainTranslator('en'))).toBe(
			'Checks still failing: 2. Write an exception reason to approve: 101: enough staff; Spot check of 张三: a problem was found (no reason written)'
		);
		expect(approvalRefusal({ kind: 'submitted' }, failing, '已现场核实')).toBeNull();
		expect(approvalRefusal({ kind: 'voided' }, [], undefined)).toBeNull();
	});

	it('refuses a submission or decision made on other content than the server holds', () => {
		expect(staleRefusal('abc', 'abc', 'institution')).toBeNull();
		expect(zhText(staleRefusal('abc', 'abd', 'institution')!)).toContain('本设备的修改还没有全部送达');
		expect(zhText(staleRefusal('abc', 'abd', 'district')!)).toContain('在您查看之后又有修改');
		expect(messageText(staleRefusal('abc', 'abd', 'district')!, plainTranslator('en'))).toContain(
			'The plan changed after you looked at it'
		);
	});

	it('a decision record keeps its failing checks as messages (v2); an older record keeps its Chinese text', () => {
		const base = {
			id: 'dr-1',
			decision: 'approved',
			comment: '',
			by: 'u',
			byName: '区县',
			at: '2027-01-01T00:00:00.000Z'
		};
		const old = readRecord(REGISTRY_MAPS.districtReviews, { ...base, v: 1, failingChecks: ['101：还需 1 名监考人员'] });
		expect(old).toMatchObject({
			status: 'ok',
			writtenAs: 1,
			value: { v: 2, failingChecks: ['101：还需 1 名监考人员'] }
		});
		expect(old.status === 'ok' && old.value.failing).toBeUndefined();
		const failing = [
			{
				key: 'checks.staffing.odd',
				params: { where: '实操1组', role: { msg: { key: 'checks.staffing.role.examiner', params: {} } }, assigned: 4 }
			}
		];
		const v2 = readRecord(REGISTRY_MAPS.districtReviews, { ...base, v: 2, failingChecks: ['x'], failing });
		expect(v2.status === 'ok' && v2.value.failing!.map((m) => messageText(m, plainTranslator('en')))).toEqual([
			'实操1组: the number of examiners must be odd (4 assigned): add or remove one'
		]);
		const forged = readRecord(REGISTRY_MAPS.districtReviews, {
			...base,
			v: 2,
			failing: [{ key: 'x', params: { a: { html: '<b>' } } }]
		});
		expect(forged.status).toBe('invalid');
	});
});
