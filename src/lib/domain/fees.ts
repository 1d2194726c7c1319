// The technical-support fee (技术支持服务费) an institution owes the centre for a plan: papers per subject
// sat, score audit per candidate, certificates. Unit prices are versioned data; amounts are integer fen.
import { z } from 'zod';
import { LEVEL_NAMES, LevelSchema, SUBJECT_NAMES, SubjectKindSchema, type Level, type SubjectKind } from './catalog';
import { IsoDateSchema } from './iso-date';
import type { Message } from './message-text';
import { issueMessage } from './schema-issue';

export const FEE_ITEMS = ['subject-sitting', 'candidate', 'certificate'] as const;
export type FeeItem = (typeof FEE_ITEMS)[number];
const FEE_ITEM_NAMES: Record<FeeItem, string> = {
	'subject-sitting': '试题命（印）制',
	candidate: '成绩审核',
	certificate: '证书制作'
};

/**
 * One unit price. `subject` and `level` narrow it; the most specific matching price applies,
 * so a schedule can say "theory 30 元, but level-1 theory 50 元".
 */
export const UnitPriceSchema = z.object({
	item: z.enum(FEE_ITEMS),
	subject: SubjectKindSchema.optional(),
	level: LevelSchema.optional(),
	fen: z.number().int().nonnegative()
});
export type UnitPrice = z.infer<typeof UnitPriceSchema>;

/** The centre's price list. There is no default: prices are set by the centre, never guessed here. */
export const FeeScheduleSchema = z.object({
	id: z.string().min(1),
	effectiveFrom: IsoDateSchema,
	source: z.string().optional(),
	prices: z.array(UnitPriceSchema)
});
export type FeeSchedule = z.infer<typeof FeeScheduleSchema>;

export const FeeInputSchema = z.object({
	/**
	 * Every candidate entered in the plan with the subjects they were entered for (a retake lists only
	 * the subjects retaken). Absent candidates still count: their papers were printed.
	 */
	sittings: z.array(
		z.object({
			candidateId: z.string().min(1),
			level: LevelSchema,
			subjects: z.array(SubjectKindSchema)
		})
	),
	/** Certificates made for the plan, by level. */
	certificates: z.array(z.object({ level: LevelSchema })).default([])
});
export type FeeInput = z.input<typeof FeeInputSchema>;

export interface FeeLine {
	item: FeeItem;
	subject?: SubjectKind;
	level: Level;
	/** What the line charges for (Chinese, as the centre's bill writes it). */
	label: string;
	/** The same in the reader's language (checks.fees.line / lineSubject). */
	labelMessage: Message;
	quantity: number;
	unitFen: number;
	amountFen: number;
}

export type FeeResult = { ok: true; totalFen: number; lines: FeeLine[] } | { ok: false; error: Message };
const refused = (key: string, params: Message['params'] = {}): { ok: false; error: Message } => ({
	ok: false,
	error: { key: `checks.fees.${key}`, params }
});

/** The schedule in force on `date` (latest effective date on or before it). */
export function feeScheduleFor(date: string, schedules: readonly FeeSchedule[]): FeeSchedule | undefined {
	let best: FeeSchedule | undefined;
	for (const s of schedules) if (s.effectiveFrom <= date && (!best || s.effectiveFrom > best.effectiveFrom)) best = s;
	return best;
}

function specificity(p: UnitPrice): number {
	return (p.subject ? 2 : 0) + (p.level ? 1 : 0);
}

type PriceLookup = { kind: 'price'; fen: number } | { kind: 'not-charged' } | { kind: 'missing' };

