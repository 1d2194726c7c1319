// An examiner's score sheet for one candidate: which candidates he may score (his groups only),
// the per-item maxima of the plan's rubric, the total, and the panel's aggregate across members'
// sheets (scoring.ts does the arithmetic and the discrepancy rule).
import { currentEntries, compareHlc, type Entry } from './entries';
import type { Group, Rubric as PlanRubric } from './record-schemas';
import { aggregateSubjectScore, sheetTotal, toCenti, type Rubric, type SubjectScoreResult } from './scoring';
import type { ScoreSheetData } from './day-entries';
import type { Message } from './message-text';

export function scoringRubric(rubric: PlanRubric, group: Group): Rubric {
	return { id: rubric.id, subject: group.kind === 'review' ? 'review' : 'skill', items: rubric.items };
}

/** The group of `groups` (his assignments) that holds the candidate, or why not (day.examiner.refused.*). */
export function groupForCandidate(
	candidateId: string,
	candidateName: string | undefined,
	myGroups: readonly Group[]
): { ok: true; group: Group } | { ok: false; error: Message } {
	const group = myGroups.find((g) => g.candidateIds.includes(candidateId));
	if (group) return { ok: true, group };
	return { ok: false, error: { key: 'day.examiner.refused.notYours', params: { name: candidateName ?? candidateId } } };
}

export type SheetDraft = Record<string, string>;

export type SheetCheck =
	| { ok: true; items: { itemId: string; score: number }[]; total: number }
	| { ok: false; error: Message; itemId?: string };

/** One item as typed: empty, a refused value (with why), or a score within 0…max. */
export function checkSheetItem(
	item: PlanRubric['items'][number],
	typed: string | undefined
): { ok: true; score: number } | { ok: false; isEmpty: boolean; error: Message } {
	const raw = (typed ?? '').trim();
	if (raw === '')
		return { ok: false, isEmpty: true, error: { key: 'day.examiner.refused.empty', params: { item: item.label } } };
	const value = Number(raw);
	if (!Number.isFinite(value) || toCenti(value) === null) {
		return {
			ok: false,
			isEmpty: false,
			error: { key: 'day.examiner.refused.invalid', params: { item: item.label, value: raw } }
		};
	}
	if (value < 0 || value > item.max) {
		return {
			ok: false,
			isEmpty: false,
			error: { key: 'day.examiner.refused.overMax', params: { item: item.label, max: item.max, value } }
		};
	}
	return { ok: true, score: value };
}

/** Checks what the examiner typed, item by item, against the rubric's maxima. */
export function checkSheet(rubric: PlanRubric, group: Group, examinerId: string, draft: SheetDraft): SheetCheck {
	const items: Record<string, number> = {};
	for (const item of rubric.items) {
		const checked = checkSheetItem(item, draft[item.id]);
		if (!checked.ok) return { ok: false, itemId: item.id, error: checked.error };
		items[item.id] = checked.score;
	}
	const total = sheetTotal(scoringRubric(rubric, group), { examinerId, items });
	if (!total.ok)
		return { ok: false, error: { key: 'day.examiner.refused.sheet', params: { reason: { msg: total.error } } } };
	return { ok: true, items: rubric.items.map((i) => ({ itemId: i.id, score: items[i.id] })), total: total.total };
}

/**
 * The total while the examiner types: only accepted item scores count; a refused value (over the
 * maximum, negative, not a number) is listed, never added ("100 / 100" for 150 typed into a 50).
 */
export function liveSheetTotal(
	rubric: PlanRubric,
	draft: SheetDraft
): { total: number; refusedItemIds: string[]; emptyCount: number } {
	let centi = 0;
	const refusedItemIds: string[] = [];
	let emptyCount = 0;
	for (const item of rubric.items) {
		const checked = checkSheetItem(item, draft[item.id]);
		if (checked.ok) centi += toCenti(checked.score) ?? 0;
		else if (checked.isEmpty) emptyCount++;
		else refusedItemIds.push(item.id);
	}
	return { total: centi / 100, refusedItemIds, emptyCount };
}

export interface SheetInForce {
	entry: Entry;
	data: ScoreSheetData;
	/** The first entry of the chain: a correction must name the sheet in force, i.e. `entry.id`. */
	chainId: string;
	isCorrected: boolean;
}

/** Per candidate (and group), the sheet in force in one examiner's day document. */
export function sheetsInForce(entries: Iterable<Entry>): Map<string, SheetInForce> {
	const { current } = currentEntries(entries);
	const out = new Map<string, SheetInForce>();
	for (const [chainId, entry] of current) {
		if (entry.kind !== 'score-sheet' || !entry.candidateId) continue;
		const data = entry.data;
		const key = sheetKey(data.groupId, entry.candidateId);
		const held = out.get(key);
		if (!held || compareHlc(entry.hlc, held.entry.hlc) > 0)
			out.set(key, { entry, data, chainId, isCorrected: chainId !== entry.id });
	}
	return out;
}

export const sheetKey = (groupId: string, candidateId: string): string => `${groupId}:${candidateId}`;

export interface PanelRow {
	candidateId: string;
	sheets: { examinerId: string; total: number; isSubmitted: boolean }[];
	result: SubjectScoreResult | null;
}

/** The chair's view: every member's submitted sheet for each candidate of the group, aggregated. */
export function panelAggregate(
	group: Group,
	rubric: PlanRubric,
	sheetsByExaminer: ReadonlyMap<string, Map<string, SheetInForce>>
): PanelRow[] {
	const scoring = scoringRubric(rubric, group);
	return group.candidateIds.map((candidateId) => {
		const sheets: PanelRow['sheets'] = [];
		const submitted: { examinerId: string; items: Record<string, number> }[] = [];
		for (const [examinerId, sheetsOf] of sheetsByExaminer) {
			const sheet = sheetsOf.get(sheetKey(group.id, candidateId));
			if (!sheet) continue;
			sheets.push({ examinerId, total: sheet.data.total, isSubmitted: sheet.data.isSubmitted });
			if (sheet.data.isSubmitted) {
				submitted.push({ examinerId, items: Object.fromEntries(sheet.data.items.map((i) => [i.itemId, i.score])) });
			}
		}
		return { candidateId, sheets, result: submitted.length ? aggregateSubjectScore(scoring, submitted) : null };
	});
}
