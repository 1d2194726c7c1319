// What supervisors record at the desk after the session (review documents): the `data` of each
// entry kind. Every entry keeps who (author), when (at/hlc) and which device; decisions also say why.
import { z } from 'zod';
import { SubjectKindSchema } from './catalog';
import { IsoDateSchema } from './iso-date';
import { TEXT_MAX, maxLengthOf } from './text-limits';

const SubjectOutcomeSnapshot = z.strictObject({
	status: z.enum(['scored', 'absent', 'voided', 'missing', 'carried-over']),
	score: z.number().min(0).max(100).optional()
});

/** A decision on one reconciliation item (reconcile.ts `ReconcileItem.key`); the original entries stay. */
export const decisionSchema = z.strictObject({
	itemKey: z.string().min(1).max(TEXT_MAX.line),
	itemKind: z.string().min(1).max(TEXT_MAX.id),
	/** What was decided, one of the item's options (e.g. `present`, `absent`, `accept`, `score`, `void`). */
	action: z.string().min(1).max(TEXT_MAX.id),
	/** A score (points) or a candidate id, when the action needs one. */
	value: z.union([z.string().max(TEXT_MAX.line), z.number()]).optional(),
	/** Why: required, a decision is never silent. */
	reason: z.string().min(1).max(TEXT_MAX.note),
	/** The entries the supervisor saw when deciding. */
	entryIds: z.array(z.string().max(TEXT_MAX.id)).default([])
});
export type DecisionData = z.infer<typeof decisionSchema>;

/** Theory scores from the exam platform's file; a later import replaces the scores it names. */
export const theoryImportSchema = z.strictObject({
	fileName: z.string().min(1).max(TEXT_MAX.line),
	rows: z
		.array(z.strictObject({ candidateId: z.string().min(1), score: z.number().min(0).max(100), row: z.number().int() }))
		.min(1)
});
export type TheoryImportData = z.infer<typeof theoryImportSchema>;

/**
 * Scores of a subject sat on paper or on computer, from a file (theory from the exam platform, a
 * written or computer skill exam from its marking): a later import replaces the rows it names.
 * A row is a score or 缺考 (the file said so, or left the cell empty); never both, never neither.
 */
export const scoreImportSchema = z.strictObject({
	subject: SubjectKindSchema,
	fileName: z.string().min(1).max(TEXT_MAX.line),
	rows: z
		.array(
			z
				.object({
					candidateId: z.string().min(1),
					row: z.number().int(),
					score: z.number().min(0).max(100).optional(),
					isAbsent: z.literal(true).optional()
				})
				.refine((r) => (r.score === undefined) !== (r.isAbsent === undefined), '一行须是分数或缺考')
		)
		.min(1)
});
export type ScoreImportData = z.infer<typeof scoreImportSchema>;

/** 成绩公示: the period and a snapshot of what was published (so the public look-up shows exactly that). */
export const publicationSchema = z.strictObject({
	startDate: IsoDateSchema,
	endDate: IsoDateSchema,
	deadline: IsoDateSchema,
	isLate: z.boolean(),
	lateReason: z.string().max(TEXT_MAX.note).optional(),
	results: z.array(
		z.strictObject({
			candidateId: z.string(),
			hasPassed: z.boolean(),
			subjects: z.record(z.string(), SubjectOutcomeSnapshot)
		})
	)
});
export type PublicationData = z.infer<typeof publicationSchema>;

export const REVIEW_GROUNDS = [
	'missed-marking',
	'adding-error',
	'entry-error',
	'discipline-record',
	'other-anomaly'
] as const;
export const reviewGroundSchema = z.enum(REVIEW_GROUNDS);
export type ReviewGround = z.infer<typeof reviewGroundSchema>;

/** 复核申请, accepted (refused requests are answered on the spot and not recorded as accepted). */
export const reviewRequestSchema = z.strictObject({
	subject: SubjectKindSchema,
	ground: reviewGroundSchema,
	description: z.string().min(1).max(TEXT_MAX.note),
	receivedDate: IsoDateSchema,
	replyDeadline: IsoDateSchema
});
export type ReviewRequestData = z.infer<typeof reviewRequestSchema>;

export const reviewReplySchema = z.strictObject({
	requestId: z.string().min(1).max(TEXT_MAX.id),
	outcome: z.enum(['changed', 'unchanged']),
	repliedDate: IsoDateSchema,
	explanation: z.string().min(1).max(TEXT_MAX.note),
	/** A changed outcome corrects the subject's score: the reply is the correction (publication.ts). */
	newScore: z.number().min(0).max(100).optional(),
	previousScore: z.number().min(0).max(100).optional()
});
export type ReviewReplyData = z.infer<typeof reviewReplySchema>;

/**
 * A subject score changed after publication; the entry's candidateId names whom. Written by earlier
 * versions beside a review reply; a changed reply now carries the correction itself.
 */
export const resultCorrectionSchema = z.strictObject({
	subject: SubjectKindSchema,
	score: z.number().min(0).max(100),
	previousScore: z.number().min(0).max(100).optional(),
	requestId: z.string().max(TEXT_MAX.id).optional(),
	reason: z.string().min(1).max(TEXT_MAX.note)
});
export type ResultCorrectionData = z.infer<typeof resultCorrectionSchema>;

/** Certificate number configuration (organisation code, province, serial), see certificate-number.ts. */
export const certificateConfigSchema = z.strictObject({
	evaluatorType: z.enum(['S', 'Y']),
	orgCode: z.string().regex(/^\d{4}$/),
	province: z.string().regex(/^\d{2}$/),
	orgSerial: z.string().regex(/^\d{6}$/),
	year: z.number().int().min(2000).max(2099)
});
export type CertificateConfigData = z.infer<typeof certificateConfigSchema>;

export const certificatesIssuedSchema = z.strictObject({
	numbers: z.array(z.strictObject({ candidateId: z.string().min(1), number: z.string().length(22) })).min(1)
});
export type CertificatesIssuedData = z.infer<typeof certificatesIssuedSchema>;

/** Results are final: no more review requests are open; certificates may be allocated. */
export const finalisationSchema = z.strictObject({
	finalisedDate: IsoDateSchema,
	isEarly: z.boolean(),
	note: z.string().optional()
});
export type FinalisationData = z.infer<typeof finalisationSchema>;

/** The longest text each desk form field takes (the inputs' maxlength), read from the schemas above. */
export const REVIEW_TEXT_MAX = {
	decisionReason: maxLengthOf(decisionSchema.shape.reason),
	lateReason: maxLengthOf(publicationSchema.shape.lateReason),
	reviewDescription: maxLengthOf(reviewRequestSchema.shape.description),
	reviewExplanation: maxLengthOf(reviewReplySchema.shape.explanation)
};

export const REVIEW_ENTRY_SCHEMAS = {
	decision: decisionSchema,
	'theory-import': theoryImportSchema,
	'score-import': scoreImportSchema,
	publication: publicationSchema,
	'review-request': reviewRequestSchema,
	'review-reply': reviewReplySchema,
	'result-correction': resultCorrectionSchema,
	'certificate-config': certificateConfigSchema,
	'certificates-issued': certificatesIssuedSchema,
	finalisation: finalisationSchema
} satisfies Record<string, z.ZodType>;
