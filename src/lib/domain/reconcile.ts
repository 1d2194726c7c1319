// Reconciliation after the session: every rule that turns many devices' day entries into things a
// supervisor must decide, each explained in Chinese. Pure over the plan, all day entries, the review
// entries and what the server has stored; nothing here decides anything by itself.
import type { AttendanceData, IncidentData, ScoreSheetData } from './day-entries';
import { currentEntries, compareHlc, groupIdOf, sessionIdOf, type Entry, type EntryOf } from './entries';
import { isAtOrBefore, onExamClock } from './exam-clock';
import { checkSessionWindow } from './session-window';
import type { Message, MessageParam } from './message-text';
import type { Candidate, ExamSession, Group, Rubric, Seat, StaffAssignment } from './record-schemas';
import type { DecisionData } from './review-entries';
import {
	aggregateSubjectScore,
	carriedOf,
	DEFAULT_SCORING_POLICY,
	type ScoringPolicy,
	type SubjectScoreResult
} from './scoring';
import { catalogFor, scoreSourceOf, subjectsFor, type ScoreSource, type SubjectKind } from './catalog';

export interface PlanFacts {
	examDate: string;
	candidates: readonly Candidate[];
	/** Candidates who no longer sit (rejected or withdrawn, plan-flow.ts): names for the audit trail only. */
	left?: readonly Candidate[];
	sessions: readonly ExamSession[];
	staff: readonly StaffAssignment[];
	groups: readonly Group[];
	rubrics: readonly Rubric[];
	/** sessionId → candidate ids seated in it (from the seats map). */
	seatedBySession: ReadonlyMap<string, readonly string[]>;
	/** The planned seats (desk positions), for seat clashes after seat changes. */
	seats?: readonly Seat[];
	/** roomId → the room's name, for explanations a person reads ("101 机房", not "r101"). */
	roomNames?: ReadonlyMap<string, string>;
}

export interface DayDocument {
	docName: string;
	userId: string;
	entries: readonly Entry[];
}

/** What SQLite holds per day document (from the desk storage API); absent when offline. */
export interface StoredFacts {
	storedEntryIds: ReadonlySet<string>;
	receipts: ReadonlyMap<string, string>;
}

export interface ReconcileInput {
	plan: PlanFacts;
	days: readonly DayDocument[];
	review: readonly Entry[];
	stored?: ReadonlyMap<string, StoredFacts>;
	/** ISO moment: sessions that ended before it should have records. */
	now: string;
	/**
	 * Receipts are the server's real receive times; this much (ms) reads them on the exam clock
	 * (KAOWU_TODAY in demos and tests moves the clock, not what SQLite recorded). 0 in real use.
	 */
	receiptClockOffsetMs?: number;
	names?: ReadonlyMap<string, string>;
	policy?: Partial<ScoringPolicy>;
}

