import { beforeAll, describe, expect, it } from 'vitest';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import type { Entry } from './entries';
import type { Candidate, ExamSession, Group, Rubric, StaffAssignment } from './record-schemas';
import { checkDecision, reconcile, type DayDocument, type ReconcileInput } from './reconcile';
import { deriveResults } from './subject-results';
import { beijingText } from './exam-clock';
import { checkRetake } from './deadlines';
import { provinceRows } from './certificate-register';
import { retakesUsedBy } from './scoring';
import { messageText } from './message-text';
import type { Translate } from './entry-text';
import { translator } from '../../../tests/support/translator';

let zh: Translate;
beforeAll(async () => {
	zh = await translator('zh-CN');
});
/** The item's explanation as the desk shows it in Chinese. */
const explained = (item: { message: Parameters<typeof messageText>[0] }) => messageText(item.message, zh);
const explainAll = (list: readonly Parameters<typeof messageText>[0][]) =>
	list.map((m) => messageText(m, zh)).join('；');

const PLAN_ID = 'p1';
let seq = 0;
function entry(author: string, kind: string, data: Record<string, unknown>, extra: Partial<Entry> = {}): Entry {
	seq++;
	return {
		v: 1,
		id: `e-test-${String(seq).padStart(4, '0')}`,
		kind,
		at: `2026-11-21T10:${String(seq % 60).padStart(2, '0')}:00+08:00`,
		hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}:000000:dev-${author}`,
		author,
		deviceId: `dev-${author}`,
		planId: PLAN_ID,
		data,
		...extra
	} as Entry;
}
const cand = (id: string, occupationId: string, level: 2 | 3 | 4, extra: Partial<Candidate> = {}): Candidate => ({
	v: 1,
	id,
	name: `考生${id}`,
	idType: 'resident-id',
	idNumber: `50010119900101${id.slice(-3)}X`,
	occupationId,
	level,
	admissionNo: `A${id}`,
	eligibility: { status: 'approved' },
	...extra
});
const sessions: ExamSession[] = [
	{ v: 1, id: 's-theory', subject: 'theory', roomId: 'r1', date: '2026-11-21', start: '09:00', end: '10:30' },
	{ v: 1, id: 's-skill', subject: 'skill', roomId: 'r3', date: '2026-11-21', start: '11:00', end: '12:00' },
	{ v: 1, id: 's-review', subject: 'review', roomId: 'r4', date: '2026-11-22', start: '09:00', end: '10:00' }
];
const rubric: Rubric = {
	v: 1,
	id: 'rb',
	name: '评分表',
	items: [
		{ id: 'a', label: 'A', max: 50 },
		{ id: 'b', label: 'B', max: 50 }
	]
};
const candidates = [
	cand('c001', 'health-caregiver', 4),
	cand('c002', 'health-caregiver', 4),
	cand('c003', 'hr-manager', 2)
];
const groups: Group[] = [
	{
		v: 2,
		id: 'g1',
		kind: 'skill',
		name: '技能组',
		sessionId: 's-skill',
		occupationId: 'health-caregiver',
		level: 4,
		candidateIds: ['c001', 'c002'],
		rubricId: 'rb',
		parallel: 1
	},
	{
		v: 2,
		id: 'p1',
		kind: 'review',
		name: '答辩组',
		sessionId: 's-review',
		occupationId: 'hr-manager',
		level: 2,
		candidateIds: ['c003'],
		rubricId: 'rb',
		parallel: 1
	}
];
const staff: StaffAssignment[] = [
	{ v: 1, id: 'a1', userId: 'pr1', duty: 'invigilator', sessionId: 's-theory' },
	{ v: 1, id: 'a2', userId: 'pr2', duty: 'invigilator', sessionId: 's-theory' },
	...['ex1', 'ex2', 'ex3'].flatMap((u, i) => [
		{ v: 1 as const, id: `g${i}`, userId: u, duty: 'examiner' as const, groupId: 'g1' },
		{ v: 1 as const, id: `p${i}`, userId: u, duty: 'examiner' as const, groupId: 'p1' }
	])
];
const att = (author: string, candidateId: string, state: string, sessionId = 's-theory') =>
	entry(author, 'attendance', { state, sessionId, time: '09:05' }, { candidateId });
const sheet = (
	author: string,
	candidateId: string,
	a: number,
	b: number,
	groupId = 'g1',
	subject = 'skill',
	isSubmitted = true
) =>
	entry(
		author,
		'score-sheet',
		{
			groupId,
			subject,
			items: [
				{ itemId: 'a', score: a },
				{ itemId: 'b', score: b }
			],
			total: a + b,
			isSubmitted
		},
		{ candidateId }
	);

function input(
	days: Record<string, Entry[]>,
	review: Entry[] = [],
	extra: Partial<ReconcileInput> = {}
): ReconcileInput {
	const docs: DayDocument[] = Object.entries(days).map(([userId, entries]) => ({
		docName: `day:${PLAN_ID}:${userId}`,
		userId,
		entries
	}));
	return {
		plan: {
			examDate: '2026-11-21',
			candidates,
			sessions,
			staff,
			groups,
			rubrics: [rubric],
			seatedBySession: new Map([['s-theory', ['c001', 'c002', 'c003']]])
		},
		days: docs,
		review,
		now: '2026-11-27T12:00:00+08:00',
		...extra
	};
}
const kinds = (i: ReconcileInput) => reconcile(i).items.map((x) => `${x.kind}:${x.candidateId ?? ''}`);

describe('reconciliation rules', () => {
	it('two proctors disagreeing about attendance is an item naming both', () => {
		const r = reconcile(input({ pr1: [att('pr1', 'c001', 'present')], pr2: [att('pr2', 'c001', 'absent')] }));
		const item = r.items.find((i) => i.kind === 'attendance-conflict')!;
		expect(item.candidateId).toBe('c001');
		expect(explained(item)).toContain('pr1记为到考');
		expect(explained(item)).toContain('pr2记为缺考');
		expect(item.entryIds).toHaveLength(2);
	});
	it('an item reads in English too: the rules’ words translated, names as written', async () => {
		const en = await translator('en');
		const r = reconcile(input({ pr1: [att('pr1', 'c001', 'present')], pr2: [att('pr2', 'c001', 'absent')] }));
		const item = r.items.find((i) => i.kind === 'attendance-conflict')!;
		const text = messageText(item.message, en);
		expect(text).toContain('theory exam: the attendance records disagree: pr1 recorded present, pr2 recorded absent');
		expect(text).toContain('考生c001 (Ac001)');
		expect(text).not.toMatch(/记为|到考|缺考|考勤|（/);
	});
	it('late and present do not conflict; the latest entry per proctor counts', () => {
		const first = att('pr1', 'c001', 'absent');
		const later = att('pr1', 'c001', 'present');
		expect(kinds(input({ pr1: [first, later], pr2: [att('pr2', 'c001', 'late')] }))).not.toContain(
			'attendance-conflict:c001'
		);
	});
	it('a score for a candidate marked absent', () => {
		const days = { pr1: [att('pr1', 'c001', 'absent', 's-skill')], ex1: [sheet('ex1', 'c001', 30, 30)] };
		expect(kinds(input(days))).toContain('score-for-absent:c001');
	});
	it('a present candidate lacking a score (drafts do not count)', () => {
		const days = {
			pr1: [att('pr1', 'c002', 'present', 's-skill')],
			ex1: [sheet('ex1', 'c002', 30, 30, 'g1', 'skill', false)]
		};
		expect(kinds(input(days))).toContain('missing-score:c002');
	});
	it('a candidate with neither attendance nor a score after the session ended', () => {
		const k = kinds(input({ ex1: [sheet('ex1', 'c001', 30, 30)] }));
		expect(k).toContain('missing-score:c002');
		expect(
			reconcile(input({}, [], { now: '2026-11-21T11:30:00+08:00' })).items.filter((i) => i.kind === 'missing-score')
		).toHaveLength(0);
	});
	it('a sheet that cannot be scored against the rubric', () => {
		const bad = entry(
			'ex1',
			'score-sheet',
			{
				groupId: 'g1',
				subject: 'skill',
				items: [
					{ itemId: 'a', score: 70 },
					{ itemId: 'b', score: 10 }
				],
				total: 80,
				isSubmitted: true
			},
			{ candidateId: 'c001' }
		);
		const item = reconcile(input({ ex1: [bad] })).items.find((i) => i.kind === 'sheet-error')!;
		expect(explained(item)).toContain('超出 0–50 分的范围');
	});
	it('a panel with fewer sheets than its size', () => {
		const days = {
			ex1: [sheet('ex1', 'c003', 40, 40, 'p1', 'review')],
			ex2: [sheet('ex2', 'c003', 41, 40, 'p1', 'review')]
		};
		const item = reconcile(input(days)).items.find((i) => i.kind === 'panel-short')!;
		expect(explained(item)).toContain('只有 2 份评分表，考评组应有 3 份');
	});
	it('examiners differing by more than the threshold', () => {
		const days = {
			ex1: [sheet('ex1', 'c001', 45, 45)],
			ex2: [sheet('ex2', 'c001', 35, 35)],
			ex3: [sheet('ex3', 'c001', 40, 40)]
		};
		expect(kinds(input(days))).toContain('score-discrepancy:c001');
		expect(kinds(input(days, [], { policy: { discrepancyThreshold: 20 } }))).not.toContain('score-discrepancy:c001');
	});
	it('an incident naming no candidate, and a violation naming one needs a ruling', () => {
		const incident = (c?: string) =>
			entry(
				'pr1',
				'incident',
				{ sessionId: 's-theory', roomId: 'r1', category: 'violation', time: '09:40', description: '发现夹带' },
				c ? { candidateId: c } : {}
			);
		const equipment = entry('pr1', 'incident', {
			sessionId: 's-theory',
			roomId: 'r1',
			category: 'equipment',
			time: '09:10',
			description: '电脑故障'
		});
		const k = kinds(input({ pr1: [incident(), incident('c002'), equipment] }));
		expect(k).toContain('incident-no-candidate:');
		expect(k).toContain('incident-ruling:c002');
		expect(k.filter((x) => x.startsWith('incident'))).toHaveLength(2);
	});
	it('a device with entries the server has not stored: which device, since when', () => {
		const a = att('pr1', 'c001', 'present');
		const b = att('pr1', 'c002', 'present');
		const stored = new Map([
			[`day:${PLAN_ID}:pr1`, { storedEntryIds: new Set([a.id]), receipts: new Map([[a.id, '2026-11-21T02:00:00Z']]) }]
		]);
		const item = reconcile(input({ pr1: [a, b] }, [], { stored })).items.find((i) => i.kind === 'unstored-entries')!;
		expect(explained(item)).toContain('dev-pr1');
		expect(explained(item)).toContain(beijingText(b.at)); // Beijing time a person reads, never ISO
		expect(explained(item)).not.toContain(b.at);
		expect(item.entryIds).toEqual([b.id]);
	});
	it('entries the server received before their session began are flagged, whatever the device clock says', () => {
		// The tablet claims exam-day times, but the server received the records weeks before the exam.
		const early = att('pr1', 'c001', 'present');
		const onTime = att('pr1', 'c002', 'present');
		const stored = new Map([
			[
				`day:${PLAN_ID}:pr1`,
				{
					storedEntryIds: new Set([early.id, onTime.id]),
					receipts: new Map([
						[early.id, '2026-10-30T13:55:00Z'],
						[onTime.id, '2026-11-21T01:10:00Z']
					])
				}
			]
		]);
		const items = reconcile(input({ pr1: [early, onTime] }, [], { stored, names: new Map([['pr1', '李监考']]) })).items;
		const item = items.find((i) => i.kind === 'outside-hours')!;
		expect(item.key).toBe('outside:s-theory:pr1');
		expect(item.entryIds).toEqual([early.id]);
		expect(item.options).toEqual(['acknowledge']);
		// Beijing time a person reads (21:55 on 30 October), in both languages' message.
		expect(explained(item)).toContain('李监考在r1（2026-11-21 09:00–10:30）的 1 条记录不在该场次时间内');
		expect(explained(item)).toContain('服务器收到于 2026-10-30 21:55');
		expect(item.message.key).toBe('desk.outsideHours.receipt');
		expect(item.message.params).toMatchObject({ name: '李监考', count: 1 });
	});
	it('receipts are read on the exam clock when KAOWU_TODAY moves it (the real receive time plus its offset)', () => {
		const e = att('pr1', 'c001', 'present');
		const stored = new Map([
			[`day:${PLAN_ID}:pr1`, { storedEntryIds: new Set([e.id]), receipts: new Map([[e.id, '2026-10-01T01:10:00Z']]) }]
		]);
		const outside = (offset?: number) =>
			reconcile(input({ pr1: [e] }, [], { stored, receiptClockOffsetMs: offset })).items.filter(
				(i) => i.kind === 'outside-hours'
			);
		expect(outside()).toHaveLength(1);
		expect(outside(Date.parse('2026-11-21T01:10:00Z') - Date.parse('2026-10-01T01:10:00Z'))).toEqual([]);
	});
	it('an offline tablet uploading its day late is not flagged; a device time outside the session is', () => {
		const offline = att('pr1', 'c001', 'present'); // made at 10:xx on the day, received in the evening
		const late = entry(
			'pr1',
			'attendance',
			{ state: 'present', sessionId: 's-theory', time: '09:05' },
			{
				candidateId: 'c002',
				at: '2026-11-21T19:40:00+08:00'
			}
		);
		const stored = new Map([
			[
				`day:${PLAN_ID}:pr1`,
				{
					storedEntryIds: new Set([offline.id, late.id]),
					receipts: new Map([
						[offline.id, '2026-11-21T12:00:00Z'],
						[late.id, '2026-11-21T12:00:00Z']
					])
				}
			]
		]);
		const [item, ...more] = reconcile(input({ pr1: [offline, late] }, [], { stored })).items.filter(
			(i) => i.kind === 'outside-hours'
		);
		expect(more).toEqual([]);
		expect(item.entryIds).toEqual([late.id]);
		expect(item.message?.key).toBe('desk.outsideHours.device');
		expect(explained(item)).toContain('设备记于 2026-11-21 19:40');
		// Score sheets belong to their group's session: a sheet for the review panel (22 November) made on the 21st.
		const keys = reconcile(input({ ex1: [sheet('ex1', 'c003', 40, 40, 'p1', 'review')] })).items.map((i) => i.key);
		expect(keys).toContain('outside:s-review:ex1');
	});
	it('an assigned device with nothing stored after its session ended', () => {
		const stored = new Map([[`day:${PLAN_ID}:pr1`, { storedEntryIds: new Set<string>(), receipts: new Map() }]]);
		const k = kinds(input({ pr1: [att('pr1', 'c001', 'present')] }, [], { stored }));
		expect(k).toContain('silent-device:');
		expect(
			reconcile(input({}, [], { stored, now: '2026-11-21T08:00:00+08:00' })).items.filter(
				(i) => i.kind === 'silent-device'
			)
		).toHaveLength(0);
	});
	it('a decision resolves its item; the originals stay in the item', () => {
		const days = { pr1: [att('pr1', 'c001', 'present')], pr2: [att('pr2', 'c001', 'absent')] };
		const decision = entry('sup', 'decision', {
			itemKey: 'attendance:s-theory:c001',
			itemKind: 'attendance-conflict',
			action: 'present',
			reason: '监控录像显示到场',
			entryIds: [days.pr1[0].id, days.pr2[0].id]
		});
		const item = reconcile(input(days, [decision])).items.find((i) => i.kind === 'attendance-conflict')!;
		expect(item.isResolved).toBe(true);
		expect(item.decision?.data.reason).toBe('监控录像显示到场');
		expect(item.entryIds).toHaveLength(2);
	});
	it('a record arriving after the decision reopens the item', () => {
		const a = att('pr1', 'c001', 'present');
		const b = att('pr2', 'c001', 'absent');
		const decision = entry('sup', 'decision', {
			itemKey: 'attendance:s-theory:c001',
			itemKind: 'attendance-conflict',
			action: 'present',
			reason: '核对',
			entryIds: [a.id, b.id]
		});
		expect(
			reconcile(input({ pr1: [a], pr2: [b] }, [decision])).items.find((i) => i.kind === 'attendance-conflict')
		).toMatchObject({ isResolved: true, isReopened: false });
		const c = att('pr3', 'c001', 'absent');
		const reopened = reconcile(input({ pr1: [a], pr2: [b], pr3: [c] }, [decision])).items.find(
			(i) => i.kind === 'attendance-conflict'
		)!;
		expect(reopened).toMatchObject({ isResolved: false, isReopened: true });
	});
	it('checkDecision asks for a reason and a score in range, in both languages', async () => {
		const item = reconcile(input({ ex1: [sheet('ex1', 'c003', 40, 40, 'p1', 'review')] })).items.find(
			(i) => i.kind === 'panel-short'
		)!;
		const said = async (r: ReturnType<typeof checkDecision>) => {
			if (r.ok) throw new Error('accepted');
			return inBothLanguages(r.error);
		};
		const noReason = await said(checkDecision(item, 'accept', undefined, ' '));
		expect(noReason).toEqual({ zh: '请写明处理理由', en: 'Write the reason for the decision' });
		const range = await said(checkDecision(item, 'score', 120, '复核'));
		expect(range.zh).toBe('请填写 0–100 之间的分数');
		expect(checkDecision(item, 'score', 80, '复核')).toEqual({ ok: true });
		const option = await said(checkDecision(item, 'absent', undefined, 'x'));
		expect(option.zh).toBe('该事项不能这样处理');
		for (const r of [range, option]) expect(r.en).not.toMatch(CJK);
	});
});

describe('results', () => {
	const theory = (rows: [string, number][]) =>
		entry('sup', 'theory-import', {
			fileName: 'theory.xlsx',
			rows: rows.map(([candidateId, score], i) => ({ candidateId, score, row: i + 2 }))
		});
	const results = (i: ReconcileInput) => deriveResults(i.plan.candidates, '2026-11-21', reconcile(i), i.review);

	it('an absent candidate: 缺考 subjects, failed, may retake keeping what passed', async () => {
		const days = {
			pr1: [att('pr1', 'c001', 'present'), att('pr1', 'c001', 'absent', 's-skill')],
			pr2: [att('pr2', 'c001', 'present')]
		};
		const [row] = results(input(days, [theory([['c001', 75]])]));
		expect(row.subjects.map((s) => [s.subject, s.status, s.score])).toEqual([
			['theory', 'scored', 75],
			['skill', 'absent', undefined]
		]);
		expect(row.hasPassed).toBe(false);
		expect(row.retake).toMatchObject({ isEligible: true, lastDay: '2027-11-21', carried: ['theory'] });
		expect(explainAll(row.subjects[0].provenance)).toContain('成绩文件导入：theory.xlsx');
		// Where the figure comes from and the retake read in both languages.
		const en = await translator('en');
		expect(row.subjects[0].provenance.map((m) => messageText(m, en)).join()).toContain(
			'Imported from the score file theory.xlsx'
		);
		expect(messageText(row.retake.reason, zh)).toBe('可在 2027-11-21 前的联考日补考一次，保留已合格科目：理论知识考试');
		expect(messageText(row.retake.reason, en)).toBe(
			'May retake once on a joint exam day until 2027-11-21, keeping the subjects passed: theory exam'
		);
	});
	it('before the theory file is imported, a present candidate’s theory is pending, not failed', () => {
		const days = {
			pr1: [att('pr1', 'c001', 'present'), att('pr1', 'c001', 'present', 's-skill')],
			...Object.fromEntries(['ex1', 'ex2', 'ex3'].map((u) => [u, [sheet(u, 'c001', 40, 40)]]))
		};
		const [before] = results(input(days, []));
		expect(before.subjects.find((s) => s.subject === 'theory')?.status).toBe('pending');
		expect(before.isPending).toBe(true);
		expect(before.hasPassed).toBe(false);
		const [after] = results(input(days, [theory([['c001', 70]])]));
		expect(after.subjects.find((s) => s.subject === 'theory')).toMatchObject({ status: 'scored', score: 70 });
	});
	it('a voided subject after a violation ruling', () => {
		const incident = entry(
			'pr1',
			'incident',
			{ sessionId: 's-skill', roomId: 'r3', category: 'violation', time: '11:20', description: '使用手机' },
			{ candidateId: 'c001' }
		);
		const ruling = entry('sup', 'decision', {
			itemKey: `incident:${incident.id}`,
			itemKind: 'incident-ruling',
			action: 'void',
			reason: '监控确认',
			entryIds: [incident.id]
		});
		const [row] = results(
			input(
				{ pr1: [incident], ...Object.fromEntries(['ex1', 'ex2', 'ex3'].map((u) => [u, [sheet(u, 'c001', 40, 40)]])) },
				[theory([['c001', 80]]), ruling]
			)
		);
		const skill = row.subjects.find((s) => s.subject === 'skill')!;
		expect(skill.status).toBe('voided');
		expect(explainAll(skill.provenance)).toContain('违纪：使用手机');
		expect(row.hasPassed).toBe(false);
	});
	it('a retake candidate keeps the carried subject and needs only the rest', () => {
		const retaker = cand('c002', 'health-caregiver', 4, {
			isRetake: true,
			carriedOver: [{ subject: 'theory', score: 72, fromSitting: '2026-05-16' }]
		} as Partial<Candidate>);
		const i = input({
			ex1: [sheet('ex1', 'c002', 35, 30)],
			ex2: [sheet('ex2', 'c002', 34, 30)],
			ex3: [sheet('ex3', 'c002', 36, 30)]
		});
		i.plan = { ...i.plan, candidates: [retaker], seatedBySession: new Map() };
		const [row] = results(i);
		expect(row.subjects.map((s) => [s.subject, s.status, s.score])).toEqual([
			['theory', 'carried-over', 72],
			['skill', 'scored', 65]
		]);
		expect(row.hasPassed).toBe(true);
	});
	it('a failed retake candidate has no second retake', () => {
		const retaker = cand('c002', 'health-caregiver', 4, { isRetake: true });
		const i = input(
			{ ex1: [sheet('ex1', 'c002', 20, 20)], ex2: [sheet('ex2', 'c002', 20, 20)], ex3: [sheet('ex3', 'c002', 20, 20)] },
			[theory([['c002', 80]])]
		);
		i.plan = { ...i.plan, candidates: [retaker] };
		const [row] = results(i);
		expect(row.retake.isEligible).toBe(false);
		expect(messageText(row.retake.reason, zh)).toContain('考生已补考 1 次，补考机会仅 1 次');
		// One rule: the retake request check refuses a second retake with the same message.
		expect(
			checkRetake({ firstSittingDate: '2026-11-28', retakeDate: '2027-03-20', previousRetakes: 1 }).reason
		).toEqual(row.retake.reason);
	});
	it('a candidate keeping a subject from an earlier sitting is at his retake, even without the flag: no second retake, 补考 in the province file', () => {
		const keeper = cand('c002', 'health-caregiver', 4, {
			carriedOver: [{ subject: 'theory', score: 72, fromSitting: '2026-05-16' }]
		} as Partial<Candidate>);
		const i = input({
			ex1: [sheet('ex1', 'c002', 20, 20)],
			ex2: [sheet('ex2', 'c002', 20, 20)],
			ex3: [sheet('ex3', 'c002', 20, 20)]
		});
		i.plan = { ...i.plan, candidates: [keeper], seatedBySession: new Map() };
		const [row] = results(i);
		expect(row.hasPassed).toBe(false);
		expect(retakesUsedBy(keeper)).toBe(1);
		expect(row.retake.isEligible).toBe(false);
		expect(messageText(row.retake.reason, zh)).toContain('考生已补考 1 次，补考机会仅 1 次');
		expect(provinceRows([row], '2026-11-21', new Map())[0].at(-1)).toContain('补考');
		// A first sitting is no retake.
		expect(retakesUsedBy(cand('c003', 'health-caregiver', 4))).toBe(0);
	});
	it('a level-2 candidate needs theory, skill and the review; a supervisor decision completes a short panel', () => {
		const days = {
			ex1: [sheet('ex1', 'c003', 40, 40, 'p1', 'review')],
			ex2: [sheet('ex2', 'c003', 30, 30, 'p1', 'review')]
		};
		const short = reconcile(input(days)).items.find((x) => x.kind === 'panel-short')!;
		const spread = reconcile(input(days)).items.find((x) => x.kind === 'score-discrepancy')!;
		const decisions = [
			entry('sup', 'decision', {
				itemKey: short.key,
				itemKind: short.kind,
				action: 'accept',
				reason: '第三名考评员因病缺席',
				entryIds: short.entryIds
			}),
			entry('sup', 'decision', {
				itemKey: spread.key,
				itemKind: spread.kind,
				action: 'score',
				value: 74,
				reason: '组长复评',
				entryIds: spread.entryIds
			})
		];
		const row = results(input(days, [theory([['c003', 66]]), ...decisions])).find((r) => r.candidate.id === 'c003')!;
		expect(row.subjects.map((s) => s.subject)).toEqual(['theory', 'skill', 'review']);
		expect(row.subjects[2]).toMatchObject({ status: 'scored', score: 74, isPassed: true });
		// The written skill exam of 企业人力资源管理师 waits for its file: 待定, not 不合格.
		expect(row.subjects[1].status).toBe('pending');
		expect(row.isPending).toBe(true);
		expect(row.hasPassed).toBe(false);
	});
	it('an unresolved score-for-absent keeps the subject pending; a correction after review replaces the score', () => {
		const days = {
			pr1: [att('pr1', 'c001', 'absent', 's-skill')],
			...Object.fromEntries(['ex1', 'ex2', 'ex3'].map((u) => [u, [sheet(u, 'c001', 30, 30)]]))
		};
		const [pending] = results(input(days, [theory([['c001', 58]])]));
		expect(pending.subjects[1].status).toBe('pending');
		expect(pending.isPending).toBe(true);
		const item = reconcile(input(days, [theory([['c001', 58]])])).items.find((x) => x.kind === 'score-for-absent')!;
		const keep = entry('sup', 'decision', {
			itemKey: item.key,
			itemKind: item.kind,
			action: 'keep-score',
			reason: '签到表有签名',
			entryIds: item.entryIds
		});
		const fix = entry(
			'sup',
			'result-correction',
			{ subject: 'theory', score: 68, previousScore: 58, reason: '复核发现计分错误' },
			{ candidateId: 'c001' }
		);
		const [row] = results(input(days, [theory([['c001', 58]]), keep, fix]));
		expect(row.subjects.map((s) => [s.status, s.score])).toEqual([
			['scored', 68],
			['scored', 60]
		]);
		expect(row.hasPassed).toBe(true);
	});
});

describe('every subject kind gets a score', () => {
	const results = (i: ReconcileInput) => deriveResults(i.plan.candidates, i.plan.examDate, reconcile(i), i.review);
	const skillImport = (rows: [string, number | 'absent'][], fileName = '技能成绩.xlsx') =>
		entry('sup', 'score-import', {
			subject: 'skill',
			fileName,
			rows: rows.map(([candidateId, v], i) =>
				v === 'absent' ? { candidateId, row: i + 2, isAbsent: true } : { candidateId, row: i + 2, score: v }
			)
		});
	const hr = [cand('h001', 'hr-manager', 3), cand('h002', 'hr-manager', 3), cand('h003', 'hr-manager', 3)];
	const hrSessions: ExamSession[] = [
		...sessions,
		{ v: 1, id: 's-hr-skill', subject: 'skill', roomId: 'r5', date: '2026-11-21', start: '10:00', end: '12:00' }
	];
	const hrInput = (days: Record<string, Entry[]>, review: Entry[]) =>
		input(days, review, {
			plan: {
				...input({}).plan,
				candidates: hr,
				sessions: hrSessions,
				groups: [],
				seatedBySession: new Map([
					['s-theory', hr.map((c) => c.id)],
					['s-hr-skill', hr.map((c) => c.id)]
				])
			}
		});
	const theoryAll = entry('sup', 'score-import', {
		subject: 'theory',
		fileName: '理论.xlsx',
		rows: hr.map((c, i) => ({ candidateId: c.id, row: i + 2, score: 70 }))
	});

	it('a written skill exam without its file is 待定 for everyone, never 不合格, and raises no item yet', () => {
		const i = hrInput({}, [theoryAll]);
		const rows = results(i);
		expect(rows.map((r) => [r.subjects[1].status, r.isPending, r.hasPassed])).toEqual(
			hr.map(() => ['pending', true, false])
		);
		expect(explainAll(rows[0].subjects[1].provenance)).toContain('等待导入技能考核成绩文件');
		expect(kinds(i)).toEqual([]);
	});

	it('once the skill file has come: scores count, 缺考 is absent, a present candidate without a row is a missing-score item', () => {
		const days = { pr9: [att('pr9', 'h003', 'present', 's-hr-skill')] };
		const i = hrInput(days, [
			theoryAll,
			skillImport([
				['h001', 75],
				['h002', 'absent']
			])
		]);
		const rows = results(i);
		expect(rows.map((r) => [r.subjects[1].status, r.subjects[1].score])).toEqual([
			['scored', 75],
			['absent', undefined],
			['pending', undefined]
		]);
		expect(rows.map((r) => (r.isPending ? '待定' : r.hasPassed ? '合格' : '不合格'))).toEqual([
			'合格',
			'不合格',
			'待定'
		]);
		expect(kinds(i)).toEqual(['missing-score:h003']);
		expect(explained(reconcile(i).items[0])).toContain('没有成绩文件中的技能考核成绩');
	});

	it('a present candidate the file lists as 缺考 is an item, not silently absent', () => {
		const days = { pr9: [att('pr9', 'h002', 'present', 's-hr-skill')] };
		const i = hrInput(days, [
			theoryAll,
			skillImport([
				['h001', 75],
				['h002', 'absent'],
				['h003', 61]
			])
		]);
		expect(kinds(i)).toEqual(['missing-score:h002']);
		expect(explained(reconcile(i).items[0])).toContain('中为缺考或空白');
		expect(results(i)[1].isPending).toBe(true);
	});

	it('a practical skill nobody grouped is a missing-score item once the exam is over, and 待定 until decided', () => {
		const caregivers = [cand('k001', 'health-caregiver', 4)];
		const i = input({}, [], {
			plan: { ...input({}).plan, candidates: caregivers, groups: [], seatedBySession: new Map() }
		});
		expect(kinds(i)).toContain('missing-score:k001');
		const item = reconcile(i).items.find((x) => x.key === 'missing:skill:k001')!;
		expect(explained(item)).toContain('没有安排考评组');
		expect(results(i)[0].isPending).toBe(true);
		const before = input({}, [], { ...i, now: '2026-11-20T12:00:00+08:00' });
		expect(kinds(before)).not.toContain('missing-score:k001');
		const decided = entry('sup', 'decision', {
			itemKey: item.key,
			itemKind: item.kind,
			action: 'score',
			value: 81,
			reason: '考评组补录',
			entryIds: []
		});
		const [row] = results({ ...i, review: [decided] });
		expect(row.subjects.find((s) => s.subject === 'skill')).toMatchObject({ status: 'scored', score: 81 });
	});
});

describe('seat clash at the desk', () => {
	it("two candidates not absent on one desk after every device's seat changes raise a seat item", () => {
		const seats = [
			{ v: 1 as const, sessionId: 's-theory', candidateId: 'c001', row: 0, col: 0 },
			{ v: 1 as const, sessionId: 's-theory', candidateId: 'c002', row: 0, col: 1 },
			{ v: 1 as const, sessionId: 's-theory', candidateId: 'c003', row: 0, col: 2 }
		];
		const move = entry(
			'pr1',
			'seat-change',
			{ sessionId: 's-theory', roomId: 'r1', to: { row: 0, col: 1 }, reason: '电脑故障' },
			{ candidateId: 'c001' }
		);
		const days = {
			pr1: [att('pr1', 'c002', 'absent'), att('pr1', 'c001', 'present'), move],
			pr2: [att('pr2', 'c002', 'present')]
		};
		const i = input(days, [], { plan: { ...input({}).plan, seats } });
		const item = reconcile(i).items.find((x) => x.kind === 'seat-clash')!;
		expect(item.key).toBe('seat:s-theory:1-2');
		expect(explained(item)).toContain('考生c001');
		expect(explained(item)).toContain('考生c002');
		expect(item.entryIds).toContain(move.id);
		// Both proctors agreeing that c002 is absent: no clash.
		const agreed = input(
			{ pr1: [att('pr1', 'c002', 'absent'), att('pr1', 'c001', 'present'), move], pr2: [att('pr2', 'c002', 'absent')] },
			[],
			{ plan: { ...input({}).plan, seats } }
		);
		expect(reconcile(agreed).items.some((x) => x.kind === 'seat-clash')).toBe(false);
	});
});
