import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Entry } from '../domain/entries';
import type { Candidate, ExamSession, Group, Rubric, Seat, StaffAssignment } from '../domain/record-schemas';
import type { DayDocument, StoredFacts } from '../domain/reconcile';
import { planResults, type PlanResultsInput } from '../domain/published-result';
import { DeskDerivation } from './desk-derivation';

const PLAN_ID = 'p1';
let seq = 0;
function entry(author: string, kind: string, data: Record<string, unknown>, extra: Partial<Entry> = {}): Entry {
	seq++;
	return {
		v: 1,
		id: `e-${String(seq).padStart(6, '0')}`,
		kind,
		at: `2026-11-21T${String(8 + (seq % 6)).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}:00+08:00`,
		hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}:000000:dev-${author}`,
		author,
		deviceId: `dev-${author}`,
		planId: PLAN_ID,
		data,
		...extra
	} as Entry;
}

const cand = (i: number, occupationId: string, level: 2 | 4): Candidate => ({
	v: 1,
	id: `c${String(i).padStart(3, '0')}`,
	name: `考生${i}`,
	idType: 'resident-id',
	idNumber: `50010119900101${String(i).padStart(3, '0')}X`,
	occupationId,
	level,
	admissionNo: `A${i}`,
	eligibility: { status: 'approved' }
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

/** A plan of `n` candidates: the first ones health caregivers (theory seated, skill grouped), a few HR managers. */
function planOf(n: number): PlanResultsInput['plan'] {
	const candidates = Array.from({ length: n }, (_, i) =>
		i % 4 === 3 ? cand(i + 1, 'hr-manager', 2) : cand(i + 1, 'health-caregiver', 4)
	);
	const carers = candidates.filter((c) => c.occupationId === 'health-caregiver').map((c) => c.id);
	const managers = candidates.filter((c) => c.occupationId === 'hr-manager').map((c) => c.id);
	const groups: Group[] = [
		{
			v: 2,
			id: 'g1',
			kind: 'skill',
			name: '技能组',
			sessionId: 's-skill',
			occupationId: 'health-caregiver',
			level: 4,
			// One carer left out of every group: "missing" once the exam is over.
			candidateIds: carers.slice(1),
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
			candidateIds: managers,
			rubricId: 'rb',
			parallel: 1
		}
	];
	const staff: StaffAssignment[] = [
		{ v: 1, id: 'a1', userId: 'pr1', duty: 'invigilator', sessionId: 's-theory' },
		{ v: 1, id: 'a2', userId: 'pr2', duty: 'invigilator', sessionId: 's-theory' },
		...['ex1', 'ex2'].flatMap((u, i) => [
			{ v: 1 as const, id: `g${i}`, userId: u, duty: 'examiner' as const, groupId: 'g1' },
			{ v: 1 as const, id: `p${i}`, userId: u, duty: 'examiner' as const, groupId: 'p1' }
		])
	];
	const seated = candidates.slice(0, n - 1).map((c) => c.id);
	const seats: Seat[] = seated.map((candidateId, i) => ({
		v: 1,
		sessionId: 's-theory',
		candidateId,
		row: Math.floor(i / 3),
		col: i % 3
	}));
	return {
		examDate: '2026-11-21',
		candidates,
		sessions,
		staff,
		groups,
		rubrics: [rubric],
		seatedBySession: new Map([['s-theory', seated]]),
		seats,
		roomNames: new Map([['r1', '101 机房']])
	};
}

const USERS = ['pr1', 'pr2', 'ex1', 'ex2'] as const;
const NOWS = [
	'2026-11-21T08:00:00+08:00',
	'2026-11-21T10:45:00+08:00',
	'2026-11-21T10:46:00+08:00',
	'2026-11-23T08:00:00+08:00'
];

type Op =
	| { t: 'attendance'; user: number; cand: number; state: number; session: number }
	| { t: 'sheet'; user: number; cand: number; a: number; b: number; isSubmitted: boolean; group: number }
	| { t: 'seat'; user: number; cand: number; row: number; col: number }
	| { t: 'incident'; user: number; cand: number; hasCandidate: boolean }
	| { t: 'correct'; user: number; pick: number }
	| { t: 'decide'; pick: number; action: number }
	| { t: 'import'; cands: number[]; score: number }
	| { t: 'stored'; user: number; keep: number; late: boolean }
	| { t: 'now'; now: number }
	| { t: 'again' }
	| { t: 'toggle'; cand: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		t: fc.constant('attendance' as const),
		user: fc.nat(3),
		cand: fc.nat(11),
		state: fc.nat(3),
		session: fc.nat(2)
	}),
	fc.record({
		t: fc.constant('sheet' as const),
		user: fc.nat(3),
		cand: fc.nat(11),
		a: fc.nat(60),
		b: fc.nat(50),
		isSubmitted: fc.boolean(),
		group: fc.nat(1)
	}),
	fc.record({ t: fc.constant('seat' as const), user: fc.nat(3), cand: fc.nat(11), row: fc.nat(3), col: fc.nat(2) }),
	fc.record({ t: fc.constant('incident' as const), user: fc.nat(3), cand: fc.nat(11), hasCandidate: fc.boolean() }),
	fc.record({ t: fc.constant('correct' as const), user: fc.nat(3), pick: fc.nat(50) }),
	fc.record({ t: fc.constant('decide' as const), pick: fc.nat(50), action: fc.nat(2) }),
	fc.record({
		t: fc.constant('import' as const),
		cands: fc.array(fc.nat(11), { minLength: 1, maxLength: 4 }),
		score: fc.nat(100)
	}),
	fc.record({ t: fc.constant('stored' as const), user: fc.nat(3), keep: fc.nat(10), late: fc.boolean() }),
	fc.record({ t: fc.constant('now' as const), now: fc.nat(NOWS.length - 1) }),
	fc.constant({ t: 'again' as const }),
	fc.record({ t: fc.constant('toggle' as const), cand: fc.nat(11) })
);

/** A desk's inputs, changed the way the desk changes them: a new entries array for the document that changed only. */
class Desk {
	days: DayDocument[] = USERS.map((u) => ({ docName: `day:${PLAN_ID}:${u}`, userId: u, entries: [] }));
	review: Entry[] = [];
	stored = new Map<string, StoredFacts>();
	now = NOWS[1];
	input: PlanResultsInput;
	constructor(readonly plan = planOf(12)) {
		this.input = this.make();
	}
	private make(): PlanResultsInput {
		return {
			plan: this.plan,
			days: [...this.days],
			review: this.review,
			stored: this.stored.size ? new Map(this.stored) : undefined,
			now: this.now,
			names: undefined
		};
	}
	add(user: number, e: Entry): void {
		const i = user % USERS.length;
		this.days[i] = { ...this.days[i], entries: [...this.days[i].entries, e] };
	}
	apply(op: Op, last: ReturnType<typeof planResults>): void {
		const candidateId = this.plan.candidates[('cand' in op ? op.cand : 0) % this.plan.candidates.length].id;
		if (op.t === 'attendance') {
			const u = USERS[op.user];
			const state = ['present', 'absent', 'late', 'left-early'][op.state];
			this.add(
				op.user,
				entry(u, 'attendance', { state, sessionId: sessions[op.session].id, time: '09:05' }, { candidateId })
			);
		} else if (op.t === 'sheet') {
			const u = USERS[op.user];
			const [groupId, subject] = op.group ? ['p1', 'review'] : ['g1', 'skill'];
			const items = [
				{ itemId: 'a', score: op.a },
				{ itemId: 'b', score: op.b }
			];
			this.add(
				op.user,
				entry(
					u,
					'score-sheet',
					{ groupId, subject, items, total: op.a + op.b, isSubmitted: op.isSubmitted },
					{ candidateId }
				)
			);
		} else if (op.t === 'seat') {
			const u = USERS[op.user];
			const data = { sessionId: 's-theory', roomId: 'r1', to: { row: op.row, col: op.col }, reason: '电脑故障' };
			this.add(op.user, entry(u, 'seat-change', data, { candidateId }));
		} else if (op.t === 'incident') {
			const u = USERS[op.user];
			const data = {
				sessionId: 's-theory',
				roomId: 'r1',
				category: 'violation',
				violationType: 'copying',
				time: '09:30',
				description: '夹带'
			};
			this.add(op.user, entry(u, 'incident', data, op.hasCandidate ? { candidateId } : {}));
		} else if (op.t === 'correct') {
			const day = this.days[op.user];
			if (!day.entries.length) return;
			const target = day.entries[op.pick % day.entries.length];
			const data =
				target.kind === 'attendance'
					? { ...target.data, state: target.data.state === 'absent' ? 'present' : 'absent' }
					: target.data;
			this.add(
				op.user,
				entry(target.author, target.kind, data as Record<string, unknown>, {
					...(target.candidateId ? { candidateId: target.candidateId } : {}),
					corrects: target.id,
					reason: '更正'
				})
			);
		} else if (op.t === 'decide') {
			const item = last.rec.items[op.pick % Math.max(1, last.rec.items.length)];
			if (!item) return;
			const action = item.options[op.action % item.options.length];
			const value = action === 'score' ? 75 : action === 'void' ? this.plan.candidates[0].id : undefined;
			this.review = [
				...this.review,
				entry(
					'sup',
					'decision',
					{
						itemKey: item.key,
						itemKind: item.kind,
						action,
						...(value !== undefined ? { value } : {}),
						reason: '督导决定',
						entryIds: item.entryIds
					},
					{ candidateId: item.candidateId }
				)
			];
		} else if (op.t === 'import') {
			const rows = [...new Set(op.cands)].map((c, row) => ({
				candidateId: this.plan.candidates[c].id,
				row: row + 2,
				...(op.score > 90 ? { isAbsent: true as const } : { score: op.score })
			}));
			this.review = [...this.review, entry('sup', 'score-import', { subject: 'theory', fileName: '理论.xlsx', rows })];
		} else if (op.t === 'stored') {
			const day = this.days[op.user];
			const kept = day.entries.slice(0, Math.ceil((day.entries.length * op.keep) / 10));
			this.stored.set(day.docName, {
				storedEntryIds: new Set(kept.map((e) => e.id)),
				receipts: new Map(kept.map((e) => [e.id, op.late ? '2026-11-21T05:00:00.000Z' : '2026-11-21T01:30:00.000Z']))
			});
		} else if (op.t === 'now') this.now = NOWS[op.now];
		else if (op.t === 'toggle') {
			// A third proctor's document opened by the desk (with a record), or no longer read.
			const name = `day:${PLAN_ID}:pr3`;
			const at = this.days.findIndex((d) => d.docName === name);
			if (at >= 0) this.days.splice(at, 1);
			else {
				const e = entry(
					'pr3',
					'attendance',
					{ state: 'absent', sessionId: 's-theory', time: '09:05' },
					{ candidateId }
				);
				this.days.push({ docName: name, userId: 'pr3', entries: [e] });
			}
		}
		this.input = this.make();
	}
}

describe('DeskDerivation: the desk re-deriving only what changed', () => {
	it('gives the same reconciliation and results as deriving everything, over random sequences of records', () => {
		fc.assert(
			fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
				const desk = new Desk();
				const derivation = new DeskDerivation();
				let last = planResults(desk.input);
				expect(derivation.derive(desk.input)).toEqual(last);
				for (const op of ops) {
					desk.apply(op, last);
					const full = planResults(desk.input);
					const incremental = derivation.derive(desk.input);
					expect(incremental).toEqual(full);
					expect([...incremental.rec.subjects.keys()]).toEqual([...full.rec.subjects.keys()]);
					last = full;
				}
			}),
			{ numRuns: 100 }
		);
	});

	it('one entry on one day document re-derives that document and that candidate only', () => {
		const desk = new Desk(planOf(400));
		const derivation = new DeskDerivation();
		for (let i = 0; i < 400; i += 3)
			desk.add(
				i % 2,
				entry(
					USERS[i % 2],
					'attendance',
					{ state: 'present', sessionId: 's-theory', time: '09:05' },
					{ candidateId: desk.plan.candidates[i].id }
				)
			);
		desk.input = { ...desk.input, days: [...desk.days] };
		derivation.derive(desk.input);
		expect(derivation.stats.isFull).toBe(true);
		desk.add(
			0,
			entry('pr1', 'attendance', { state: 'absent', sessionId: 's-theory', time: '09:05' }, { candidateId: 'c007' })
		);
		desk.input = { ...desk.input, days: [...desk.days], now: '2026-11-21T10:45:30+08:00' };
		const { rows } = derivation.derive(desk.input);
		expect(derivation.stats).toEqual({ isFull: false, days: 1, candidates: 1, sessions: 1, rows: 1 });
		expect(rows.find((r) => r.candidate.id === 'c007')).toEqual(
			planResults(desk.input).rows.find((r) => r.candidate.id === 'c007')
		);
	});
});
