// The day as one proctor or examiner works it: his slice of the plan (roster, seats, rubrics; the
// server writes it, see domain/roster-slice.ts), his own day
// document's entries, the ticket public key, and what of each room or group the server still lacks.
// `record` is the one way a tap becomes an entry: validated, stamped, committed on this device.
import { SvelteMap } from 'svelte/reactivity';
import type { SyncedDoc, DocStatus } from '../sync/synced-doc';
import { readContent, recordEntry } from '../sync/entry-writes';
import type { NewerValue } from '../sync/doc-content';
import { configDoc, dayDoc, planReadDoc, planRegistryDoc } from '../sync/doc-names';
import { deviceId } from '../storage/db';
import type { Entry, EntryDataInput, EntryKind, EntryOf } from '../domain/entries';
import type { Person, Rubric, Seat } from '../domain/record-schemas';
import { ticketKeySchema } from '../domain/record-schemas';
import { PlanView } from './plan-view.svelte';
import { session } from './session.svelte';
import { serverClock } from './server-clock.svelte';
import { checkSessionWindow, outsideHoursToConfirm, type SessionWindowCheck } from '../domain/session-window';
import { t } from '../i18n/i18n.svelte';
import type { ExamSession } from '../domain/record-schemas';

export type RecordResult<E extends Entry = Entry> = { ok: true; entry: E } | { ok: false; error: string };

export interface RecordOptions {
	candidateId?: string;
	/** Room or group id, so the screen can count what of this room is not yet on the server. */
	scope: string;
	corrects?: string;
	reason?: string;
	/** The session the entry belongs to: outside its hours the person must have confirmed first. */
	session?: ExamSession;
}

/** One other person's day document, read-only (a panel chair reads his members' sheets). */
class PeerDoc {
	entries = $state.raw<Entry[]>([]);
	private off: () => void;
	constructor(readonly synced: SyncedDoc) {
		// Read once loaded, then on each change (not also for the load's own update).
		let hasLoaded = false;
		const refresh = () => {
			if (hasLoaded) this.entries = readContent(synced).entries;
		};
		synced.doc.on('update', refresh);
		this.off = () => synced.doc.off('update', refresh);
		void synced.whenLoaded.finally(() => {
			hasLoaded = true;
			refresh();
		});
	}
	destroy(): void {
		this.off();
	}
}

export class DayView {
	readonly plan: PlanView;
	readonly mine: SyncedDoc;
	entries = $state.raw<Entry[]>([]);
	private newerMine = $state.raw<NewerValue[]>([]);
	/** Values a newer app wrote in the plan or in this person's day record: kept, read by nothing here. */
	get newer(): NewerValue[] {
		return [...this.plan.newer, ...this.newerMine];
	}
	get seats(): Seat[] {
		return this.plan.seats;
	}
	get rubrics(): Rubric[] {
		return this.plan.rubrics;
	}
	ticketPublicKey = $state<string | null>(null);
	/** Names of people (examiners, proctors) from the config directory. */
	people = $state.raw<Map<string, string>>(new Map());
	isLoaded = $state(false);
	/** Sessions whose outside-hours recording this person confirmed on this device (kept in localStorage). */
	private confirmedOutside = $state.raw<Set<string>>(new Set());
	private unsent = $state.raw<Set<string>>(new Set());
	private peers = new SvelteMap<string, PeerDoc>();
	private offs: (() => void)[] = [];

	constructor(
		readonly planId: string,
		readonly userId: string
	) {
		this.confirmedOutside = new Set(readConfirmed(this.confirmKey));
		const workspace = session.workspace!;
		const role = session.user?.role ?? '';
		const planSynced = workspace.open(planReadDoc(role, planId, userId));
		const registryName = planRegistryDoc(role, planId);
		this.plan = new PlanView(planSynced, registryName ? workspace.open(registryName) : null);
		this.mine = workspace.open(dayDoc(planId, userId));
		const config = workspace.open(configDoc());

		const readMine = () => {
			const content = readContent(this.mine);
			this.entries = content.entries;
			this.newerMine = content.newer;
			this.unsent = this.mine.unsentKeys();
		};
		const readConfig = () => {
			const key = ticketKeySchema.safeParse(config.doc.getMap('keys').get('ticket'));
			this.ticketPublicKey = key.success ? key.data.publicKey : null;
			const { maps } = readContent(config);
			this.people = new Map([...(maps.directory?.values() ?? [])].map((p) => [(p as Person).id, (p as Person).name]));
		};
		// Read once everything is loaded, then on each change (not as each document loads).
		let hasAllLoaded = false;
		const onMine = () => hasAllLoaded && readMine();
		const onConfig = () => hasAllLoaded && readConfig();
		this.mine.doc.on('update', onMine);
		config.doc.on('update', onConfig);
		this.offs.push(
			() => this.mine.doc.off('update', onMine),
			() => config.doc.off('update', onConfig),
			this.mine.onStatus(() => (this.unsent = this.mine.unsentKeys()))
		);
		void Promise.all([planSynced.whenLoaded, this.mine.whenLoaded, config.whenLoaded]).then(() => {
			hasAllLoaded = true;
			readMine();
			readConfig();
			this.isLoaded = true;
		});
	}

