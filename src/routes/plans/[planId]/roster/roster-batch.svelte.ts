// One import in progress: the file's rows, the column mapping and every row's validation, re-run
// whenever the clerk fixes, drops or bulk-fixes rows or confirms a former occupation name. The good
// rows can be taken at any time (`takeGood`); the problem rows stay in the batch, which the screen
// keeps on the device so they can be fixed later.
import { catalogFor } from '$lib/domain/catalog';
import { t } from '$lib/i18n/i18n.svelte';
import { messageText } from '$lib/domain/message-text';
import type { PlanInfo, Candidate, FormerName } from '$lib/domain/record-schemas';
import {
	bulkFix,
	guessMapping,
	missingFields,
	rowValues,
	validateRoster,
	type ColumnMapping,
	type RosterContext,
	type RosterField,
	type RosterRow,
	type RowCheck,
	type RosterValues,
	type SheetRow
} from '$lib/domain/roster-import';

export function rosterContext(
	info: PlanInfo,
	existing: readonly Candidate[],
	idPrefix: string,
	exceptId?: string,
	formerNames: readonly FormerName[] = [],
	confirmedFormerNames: readonly string[] = []
): RosterContext {
	const catalog = catalogFor(info.examDate);
	if (!catalog.ok) throw new Error(messageText(catalog.error, t));
	return {
		catalog: catalog.catalog,
		planOccupations: info.occupations,
		existingIdNumbers: new Set(existing.filter((c) => c.id !== exceptId).map((c) => c.idNumber)),
		examDate: info.examDate,
		newId: (i: number) => `${idPrefix}${String(i + 1).padStart(4, '0')}`,
		formerNames,
		confirmedFormerNames: new Set(confirmedFormerNames),
		tr: t
	};
}

export interface BatchEntry {
	rowNumber: number;
	values: RosterValues;
}

/** What the device keeps of a batch between visits: the rows left to fix and the names confirmed. */
export interface SavedBatch {
	fileName: string;
	entries: BatchEntry[];
	confirmed: string[];
}

export class RosterBatch {
	header: string[];
	mapping = $state<ColumnMapping>({});
	/** The rows still in the batch (dropped and imported rows are removed), with their file row numbers. */
	entries = $state<BatchEntry[]>([]);
	/** Former occupation names the clerk confirmed for this batch. */
	confirmed = $state<string[]>([]);
	/** The file's rows while the mapping can still change; null once rows were imported. */
	private raw: SheetRow[] | null;
	private cache = new Map<string, RowCheck>();
	private cacheSignature = '';

	constructor(
		readonly fileName: string,
		header: string[],
		raw: SheetRow[] | null,
		remembered: ColumnMapping | undefined,
		private readonly info: () => PlanInfo,
		private readonly existing: () => readonly Candidate[],
		private readonly formerNames: () => readonly FormerName[],
		private readonly idPrefix: string,
		saved?: SavedBatch
	) {
		this.header = header;
		this.raw = raw;
		if (saved) {
			this.entries = saved.entries;
			this.confirmed = saved.confirmed;
		} else {
			this.mapping = guessMapping(header, remembered);
			this.applyMapping();
		}
	}

	/** Whether the column mapping can still change (not after a partial import). */
	get canRemap(): boolean {
		return this.raw !== null;
	}

	get missing(): RosterField[] {
		return this.raw ? missingFields(this.mapping) : [];
	}

	applyMapping(): void {
		if (!this.raw) return;
		this.entries = this.raw.map((r) => ({ rowNumber: r.rowNumber, values: rowValues(r.cells, this.mapping) }));
	}

	get results(): RosterRow[] {
		const info = this.info();
		const formerNames = this.formerNames();
		// Each row's own checks are kept while the plan's levels and the former names stay the same.
		const signature = JSON.stringify([info.examDate, info.occupations, formerNames]);
		if (signature !== this.cacheSignature) {
			this.cache = new Map();
			this.cacheSignature = signature;
		}
		return validateRoster(
			this.entries.map((e) => e.values),
			rosterContext(info, this.existing(), this.idPrefix, undefined, formerNames, this.confirmed),
			this.entries.map((e) => e.rowNumber),
			this.cache
		);
	}

	drop(rowNumber: number): void {
		this.entries = this.entries.filter((e) => e.rowNumber !== rowNumber);
	}

	update(rowNumber: number, values: RosterValues): void {
		this.entries = this.entries.map((e) => (e.rowNumber === rowNumber ? { rowNumber, values } : e));
	}

	/** Sets a column in the problem rows (where it reads `from`, or all of them); returns how many changed. */
	fixColumn(problemRows: ReadonlySet<number>, field: RosterField, from: string, to: string): number {
		const targets = this.entries.filter((e) => problemRows.has(e.rowNumber));
		const fixed = bulkFix(targets, field, from, to);
		const byRow = new Map(fixed.rows.map((e) => [e.rowNumber, e]));
		this.entries = this.entries.map((e) => byRow.get(e.rowNumber) ?? e);
		return fixed.changed;
	}

	confirmFormerName(name: string): void {
		if (!this.confirmed.includes(name)) this.confirmed = [...this.confirmed, name];
	}

	/** Removes the rows that were imported; the mapping is fixed from now on. */
	removeImported(rowNumbers: ReadonlySet<number>): void {
		this.entries = this.entries.filter((e) => !rowNumbers.has(e.rowNumber));
		this.raw = null;
	}

	saved(): SavedBatch {
		return {
			fileName: this.fileName,
			entries: $state.snapshot(this.entries),
			confirmed: $state.snapshot(this.confirmed)
		};
	}
}
