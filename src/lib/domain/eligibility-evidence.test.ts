import { describe, expect, it } from 'vitest';
import { assessCandidate, declaredProfile, monthsBefore, workYearsOn } from './eligibility-evidence';
import type { Candidate } from './record-schemas';
import { messageText } from './message-text';
import { plainTranslator } from '../i18n/plain-translator';

const EXAM = '2027-01-16';
const candidate = (over: Partial<Candidate> = {}): Candidate => ({
	v: 1,
	id: 'c1',
	name: '张三',
	idType: 'resident-id',
	idNumber: 'x',
	birthDate: '1980-05-05',
	occupationId: 'hr-manager',
	level: 3,
	eligibility: { status: 'pending' },
	...over
});

describe('declared evidence', () => {
	it('turns years in the occupation into a work start and back', () => {
		expect(monthsBefore('2027-01-16', 12 * 12)).toBe('2015-01-16');
		expect(monthsBefore('2027-03-31', 1)).toBe('2027-02-28');
		expect(declaredProfile('1980-05-05', { workYears: 12 }, EXAM).work).toEqual([{ from: '2015-01-16' }]);
		expect(workYearsOn({ workSince: '2010-03-01' }, EXAM)).toBe(16.8);
		expect(workYearsOn({ workYears: 0 }, EXAM)).toBe(0);
		expect(workYearsOn(undefined, EXAM)).toBeUndefined();
	});
});

describe('assessCandidate', () => {
	it('passes the rules when the form’s data meet a condition, naming it', () => {
		const a = assessCandidate(candidate({ declared: { workYears: 12 } }), EXAM);
		expect(a).toMatchObject({ verdict: 'passes', conditionId: 'L3-work-10y' });
	});
	it('needs a look when the data meet no condition, with the reason', () => {
		const a = assessCandidate(candidate({ declared: { workSince: '2022-01-01' } }), EXAM);
		expect(a.verdict).toBe('look');
		expect(a.verdict === 'look' && a.reasons.map((m) => messageText(m, plainTranslator('zh-CN'))).join()).toContain(
			'按报名表数据不满足三级/高级工申报条件：累计从事本职业或相关职业工作约'
		);
		const english = a.verdict === 'look' ? messageText(a.reasons[0], plainTranslator('en')) : '';
		expect(english).toMatch(/^By the form's data the candidate does not meet the conditions of Level 3/);
		expect(english).not.toMatch(/[\u4e00-\u9fff]/);
	});
	it('takes a declared condition with no data as declared (the documents decide), none at all as a look', () => {
		expect(
			assessCandidate(candidate({ eligibility: { status: 'pending', conditionId: 'L3-work-10y' } }), EXAM)
		).toMatchObject({
			verdict: 'declared',
			conditionId: 'L3-work-10y'
		});
		expect(assessCandidate(candidate(), EXAM).verdict).toBe('look');
	});
	it('needs a look when the declared condition contradicts the data', () => {
		const a = assessCandidate(
			candidate({ declared: { workYears: 4 }, eligibility: { status: 'pending', conditionId: 'L3-work-10y' } }),
			EXAM
		);
		expect(a.verdict).toBe('look');
	});
});