export const ITEM_KINDS = [
	'attendance-conflict',
	'score-for-absent',
	'missing-score',
	'panel-short',
	'score-discrepancy',
	'sheet-error',
	'incident-no-candidate',
	'incident-ruling',
	'unstored-entries',
	'silent-device',
	'seat-clash',
	'outside-hours'
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The choices a supervisor has for each kind of item; `score` needs a number, `void` may need a candidate. */
export const ITEM_OPTIONS: Record<ItemKind, readonly string[]> = {
	'attendance-conflict': ['present', 'absent'],
	'score-for-absent': ['keep-score', 'absent'],
	'missing-score': ['absent', 'score'],
	'panel-short': ['accept', 'score'],
	'score-discrepancy': ['accept', 'score'],
	'sheet-error': ['score', 'absent'],
	'incident-no-candidate': ['dismiss', 'void'],
	'incident-ruling': ['void', 'no-effect'],
	'unstored-entries': ['acknowledge'],
	'silent-device': ['acknowledge'],
	'seat-clash': ['acknowledge'],
	'outside-hours': ['acknowledge']
};

export interface ReconcileItem {
	key: string;
	kind: ItemKind;
	/** Why the item is raised, worded by messageText (message-text.ts) in the reader's language. */
	message: Message;
	candidateId?: string;
	subject?: SubjectKind;
	sessionId?: string;
	groupId?: string;
	/** The day entries behind the item (shown beside it; never changed). */
	entryIds: string[];
	options: readonly string[];
	decision?: { entry: Entry; data: DecisionData };
	isResolved: boolean;
	/** Decided, but records the decision did not see have arrived since. */
	isReopened: boolean;
}

export interface SheetFact {
	entry: Entry;
	examinerId: string;
	total: number;
	data: ScoreSheetData;
}

/** One subject of one candidate as the day records left it, before any decision. */
export interface SubjectFacts {
	candidateId: string;
	subject: SubjectKind;
	sessionId?: string;
	groupId?: string;
	/** Unanimous attendance, or null when nobody recorded it or the proctors disagree. */
	attendance: 'present' | 'absent' | null;
	attendanceVotes: { author: string; state: AttendanceData['state']; entry: Entry }[];
	sheets: SheetFact[];
	requiredSheets: number;
	aggregate?: SubjectScoreResult;
	/** How the catalogue says this subject is scored (file import or score sheets). */
	source: ScoreSource;
	/** The row of the latest score file naming this candidate for this subject. */
	imported?: ImportedScore;
}

/** A score (or 缺考) from a file: theory from the exam platform, a written or computer skill exam. */
export interface ImportedScore {
	score?: number;
	isAbsent: boolean;
	fileName: string;
	entry: Entry;
}

export interface Reconciliation {
	items: ReconcileItem[];
	subjects: Map<string, SubjectFacts>;
	/** Latest decision per item key. */
	decisions: Map<string, { entry: Entry; data: DecisionData }>;
	incidents: { entry: Entry; data: IncidentData }[];
}

export const subjectKey = (candidateId: string, subject: SubjectKind) => `${candidateId}:${subject}`;

const isPresentState = (s: AttendanceData['state']) => s !== 'absent';

function nameOf(input: Pick<ReconcileInput, 'names'>, id: string): string {
	return input.names?.get(id) ?? id;
}

/** "张三 72 分" for each sheet, as one list. */
function sheetScores(input: ReconcileInput, sheets: readonly SheetFact[]): MessageParam {
	return {
		list: sheets.map((s) => ({
			msg: { key: 'desk.item.sheetScore', params: { name: nameOf(input, s.examinerId), total: s.total } }
		}))
	};
}

function sessionEnd(session: ExamSession): string {
	return `${session.date}T${session.end}:00+08:00`;
}

/** The entries in force (corrections folded), in HLC order. */
function inForce(entries: readonly Entry[]): Entry[] {
	return [...currentEntries(entries).current.values()].sort((a, b) => compareHlc(a.hlc, b.hlc));
}

export function latestDecisions(review: readonly Entry[]): Map<string, { entry: Entry; data: DecisionData }> {
	const out = new Map<string, { entry: Entry; data: DecisionData }>();
	for (const e of inForce(review)) {
		if (e.kind !== 'decision') continue;
		const data = e.data;
		const held = out.get(data.itemKey);
		if (!held || compareHlc(e.hlc, held.entry.hlc) > 0) out.set(data.itemKey, { entry: e, data });
	}
	return out;
}

/**
 * Imported scores per candidate and subject (`subjectKey`): a later import replaces earlier ones for
 * the candidates it names. Reads score imports and the older theory-only imports alike.
 */
export function importedScores(review: readonly Entry[]): Map<string, ImportedScore> {
	const out = new Map<string, ImportedScore>();
	for (const e of inForce(review)) {
		if (e.kind === 'theory-import') {
			const data = e.data;
			for (const row of data.rows)
				out.set(subjectKey(row.candidateId, 'theory'), {
					score: row.score,
					isAbsent: false,
					fileName: data.fileName,
					entry: e
				});
		} else if (e.kind === 'score-import') {
			const data = e.data;
			for (const row of data.rows)
				out.set(subjectKey(row.candidateId, data.subject), {
					score: row.isAbsent ? undefined : row.score,
					isAbsent: !!row.isAbsent,
					fileName: data.fileName,
					entry: e
				});
		}
	}
	return out;
}

/** How each candidate's subjects are scored, from the catalogue in force on the exam date. */
export function requiredSubjectsOf(
	examDate: string,
	candidate: Pick<Candidate, 'occupationId' | 'level'>
): { subject: SubjectKind; source: ScoreSource }[] {
	const catalog = catalogFor(examDate);
	if (!catalog.ok) return [];
	const found = subjectsFor(catalog.catalog, candidate.occupationId, candidate.level);
	return found.ok ? found.subjects.map((s) => ({ subject: s.kind, source: scoreSourceOf(s) })) : [];
}

/** The moment the plan's last session ends (or the end of the exam date when it has none). */
export function examEnd(plan: Pick<PlanFacts, 'examDate' | 'sessions'>): string {
	const ends = plan.sessions.map(sessionEnd).sort();
	return ends.at(-1) ?? `${plan.examDate}T23:59:00+08:00`;
}

/** "subject|occupation|level" for each file-scored group some import has named: the file has come. */
export function importedGroups(
	candidates: readonly Candidate[],
	imported: ReadonlyMap<string, ImportedScore>
): Set<string> {
	const byId = new Map(candidates.map((c) => [c.id, c]));
	const out = new Set<string>();
	for (const key of imported.keys()) {
		const [candidateId, subject] = key.split(':');
		const c = byId.get(candidateId);
		if (c) out.add(`${subject}|${c.occupationId}|${c.level}`);
	}
	return out;
}

/** One day document as reconciliation reads it: its entries in force (HLC order), reduced to what counts. */
export interface DayFacts {
	entries: readonly Entry[];
	inForce: Entry[];
	/** author|candidate|session → the latest attendance, in the order first met. */
	attendance: Map<string, EntryOf<'attendance'>>;
	/** author|candidate|group → the latest submitted score sheet. */
	sheets: Map<string, EntryOf<'score-sheet'>>;
	incidents: { entry: Entry; data: IncidentData }[];
	/** sessionId|candidateId → the latest seat change. */
	seatMoves: Map<string, EntryOf<'seat-change'>>;
	/** Candidate id → this document's attendance and sheets about them, in the order above. */
	byCandidate: Map<string, CandidateRecords>;
}

/** One document's attendance and score sheets about one candidate (keys as in DayFacts). */
export interface CandidateRecords {
	attendance: [string, EntryOf<'attendance'>][];
	sheets: [string, EntryOf<'score-sheet'>][];
}

/** Reads one day document's entries for reconciliation. */
export function dayFactsOf(entries: readonly Entry[]): DayFacts {
	const current = inForce(entries);
	const attendance = new Map<string, EntryOf<'attendance'>>();
	const sheets = new Map<string, EntryOf<'score-sheet'>>();
	const incidents: { entry: Entry; data: IncidentData }[] = [];
	const seatMoves = new Map<string, EntryOf<'seat-change'>>();
	for (const e of current) {
		if (e.kind === 'attendance' && e.candidateId) {
			attendance.set(`${e.author}|${e.candidateId}|${e.data.sessionId}`, e);
		} else if (e.kind === 'score-sheet' && e.candidateId) {
			if (!e.data.isSubmitted) continue;
			const key = `${e.author}|${e.candidateId}|${e.data.groupId}`;
			const held = sheets.get(key);
			if (!held || compareHlc(e.hlc, held.hlc) > 0) sheets.set(key, e);
		} else if (e.kind === 'incident') {
			incidents.push({ entry: e, data: e.data });
		} else if (e.kind === 'seat-change' && e.candidateId) {
			const key = `${e.data.sessionId}|${e.candidateId}`;
			const held = seatMoves.get(key);
			if (!held || compareHlc(e.hlc, held.hlc) > 0) seatMoves.set(key, e);
		}
	}
	const byCandidate = new Map<string, CandidateRecords>();
	const recordsOf = (id: string) => {
		let r = byCandidate.get(id);
		if (!r) byCandidate.set(id, (r = { attendance: [], sheets: [] }));
		return r;
	};
	for (const [key, e] of attendance) recordsOf(e.candidateId!).attendance.push([key, e]);
	for (const [key, e] of sheets) recordsOf(e.candidateId!).sheets.push([key, e]);
	return { entries, inForce: current, attendance, sheets, incidents, seatMoves, byCandidate };
}

/** Where a subject of a candidate comes from in the plan: a seat in a session, a group, or both. */
export interface SubjectSlot {
	key: string;
	candidateId: string;
	subject: SubjectKind;
	sessionId?: string;
	groupId?: string;
	source: ScoreSource;
	requiredSheets: number;
}

/** The subjects the plan seats or groups, per candidate; depends on the plan alone. */
export interface SubjectPlan {
	/** Every slot in the plan's order (seats by session, then groups). */
	slots: SubjectSlot[];
	/** Candidate id → its slots, and for each session the subject attendance in it counts for. */
	byCandidate: Map<string, { slots: SubjectSlot[]; sessionOf: Map<string, string> }>;
	/** Every candidate id the reconciliation covers: seated or grouped first, then the plan's others. */
	candidateIds: string[];
	byId: Map<string, Candidate>;
	groupById: Map<string, Group>;
	rubricById: Map<string, Rubric>;
	/** The planned seats per session (plan order), and the sessions each candidate is seated in. */
	seatsBySession: Map<string, Seat[]>;
	seatedIn: Map<string, string[]>;
	sourceOf: (candidateId: string, subject: SubjectKind) => ScoreSource;
}

export function subjectPlanOf(plan: PlanFacts): SubjectPlan {
	const sessionById = new Map(plan.sessions.map((s) => [s.id, s]));
	const byId = new Map(plan.candidates.map((c) => [c.id, c]));
	const sourceOf = (candidateId: string, subject: SubjectKind): ScoreSource => {
		const c = byId.get(candidateId);
		const found = c ? requiredSubjectsOf(plan.examDate, c).find((s) => s.subject === subject) : undefined;
		return found?.source ?? (subject === 'theory' ? 'import' : 'sheets');
	};
	const slots = new Map<string, SubjectSlot>();
	const byCandidate: SubjectPlan['byCandidate'] = new Map();
	const ofCandidate = (id: string) => {
		let c = byCandidate.get(id);
		if (!c) byCandidate.set(id, (c = { slots: [], sessionOf: new Map() }));
		return c;
	};
	const ensure = (candidateId: string, subject: SubjectKind, sessionId?: string, groupId?: string): SubjectSlot => {
		const key = subjectKey(candidateId, subject);
		let slot = slots.get(key);
		if (!slot) {
			slot = {
				key,
				candidateId,
				subject,
				sessionId,
				groupId,
				source: sourceOf(candidateId, subject),
				requiredSheets: 0
			};
			slots.set(key, slot);
			ofCandidate(candidateId).slots.push(slot);
			if (sessionId) ofCandidate(candidateId).sessionOf.set(sessionId, key);
		}
		return slot;
	};
	for (const [sessionId, ids] of plan.seatedBySession) {
		const session = sessionById.get(sessionId);
		if (!session) continue;
		for (const id of ids) ensure(id, session.subject, sessionId);
	}
	const examinersOf = new Map<string, number>();
	for (const a of plan.staff)
		if (a.duty === 'examiner' && a.groupId) examinersOf.set(a.groupId, (examinersOf.get(a.groupId) ?? 0) + 1);
	for (const g of plan.groups) {
		for (const id of g.candidateIds) {
			const slot = ensure(id, g.kind, g.sessionId, g.id);
			slot.groupId = g.id;
			// Examiners assigned to mark it: scored on sheets, whatever the mode (a written paper too).
			slot.source = 'sheets';
			slot.sessionId ??= g.sessionId;
			ofCandidate(id).sessionOf.set(g.sessionId, slot.key);
			slot.requiredSheets = Math.max(DEFAULT_SCORING_POLICY.minSheets, examinersOf.get(g.id) ?? 0);
		}
	}
	const candidateIds = [...byCandidate.keys()];
	for (const c of plan.candidates) if (!byCandidate.has(c.id)) candidateIds.push(c.id);
	const seatsBySession = new Map<string, Seat[]>();
	const seatedIn = new Map<string, string[]>();
	for (const seat of plan.seats ?? []) {
		seatsBySession.set(seat.sessionId, [...(seatsBySession.get(seat.sessionId) ?? []), seat]);
		seatedIn.set(seat.candidateId, [...(seatedIn.get(seat.candidateId) ?? []), seat.sessionId]);
	}
	return {
		seatsBySession,
		seatedIn,
		slots: [...slots.values()],
		byCandidate,
		candidateIds: [...new Set(candidateIds)],
		byId,
		groupById: new Map(plan.groups.map((g) => [g.id, g])),
		rubricById: new Map(plan.rubrics.map((r) => [r.id, r])),
		sourceOf
	};
}

/** Imported scores per candidate (only the plan's candidates), each list in import order. */
export function importsByCandidate(
	imported: ReadonlyMap<string, ImportedScore>,
	byId: ReadonlyMap<string, Candidate>
): { byCandidate: Map<string, [string, ImportedScore][]>; order: { candidateId: string; key: string }[] } {
	const byCandidate = new Map<string, [string, ImportedScore][]>();
	const order: { candidateId: string; key: string }[] = [];
	for (const [key, score] of imported) {
		const candidateId = key.split(':')[0];
		if (!byId.has(candidateId)) continue;
		byCandidate.set(candidateId, [...(byCandidate.get(candidateId) ?? []), [key, score]]);
		order.push({ candidateId, key });
	}
	return { byCandidate, order };
}

/**
 * Every subject of one candidate from all day documents: attendance votes, score sheets (with their
 * aggregate) and imported scores. Depends only on the plan, this candidate's records in each day
 * document (`DayFacts.byCandidate`), its imports, the names and the scoring policy.
 */
export function candidateSubjects(
	input: Pick<ReconcileInput, 'plan' | 'names' | 'policy'>,
	subjectPlan: SubjectPlan,
	candidateId: string,
	records: readonly (CandidateRecords | undefined)[],
	imports: readonly [string, ImportedScore][] = []
): Map<string, SubjectFacts> {
	const planned = subjectPlan.byCandidate.get(candidateId);
	const subjects = new Map<string, SubjectFacts>();
	for (const slot of planned?.slots ?? [])
		subjects.set(slot.key, {
			candidateId,
			subject: slot.subject,
			sessionId: slot.sessionId,
			groupId: slot.groupId,
			attendance: null,
			attendanceVotes: [],
			sheets: [],
			requiredSheets: slot.requiredSheets,
			source: slot.source
		});
	// Per author, the latest attendance per session; per examiner, the latest submitted sheet.
	const attendanceByAuthor = new Map<string, EntryOf<'attendance'>>();
	const sheetByExaminer = new Map<string, EntryOf<'score-sheet'>>();
	for (const r of records) {
		if (!r) continue;
		for (const [key, e] of r.attendance) attendanceByAuthor.set(key, e);
		for (const [key, e] of r.sheets) {
			const held = sheetByExaminer.get(key);
			if (!held || compareHlc(e.hlc, held.hlc) > 0) sheetByExaminer.set(key, e);
		}
	}
	for (const e of attendanceByAuthor.values()) {
		const data = e.data;
		const key = planned?.sessionOf.get(data.sessionId);
		const facts = key ? subjects.get(key) : undefined;
		if (!facts) continue;
		facts.attendanceVotes.push({ author: e.author, state: data.state, entry: e });
	}
	for (const facts of subjects.values()) {
		const votes = facts.attendanceVotes;
		if (!votes.length) continue;
		const present = votes.some((v) => isPresentState(v.state));
		const absent = votes.some((v) => !isPresentState(v.state));
		facts.attendance = present && absent ? null : present ? 'present' : 'absent';
	}
	for (const e of sheetByExaminer.values()) {
		const data = e.data;
		const facts = subjects.get(subjectKey(e.candidateId!, data.subject));
		if (!facts) continue;
		facts.sheets.push({ entry: e, examinerId: e.author, total: data.total, data });
	}
	for (const facts of subjects.values()) {
		if (!facts.sheets.length || !facts.groupId) continue;
		const group = subjectPlan.groupById.get(facts.groupId);
		const rubric = group ? subjectPlan.rubricById.get(group.rubricId) : undefined;
		if (!group || !rubric) continue;
		facts.sheets.sort((a, b) => a.examinerId.localeCompare(b.examinerId));
		facts.aggregate = aggregateSubjectScore(
			{ id: rubric.id, subject: group.kind, items: rubric.items },
			facts.sheets.map((s) => ({
				examinerId: s.examinerId,
				examinerName: nameOf(input, s.examinerId),
				items: Object.fromEntries(s.data.items.map((i) => [i.itemId, i.score]))
			})),
			input.policy
		);
	}
	for (const [key, imported] of imports) {
		const subject = key.split(':')[1] as SubjectKind;
		let facts = subjects.get(key);
		if (!facts) {
			facts = {
				candidateId,
				subject,
				sessionId: undefined,
				groupId: undefined,
				attendance: null,
				attendanceVotes: [],
				sheets: [],
				requiredSheets: 0,
				source: subjectPlan.sourceOf(candidateId, subject)
			};
			subjects.set(key, facts);
		}
		facts.imported = imported;
	}
	return subjects;
}

/** The plan-wide subjects map in the plan's order, from every candidate's subjects. */
export function assembleSubjects(
	subjectPlan: SubjectPlan,
	perCandidate: ReadonlyMap<string, ReadonlyMap<string, SubjectFacts>>,
	importOrder: readonly { candidateId: string; key: string }[]
): Map<string, SubjectFacts> {
	const subjects = new Map<string, SubjectFacts>();
	for (const slot of subjectPlan.slots) {
		const f = perCandidate.get(slot.candidateId)?.get(slot.key);
		if (f) subjects.set(slot.key, f);
	}
	for (const { candidateId, key } of importOrder) {
		if (subjects.has(key)) continue;
		const f = perCandidate.get(candidateId)?.get(key);
		if (f) subjects.set(key, f);
	}
	return subjects;
}

/** Gathers every subject of every candidate from all day documents. */
export function gatherSubjects(input: ReconcileInput): Pick<Reconciliation, 'subjects' | 'incidents'> {
	const parts = reconcileParts(input);
	return { subjects: parts.subjects, incidents: parts.incidents };
}

/** "张三（准考证号）" in the reader's language. */
function candidateLabel(byId: ReadonlyMap<string, Candidate>, id: string): MessageParam {
	const c = byId.get(id);
	return c ? { msg: { key: 'desk.item.candidate', params: { name: c.name, number: c.admissionNo ?? c.id } } } : id;
}

type NewItem = Omit<ReconcileItem, 'options' | 'decision' | 'isResolved' | 'isReopened'>;

/** What every item's rules read besides the records: the plan, the review's decisions and imports, the clock. */
export interface ItemContext {
	input: ReconcileInput;
	subjectPlan: SubjectPlan;
	decisions: Map<string, { entry: Entry; data: DecisionData }>;
	byId: ReadonlyMap<string, Candidate>;
	sessionById: ReadonlyMap<string, ExamSession>;
	fileCame: ReadonlySet<string>;
	isExamOver: boolean;
}

/** An item with the decision taken on it; records the decision did not see reopen it. */
function withDecision(decisions: ItemContext['decisions'], item: NewItem): ReconcileItem {
	const decision = decisions.get(item.key);
	// Records that arrived after the decision reopen the item: the supervisor never saw them.
	const isReopened = !!decision && item.entryIds.some((id) => !decision.data.entryIds.includes(id));
	return { ...item, options: ITEM_OPTIONS[item.kind], decision, isResolved: !!decision && !isReopened, isReopened };
}

/** The items about one candidate's subjects (and, once the exam is over, the subjects never planned). */
export function candidateItems(
	facts: ReadonlyMap<string, SubjectFacts>,
	candidate: Candidate | undefined,
	ctx: ItemContext
): ReconcileItem[] {
	const { input, decisions, byId, sessionById, fileCame, isExamOver } = ctx;
	const items: ReconcileItem[] = [];
	const who = (id: string) => candidateLabel(byId, id);
	const add = (item: NewItem) => items.push(withDecision(decisions, item));
	for (const f of facts.values()) {
		const subject = { subject: f.subject };
		const candidate = who(f.candidateId);
		const base = { candidateId: f.candidateId, subject: f.subject, sessionId: f.sessionId, groupId: f.groupId };
		const votes = f.attendanceVotes;
		const isConflict = votes.length > 1 && f.attendance === null;
		if (isConflict) {
			add({
				...base,
				key: `attendance:${f.sessionId}:${f.candidateId}`,
				kind: 'attendance-conflict',
				entryIds: votes.map((v) => v.entry.id),
				message: {
					key: 'desk.item.attendanceConflict',
					params: {
						candidate,
						subject,
						votes: {
							list: votes.map((v) => ({
								msg: {
									key: 'desk.item.vote',
									params: { name: nameOf(input, v.author), state: { state: v.state } }
								}
							}))
						}
					}
				}
			});
		}
		const attendanceDecision = decisions.get(`attendance:${f.sessionId}:${f.candidateId}`)?.data.action;
		const attendance =
			f.attendance ?? (attendanceDecision === 'present' || attendanceDecision === 'absent' ? attendanceDecision : null);
		const hasImportedScore = f.imported?.score !== undefined;
		const hasScore = f.sheets.length > 0 || hasImportedScore;
		if (attendance === 'absent' && hasScore) {
			add({
				...base,
				key: `absent-score:${f.subject}:${f.candidateId}`,
				kind: 'score-for-absent',
				entryIds: [
					...votes.map((v) => v.entry.id),
					...f.sheets.map((s) => s.entry.id),
					...(hasImportedScore ? [f.imported!.entry.id] : [])
				],
				message: hasImportedScore
					? {
							key: 'desk.item.scoreForAbsentFile',
							params: { candidate, subject, file: f.imported!.fileName, score: f.imported!.score! }
						}
					: {
							key: 'desk.item.scoreForAbsentSheets',
							params: { candidate, subject, count: f.sheets.length, sheets: sheetScores(input, f.sheets) }
						}
			});
		}
		// File-scored subjects are judged once the file for the candidate's occupation and level has
		// come (before, the result waits for it); sheet-scored ones once the session has ended.
		const person = byId.get(f.candidateId);
		const isFile = f.source === 'import';
		const fileHasCome = !!person && fileCame.has(`${f.subject}|${person.occupationId}|${person.level}`);
		const session = f.sessionId ? sessionById.get(f.sessionId) : undefined;
		const hasEnded = session ? isAtOrBefore(sessionEnd(session), input.now) : isExamOver;
		const missingKey = `missing:${f.subject}:${f.candidateId}`;
		if (!hasScore && attendance !== 'absent' && (isFile ? fileHasCome : hasEnded)) {
			const fileSaysAbsent = isFile && f.imported?.isAbsent;
			if (attendance === 'present')
				add({
					...base,
					key: missingKey,
					kind: 'missing-score',
					entryIds: [...votes.map((v) => v.entry.id), ...(f.imported ? [f.imported.entry.id] : [])],
					message: fileSaysAbsent
						? { key: 'desk.item.presentFileAbsent', params: { candidate, subject, file: f.imported!.fileName } }
						: {
								key: isFile ? 'desk.item.presentNoFileScore' : 'desk.item.presentNoSheets',
								params: { candidate, subject }
							}
				});
			else if (!votes.length && !fileSaysAbsent)
				add({
					...base,
					key: missingKey,
					kind: 'missing-score',
					entryIds: [],
					message: {
						key:
							!isFile && !f.groupId && !f.sessionId
								? 'desk.item.noGroupNoScore'
								: !isFile && !f.groupId
									? 'desk.item.noGroupNoSheets'
									: isFile
										? 'desk.item.nothingFile'
										: 'desk.item.nothingSheets',
						params: { candidate, subject }
					}
				});
		}
		if (f.aggregate && !f.aggregate.ok && attendance !== 'absent') {
			add({
				...base,
				key: `sheet-error:${f.subject}:${f.candidateId}`,
				kind: 'sheet-error',
				entryIds: f.sheets.map((s) => s.entry.id),
				message: { key: 'desk.item.sheetError', params: { candidate, subject, error: { msg: f.aggregate.error } } }
			});
		}
		if (f.sheets.length > 0 && f.sheets.length < f.requiredSheets && attendance !== 'absent') {
			add({
				...base,
				key: `short:${f.groupId}:${f.candidateId}`,
				kind: 'panel-short',
				entryIds: f.sheets.map((s) => s.entry.id),
				message: {
					key: 'desk.item.panelShort',
					params: {
						candidate,
						subject,
						count: f.sheets.length,
						required: f.requiredSheets,
						names: { list: f.sheets.map((s) => nameOf(input, s.examinerId)) }
					}
				}
			});
		}
		if (f.aggregate && f.aggregate.ok && f.aggregate.hasDiscrepancy) {
			add({
				...base,
				key: `spread:${f.subject}:${f.candidateId}`,
				kind: 'score-discrepancy',
				entryIds: f.sheets.map((s) => s.entry.id),
				message: {
					key: 'desk.item.spread',
					params: {
						candidate,
						subject,
						sheets: sheetScores(input, f.sheets),
						spread: f.aggregate.spread,
						threshold: input.policy?.discrepancyThreshold ?? DEFAULT_SCORING_POLICY.discrepancyThreshold
					}
				}
			});
		}
	}

	// Every candidate and required subject the plan never seated nor grouped: once the exam is over,
	// a sheet-scored subject with nothing is a missing score (file-scored ones wait for their file).
	if (isExamOver && candidate)
		for (const c of [candidate])
			for (const { subject, source } of requiredSubjectsOf(input.plan.examDate, c)) {
				if (facts.has(subjectKey(c.id, subject))) continue;
				if (carriedOf(c).some((k) => k.subject === subject)) continue;
				if (source === 'import' && !fileCame.has(`${subject}|${c.occupationId}|${c.level}`)) continue;
				add({
					key: `missing:${subject}:${c.id}`,
					kind: 'missing-score',
					candidateId: c.id,
					subject,
					entryIds: [],
					message:
						source === 'import'
							? { key: 'desk.item.unseatedFile', params: { candidate: who(c.id), subject: { subject } } }
							: {
									key: 'desk.item.ungrouped',
									params: { candidate: who(c.id), level: { level: c.level }, subject: { subject } }
								}
				});
			}
	return items;
}

/** The items of one day document: entries outside their session's hours, entries the server has not stored. */
export function dayItems(day: DayDocument, facts: DayFacts, ctx: ItemContext): ReconcileItem[] {
	const { input, decisions } = ctx;
	const items: ReconcileItem[] = [];
	const add = (item: NewItem) => items.push(withDecision(decisions, item));
	// Entries outside their session's day and hours, judged by when the server received them (a
	// device's clock is the device's word). Received before the session's window: made before it,
	// whatever the device says. Received after it: flagged only when the device's own time is outside
	// too, since a tablet that was offline uploads its day late.
	for (const item of outsideHoursOf(input, ctx.sessionById, day, facts)) add(item);
	// Entries the server has not stored.
	const stored = input.stored?.get(day.docName);
	if (!stored) return items;
	const unstored = day.entries.filter((e) => !stored.storedEntryIds.has(e.id));
	if (!unstored.length) return items;
	const since = unstored.map((e) => e.at).sort()[0];
	const devices: MessageParam = { list: [...new Set(unstored.map((e) => e.deviceId))] };
	add({
		key: `unstored:${day.docName}`,
		kind: 'unstored-entries',
		entryIds: unstored.map((e) => e.id),
		message: {
			key: 'desk.item.unstored',
			params: { name: nameOf(input, day.userId), devices, count: unstored.length, since: { time: since } }
		}
	});
	return items;
}

/** Items across candidates and documents: incidents, silent devices. */
export function sharedItems(incidents: Reconciliation['incidents'], ctx: ItemContext): ReconcileItem[] {
	const { input, decisions, sessionById } = ctx;
	const items: ReconcileItem[] = [];
	const who = (id: string) => candidateLabel(ctx.byId, id);
	const add = (item: NewItem) => items.push(withDecision(decisions, item));
	for (const { entry, data } of incidents) {
		const session = sessionById.get(data.sessionId);
		const room = input.plan.roomNames?.get(data.roomId) ?? data.roomId;
		const where: MessageParam = session
			? { msg: { key: 'desk.item.where', params: { subject: { subject: session.subject }, room } } }
			: room;
		if (data.category !== 'violation') continue;
		if (!entry.candidateId) {
			add({
				key: `incident:${entry.id}`,
				kind: 'incident-no-candidate',
				sessionId: data.sessionId,
				entryIds: [entry.id],
				message: {
					key: 'desk.item.incidentNoCandidate',
					params: { name: nameOf(input, entry.author), where, time: { time: data.time }, description: data.description }
				}
			});
		} else {
			const subject = session?.subject;
			add({
				key: `incident:${entry.id}`,
				kind: 'incident-ruling',
				candidateId: entry.candidateId,
				subject,
				sessionId: data.sessionId,
				entryIds: [entry.id],
				message: {
					key: 'desk.item.incidentRuling',
					params: {
						name: nameOf(input, entry.author),
						candidate: who(entry.candidateId),
						where,
						time: { time: data.time },
						description: data.description
					}
				}
			});
		}
	}

	// Devices: assigned staff with nothing stored after their duty ended.
	const daysByUser = new Map(input.days.map((d) => [d.userId, d]));
	if (input.stored) {
		const dutiesByUser = new Map<string, StaffAssignment[]>();
		for (const a of input.plan.staff) {
			if (a.duty !== 'invigilator' && a.duty !== 'examiner') continue;
			dutiesByUser.set(a.userId, [...(dutiesByUser.get(a.userId) ?? []), a]);
		}
		const groupById = new Map(input.plan.groups.map((g) => [g.id, g]));
		for (const [userId, duties] of dutiesByUser) {
			const ended = duties
				.map((a) => sessionById.get(a.sessionId ?? groupById.get(a.groupId ?? '')?.sessionId ?? ''))
				.filter((s): s is ExamSession => !!s && isAtOrBefore(sessionEnd(s), input.now));
			if (!ended.length) continue;
			// Judged on what the server holds, so a document still loading on this device is not "silent".
			const day = daysByUser.get(userId);
			const storedName = [...input.stored.keys()].find((k) => k.endsWith(`:${userId}`));
			if ((day && day.entries.length) || (storedName && input.stored.get(storedName)!.storedEntryIds.size)) continue;
			const lastEnd = ended.map(sessionEnd).sort()[0];
			add({
				key: `silent:${userId}`,
				kind: 'silent-device',
				entryIds: [],
				message: { key: 'desk.item.silent', params: { name: nameOf(input, userId), end: { time: lastEnd } } }
			});
		}
	}
	return items;
}

/** Which sessions have ended by `now`, and whether the exam has: all that the rules read of the clock. */
export function clockKey(plan: Pick<PlanFacts, 'examDate' | 'sessions'>, now: string): string {
	return [
		isAtOrBefore(examEnd(plan), now) ? 'over' : 'on',
		...plan.sessions.filter((s) => isAtOrBefore(sessionEnd(s), now)).map((s) => s.id)
	].join('|');
}

/** The context every item reads, from the plan, the review entries and the clock. */
export function itemContextOf(
	input: ReconcileInput,
	subjectPlan: SubjectPlan
): ItemContext & {
	imports: ReturnType<typeof importsByCandidate>;
} {
	const imported = importedScores(input.review);
	const imports = importsByCandidate(imported, subjectPlan.byId);
	return {
		input,
		subjectPlan,
		decisions: latestDecisions(input.review),
		byId: subjectPlan.byId,
		sessionById: new Map(input.plan.sessions.map((s) => [s.id, s])),
		// The groups whose file has come: every import naming one of the plan's candidates.
		fileCame: importedGroups(input.plan.candidates, new Map(imports.order.map(({ key }) => [key, imported.get(key)!]))),
		isExamOver: isAtOrBefore(examEnd(input.plan), input.now),
		imports
	};
}

/** The pieces a reconciliation is assembled from: per day document and per candidate. */
export interface ReconcileParts {
	ctx: ReturnType<typeof itemContextOf>;
	days: DayFacts[];
	/** Per day document (aligned with `days`), its items. */
	dayItems: ReconcileItem[][];
	/** Per session with planned seats, its seat-clash items. */
	seatItems: Map<string, ReconcileItem[]>;
	/** Per candidate (in `subjectPlan.candidateIds` order), its subjects and items. */
	candidates: Map<string, { subjects: Map<string, SubjectFacts>; items: ReconcileItem[] }>;
	subjects: Map<string, SubjectFacts>;
	incidents: Reconciliation['incidents'];
}

/** Every piece computed afresh. */
export function reconcileParts(input: ReconcileInput): ReconcileParts {
	const subjectPlan = subjectPlanOf(input.plan);
	const ctx = itemContextOf(input, subjectPlan);
	const days = input.days.map((d) => dayFactsOf(d.entries));
	const candidates: ReconcileParts['candidates'] = new Map();
	for (const id of subjectPlan.candidateIds) {
		const subjects = candidateSubjects(
			input,
			subjectPlan,
			id,
			days.map((d) => d.byCandidate.get(id)),
			ctx.imports.byCandidate.get(id)
		);
		candidates.set(id, { subjects, items: candidateItems(subjects, subjectPlan.byId.get(id), ctx) });
	}
	const subjects = assembleSubjects(
		subjectPlan,
		new Map([...candidates].map(([id, c]) => [id, c.subjects])),
		ctx.imports.order
	);
	const moves = seatMovesOf(days);
	return {
		ctx,
		days,
		dayItems: input.days.map((d, i) => dayItems(d, days[i], ctx)),
		seatItems: new Map(
			[...subjectPlan.seatsBySession].map(([sessionId, seats]) => [
				sessionId,
				seatItems(sessionId, seats, moves, subjects, ctx)
			])
		),
		candidates,
		subjects,
		incidents: days.flatMap((d) => d.incidents)
	};
}

/** The reconciliation from its pieces (the desk keeps the pieces that did not change: desk-derivation.ts). */
export function assembleReconciliation(parts: ReconcileParts): Reconciliation {
	const items: ReconcileItem[] = [];
	for (const c of parts.candidates.values()) for (const item of c.items) items.push(item);
	items.push(...sharedItems(parts.incidents, parts.ctx));
	for (const list of parts.seatItems.values()) for (const item of list) items.push(item);
	for (const list of parts.dayItems) for (const item of list) items.push(item);
	items.sort(
		(a, b) => Number(a.isResolved) - Number(b.isResolved) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key)
	);
	return { items, subjects: parts.subjects, decisions: parts.ctx.decisions, incidents: parts.incidents };
}

