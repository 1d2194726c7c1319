import { describe, expect, it } from 'vitest';
import type { Entry } from './entries';
import { authoredBy, judgeReviewEntries, REVIEW_KIND_ROLES } from './entry-rules';
import type { Role } from './records';

let n = 0;
const entry = (kind: string, hlc: string, author = 'u-claimed'): Entry => ({
	v: 1,
	id: `e-test-${n++}`.padEnd(8, '0'),
	kind,
	at: '2026-11-23T09:00:00+08:00',
	hlc,
	author,
	deviceId: 'd',
	planId: 'p',
	data: {}
});
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
