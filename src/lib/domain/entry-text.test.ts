import { describe, expect, it } from 'vitest';
import { translator } from '../../../tests/support/translator';
import { describeEntry } from './entry-text';
import type { EntryData, EntryKind, EntryOf } from './entries';

const entry = <K extends EntryKind>(kind: K, data: EntryData<K>, candidateId?: string) =>
	({
		v: 1,
		id: 'e-text-1',
		kind,
		at: '2026-11-21T09:05:00+08:00',
		hlc: '000001763686700000:000000:d',
		author: 'u',
		deviceId: 'd',
		planId: 'p',
		...(candidateId ? { candidateId } : {}),
		data
	}) as EntryOf<K>;

describe('an entry described in the interface language', () => {
	const context = { nameOf: () => '张三', sessionOf: () => ({ subject: 'theory' as const, room: '101' }) };
	const attendance = entry('attendance', { state: 'absent', sessionId: 's', time: '2026-11-21T01:05:00.000Z' }, 'c1');
	const decision = entry('decision', {
		action: 'void',
		reason: '携带手机',
		itemKey: 'k',
		itemKind: 'attendance',
		entryIds: []
	});

	it('reads in Chinese', async () => {
		const tr = await translator('zh-CN');
		expect(describeEntry(attendance, context, undefined, tr)).toBe(
			'考勤：张三 缺考（理论知识考试 · 101，2026-11-21 09:05）'
		);
		expect(describeEntry(decision, context, undefined, tr)).toBe('督导决定：认定违纪，该科成绩作废。理由：携带手机');
	});

	it('reads in English, with no Chinese of its own', async () => {
		const tr = await translator('en');
		expect(describeEntry(attendance, context, undefined, tr)).toMatch(/^Attendance: 张三 Absent \(theory exam · 101, /);
		const line = describeEntry(decision, context, undefined, tr);
		expect(line).toBe("Supervisor's decision: Violation: subject void. Reason: 携带手机");
	});
});
