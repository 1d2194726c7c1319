// One room in one session on the proctor's tablet: its live state (seat map, summary, events) and
// every action the proctor takes there. Each action checks first (right room, free seat, two
// witnesses…) and either records an entry or returns a Chinese reason and changes nothing.
import type { DayView, RecordResult } from './day-view.svelte';
import { deriveRoomState, freeDesks, seatInSession, seatLabel, type RoomState } from '../domain/room-state';
import { buildSearchIndex, searchCandidates } from '../domain/candidate-search';
import { nameReadings } from './name-readings.svelte';
import { verifyTicket } from '../domain/admission-ticket';
import type { Candidate, ExamSession, Room } from '../domain/record-schemas';
import type { AttendanceState, IdentityMethod, IncidentData, RoomEventKind, RoomSummary } from '../domain/day-entries';
import { checkRoomEvent } from '../domain/room-events';
import { t } from '../i18n/i18n.svelte';
import { messageText } from '../domain/message-text';
import type { EntryDataInput, EntryOf } from '../domain/entries';

/** The kinds a proctor records for a room's session. */
type RoomEntryKind = 'attendance' | 'identity-check' | 'seat-change' | 'incident' | 'room-event';

const ROOM_EVENT_REFUSALS = {
	'witnesses-required': 'witnessesRequired',
	'witnesses-same': 'witnessesSame',
	'count-invalid': 'countInvalid'
} as const;

export type Refusal = { ok: false; error: string };
export type Found = { ok: true; candidate: Candidate; warning?: string } | Refusal;

export class ProctorRoom {
	readonly session: ExamSession;
	readonly room: Room;
	readonly state: RoomState;
	/** The other invigilators of this session. */
	readonly colleagues: string[];
	private readonly byId: Map<string, Candidate>;
	private readonly index: ReturnType<typeof buildSearchIndex<Candidate>>;

	constructor(
		private readonly day: DayView,
		session: ExamSession,
		room: Room
	) {
		this.session = session;
		this.room = room;
		this.byId = $derived(new Map(day.plan.candidates.map((c) => [c.id, c])));
		// The whole roster is searchable, so a candidate at the wrong door is told where to go.
		this.index = $derived(buildSearchIndex(day.plan.candidates, nameReadings.current));
		// Co-invigilators of this session record on their own tablets; their entries (read-only)
		// join the room view so both tablets see both, and disagreements show on the seat.
		// The page opens their documents (DayView.watchPeers) from an effect.
		this.colleagues = $derived(
			day.plan.staff
				.filter((a) => a.sessionId === session.id && a.duty === 'invigilator' && a.userId !== day.userId)
				.map((a) => a.userId)
		);
		const entries = $derived([...day.peerEntries([day.userId, ...this.colleagues]).values()].flat());
		this.state = $derived(deriveRoomState({ session, room, seats: day.seats, candidates: this.byId, entries }));
	}

	/** Now, on the server's clock, against this session's day and hours. */
	get window() {
		return this.day.windowOf(this.session);
	}

	/** Now on the server's clock (ISO). */
	now(): string {
		return this.day.now();
	}

	/** The ticket signature can be checked on this device (the public key has arrived once). */
	get canVerifyTickets(): boolean {
		return !!this.day.ticketPublicKey;
	}

	nameOf(userId: string): string {
		return this.day.people.get(userId) ?? userId;
	}

	/** Pinyin finds once the readings have loaded (the first search starts that; see name-readings). */
	search(query: string, limit = 12): Candidate[] {
		nameReadings.wanted(query);
		return searchCandidates(this.index, query, limit);
	}

	/** Resolves once `search(query)` finds all it should (Enter typed before the pinyin readings arrived). */
	whenSearchable(query: string): Promise<unknown> {
		return nameReadings.whenReadyFor(query);
	}

	/** A pinyin query whose readings are still loading: finding nothing yet does not mean no match. */
	isSearchPending(query: string): boolean {
		return nameReadings.isPending(query);
	}

	isInRoom(candidateId: string): boolean {
		return this.state.candidates.some((c) => c.candidate.id === candidateId);
	}

	/** The candidate if he belongs in this room now, else why not. */
	find(candidateId: string): Found {
		const candidate = this.byId.get(candidateId);
		if (!candidate) return { ok: false, error: t('day.proctor.unknownCandidate') };
		const seat = seatInSession(candidate, this.session, this.day.seats, this.day.plan.sessions, this.day.plan.rooms);
		return seat.ok ? { ok: true, candidate } : { ok: false, error: messageText(seat.error, t) };
	}

	/** A scanned or pasted ticket: signature checked offline, then the same room rule as search. */
	async findByTicket(text: string): Promise<Found> {
		if (!this.day.ticketPublicKey) return { ok: false, error: t('day.proctor.noKey') };
		const ticket = await verifyTicket(text, this.day.ticketPublicKey);
		if (!ticket.ok) return { ok: false, error: messageText(ticket.error, t) };
		if (ticket.payload.p !== this.day.planId) return { ok: false, error: t('day.proctor.wrongPlan') };
		const found = this.find(ticket.payload.c);
		if (!found.ok) return found;
		if (found.candidate.name !== ticket.payload.n) {
			return {
				...found,
				warning: t('day.proctor.nameMismatch', { ticket: ticket.payload.n, roster: found.candidate.name })
			};
		}
		return found;
	}

