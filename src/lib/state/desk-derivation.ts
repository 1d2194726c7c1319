// The desk's reconciliation and results, re-derived from what changed (issue 16). Gives the same
// answer as planResults(input) (published-result.ts; desk-derivation.test.ts compares the two over
// random sequences of records), but keeps the pieces whose inputs did not change since the last call:
// each day document's reading (DayFacts) and items while its entries and stored facts are the same
// objects, and each candidate's subjects, items and result row while no document's records about
// that candidate changed. Inputs are compared by identity: the caller hands over the same objects
// for what did not change (DeskView keeps them per document). Anything plan-wide (the plan, the
// review entries, names, the receipt clock offset, which sessions have ended, the set of day
// documents) changing re-derives everything. The rules themselves stay in src/lib/domain.
import type { PlanResultsInput } from '../domain/published-result';
import {
	assembleReconciliation,
	candidateItems,
	candidateSubjects,
	clockKey,
	dayFactsOf,
	dayItems,
	reconcileParts,
	seatItems,
	seatMovesOf,
	type CandidateRecords,
	type DayFacts,
	type ReconcileItem,
	type ReconcileParts,
	type Reconciliation,
	type StoredFacts
} from '../domain/reconcile';
import type { Entry } from '../domain/entries';
import type { Candidate } from '../domain/record-schemas';
import { resultContextOf, resultRowOf, type CandidateResultRow } from '../domain/subject-results';

/** Two documents' records about one candidate are the same entries in the same order. */
function sameRecords(a: CandidateRecords | undefined, b: CandidateRecords | undefined): boolean {
	if (!a || !b) return a === b;
	if (a.attendance.length !== b.attendance.length || a.sheets.length !== b.sheets.length) return false;
	for (let i = 0; i < a.attendance.length; i++)
		if (a.attendance[i][0] !== b.attendance[i][0] || a.attendance[i][1] !== b.attendance[i][1]) return false;
	for (let i = 0; i < a.sheets.length; i++)
		if (a.sheets[i][0] !== b.sheets[i][0] || a.sheets[i][1] !== b.sheets[i][1]) return false;
	return true;
}

export class DeskDerivation {
	private deps: unknown[] = [];
	private parts: ReconcileParts | null = null;
	/** Per day document (by name, in the input's order): what its pieces were derived from. */
	private dayState = new Map<
		string,
		{
			userId: string;
			entries: readonly Entry[];
			stored: StoredFacts | undefined;
			facts: DayFacts;
			items: ReconcileItem[];
		}
	>();
	private rowList: CandidateResultRow[] | null = null;
	private rowIndex = new Map<string, number[]>();
	private open = new Set<string>();
	private voided = new Map<string, string>();
	/** What the last call re-derived: tests and the bench read it. */
	readonly stats = { isFull: false, days: 0, candidates: 0, sessions: 0, rows: 0 };
	/** The candidates the last incremental call re-derived. */
	private dirty = new Set<string>();

	derive(input: PlanResultsInput): { rec: Reconciliation; rows: CandidateResultRow[] } {
		const deps = [
			input.plan,
			input.review,
			input.names,
			input.receiptClockOffsetMs ?? 0,
			clockKey(input.plan, input.now)
		];
		// Documents may be added (the desk opens them as it learns of them) or dropped; the others keep their order.
		const names = new Set(input.days.map((d) => d.docName));
		const kept = [...this.dayState.keys()].filter((n) => names.has(n));
		const isSameOrder = input.days
			.map((d) => d.docName)
			.filter((n) => this.dayState.has(n))
			.every((n, i) => n === kept[i]);
		const isFull = !this.parts || !isSameOrder || deps.some((d, i) => d !== this.deps[i]);
		this.deps = deps;
		Object.assign(this.stats, { isFull, days: 0, candidates: 0, sessions: 0, rows: 0 });
		const parts = isFull ? this.full(input) : this.update(input, this.parts!);
		this.parts = parts;
		this.dayState = new Map(
			input.days.map((d, i) => [
				d.docName,
				{
					userId: d.userId,
					entries: d.entries,
					stored: input.stored?.get(d.docName),
					facts: parts.days[i],
					items: parts.dayItems[i]
				}
			])
		);
		const rec = assembleReconciliation(parts);
		return { rec, rows: this.resultRows(input, rec, parts, isFull) };
	}

	private full(input: PlanResultsInput): ReconcileParts {
		this.dirty = new Set();
		this.stats.days = input.days.length;
		this.stats.candidates = input.plan.candidates.length;
		return reconcileParts(input);
	}