/** Every item needing a decision, each explained, with the decision taken on it if there is one. */
export function reconcile(input: ReconcileInput): Reconciliation {
	return assembleReconciliation(reconcileParts(input));
}

// The window check of a moment against a session, kept per session (the same object while the plan
// is the same) and moment: a day document read again checks only its new entries.
const windowChecks = new WeakMap<ExamSession, Map<string, ReturnType<typeof checkSessionWindow>>>();
function windowCheck(session: ExamSession, at: string): ReturnType<typeof checkSessionWindow> {
	let checks = windowChecks.get(session);
	if (!checks) windowChecks.set(session, (checks = new Map()));
	let check = checks.get(at);
	if (!check) checks.set(at, (check = checkSessionWindow(session, at)));
	return check;
}

/** One item per device document and session whose entries were made outside the session's window. */
function outsideHoursOf(
	input: ReconcileInput,
	sessionById: ReadonlyMap<string, ExamSession>,
	day: DayDocument,
	facts: DayFacts
): NewItem[] {
	const groupSession = new Map(input.plan.groups.map((g) => [g.id, g.sessionId]));
	const sessionOf = (e: Entry): ExamSession | undefined => {
		const groupId = groupIdOf(e);
		const id = sessionIdOf(e) ?? (groupId ? groupSession.get(groupId) : undefined);
		return id ? sessionById.get(id) : undefined;
	};
	const out: NewItem[] = [];
	{
		const receipts = input.stored?.get(day.docName)?.receipts;
		const flagged = new Map<string, { session: ExamSession; entries: Entry[]; first: string; byReceipt: boolean }>();
		for (const e of facts.inForce) {
			const session = sessionOf(e);
			if (!session) continue;
			const stored = receipts?.get(e.id);
			const receipt = stored && onExamClock(stored, input.receiptClockOffsetMs);
			const byDevice = windowCheck(session, e.at);
			let moment: string;
			let byReceipt: boolean;
			if (receipt) {
				const byServer = windowCheck(session, receipt);
				if (byServer.isInside) continue;
				const isBefore = Date.parse(receipt) < Date.parse(`${session.date}T${session.start}:00+08:00`);
				if (!isBefore && byDevice.isInside) continue;
				moment = isBefore ? receipt : e.at;
				byReceipt = isBefore;
			} else {
				if (byDevice.isInside) continue;
				moment = e.at;
				byReceipt = false;
			}
			const group = flagged.get(session.id) ?? { session, entries: [], first: moment, byReceipt };
			group.entries.push(e);
			if (Date.parse(moment) < Date.parse(group.first)) {
				group.first = moment;
				group.byReceipt = byReceipt;
			}
			flagged.set(session.id, group);
		}
		for (const { session, entries, first, byReceipt } of flagged.values()) {
			const params = {
				name: nameOf(input, day.userId),
				room: input.plan.roomNames?.get(session.roomId) ?? session.roomId,
				date: session.date,
				start: session.start,
				end: session.end,
				count: entries.length,
				first: { time: first }
			};
			out.push({
				key: `outside:${session.id}:${day.userId}`,
				kind: 'outside-hours',
				sessionId: session.id,
				entryIds: entries.map((e) => e.id),
				message: { key: byReceipt ? 'desk.outsideHours.receipt' : 'desk.outsideHours.device', params }
			});
		}
	}
	return out;
}