	/** Records an entry of this room's session (the room and session are filled in). */
	private record<K extends RoomEntryKind>(
		kind: K,
		data: Omit<EntryDataInput<K>, 'sessionId' | 'roomId'>,
		candidateId?: string
	): Promise<RecordResult<EntryOf<K>>> {
		// The spread of a generic kind's data is not seen as that kind's data; the entry is checked when recorded.
		const inRoom = { sessionId: this.session.id, roomId: this.room.id, ...data } as EntryDataInput<K>;
		return this.day.record(kind, inRoom, { candidateId, scope: this.room.id, session: this.session });
	}

	/** Identity check, then (when it matches) attendance: two entries, each committed on the device. */
	async checkIn(
		candidateId: string,
		check: { via: 'qr' | 'search'; method: IdentityMethod; isMatch: boolean; isLate: boolean }
	): Promise<RecordResult> {
		const found = this.find(candidateId);
		if (!found.ok) return found;
		const now = this.state.candidates.find((c) => c.candidate.id === candidateId);
		if (now && (now.state === 'present' || now.state === 'late') && check.isMatch) {
			return { ok: false, error: t('day.proctor.alreadyIn', { name: found.candidate.name }) };
		}
		const identity = await this.record(
			'identity-check',
			{ via: check.via, method: check.method, isMatch: check.isMatch },
			candidateId
		);
		if (!identity.ok || !check.isMatch) return identity;
		return this.mark(candidateId, check.isLate ? 'late' : 'present');
	}

	async mark(candidateId: string, state: AttendanceState): Promise<RecordResult> {
		const found = this.find(candidateId);
		if (!found.ok) return found;
		return this.record('attendance', { state, time: this.day.now() }, candidateId);
	}

	/** Candidates of this room with no attendance yet (neither present nor absent). */
	get unrecorded(): Candidate[] {
		return this.state.candidates.filter((c) => c.state === 'expected').map((c) => c.candidate);
	}

	/** Before signing the summary: every candidate still unrecorded is marked absent, one entry each. */
	async markRestAbsent(): Promise<{ ok: true; count: number } | Refusal> {
		let count = 0;
		for (const c of this.unrecorded) {
			const result = await this.mark(c.id, 'absent');
			if (!result.ok) return result;
			count++;
		}
		return { ok: true, count };
	}

	/**
	 * The hint for moving a candidate when no desk is empty: only absentees' desks are free (named),
	 * or none at all. Undefined while the room has an empty desk.
	 */
	get fullRoomHint(): string | undefined {
		const free = freeDesks(this.state);
		if (free.empty.length) return undefined;
		if (!free.ofAbsent.length) return t('day.proctor.fullRoomNone');
		const seats = free.ofAbsent.map((d) => `${seatLabel(d.row, d.col)}（${d.names.join('、')}）`).join('、');
		return t('day.proctor.fullRoomAbsent', { seats });
	}

	async moveSeat(candidateId: string, row: number, col: number, reason: string): Promise<RecordResult> {
		const found = this.find(candidateId);
		if (!found.ok) return found;
		if (
			!Number.isInteger(row) ||
			!Number.isInteger(col) ||
			row < 0 ||
			col < 0 ||
			row >= this.room.rows ||
			col >= this.room.cols
		) {
			return { ok: false, error: t('day.proctor.seatOutside', { rows: this.room.rows, cols: this.room.cols }) };
		}
		// An absent candidate's desk is free: in a full room that is where a failed computer's candidate goes.
		const taken = this.state.candidates.find(
			(c) => c.row === row && c.col === col && c.candidate.id !== candidateId && c.state !== 'absent'
		);
		if (taken) {
			const hint = this.fullRoomHint;
			const error = t('day.proctor.seatTaken', { name: taken.candidate.name });
			return { ok: false, error: hint ? `${error} ${hint}` : error };
		}
		if (!reason.trim()) return { ok: false, error: t('day.proctor.reasonRequired') };
		return this.record('seat-change', { to: { row, col }, reason: reason.trim() }, candidateId);
	}

	async incident(
		data: Pick<IncidentData, 'category' | 'violationType' | 'time' | 'description' | 'photo'>,
		candidateId?: string
	): Promise<RecordResult> {
		if (candidateId) {
			const found = this.find(candidateId);
			if (!found.ok) return found;
		}
		return this.record('incident', { ...data, description: data.description.trim() }, candidateId);
	}

	async roomEvent(
		event: RoomEventKind,
		extra: { witnesses?: [string, string]; count?: number; summary?: RoomSummary } = {}
	): Promise<RecordResult> {
		const checked = checkRoomEvent(event, extra);
		if (!checked.ok) return { ok: false, error: t(`day.proctor.room.${ROOM_EVENT_REFUSALS[checked.reason]}`) };
		return this.record('room-event', {
			event,
			time: this.day.now(),
			...(checked.witnesses ? { witnesses: checked.witnesses } : {}),
			...(checked.count !== undefined ? { count: checked.count } : {}),
			...(extra.summary ? { summary: extra.summary } : {})
		});
	}
}