	private update(input: PlanResultsInput, prev: ReconcileParts): ReconcileParts {
		// The clock moved within the same ended sessions, the stored facts may differ: same context otherwise.
		const ctx = { ...prev.ctx, input };
		const dirty = new Set<string>();
		const seatSessions = new Set<string>();
		const days: DayFacts[] = [];
		const names = new Set(input.days.map((d) => d.docName));
		// A document no longer read: the candidates it had records about are re-derived.
		for (const [name, was] of this.dayState)
			if (!names.has(name)) {
				for (const id of was.facts.byCandidate.keys()) dirty.add(id);
				for (const e of was.facts.seatMoves.values()) seatSessions.add(e.data.sessionId);
			}
		const items = input.days.map((day) => {
			const was = this.dayState.get(day.docName);
			const old = was && was.userId === day.userId ? was : undefined;
			let facts = old?.facts;
			if (!old || day.entries !== old.entries) {
				this.stats.days++;
				const next = dayFactsOf(day.entries);
				// Keep the previous reading of every candidate whose records did not change; the others are re-derived.
				for (const [id, records] of next.byCandidate) {
					const before = facts?.byCandidate.get(id);
					if (sameRecords(records, before)) next.byCandidate.set(id, before!);
					else dirty.add(id);
				}
				for (const id of facts?.byCandidate.keys() ?? []) if (!next.byCandidate.has(id)) dirty.add(id);
				// Seat changes that differ: their sessions' seat clashes are looked at again.
				for (const [key, e] of next.seatMoves) if (facts?.seatMoves.get(key) !== e) seatSessions.add(e.data.sessionId);
				for (const [key, e] of facts?.seatMoves ?? [])
					if (next.seatMoves.get(key) !== e) seatSessions.add(e.data.sessionId);
				facts = next;
			}
			days.push(facts!);
			return old && facts === old.facts && input.stored?.get(day.docName) === old.stored
				? old.items
				: dayItems(day, facts!, ctx);
		});
		const candidates = new Map(prev.candidates);
		const subjects = new Map(prev.subjects);
		for (const id of dirty) {
			if (!candidates.has(id)) continue;
			this.stats.candidates++;
			const own = candidateSubjects(
				input,
				ctx.subjectPlan,
				id,
				days.map((d) => d.byCandidate.get(id)),
				ctx.imports.byCandidate.get(id)
			);
			candidates.set(id, { subjects: own, items: candidateItems(own, ctx.subjectPlan.byId.get(id), ctx) });
			for (const [key, f] of own) if (subjects.has(key)) subjects.set(key, f);
			for (const sessionId of ctx.subjectPlan.seatedIn.get(id) ?? []) seatSessions.add(sessionId);
		}
		this.dirty = dirty;
		// Seat clashes per session: only sessions where a seated candidate or a seat change changed.
		const seatItemsBySession = new Map(prev.seatItems);
		const moves = seatSessions.size ? seatMovesOf(days) : new Map();
		for (const sessionId of seatSessions) {
			const seats = ctx.subjectPlan.seatsBySession.get(sessionId);
			if (!seats) continue;
			this.stats.sessions++;
			seatItemsBySession.set(sessionId, seatItems(sessionId, seats, moves, subjects, ctx));
		}
		return {
			ctx,
			days,
			dayItems: items,
			seatItems: seatItemsBySession,
			candidates,
			subjects,
			incidents: days.flatMap((d) => d.incidents)
		};
	}

	private resultRows(
		input: PlanResultsInput,
		rec: Reconciliation,
		parts: ReconcileParts,
		isFull: boolean
	): CandidateResultRow[] {
		const ctx = resultContextOf(input.plan.candidates, rec, input.review, parts.ctx.fileCame);
		const voided = new Map<string, string>();
		for (const [key, v] of ctx.voided)
			voided.set(v.candidateId, `${voided.get(v.candidateId) ?? ''}${JSON.stringify([key, v])}`);
		const rowOf = (candidate: Candidate) => {
			this.stats.rows++;
			return resultRowOf(candidate, input.plan.examDate, rec, ctx);
		};
		let rows: CandidateResultRow[];
		if (isFull || !this.rowList) {
			rows = input.plan.candidates.map(rowOf);
			this.rowIndex = new Map();
			input.plan.candidates.forEach((c, i) => this.rowIndex.set(c.id, [...(this.rowIndex.get(c.id) ?? []), i]));
		} else {
			// A row reads its candidate's subjects, whether an item about him is open and his voided
			// subjects, besides what is plan-wide: only rows where one of those changed are derived again.
			const changed = new Set(this.dirty);
			for (const id of ctx.openByCandidate) if (!this.open.has(id)) changed.add(id);
			for (const id of this.open) if (!ctx.openByCandidate.has(id)) changed.add(id);
			for (const id of new Set([...voided.keys(), ...this.voided.keys()]))
				if (voided.get(id) !== this.voided.get(id)) changed.add(id);
			rows = this.rowList.slice();
			for (const id of changed) for (const i of this.rowIndex.get(id) ?? []) rows[i] = rowOf(input.plan.candidates[i]);
		}
		this.rowList = rows;
		this.open = ctx.openByCandidate;
		this.voided = voided;
		return rows;
	}
}
