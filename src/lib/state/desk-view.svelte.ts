// The reconciliation desk's live state for one plan: the plan, every assigned device's day document,
// every writer's review document and what the server has stored; re-derives the items and results
// whenever any of them changes, and records this user's entries in their own review document.
// Authors come from the documents, roles from the server's directory; review entries that break the
// domain's rules (entry-rules.ts) are kept apart as `refused`, never honoured.
import { callServer } from '../api/client';
import { describeError, handleError } from './notices.svelte';
import { t } from '../i18n/i18n.svelte';
import type { Workspace } from '../sync/workspace';
import type { SyncedDoc } from '../sync/synced-doc';
import { readContent as readSyncedContent, recordEntry } from '../sync/entry-writes';
import { configDoc, dayDoc, parseDocName, planDoc, registryDoc, reviewDoc, reviewDocPrefix } from '../sync/doc-names';
import type { DocContent, NewerValue } from '../sync/doc-content';
import { deviceId } from '../storage/db';
import type { Entry, EntryDataInput, EntryKind, EntryOf } from '../domain/entries';
import type { ExamSession, LateChange, PlanInfo, Person, Room } from '../domain/record-schemas';
import type { SubjectKind } from '../domain/catalog';
import { planFactsFrom } from '../domain/plan-facts';
import { planMapsOf } from '../domain/plan-maps';
import type { DayDocument, PlanFacts, Reconciliation, StoredFacts } from '../domain/reconcile';
import type { CandidateResultRow } from '../domain/subject-results';
import { DeskDerivation } from './desk-derivation';
import { onExamClock } from '../domain/exam-clock';
import { serverClock } from './server-clock.svelte';
import type { StampFlag } from '../domain/entry-times';
import {
	judgeDayEntries,
	judgeReviewEntries,
	REVIEW_WRITER_ROLES,
	rolesFromDirectory,
	type RefusedEntry
} from '../domain/entry-rules';

export interface StorageReport {
	today: string;
	now: string;
	docs: { doc: string; storedEntryIds: string[]; receipts: Record<string, string> }[];
	receiptClockOffsetMs?: number;
	reviewDocs: { doc: string; writerId: string; receipts: Record<string, string> }[];
}

/** A value a newer app wrote, with whose document it is in. */
export interface NewerOnDesk extends NewerValue {
	doc: string;
	/** Which document: the plan, its registry, the configuration, or a person's day or review record. */
	docKind: 'config' | 'plan' | 'registry' | 'day' | 'review' | 'review-legacy' | 'roster' | 'unknown';
	/** The person a day or review document belongs to. */
	ownerId?: string;
}

