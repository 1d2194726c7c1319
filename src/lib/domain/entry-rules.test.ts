import { describe, expect, it } from 'vitest';
import type { Entry, EntryOf } from './entries';
import { authoredBy, judgeDayEntries, judgeReviewEntries, mayMakeReviewEntry, REVIEW_KIND_ROLES } from './entry-rules';
import type { Role } from './record-schemas';

let n = 0;
const entry = (kind: string, hlc: string, author = 'u-claimed'): Entry =>
	({
		v: 1,
		id: `e-test-${n++}`.padEnd(8, '0'),
		kind,
		at: '2026-11-23T09:00:00+08:00',
		hlc,
		author,
		deviceId: 'd',
		planId: 'p',
		data: {}
	}) as Entry;
const roles = new Map<string, Role>([
	['u-sup', 'supervisor'],
	['u-inst', 'institution-admin'],
	['u-centre', 'centre-admin']
]);
const judge = (...writers: [string, Entry[]][]) =>
	judgeReviewEntries(
		writers.map(([writerId, entries]) => ({ writerId, entries })),
		(id) => roles.get(id)
	);

describe('what the desk offers (mayMakeReviewEntry)', () => {
	it('follows the role table, and closes item decisions once results are published', () => {
		expect(mayMakeReviewEntry('supervisor', 'decision', [])).toBe(true);
		expect(mayMakeReviewEntry('institution-admin', 'decision', [])).toBe(false);
		expect(mayMakeReviewEntry('institution-admin', 'review-request', [])).toBe(true);
		expect(mayMakeReviewEntry(undefined, 'note', [])).toBe(false);
		const published = [entry('publication', '0000000000001-0000-d')];
		expect(mayMakeReviewEntry('supervisor', 'decision', published)).toBe(false);
		// After publication a result changes only through 复核: requests and replies stay open.
		expect(mayMakeReviewEntry('supervisor', 'review-reply', published)).toBe(true);
		expect(mayMakeReviewEntry('supervisor', 'result-correction', published)).toBe(true);
	});
});

describe('review entry rules', () => {
	it('the author is the writer of the document, whatever the entry claims', () => {
		expect(authoredBy('u-inst', [entry('note', '1', 'u-sup')])[0].author).toBe('u-inst');
		const { honoured } = judge(['u-inst', [entry('note', '1', 'u-sup')]]);
		expect(honoured[0].author).toBe('u-inst');
	});

	it('a score file import by the institution admin is refused for its role (only the supervisor imports scores)', () => {
		const imported = entry('score-import', '1');
		const { honoured, refused } = judge(['u-inst', [imported]], ['u-sup', [entry('score-import', '2')]]);
		expect(honoured.map((e) => e.author)).toEqual(['u-sup']);
		expect(refused.map((r) => [r.entry.kind, r.reason])).toEqual([['score-import', 'role']]);
	});

	it('a result correction by the institution admin is refused for its role, even in the supervisor’s name', () => {
		const forged = entry('result-correction', '2', 'u-sup');
		const { honoured, refused } = judge(['u-sup', [entry('publication', '1')]], ['u-inst', [forged]]);
		expect(honoured.map((e) => e.kind)).toEqual(['publication']);
		expect(refused).toEqual([{ entry: { ...forged, author: 'u-inst' }, reason: 'role', role: 'institution-admin' }]);
	});

	it('publication, corrections, item decisions and review replies are the supervisors’ alone', () => {
		for (const kind of ['publication', 'result-correction', 'decision', 'review-reply'])
			expect(REVIEW_KIND_ROLES[kind]).toEqual(['supervisor']);
		for (const writer of ['u-inst', 'u-centre'])
			expect(judge([writer, [entry('publication', '1')]]).refused[0]?.reason).toBe('role');
	});

	it('decisions close at the first publication: a later decision is refused, an earlier one honoured', () => {
		const early = entry('decision', '1');
		const late = entry('decision', '3');
		const { honoured, refused } = judge(['u-sup', [early, entry('publication', '2'), late]]);
		expect(honoured.map((e) => e.id)).toContain(early.id);
		expect(refused.map((r) => [r.entry.id, r.reason])).toEqual([[late.id, 'after-publication']]);
	});

	it('a writer the server does not know is refused; a kind from a newer app is kept', () => {
		expect(judge(['u-nobody', [entry('note', '1')]]).refused[0]?.reason).toBe('unknown-author');
		expect(judge(['u-inst', [entry('kind-from-the-future', '1')]]).honoured).toHaveLength(1);
	});
});

describe('day entry rules', () => {
	const dayRoles = new Map<string, Role>([
		['u-proctor', 'proctor'],
		['u-ex-a', 'examiner'],
		['u-ex-b', 'examiner']
	]);
	const plan = {
		staff: [
			{ userId: 'u-ex-a', duty: 'examiner' as const, groupId: 'g-a' },
			{ userId: 'u-ex-b', duty: 'examiner' as const, groupId: 'g-b' },
			{ userId: 'u-proctor', duty: 'invigilator' as const }
		],
		groups: [
			{ id: 'g-a', candidateIds: ['c1'] },
			{ id: 'g-b', candidateIds: ['c2'] }
		]
	};
	const sheet = (groupId: string, candidateId: string): Entry => ({
		...(entry('score-sheet', '1') as EntryOf<'score-sheet'>),
		candidateId,
		data: { groupId, subject: 'skill', items: [], total: 100, isSubmitted: true }
	});
	const judgeDay = (userId: string, entries: Entry[]) =>
		judgeDayEntries([{ docName: `day:p:${userId}`, userId, entries }], (id) => dayRoles.get(id), plan);

	it('a score sheet in a proctor’s own day document is refused for its role', () => {
		const { days, refused } = judgeDay('u-proctor', [sheet('g-a', 'c1'), entry('attendance', '2')]);
		expect(days[0].entries.map((e) => e.kind)).toEqual(['attendance']);
		expect(refused.map((r) => [r.entry.kind, r.reason, r.role])).toEqual([['score-sheet', 'day-role', 'proctor']]);
	});

	it('an examiner’s check-in is refused; his incident report is kept', () => {
		const { days, refused } = judgeDay('u-ex-a', [entry('attendance', '1'), entry('incident', '2')]);
		expect(days[0].entries.map((e) => e.kind)).toEqual(['incident']);
		expect(refused.map((r) => r.reason)).toEqual(['day-role']);
	});

	it('a score sheet counts only from an examiner assigned to its group, for a candidate in it', () => {
		const own = sheet('g-a', 'c1');
		const otherGroup = sheet('g-b', 'c2');
		const notInGroup = sheet('g-a', 'c2');
		const { days, refused } = judgeDay('u-ex-a', [own, otherGroup, notInGroup]);
		expect(days[0].entries.map((e) => e.id)).toEqual([own.id]);
		expect(refused.map((r) => [r.entry.id, r.reason])).toEqual([
			[otherGroup.id, 'not-assigned'],
			[notInGroup.id, 'not-assigned']
		]);
	});

	it('every entry of an account the server does not know is refused', () => {
		const { days, refused } = judgeDay('u-gone', [entry('incident', '1')]);
		expect(days[0].entries).toEqual([]);
		expect(refused.map((r) => r.reason)).toEqual(['unknown-author']);
	});
});