/** sessionId|candidateId → the latest seat change, across every day document. */
export function seatMovesOf(days: readonly DayFacts[]): Map<string, EntryOf<'seat-change'>> {
	const moves = new Map<string, EntryOf<'seat-change'>>();
	for (const day of days)
		for (const [key, e] of day.seatMoves) {
			const held = moves.get(key);
			if (!held || compareHlc(e.hlc, held.hlc) > 0) moves.set(key, e);
		}
	return moves;
}

/**
 * The seat clashes of one session: desks holding two or more candidates not absent once every
 * device's seat changes are applied. Reads only the session's seats, their moves and the seated
 * candidates' attendance.
 */
export function seatItems(
	sessionId: string,
	seats: readonly Seat[],
	moves: ReadonlyMap<string, EntryOf<'seat-change'>>,
	subjects: ReadonlyMap<string, SubjectFacts>,
	ctx: ItemContext
): ReconcileItem[] {
	const { input, decisions, sessionById } = ctx;
	const items: ReconcileItem[] = [];
	const who = (id: string) => candidateLabel(ctx.byId, id);
	const add = (item: NewItem) => items.push(withDecision(decisions, item));
	const subject = sessionById.get(sessionId)?.subject;
	const desks = new Map<
		string,
		{ sessionId: string; row: number; col: number; candidateIds: string[]; entryIds: string[] }
	>();
	for (const seat of seats) {
		const move = moves.get(`${seat.sessionId}|${seat.candidateId}`);
		const to = move ? move.data.to : seat;
		const facts = subject ? subjects.get(subjectKey(seat.candidateId, subject)) : undefined;
		if (facts?.attendance === 'absent') continue;
		const key = `${seat.sessionId}|${to.row}|${to.col}`;
		const desk = desks.get(key) ?? {
			sessionId: seat.sessionId,
			row: to.row,
			col: to.col,
			candidateIds: [],
			entryIds: []
		};
		desk.candidateIds.push(seat.candidateId);
		if (move) desk.entryIds.push(move.id);
		for (const v of facts?.attendanceVotes ?? []) desk.entryIds.push(v.entry.id);
		desks.set(key, desk);
	}
	const clashes = [...desks.values()].filter((d) => d.candidateIds.length > 1);
	// Seats: after every device's seat changes, two candidates not absent on one desk.
	for (const clash of clashes) {
		const session = sessionById.get(clash.sessionId);
		const room = session ? (input.plan.roomNames?.get(session.roomId) ?? session.roomId) : '';
		add({
			key: `seat:${clash.sessionId}:${clash.row + 1}-${clash.col + 1}`,
			kind: 'seat-clash',
			sessionId: clash.sessionId,
			entryIds: clash.entryIds,
			message: {
				key: 'desk.item.seatClash',
				params: { room, seat: `${clash.row + 1}-${clash.col + 1}`, candidates: { list: clash.candidateIds.map(who) } }
			}
		});
	}
	return items;
}

/** Checks a decision before it is written: an allowed option, a reason, a score in range. */
export function checkDecision(
	item: ReconcileItem,
	action: string,
	value: string | number | undefined,
	reason: string
): { ok: true } | { ok: false; error: Message } {
	const refused = (key: string) => ({ ok: false as const, error: { key: `checks.decision.${key}`, params: {} } });
	if (!item.options.includes(action)) return refused('notAnOption');
	if (!reason.trim()) return refused('needReason');
	if (action === 'score') {
		const n = typeof value === 'number' ? value : Number(value);
		if (value === undefined || value === '' || !Number.isFinite(n) || n < 0 || n > 100) return refused('scoreRange');
	}
	if (action === 'void' && item.kind === 'incident-no-candidate' && !value) return refused('chooseCandidate');
	return { ok: true };
}