	/** Now on the one exam clock (the server's, kept running offline), as an ISO instant. */
	now(): string {
		return new Date(serverClock.current.now).toISOString();
	}

	/** Whether now (on the server's clock) is inside the session's day and hours (session-window.ts). */
	windowOf(session: ExamSession): SessionWindowCheck {
		return checkSessionWindow(session, serverClock.current.now);
	}

	private get confirmKey(): string {
		return `kaowu:outside-hours-confirmed:${this.planId}:${this.userId}`;
	}

	/** Whether the person confirmed recording outside this session's hours on this device. */
	isOutsideConfirmed(sessionId: string): boolean {
		return this.confirmedOutside.has(sessionId);
	}

	/** The person confirms he records outside the session's day and hours (asked once per session). */
	confirmOutside(sessionId: string): void {
		this.confirmedOutside = new Set([...this.confirmedOutside, sessionId]);
		try {
			localStorage.setItem(this.confirmKey, JSON.stringify([...this.confirmedOutside]));
		} catch {
			// Private mode or full storage: the confirmation holds for this page only.
		}
	}

	/**
	 * Saves one entry on this device; resolves after the IndexedDB commit. An entry of a session
	 * outside its hours is refused until the person has confirmed (session-window.ts).
	 */
	async record<K extends EntryKind>(
		kind: K,
		data: EntryDataInput<K>,
		options: RecordOptions
	): Promise<RecordResult<EntryOf<K>>> {
		const { session: of, ...rest } = options;
		if (of && outsideHoursToConfirm(of, serverClock.current.now, this.isOutsideConfirmed(of.id)))
			return { ok: false, error: t('day.outsideHours.confirmFirst') };
		try {
			const entry = await recordEntry(
				this.mine,
				{ kind, data, author: this.userId, planId: this.planId, ...rest, at: this.now() },
				await deviceId()
			);
			return { ok: true, entry };
		} catch (error) {
			return { ok: false, error: error instanceof Error ? error.message : String(error) };
		}
	}

	/** The status of this person's day document, narrowed to one room or group. */
	scopeStatus(scope: string, statuses: DocStatus[]): DocStatus[] {
		const own = statuses.find((s) => s.name === this.mine.name);
		if (!own) return [];
		const ids = new Set(this.entries.filter((e) => e.scope === scope).map((e) => e.id));
		let unsent = 0;
		for (const key of this.unsent) if (ids.has(key)) unsent++;
		return [{ ...own, unsent }];
	}

	/** Opens other people's day documents of this plan (read access only); call from an effect. */
	watchPeers(userIds: readonly string[]): void {
		for (const id of userIds) {
			if (id === this.userId || this.peers.has(id)) continue;
			const name = dayDoc(this.planId, id);
			const workspace = session.workspace!;
			// Held while this view lasts; released (and closed once no screen holds it) by destroy().
			this.peers.set(id, new PeerDoc(workspace.hold(name)));
			this.offs.push(() => workspace.release(name));
		}
	}

	/** Entries per person: this person's own and those of the peers being watched. */
	peerEntries(userIds: readonly string[]): Map<string, Entry[]> {
		const out = new Map<string, Entry[]>();
		for (const id of userIds) {
			if (id === this.userId) out.set(id, this.entries);
			else out.set(id, this.peers.get(id)?.entries ?? []);
		}
		return out;
	}

	destroy(): void {
		for (const off of this.offs) off();
		for (const p of this.peers.values()) p.destroy();
		this.plan.destroy();
	}
}

function readConfirmed(key: string): string[] {
	try {
		const raw: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
		return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}
