import { describe, expect, it } from 'vitest';
import { evenGroups, runningSlots } from './running-order';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';

describe('runningSlots', () => {
	it('gives an oral defence one candidate per 15 minutes', () => {
		const r = runningSlots('09:00', 3, 15);
		expect(r).toEqual({
			ok: true,
			end: '09:45',
			slots: [
				{ order: 1, start: '09:00', end: '09:15' },
				{ order: 2, start: '09:15', end: '09:30' },
				{ order: 3, start: '09:30', end: '09:45' }
			]
		});
	});
	it('runs practical candidates in rounds of the stations', () => {
		const r = runningSlots('10:30', 25, 60, 10);
		expect(r.ok && r.slots.map((s) => s.start)).toEqual([
			...Array(10).fill('10:30'),
			...Array(10).fill('11:30'),
			...Array(5).fill('12:30')
		]);
		expect(r.ok && r.end).toBe('13:30');
	});
	it('refuses a day that runs past midnight', () => {
		expect(runningSlots('20:00', 20, 15).ok).toBe(false);
	});
	it('says why in Chinese as before and in English', async () => {
		const said = async (r: ReturnType<typeof runningSlots>) => {
			if (r.ok) throw new Error('accepted');
			return inBothLanguages(r.error);
		};
		const late = await said(runningSlots('20:00', 20, 15, 1));
		expect(late.zh).toBe('按每轮 15 分钟、每轮 1 人，20 名考生要到次日才能结束，请增加考场或考评组');
		expect(late.en).toBe(
			'At 15 minutes and 1 candidates per round, 20 candidates would not finish before midnight: add rooms or examiner panels'
		);
		expect((await said(runningSlots('9:00', 2, 15))).zh).toBe('开始时间格式应为 HH:MM');
		expect((await said(runningSlots('09:00', 2, 0))).zh).toBe('每轮时长和并行人数须大于 0');
		for (const r of [await said(runningSlots('9:00', 2, 15)), await said(runningSlots('09:00', 2, 0))])
			expect(r.en).not.toMatch(CJK);
	});
});

describe('evenGroups', () => {
	it('keeps groups even and within the size', () => {
		expect(evenGroups([...Array(13).keys()], 10).map((g) => g.length)).toEqual([7, 6]);
		expect(evenGroups([...Array(40).keys()], 10).map((g) => g.length)).toEqual([10, 10, 10, 10]);
		expect(evenGroups([], 10)).toEqual([]);
	});
});
