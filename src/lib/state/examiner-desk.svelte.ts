// The examiner's tablet for one plan: only the groups and panels he is assigned to, his sheets in
// force, and submitting (or correcting) a sheet. Anything out of bounds is refused, with the reason
// in the interface language, before an entry is written.
import type { DayView, RecordResult } from './day-view.svelte';
import { buildSearchIndex, searchCandidates } from '../domain/candidate-search';
import { nameReadings } from './name-readings.svelte';
import {
	checkSheet,
	groupForCandidate,
	panelAggregate,
	sheetKey,
	sheetsInForce,
	type SheetDraft,
	type SheetInForce
} from '../domain/score-sheet';
import type { Candidate, Group, Rubric } from '../domain/record-schemas';
import { messageText } from '../domain/message-text';
import { t } from '../i18n/i18n.svelte';
import type { EntryOf } from '../domain/entries';

export class ExaminerDesk {
	readonly myGroups: Group[];
	readonly chairOf: Set<string>;
	readonly sheets: Map<string, SheetInForce>;
	readonly byId: Map<string, Candidate>;
	private readonly index: ReturnType<typeof buildSearchIndex<Candidate>>;

	constructor(
		private readonly day: DayView,
		userId: string
	) {
		const duties = $derived(day.plan.dutiesOf(userId).filter((d) => d.duty === 'examiner' && d.groupId));
		this.myGroups = $derived(day.plan.groups.filter((g) => duties.some((d) => d.groupId === g.id)));
		this.chairOf = $derived(new Set(duties.filter((d) => d.isChair).map((d) => d.groupId!)));
		this.sheets = $derived(sheetsInForce(day.entries));
		this.byId = $derived(new Map(day.plan.candidates.map((c) => [c.id, c])));
		this.index = $derived(buildSearchIndex(day.plan.candidates, nameReadings.current));
	}

	rubricOf(group: Group): Rubric | undefined {
		return this.day.rubrics.find((r) => r.id === group.rubricId);
	}

	/** Pinyin finds once the readings have loaded (the first search starts that; see name-readings). */
	search(query: string): Candidate[] {
		nameReadings.wanted(query);
		return searchCandidates(this.index, query, 10);
	}

	/** A pinyin query whose readings are still loading: finding nothing yet does not mean no match. */
	isSearchPending(query: string): boolean {
		return nameReadings.isPending(query);
	}

	/** The group of his that holds the candidate, or why he may not score him. */
	groupFor(candidateId: string): { ok: true; group: Group } | { ok: false; error: string } {
		const found = groupForCandidate(candidateId, this.byId.get(candidateId)?.name, this.myGroups);
		return found.ok ? found : { ok: false, error: messageText(found.error, t) };
	}

	sheetOf(group: Group, candidateId: string): SheetInForce | undefined {
		return this.sheets.get(sheetKey(group.id, candidateId));
	}

	/** Submits and locks a sheet; after a submit, only a correction with a reason is accepted. */
	async submit(
		group: Group,
		candidateId: string,
		draft: SheetDraft,
		options: { note?: string; timedSeconds?: number; reason?: string }
	): Promise<RecordResult<EntryOf<'score-sheet'>> & { itemId?: string }> {
		const inGroup = this.groupFor(candidateId);
		if (!inGroup.ok) return inGroup;
		if (inGroup.group.id !== group.id)
			return { ok: false, error: t('day.examiner.refused.otherGroup', { group: inGroup.group.name }) };
		const rubric = this.rubricOf(group);
		if (!rubric) return { ok: false, error: t('day.examiner.refused.noRubric', { rubric: group.rubricId }) };
		const checked = checkSheet(rubric, group, this.day.userId, draft);
		if (!checked.ok) return { ok: false, error: messageText(checked.error, t), itemId: checked.itemId };
		const held = this.sheetOf(group, candidateId);
		if (held && !options.reason?.trim()) return { ok: false, error: t('day.examiner.refused.locked') };
		return this.day.record(
			'score-sheet',
			{
				groupId: group.id,
				subject: group.kind,
				items: checked.items,
				total: checked.total,
				isSubmitted: true,
				...(options.note?.trim() ? { note: options.note.trim() } : {}),
				...(options.timedSeconds ? { timedSeconds: options.timedSeconds } : {})
			},
			{
				candidateId,
				scope: group.id,
				session: this.day.plan.sessions.find((s) => s.id === group.sessionId),
				...(held ? { corrects: held.entry.id, reason: options.reason!.trim() } : {})
			}
		);
	}

	/** The chair's aggregate over every member's sheets (members' day documents, read-only). */
	aggregate(group: Group) {
		const rubric = this.rubricOf(group);
		if (!rubric) return [];
		const members = this.members(group);
		const entries = this.day.peerEntries(members);
		return panelAggregate(group, rubric, new Map(members.map((m) => [m, sheetsInForce(entries.get(m) ?? [])])));
	}

	members(group: Group): string[] {
		return [
			...new Set(
				this.day.plan.staff.filter((s) => s.duty === 'examiner' && s.groupId === group.id).map((s) => s.userId)
			)
		];
	}
}
