// One import in progress: the file's rows, the column mapping and every row's validation, re-run
// whenever the clerk fixes or drops a row. Nothing reaches the plan until `commit` writes all good rows
// in one transaction, and only when no bad row is left.
import { catalogFor } from '$lib/domain/catalog';
import type { PlanInfo, Candidate } from '$lib/domain/records';
import {
	guessMapping,
	missingFields,
	rowValues,
	validateRoster,
	type ColumnMapping,
	type RosterRow,
	type RosterValues
} from '$lib/domain/roster-import';

export function rosterContext(info: PlanInfo, existing: readonly Candidate[], idPrefix: string, exceptId?: string) {
	const catalog = catalogFor(info.examDate);
	if (!catalog.ok) throw new Error(catalog.error);
	return {
		catalog: catalog.catalog,
		planOccupations: info.occupations,
		existingIdNumbers: new Set(existing.filter((c) => c.id !== exceptId).map((c) => c.idNumber)),
		examDate: info.examDate,
		newId: (i: number) => `${idPrefix}${String(i + 1).padStart(4, '0')}`
	};
}

export class RosterBatch {
	header: string[];
	mapping = $state<ColumnMapping>({});
	/** The rows still in the batch (dropped rows are removed), with their file row numbers. */
	entries = $state<{ rowNumber: number; values: RosterValues }[]>([]);
	private raw: unknown[][];
	private rowNumbers: number[];

	constructor(
		header: string[],
		raw: unknown[][],
		rowNumbers: number[],
		remembered: ColumnMapping | undefined,
		private readonly info: () => PlanInfo,
		private readonly existing: () => readonly Candidate[],
		private readonly idPrefix: string
	) {
		this.header = header;
		this.raw = raw;
		this.rowNumbers = rowNumbers;
		this.mapping = guessMapping(header, remembered);
		this.applyMapping();
	}

	get missing() {
		return missingFields(this.mapping);
	}

	applyMapping(): void {
		this.entries = this.raw.map((r, i) => ({ rowNumber: this.rowNumbers[i], values: rowValues(r, this.mapping) }));
	}

	get results(): RosterRow[] {
		return validateRoster(
			this.entries.map((e) => e.values),
			rosterContext(this.info(), this.existing(), this.idPrefix),
			this.entries.map((e) => e.rowNumber)
		);
	}

	drop(rowNumber: number): void {
		this.entries = this.entries.filter((e) => e.rowNumber !== rowNumber);
	}

	update(rowNumber: number, values: RosterValues): void {
		this.entries = this.entries.map((e) => (e.rowNumber === rowNumber ? { rowNumber, values } : e));
	}
}
