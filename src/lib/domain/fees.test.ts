import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTechnicalFee, feeScheduleFor, formatFen, type FeeSchedule } from './fees';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

// Example prices for tests only: the real ones come from the centre.
const schedule: FeeSchedule = {
	id: 'test-2025',
	effectiveFrom: '2025-08-10',
	prices: [
		{ item: 'subject-sitting', fen: 3000 },
		{ item: 'subject-sitting', subject: 'skill', fen: 4550 },
		{ item: 'subject-sitting', subject: 'review', level: 1, fen: 12000 },
		{ item: 'subject-sitting', subject: 'review', fen: 8000 },
		{ item: 'candidate', fen: 1000 },
		{ item: 'certificate', fen: 1510 }
	]
};

describe('computeTechnicalFee', () => {
	it('itemises papers per subject, audit per candidate and certificates, in fen', () => {
		const r = computeTechnicalFee(
			{
				sittings: [
					{ candidateId: 'a', level: 3, subjects: ['theory', 'skill'] },
					{ candidateId: 'b', level: 3, subjects: ['theory', 'skill'] },
					{ candidateId: 'c', level: 1, subjects: ['theory', 'skill', 'review'] },
					{ candidateId: 'd', level: 2, subjects: ['skill'] } // retake of one subject
				],
				certificates: [{ level: 3 }, { level: 1 }]
			},
			schedule
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const byLabel = Object.fromEntries(r.lines.map((l) => [l.label, [l.quantity, l.unitFen, l.amountFen]]));
		expect(byLabel['试题命（印）制（理论知识考试，三级/高级工）']).toEqual([2, 3000, 6000]);
		expect(byLabel['试题命（印）制（技能考核，三级/高级工）']).toEqual([2, 4550, 9100]);
		expect(byLabel['试题命（印）制（综合评审，一级/高级技师）']).toEqual([1, 12000, 12000]);
		expect(byLabel['试题命（印）制（技能考核，二级/技师）']).toEqual([1, 4550, 4550]);
		expect(byLabel['成绩审核（三级/高级工）']).toEqual([2, 1000, 2000]);
		expect(byLabel['证书制作（一级/高级技师）']).toEqual([1, 1510, 1510]);
		// 6000+9100 + (3000+4550+12000) + 4550 + 4×1000 + 2×1510
		expect(r.totalFen).toBe(6000 + 9100 + 3000 + 4550 + 12000 + 4550 + 4000 + 3020);
		expect(formatFen(r.totalFen)).toBe('462.20 元');
	});
	it('does not charge items the schedule never mentions, but refuses a missing specific price', async () => {
		const noCertificates: FeeSchedule = {
			...schedule,
			prices: schedule.prices.filter((p) => p.item !== 'certificate')
		};
		const r = computeTechnicalFee({ sittings: [], certificates: [{ level: 3 }] }, noCertificates);
		expect(r).toEqual({ ok: true, totalFen: 0, lines: [] });
		const onlyTheory: FeeSchedule = { ...schedule, prices: [{ item: 'subject-sitting', subject: 'theory', fen: 100 }] };
		const missing = computeTechnicalFee(
			{ sittings: [{ candidateId: 'a', level: 4, subjects: ['theory', 'skill'] }] },
			onlyTheory
		);
		if (missing.ok) throw new Error('accepted');
		const said = await inBothLanguages(missing.error);
		expect(said.zh).toBe(
			'收费标准“' + onlyTheory.id + '”中没有或有多个试题命（印）制（技能考核，四级/中级工）的单价，请中心补充'
		);
		expect(said.en).toBe(
			'The fee schedule “' +
				onlyTheory.id +
				'” has no unit price, or more than one, for Exam papers (skill test, Level 4 (intermediate worker)): the centre must complete it'
		);
	});
	it('words each line in Chinese as the bill writes it and in English', async () => {
		const r = computeTechnicalFee({ sittings: [{ candidateId: 'a', level: 4, subjects: ['theory'] }] }, schedule);
		if (!r.ok) throw new Error('refused');
		for (const line of r.lines) {
			const said = await inBothLanguages(line.labelMessage);
			expect(said.zh).toBe(line.label);
			expect(said.en).not.toMatch(CJK);
		}
	});
	it('refuses a candidate counted twice and bad amounts', () => {
		const twice = computeTechnicalFee(
			{
				sittings: [
					{ candidateId: 'a', level: 4, subjects: ['theory'] },
					{ candidateId: 'a', level: 4, subjects: ['skill'] }
				]
			},
			schedule
		);
		expect(twice.ok).toBe(false);
		const fractional = computeTechnicalFee(
			{ sittings: [] },
			{ ...schedule, prices: [{ item: 'candidate', fen: 10.5 }] }
		);
		expect(fractional.ok).toBe(false);
	});
	it('does not depend on the order of candidates and is additive', () => {
		const sittingArb = fc.record({
			level: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
			subjects: fc.subarray(['theory', 'skill', 'review'] as const)
		});
		fc.assert(
			fc.property(fc.array(sittingArb, { maxLength: 30 }), (list) => {
				const sittings = list.map((s, i) => ({ candidateId: `c${i}`, level: s.level, subjects: [...s.subjects] }));
				const a = computeTechnicalFee({ sittings }, schedule);
				const b = computeTechnicalFee({ sittings: [...sittings].reverse() }, schedule);
				expect(a).toEqual(b);
				const half = Math.floor(sittings.length / 2);
				const x = computeTechnicalFee({ sittings: sittings.slice(0, half) }, schedule);
				const y = computeTechnicalFee({ sittings: sittings.slice(half) }, schedule);
				if (a.ok && x.ok && y.ok) expect(a.totalFen).toBe(x.totalFen + y.totalFen);
				else throw new Error('unexpected failure');
			})
		);
	});
});

describe('feeScheduleFor / formatFen', () => {
	it('picks the schedule in force', () => {
		const later = { ...schedule, id: 'test-2026', effectiveFrom: '2026-01-01' };
		expect(feeScheduleFor('2025-12-31', [later, schedule])?.id).toBe('test-2025');
		expect(feeScheduleFor('2026-01-01', [later, schedule])?.id).toBe('test-2026');
		expect(feeScheduleFor('2025-01-01', [later, schedule])).toBeUndefined();
	});
	it('formats fen as yuan', () => {
		expect(formatFen(0)).toBe('0.00 元');
		expect(formatFen(5)).toBe('0.05 元');
		expect(formatFen(123456789)).toBe('1,234,567.89 元');
		expect(formatFen(-150)).toBe('-1.50 元');
	});
});