function priceOf(schedule: FeeSchedule, item: FeeItem, level: Level, subject?: SubjectKind): PriceLookup {
	const forItem = schedule.prices.filter((p) => p.item === item);
	// An item the schedule never mentions is not charged at all.
	if (forItem.length === 0) return { kind: 'not-charged' };
	const matching = forItem
		.filter((p) => (p.subject === undefined || p.subject === subject) && (p.level === undefined || p.level === level))
		.sort((a, b) => specificity(b) - specificity(a));
	if (matching.length === 0) return { kind: 'missing' };
	if (
		matching.length > 1 &&
		specificity(matching[0]) === specificity(matching[1]) &&
		matching[0].fen !== matching[1].fen
	) {
		return { kind: 'missing' };
	}
	return { kind: 'price', fen: matching[0].fen };
}

const itemName = (item: FeeItem): Message => ({ key: `checks.fees.item.${item}`, params: {} });

/** The fee for a plan, itemised. Fails (rather than charging 0) when a needed price is missing or ambiguous. */
export function computeTechnicalFee(input: FeeInput, scheduleInput: FeeSchedule): FeeResult {
	const parsedInput = FeeInputSchema.safeParse(input);
	if (!parsedInput.success) return refused('inputInvalid', { why: { msg: issueMessage(parsedInput.error.issues[0]) } });
	const parsedSchedule = FeeScheduleSchema.safeParse(scheduleInput);
	if (!parsedSchedule.success)
		return refused('scheduleInvalid', { why: { msg: issueMessage(parsedSchedule.error.issues[0]) } });
	const schedule = parsedSchedule.data;
	const { sittings, certificates } = parsedInput.data;

	const seen = new Set<string>();
	for (const s of sittings) {
		if (seen.has(s.candidateId)) return refused('countedTwice', { id: s.candidateId });
		seen.add(s.candidateId);
	}

	// Count quantities per (item, subject, level) first, so the lines do not depend on input order.
	const counts = new Map<string, { item: FeeItem; subject?: SubjectKind; level: Level; quantity: number }>();
	const bump = (item: FeeItem, level: Level, subject?: SubjectKind) => {
		const key = `${item}|${subject ?? ''}|${level}`;
		const entry = counts.get(key) ?? { item, subject, level, quantity: 0 };
		entry.quantity += 1;
		counts.set(key, entry);
	};
	for (const s of sittings) {
		bump('candidate', s.level);
		for (const subject of new Set(s.subjects)) bump('subject-sitting', s.level, subject);
	}
	for (const c of certificates) bump('certificate', c.level);

	const lines: FeeLine[] = [];
	for (const { item, subject, level, quantity } of counts.values()) {
		const price = priceOf(schedule, item, level, subject);
		const what = `${FEE_ITEM_NAMES[item]}（${subject ? `${SUBJECT_NAMES[subject]}，` : ''}${LEVEL_NAMES[level]}）`;
		const labelMessage: Message = subject
			? {
					key: 'checks.fees.lineSubject',
					params: { item: { msg: itemName(item) }, subject: { subject }, level: { level } }
				}
			: { key: 'checks.fees.line', params: { item: { msg: itemName(item) }, level: { level } } };
		if (price.kind === 'not-charged') continue;
		if (price.kind === 'missing') return refused('noPrice', { schedule: schedule.id, what: { msg: labelMessage } });
		lines.push({
			item,
			subject,
			level,
			label: what,
			labelMessage,
			quantity,
			unitFen: price.fen,
			amountFen: price.fen * quantity
		});
	}
	const order = (l: FeeLine) =>
		`${FEE_ITEMS.indexOf(l.item)}|${6 - l.level}|${l.subject ? ['theory', 'skill', 'review'].indexOf(l.subject) : 0}`;
	lines.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
	const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
	if (!Number.isSafeInteger(totalFen)) return refused('tooLarge');
	return { ok: true, totalFen, lines };
}

/** 123456 → "1,234.56 元" (the unit word as the screen's language writes it). */
export function formatFen(fen: number, unit = '元'): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(Math.trunc(fen));
	const yuan = Math.floor(abs / 100).toLocaleString('en-US');
	return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')} ${unit}`;
}
