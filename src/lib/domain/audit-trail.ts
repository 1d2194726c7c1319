// The audit trail of one candidate: every day entry and every review entry about them, in HLC order,
// with who, which device and when the server first stored it.
import { compareHlc, type Entry } from './entries';
import type { Reconciliation } from './reconcile';

export interface AuditLine {
	entry: Entry;
	docName: string;
	receivedAt?: string;
	/** For decisions: the item it answered. */
	itemKey?: string;
}

export function auditTrail(
	candidateId: string,
	docs: readonly { docName: string; entries: readonly Entry[] }[],
	rec: Reconciliation,
	receipts: ReadonlyMap<string, ReadonlyMap<string, string>>
): AuditLine[] {
	const itemKeys = new Set(rec.items.filter((i) => i.candidateId === candidateId).map((i) => i.key));
	const itemEntryIds = new Set(rec.items.filter((i) => i.candidateId === candidateId).flatMap((i) => i.entryIds));
	const lines: AuditLine[] = [];
	for (const doc of docs) {
		for (const e of doc.entries) {
			const decision = e.kind === 'decision' ? e.data : undefined;
			// A score file of any subject (theory, a written or computer skill exam) that lists him.
			const isInImport =
				(e.kind === 'theory-import' || e.kind === 'score-import') &&
				e.data.rows.some((r) => r.candidateId === candidateId);
			const isAbout =
				e.candidateId === candidateId ||
				isInImport ||
				e.kind === 'publication' ||
				itemEntryIds.has(e.id) ||
				(decision && (itemKeys.has(decision.itemKey) || decision.value === candidateId));
			if (!isAbout) continue;
			lines.push({
				entry: e,
				docName: doc.docName,
				receivedAt: receipts.get(doc.docName)?.get(e.id),
				itemKey: decision?.itemKey
			});
		}
	}
	return lines.sort((a, b) => compareHlc(a.entry.hlc, b.entry.hlc));
}