export class DeskView {
	isLoaded = $state(false);
	info = $state.raw<PlanInfo | null>(null);
	plan = $state.raw<PlanFacts | null>(null);
	days = $state.raw<DayDocument[]>([]);
	/** Review entries in force (every writer's, author from the document). */
	review = $state.raw<Entry[]>([]);
	/** Review entries that break the rules: kept as evidence, shown with the reason, never honoured. */
	refused = $state.raw<RefusedEntry[]>([]);
	/** Entries stamped later than the server's receipt allows, ordered by receipt time instead. */
	stampFlags = $state.raw<StampFlag[]>([]);
	/** Arrangement changes the server received after the 考务安排 deadline (the plan's registry document). */
	lateChanges = $state.raw<LateChange[]>([]);
	/** Records and entries a newer app wrote, which this app cannot read: kept, and shown as such. */
	newer = $state.raw<NewerOnDesk[]>([]);
	/** Every writer's review entries as read (honoured and refused), for the audit trail. */
	reviewByDoc = $state.raw<{ docName: string; entries: Entry[] }[]>([]);
	names = $state.raw<Map<string, string>>(new Map());
	/** Session id → "理论知识考试 · 101 机房" for the merged view. */
	sessionRooms = $state.raw<Map<string, { subject: SubjectKind; room: string }>>(new Map());
	storage = $state.raw<StorageReport | null>(null);
	storageError = $state<string | null>(null);
	rec = $state.raw<Reconciliation | null>(null);
	results = $state.raw<CandidateResultRow[]>([]);
	private docs = new Map<string, SyncedDoc>();
	/** Per document, how many times it changed: what was read of it is kept until it changes. */
	private versions = new Map<string, number>();
	private reads = new Map<string, { version: number; content: DocContent; newer: NewerOnDesk[] }>();
	private memos = new Map<string, { deps: unknown[]; value: unknown }>();
	private derivation = new DeskDerivation();
	private isRefreshDue = false;
	private isDestroyed = false;
	private offs: (() => void)[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;
	private poll: ReturnType<typeof setInterval> | undefined;
	readonly reviewDoc: SyncedDoc;

	constructor(
		private readonly workspace: Workspace,
		readonly planId: string,
		private readonly getToken: () => string
	) {
		this.hold(planDoc(planId));
		this.hold(configDoc());
		this.hold(registryDoc(planId));
		// The desk's own review document is written here: open while the session lasts.
		this.reviewDoc = workspace.open(reviewDoc(planId, workspace.userId));
		this.watch(this.reviewDoc);
		void this.loadStorage();
		// Receipts of entries written here arrive when the server stores them: look again now and then.
		this.poll = setInterval(() => void this.loadStorage(), 20_000);
	}

	/** "Today" as the server gives it (KAOWU_TODAY in demos and tests), running on while offline. */
	get today(): string {
		return serverClock.current.today;
	}

	/** "Now" as the server gives it: the one clock every rule of the desk reads. */
	get now(): string {
		return serverClock.current.now;
	}

	/** Reads another's document (or a shared one) while this view lasts: released by destroy(). */
	private hold(name: string): void {
		if (this.docs.has(name)) return;
		this.watch(this.workspace.hold(name));
		this.offs.push(() => this.workspace.release(name));
	}

	private watch(synced: SyncedDoc): void {
		if (this.docs.has(synced.name)) return;
		this.docs.set(synced.name, synced);
		// New day or review entries: re-ask the server what it holds and when it got them.
		const isDay = synced.name.startsWith('day:') || synced.name.startsWith('review:');
		const refresh = () => {
			this.versions.set(synced.name, (this.versions.get(synced.name) ?? 0) + 1);
			this.schedule();
			if (isDay && this.storage) this.scheduleStorage();
		};
		synced.doc.on('update', refresh);
		this.offs.push(() => synced.doc.off('update', refresh));
		void synced.whenLoaded.then(refresh);
	}

	private storageTimer: ReturnType<typeof setTimeout> | undefined;
	private scheduleStorage(): void {
		clearTimeout(this.storageTimer);
		this.storageTimer = setTimeout(() => void this.loadStorage(), 1500);
	}

	/**
	 * Re-derives once the current task's updates are applied (a microtask), so one arriving entry
	 * shows at once; while documents are still loading, updates are gathered for 60 ms instead.
	 */
	private schedule(): void {
		if (!this.isLoaded) {
			clearTimeout(this.timer);
			this.timer = setTimeout(() => this.refresh(), 60);
			return;
		}
		if (this.isRefreshDue) return;
		this.isRefreshDue = true;
		queueMicrotask(() => {
			this.isRefreshDue = false;
			if (!this.isDestroyed) this.refresh();
		});
	}

	/** `compute()` again only when one of `deps` is not the same object as last time. */
	private memo<T>(key: string, deps: unknown[], compute: () => T): T {
		const held = this.memos.get(key);
		if (held && held.deps.length === deps.length && held.deps.every((d, i) => d === deps[i])) return held.value as T;
		const value = compute();
		this.memos.set(key, { deps, value });
		return value;
	}

	/** A document's validated content and what a newer app wrote in it, read again only after it changed. */
	private read(synced: SyncedDoc): { content: DocContent; newer: NewerOnDesk[] } {
		const version = this.versions.get(synced.name) ?? 0;
		const held = this.reads.get(synced.name);
		if (held && held.version === version) return held;
		const content = readSyncedContent(synced);
		const name = parseDocName(synced.name);
		const newer = content.newer.map((n) => ({
			...n,
			doc: synced.name,
			docKind: name?.kind ?? ('unknown' as const),
			...(name && 'userId' in name ? { ownerId: name.userId } : {})
		}));
		const read = { version, content, newer };
		this.reads.set(synced.name, read);
		return read;
	}

	/** Opens every day document the plan's staff map or the server knows of. */
	private openDays(): void {
		const users = new Set<string>();
		for (const a of this.plan?.staff ?? []) if (a.duty === 'invigilator' || a.duty === 'examiner') users.add(a.userId);
		for (const d of this.storage?.docs ?? []) users.add(d.doc.split(':')[2]);
		for (const u of users) this.hold(dayDoc(this.planId, u));
	}

	/**
	 * Opens the review document of everyone who may write one for this plan: its supervisors, its
	 * institution's admins and the centre (from the directory, so it works offline), and any other
	 * the server holds.
	 */
	private openReviews(people: readonly Person[]): void {
		const writers = new Set<string>();
		for (const a of this.plan?.staff ?? []) if (a.duty === 'supervisor') writers.add(a.userId);
		for (const p of people)
			if (
				REVIEW_WRITER_ROLES.includes(p.role) &&
				(p.role === 'centre-admin' || p.organisationId === this.info?.institutionId)
			)
				writers.add(p.id);
		for (const d of this.storage?.reviewDocs ?? []) writers.add(d.writerId);
		for (const u of writers) this.hold(reviewDoc(this.planId, u));
	}

	async loadStorage(): Promise<void> {
		const r = await callServer<StorageReport>(`/api/desk/${encodeURIComponent(this.planId)}/storage`, {
			token: this.getToken()
		});
		if (r.ok) {
			this.storage = r.data;
			serverClock.told({ today: r.data.today, now: r.data.now });
			this.storageError = null;
		} else this.storageError = describeError(r);
		this.schedule();
	}

	private refresh(): void {
		const planContent = this.docs.get(planDoc(this.planId));
		if (!planContent) return;
		const newer: NewerOnDesk[] = [];
		// Every document is read through here, so nothing a newer app wrote goes unmentioned. A document
		// that did not change is not read again, and what is derived from it is kept (the same objects),
		// so the derivation below re-derives only what changed (desk-derivation.ts).
		const readContent = (synced: SyncedDoc): DocContent => {
			const read = this.read(synced);
			newer.push(...read.newer);
			return read.content;
		};
		const registry = this.docs.get(registryDoc(this.planId));
		const registryContent = registry ? readContent(registry) : undefined;
		const planRead = readContent(planContent);
		const fromPlan = this.memo('plan', [planRead, registryContent], () => {
			const registryMaps = registryContent?.maps;
			const maps = planMapsOf(planRead.maps, registryMaps);
			const roomName = new Map([...((maps.rooms?.values() ?? []) as Iterable<Room>)].map((r) => [r.id, r.name]));
			return {
				info: (maps.plan?.get('info') as PlanInfo | undefined) ?? null,
				plan: planFactsFrom(maps),
				sessionRooms: new Map(
					[...((maps.sessions?.values() ?? []) as Iterable<ExamSession>)].map((x) => [
						x.id,
						{ subject: x.subject, room: roomName.get(x.roomId) ?? x.roomId }
					])
				),
				lateChanges: registryMaps
					? [...((registryMaps.lateChanges?.values() ?? []) as Iterable<LateChange>)].sort((a, b) =>
							a.firstAt < b.firstAt ? -1 : 1
						)
					: []
			};
		});
		this.info = fromPlan.info;
		this.plan = fromPlan.plan;
		this.sessionRooms = fromPlan.sessionRooms;
		this.openDays();
		this.lateChanges = fromPlan.lateChanges;
		const config = this.docs.get(configDoc());
		const configContent = config ? readContent(config) : undefined;
		const directory = this.memo('directory', [configContent], () => {
			const people = [...((configContent?.maps.directory?.values() ?? []) as Iterable<Person>)];
			return { people, names: new Map(people.map((p) => [p.id, p.name])), roles: rolesFromDirectory(people) };
		});
		const people = directory.people;
		this.openReviews(people);
		this.names = directory.names;
		const prefix = `day:${this.planId}:`;
		const receipts = this.memo('receipts', [this.storage], () => this.stableReceipts());
		// The author of a day entry is the day document's owner, whatever the entry says; a stamp later
		// than the server's receipt allows is ordered by the receipt (entry-times.ts).
		const roles = directory.roles;
		const planFacts = this.plan ?? { staff: [], groups: [] };
		// Who may make which day record, and whose score sheets count (entry-rules.ts): per document.
		const judgedDays = [...this.docs.values()]
			.filter((d) => d.name.startsWith(prefix))
			.map((d) => {
				const content = readContent(d);
				return this.memo(`day ${d.name}`, [content, receipts.get(d.name), roles, planFacts], () =>
					judgeDayEntries(
						[
							{
								docName: d.name,
								userId: d.name.slice(prefix.length),
								entries: content.entries,
								receipts: receipts.get(d.name)
							}
						],
						(id) => roles.get(id),
						planFacts
					)
				);
			});
		this.days = same(
			this.days,
			judgedDays.flatMap((j) => j.days)
		);
		const reviewPrefix = reviewDocPrefix(this.planId);
		const reviewDocs = [...this.docs.values()].filter((d) => d.name.startsWith(reviewPrefix));
		const reviewContents = reviewDocs.map((d) => readContent(d));
		const judged = this.memo(
			'review',
			[roles, ...reviewDocs.flatMap((d, i) => [d.name, reviewContents[i], receipts.get(d.name)])],
			() => {
				const writers = reviewDocs.map((d, i) => ({
					docName: d.name,
					writerId: d.name.slice(reviewPrefix.length),
					entries: reviewContents[i].entries,
					receipts: receipts.get(d.name)
				}));
				const judged = judgeReviewEntries(writers, (id) => roles.get(id));
				// The audit trail shows every entry, honoured and refused, as the rules read it.
				const asRead = new Map(
					[...judged.honoured, ...judged.refused.map((r) => r.entry)].map((e) => [`${e.author}/${e.id}`, e])
				);
				return {
					...judged,
					reviewByDoc: writers.map((w) => ({
						docName: w.docName,
						entries: w.entries.map((e) => asRead.get(`${w.writerId}/${e.id}`) ?? { ...e, author: w.writerId })
					}))
				};
			}
		);
		this.newer = same(this.newer, newer);
		this.review = judged.honoured;
		this.refused = same(this.refused, [...judgedDays.flatMap((j) => j.refused), ...judged.refused]);
		this.stampFlags = same(this.stampFlags, [...judgedDays.flatMap((j) => j.stampFlags), ...judged.stampFlags]);
		this.reviewByDoc = judged.reviewByDoc;
		if (!this.plan) return;
		const stored = this.memo('stored', [this.storage, ...this.days.map((d) => d.docName)], () => this.stableStored());
		const { rec, rows } = this.derivation.derive({
			plan: this.plan,
			days: this.days,
			review: this.review,
			stored,
			now: this.now,
			receiptClockOffsetMs: this.storage?.receiptClockOffsetMs ?? 0,
			names: this.names
		});
		this.rec = rec;
		this.results = same(this.results, rows);
		this.isLoaded = true;
	}

	private storedFacts = new Map<string, StoredFacts>();
	/** What the server holds per day document; a document's facts stay the same object while they do not change. */
	private stableStored(): Map<string, StoredFacts> | undefined {
		if (!this.storage) return undefined;
		const out = new Map<string, StoredFacts>();
		for (const d of this.days) {
			const s = this.storage.docs.find((x) => x.doc === d.docName);
			const next: StoredFacts = {
				storedEntryIds: new Set(s?.storedEntryIds ?? []),
				receipts: new Map(Object.entries(s?.receipts ?? {}))
			};
			const held = this.storedFacts.get(d.docName);
			const isSame =
				held &&
				held.storedEntryIds.size === next.storedEntryIds.size &&
				[...next.storedEntryIds].every((id) => held.storedEntryIds.has(id)) &&
				sameMap(held.receipts, next.receipts);
			out.set(d.docName, isSame ? held : next);
		}
		this.storedFacts = out;
		return out;
	}

	private receiptMaps = new Map<string, Map<string, string>>();
	/** receiptsByDoc, each document's map the same object as before while it does not change. */
	private stableReceipts(): Map<string, Map<string, string>> {
		const out = new Map<string, Map<string, string>>();
		for (const [doc, next] of this.receiptsByDoc()) {
			const held = this.receiptMaps.get(doc);
			out.set(doc, held && sameMap(held, next) ? held : next);
		}
		this.receiptMaps = out;
		return out;
	}

	/**
	 * The server's receipt times as a person reads them: on the exam clock (the desk's "now"), per
	 * document. The rules' own comparisons (stamp vs receipt) use receiptsByDoc, the real times.
	 */
	receiptsShownByDoc(): Map<string, Map<string, string>> {
		const offset = this.storage?.receiptClockOffsetMs;
		const out = new Map<string, Map<string, string>>();
		for (const [doc, receipts] of this.receiptsByDoc())
			out.set(doc, new Map([...receipts].map(([id, at]) => [id, onExamClock(at, offset)])));
		return out;
	}

	receiptsByDoc(): Map<string, Map<string, string>> {
		const out = new Map<string, Map<string, string>>();
		for (const d of this.storage?.docs ?? []) out.set(d.doc, new Map(Object.entries(d.receipts)));
		for (const d of this.storage?.reviewDocs ?? []) out.set(d.doc, new Map(Object.entries(d.receipts)));
		return out;
	}

	/** Why a review entry is not honoured, if it is refused. */
	refusalOf(entryId: string): RefusedEntry | undefined {
		return this.refused.find((r) => r.entry.id === entryId);
	}

	/** Appends one review entry to this user's own review document; resolves when saved on this device. */
	async record<K extends EntryKind>(
		author: string,
		kind: K,
		data: EntryDataInput<K>,
		extra: { candidateId?: string; reason?: string; corrects?: string } = {}
	): Promise<EntryOf<K> | null> {
		try {
			const entry = await recordEntry(
				this.reviewDoc,
				// Stamped on the exam clock the server gives, like everything the tablets record.
				{ kind, author, planId: this.planId, data, ...extra, at: new Date(this.now).toISOString() },
				await deviceId()
			);
			this.schedule();
			return entry;
		} catch (error) {
			// Not saved on this device (storage full, a broken document): say so, never silently.
			handleError(error, t('desk.saveEntry'));
			return null;
		}
	}

	nameOf(id: string): string {
		return this.names.get(id) ?? id;
	}

	/** A person or a candidate by id. */
	whoIs(id: string): string {
		return (
			this.names.get(id) ??
			this.plan?.candidates.find((c) => c.id === id)?.name ??
			this.plan?.left?.find((c) => c.id === id)?.name ??
			id
		);
	}

	/** How entries read in the merged view and the audit trail. */
	get entryText() {
		return { nameOf: (id: string) => this.whoIs(id), sessionOf: (id: string) => this.sessionRooms.get(id) };
	}

	destroy(): void {
		this.isDestroyed = true;
		clearTimeout(this.timer);
		clearTimeout(this.storageTimer);
		clearInterval(this.poll);
		for (const off of this.offs) off();
	}
}

/** `next`, or `held` when it has the same elements (so views over it are not recomputed). */
function same<T>(held: T[], next: T[]): T[] {
	return held.length === next.length && held.every((x, i) => x === next[i]) ? held : next;
}

function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
}
