import { describe, expect, it } from 'vitest';
import type { Entry } from './entries';
import type { Candidate } from './record-schemas';
import {
	allocateForPassed,
	certificateLines,
	issuedNumbers,
	PROVINCE_COLUMNS,
	provinceRows,
	validNumbers
} from './certificate-register';
import type { CandidateResultRow, SubjectResult } from './subject-results';

const cand = (id: string, level: 2 | 3 | 4, admissionNo: string): Candidate => ({
	v: 1,
	id,
	name: `考生${id}`,
	idType: 'resident-id',
	idNumber: `50010119900101${id.slice(-3)}X`,
	occupationId: 'hr-manager',
	level,
	admissionNo,
	eligibility: { status: 'approved' }
});
const sub = (
	subject: 'theory' | 'skill' | 'review',
	status: SubjectResult['status'],
	score?: number
): SubjectResult => ({
	subject,
	status,
	score,
	isPassed: score !== undefined && score >= 60,
	provenance: [],
	entryIds: []
});
const row = (c: Candidate, hasPassed: boolean, subjects: SubjectResult[]): CandidateResultRow => ({
	candidate: c,
	subjects,
	hasPassed,
	isPending: false,
	summary: '',
	retake: { isEligible: !hasPassed, carried: [], reason: { key: 'results.retake.eligible', params: {} } }
});
const config = { evaluatorType: 'S' as const, orgCode: '0000', province: '50', orgSerial: '000123', year: 2026 };

describe('certificates', () => {
	const rows = [
		row(cand('c003', 3, 'A3'), true, [sub('theory', 'scored', 70), sub('skill', 'scored', 80)]),
		row(cand('c001', 3, 'A1'), true, [sub('theory', 'scored', 60), sub('skill', 'scored', 61)]),
		row(cand('c002', 3, 'A2'), false, [sub('theory', 'absent'), sub('skill', 'scored', 61)]),
		row(cand('c004', 2, 'A4'), true, [
			sub('theory', 'scored', 90),
			sub('skill', 'scored', 90),
			sub('review', 'scored', 75)
		])
	];
	it('numbers go to those who passed, per level, in admission-number order, after numbers already issued', () => {
		const first = allocateForPassed(rows, config, new Map());
		expect(first).toEqual({
			ok: true,
			numbers: [
				{ candidateId: 'c001', number: 'S000050000123263000001' },
				{ candidateId: 'c003', number: 'S000050000123263000002' },
				{ candidateId: 'c004', number: 'S000050000123262000001' }
			]
		});
		const issued = new Map([['c001', 'S000050000123263000001']]);
		const again = allocateForPassed(rows, config, issued);
		expect(again.ok && again.numbers.map((n) => n.number)).toEqual([
			'S000050000123263000002',
			'S000050000123262000001'
		]);
	});
	it('issued numbers are read from the review entries', () => {
		const e = {
			v: 1,
			id: 'e-cert-0001',
			kind: 'certificates-issued',
			at: '',
			hlc: '1',
			author: 'u',
			deviceId: 'd',
			planId: 'p',
			data: { numbers: [{ candidateId: 'c001', number: 'S000050000123263000001' }] }
		} as Entry;
		expect(issuedNumbers([e]).get('c001')).toBe('S000050000123263000001');
	});
	it('the province rows follow the documented column layout', () => {
		const out = provinceRows(rows, '2026-11-21', new Map([['c004', 'S000050000123262000001']]));
		expect(out[0]).toHaveLength(PROVINCE_COLUMNS.length);
		expect(out[2].slice(8, 12)).toEqual(['缺考', '61', '', '不合格']);
		expect(out[3].slice(5, 14)).toEqual([
			'企业人力资源管理师',
			'4-07-03-04',
			'二级/技师',
			'90',
			'90',
			'75',
			'合格',
			'S000050000123262000001',
			'2026-11-21'
		]);
	});
});

describe('certificates follow results', () => {
	const e = (id: string, kind: string, data: Record<string, unknown>, extra: Partial<Entry> = {}): Entry =>
		({
			v: 1,
			id,
			kind,
			at: '2026-11-27T10:00:00+08:00',
			hlc: `00000000000000${id.slice(-1)}:000000:d`,
			author: 'sup',
			deviceId: 'd',
			planId: 'p',
			data,
			...extra
		}) as Entry;
	const c1 = cand('c001', 3, 'A1');
	const issued = e('e-cert-0001', 'certificates-issued', {
		numbers: [{ candidateId: 'c001', number: 'S000050000123263000001' }]
	});
	const request = e(
		'e-req-00002',
		'review-request',
		{
			subject: 'theory',
			ground: 'entry-error',
			description: '登分错误',
			receivedDate: '2026-11-27',
			replyDeadline: '2026-12-04'
		},
		{ candidateId: 'c001' }
	);
	const reply = e(
		'e-rep-00003',
		'review-reply',
		{
			requestId: 'e-req-00002',
			outcome: 'changed',
			repliedDate: '2026-11-27',
			explanation: '答题卡核对为 55 分',
			newScore: 55
		},
		{ candidateId: 'c001' }
	);
	it('a candidate who fails after a review has his number withdrawn with the review, kept out of the province file and never re-used', () => {
		const failed = row(c1, false, [sub('theory', 'scored', 55), sub('skill', 'scored', 61)]);
		const review = [issued, request, reply];
		const lines = certificateLines([failed], review);
		expect(lines).toEqual([
			{
				candidateId: 'c001',
				number: 'S000050000123263000001',
				isWithdrawn: true,
				withdrawal: {
					reason: expect.stringContaining('复核（登分错误）'),
					correctionId: 'e-rep-00003',
					requestId: 'e-req-00002'
				}
			}
		]);
		const out = provinceRows([failed], '2026-11-21', validNumbers(lines));
		expect(out[0][11]).toBe('不合格');
		expect(out.flat()).not.toContain('S000050000123263000001');
		// A new passer gets the next serial, never the withdrawn one.
		const other = row(cand('c009', 3, 'A9'), true, [sub('theory', 'scored', 70), sub('skill', 'scored', 70)]);
		const next = allocateForPassed([failed, other], config, issuedNumbers(review));
		expect(next).toEqual({ ok: true, numbers: [{ candidateId: 'c009', number: 'S000050000123263000002' }] });
	});
	it('a candidate who still passes keeps his number', () => {
		const passed = row(c1, true, [sub('theory', 'scored', 70), sub('skill', 'scored', 61)]);
		expect(certificateLines([passed], [issued])).toEqual([
			{ candidateId: 'c001', number: 'S000050000123263000001', isWithdrawn: false }
		]);
	});
});
