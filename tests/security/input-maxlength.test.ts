// Text maxima (issue 15): an entry's text fields have maxima in the schemas; the form fields that
// write them carry the same number as `maxlength`, read from the schema (maxLengthOf), so a person
// cannot type more than will be kept and the number lives in one place. Static over the components:
// each form field below must have `maxlength={…}` from a schema, never a literal or nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_MAX, maxLengthOf } from '../../src/lib/domain/text-limits';
import { DAY_TEXT_MAX } from '../../src/lib/domain/day-entries';
import { REVIEW_TEXT_MAX } from '../../src/lib/domain/review-entries';
import { ENTRY_TEXT_MAX } from '../../src/lib/domain/entries';
import { NewPlanSchema } from '../../src/lib/domain/plan-rules';
import { custodySchema } from '../../src/lib/domain/record-schemas';

const ROOT = resolve(import.meta.dirname, '../..');

/** The whole `<input …>` / `<textarea …>` tag containing `marker` (braces may hold `>`). */
function tagWith(file: string, marker: string): string {
	const text = readFileSync(resolve(ROOT, file), 'utf8');
	const at = text.indexOf(marker);
	if (at < 0) throw new Error(`${marker} not found in ${file}`);
	const start = Math.max(text.lastIndexOf('<input', at), text.lastIndexOf('<textarea', at));
	let depth = 0;
	for (let i = start; i < text.length; i++) {
		if (text[i] === '{') depth++;
		else if (text[i] === '}') depth--;
		else if (text[i] === '>' && depth === 0) return text.slice(start, i + 1);
	}
	throw new Error(`unterminated tag in ${file}`);
}

const FIELDS: [file: string, marker: string, expression: string][] = [
	['src/routes/proctor/[planId]/IncidentForm.svelte', 'bind:value={description}', 'DAY_TEXT_MAX.incidentDescription'],
	['src/routes/proctor/[planId]/CandidateCard.svelte', 'data-testid="move-reason"', 'DAY_TEXT_MAX.seatChangeReason'],
	['src/routes/examiner/[planId]/ScoreSheet.svelte', 'data-testid="sheet-reason"', 'ENTRY_TEXT_MAX.reason'],
	['src/routes/examiner/[planId]/ScoreSheet.svelte', 'data-testid="sheet-note"', 'DAY_TEXT_MAX.scoreSheetNote'],
	['src/routes/desk/[planId]/ItemsPanel.svelte', 'data-testid="decision-reason"', 'REVIEW_TEXT_MAX.decisionReason'],
	['src/routes/desk/[planId]/PublicationPanel.svelte', 'data-testid="late-reason"', 'REVIEW_TEXT_MAX.lateReason'],
	[
		'src/routes/desk/[planId]/ReviewsPanel.svelte',
		'data-testid="review-description"',
		'REVIEW_TEXT_MAX.reviewDescription'
	],
	['src/routes/desk/[planId]/ReviewsPanel.svelte', 'bind:value={explanation[', 'REVIEW_TEXT_MAX.reviewExplanation'],
	['src/routes/plans/new/+page.svelte', 'id="plan-name"', 'maxLengthOf(NewPlanSchema.shape.name)'],
	['src/routes/plans/new/+page.svelte', 'id="plan-exception"', 'maxLengthOf(NewPlanSchema.shape.exceptionReason)'],
	['src/routes/plans/[planId]/PlanEdit.svelte', 'id="edit-name"', 'maxLengthOf(NewPlanSchema.shape.name)'],
	[
		'src/routes/plans/[planId]/PlanEdit.svelte',
		'id="edit-exception"',
		'maxLengthOf(NewPlanSchema.shape.exceptionReason)'
	],
	[
		'src/routes/plans/[planId]/custody/+page.svelte',
		'bind:value={form.handedOverBy}',
		'maxLengthOf(custodySchema.shape.handedOverBy)'
	],
	['src/routes/plans/[planId]/custody/+page.svelte', 'bind:value={form.note}', 'maxLengthOf(custodySchema.shape.note)']
];

describe('form fields take no more text than their schema keeps', () => {
	it.each(FIELDS)('%s %s: maxlength={%s}', (file, marker, expression) => {
		expect(tagWith(file, marker)).toContain(`maxlength={${expression}}`);
	});

	it('the numbers are the schemas’ own', () => {
		expect(DAY_TEXT_MAX.scoreSheetNote).toBe(TEXT_MAX.note);
		expect(ENTRY_TEXT_MAX.reason).toBe(TEXT_MAX.note);
		expect(REVIEW_TEXT_MAX).toEqual({
			decisionReason: TEXT_MAX.note,
			lateReason: TEXT_MAX.note,
			reviewDescription: TEXT_MAX.note,
			reviewExplanation: TEXT_MAX.note
		});
		expect(DAY_TEXT_MAX.incidentDescription).toBe(1000);
		expect(DAY_TEXT_MAX.seatChangeReason).toBe(200);
		expect(maxLengthOf(NewPlanSchema.shape.name)).toBe(120);
		expect(maxLengthOf(NewPlanSchema.shape.exceptionReason)).toBe(300);
		expect(maxLengthOf(custodySchema.shape.note)).toBe(200);
	});
});
