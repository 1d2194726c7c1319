import { describe, expect, it } from 'vitest';
import { checkSheet, groupForCandidate, liveSheetTotal, panelAggregate, sheetsInForce } from './score-sheet';
import type { EntryOf } from './entries';
import type { Group, Rubric } from './record-schemas';
import { messageText } from './message-text';
import { translator } from '../../../tests/support/translator';

const rubric: Rubric = {
	v: 1,
	id: 'rb',
	name: '评分表',
	items: [
		{ id: 'a', label: '操作', max: 60 },
		{ id: 'b', label: '沟通', max: 40 }
	]
};
const group: Group = {
	v: 2,
	id: 'g1',
	kind: 'skill',
	name: '第1组',
	sessionId: 's',
	occupationId: 'x',
	level: 4,
	candidateIds: ['c1', 'c2'],
	rubricId: 'rb',
	parallel: 1
};
let n = 0;
const sheet = (
	candidateId: string,
	a: number,
	b: number,
	extra: { corrects?: string; reason?: string } = {}
): EntryOf<'score-sheet'> => {
	n++;
	return {
		v: 1,
		id: `e-${String(n).padStart(8, '0')}`,
		kind: 'score-sheet',
		at: '',
		hlc: `${String(n).padStart(15, '0')}:000000:d`,
		author: 'u',
		deviceId: 'd',
		planId: 'p',
		candidateId,
		data: {
			groupId: 'g1',
			subject: 'skill',
			items: [
				{ itemId: 'a', score: a },
				{ itemId: 'b', score: b }
			],
			total: a + b,
			isSubmitted: true
		},
		...extra
	};
};

describe('score sheet', () => {
	it('refuses an item above its maximum, with the item named, in either language', async () => {
		const over = checkSheet(rubric, group, 'u', { a: '61', b: '30' });
		expect(over).toMatchObject({ ok: false, itemId: 'a' });
		if (over.ok) return;
		expect(messageText(over.error, await translator('zh-CN'))).toContain('最高 60 分，不能给 61 分');
		expect(messageText(over.error, await translator('en'))).toContain('has a maximum of 60 points: 61 cannot be given');
		expect(checkSheet(rubric, group, 'u', { a: '50.5', b: '30' })).toEqual({
			ok: true,
			items: [
				{ itemId: 'a', score: 50.5 },
				{ itemId: 'b', score: 30 }
			],
			total: 80.5
		});
		expect(checkSheet(rubric, group, 'u', { a: '', b: '30' }).ok).toBe(false);
		expect(checkSheet(rubric, group, 'u', { a: '1.234', b: '30' }).ok).toBe(false);
	});
	it('refuses a candidate outside his groups', async () => {
		const refused = groupForCandidate('c9', '张三', [group]);
		expect(refused.ok).toBe(false);
		if (refused.ok) return;
		expect(messageText(refused.error, await translator('zh-CN'))).toContain('张三不在您负责的');
		expect(messageText(refused.error, await translator('en'))).toContain('张三 is not in a group or panel you examine');
		expect(groupForCandidate('c2', '李四', [group]).ok).toBe(true);
	});
	it('a correction replaces the sheet in force; the chair sees the aggregate and the discrepancy', () => {
		const first = sheet('c1', 50, 30);
		const mine = sheetsInForce([
			first,
			sheet('c1', 55, 30, { corrects: first.id, reason: '漏加分' }),
			sheet('c2', 40, 20)
		]);
		expect(mine.get('g1:c1')?.data.total).toBe(85);
		expect(mine.get('g1:c1')?.isCorrected).toBe(true);
		const theirs = sheetsInForce([sheet('c1', 40, 20), sheet('c2', 42, 20)]);
		const rows = panelAggregate(
			group,
			rubric,
			new Map([
				['u1', mine],
				['u2', theirs]
			])
		);
		expect(rows[0].result).toMatchObject({ ok: true, score: 72.5, hasDiscrepancy: true, spread: 25 });
		expect(rows[1].result).toMatchObject({ ok: true, score: 61, hasDiscrepancy: false });
	});
});

describe('liveSheetTotal', () => {
	it('adds only accepted item scores: a value over the maximum is refused, not counted', () => {
		expect(liveSheetTotal(rubric, { a: '100', b: '40' })).toEqual({ total: 40, refusedItemIds: ['a'], emptyCount: 0 });
		expect(liveSheetTotal(rubric, { a: '-5', b: 'abc' })).toEqual({
			total: 0,
			refusedItemIds: ['a', 'b'],
			emptyCount: 0
		});
	});

	it('counts empty items as empty, never as zero scores, and adds in hundredths', () => {
		expect(liveSheetTotal(rubric, { a: '55.5' })).toEqual({ total: 55.5, refusedItemIds: [], emptyCount: 1 });
		expect(liveSheetTotal(rubric, { a: '0.1', b: '0.2' }).total).toBe(0.3);
	});
});
