// The records an institution keeps in a plan document (plan, candidates, rooms, sessions, seats,
// staff, groups, rubrics) and the directory of people and organisations in the config document.
// Each record carries a schema version `v`; the maps at the end name each record type with its
// versions and up-migrations (record-versions.ts), so data written by an older app is brought up to
// date and data written by a newer one is kept and shown as needing a newer app. Schemas are strict:
// a field a version does not declare is refused, not carried along unseen.
import { z } from 'zod';
import { LevelSchema, SubjectKindSchema } from './catalog';
import { recordType, type UpMigration } from './record-versions';
import { CarriedSubjectSchema } from './scoring';
import { DocumentTypeSchema } from './identity';
import { MessageSchema } from './message-schema';
import { IsoDateSchema } from './iso-date';
import { HolidayYearSchema } from './holiday-year';

const ISO_DATE = IsoDateSchema;
export const ID = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/, 'checks.schema.id');

export const ROLE_VALUES = [
	'centre-admin',
	'district-bureau',
	'institution-admin',
	'supervisor',
	'proctor',
	'examiner'
] as const;
export const roleSchema = z.enum(ROLE_VALUES);
export type Role = z.infer<typeof roleSchema>;

const levelSchema = LevelSchema;
const subjectSchema = SubjectKindSchema;

export const planInfoSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	name: z.string().min(1).max(120),
	institutionId: ID,
	siteId: ID,
	examDate: ISO_DATE,
	occupations: z.array(z.strictObject({ occupationId: z.string().min(1), level: levelSchema })).min(1),
	expectedCandidates: z.number().int().nonnegative(),
	createdAt: z.string(),
	createdBy: z.string(),
	/** The plan's 报送 deadline as computed when it was created (deadlines.ts `planDeadline`). */
	planDeadline: ISO_DATE.optional(),
	/** The centre let the plan in (or changed it) past the deadline: why, who, when. */
	deadlineException: z
		.strictObject({ reason: z.string().max(500).optional(), by: z.string(), at: z.string() })
		.optional(),
	updatedAt: z.string().optional(),
	updatedBy: z.string().optional()
});
export type PlanInfo = z.infer<typeof planInfoSchema>;

export const eligibilitySchema = z.strictObject({
	status: z.enum(['pending', 'approved', 'rejected']),
	conditionId: z.string().optional(),
	evidence: z.string().optional(),
	reason: z.string().optional(),
	reviewedBy: z.string().optional(),
	reviewedAt: z.string().optional(),
	spotCheckedBy: z.string().optional(),
	spotCheckedAt: z.string().optional()
});

/**
 * What the registration form said about eligibility: kept as the reviewer's evidence. A field the form
 * left empty is absent, never 0.
 */
export const declaredEvidenceSchema = z.strictObject({
	workSince: ISO_DATE.optional(),
	workYears: z.number().nonnegative().max(80).optional(),
	certLevel: levelSchema.optional(),
	certDate: ISO_DATE.optional(),
	priorCert: z.string().max(120).optional(),
	education: z.string().max(40).optional()
});
export type DeclaredEvidence = z.infer<typeof declaredEvidenceSchema>;

export const candidateSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	name: z.string().min(1).max(40),
	idType: DocumentTypeSchema,
	idNumber: z.string().min(5).max(30),
	sex: z.enum(['M', 'F']).optional(),
	birthDate: ISO_DATE.optional(),
	occupationId: z.string().min(1),
	level: levelSchema,
	employer: z.string().max(80).optional(),
	phone: z.string().max(30).optional(),
	admissionNo: z.string().max(30).optional(),
	isRetake: z.boolean().optional(),
	/** Subjects passed at an earlier sitting and kept for this one (scoring.ts `carriedOf`). */
	carriedOver: z.array(CarriedSubjectSchema).optional(),
	declared: declaredEvidenceSchema.optional(),
	eligibility: eligibilitySchema
});
export type Candidate = z.infer<typeof candidateSchema>;

export const roomTypeSchema = z.enum(['computer', 'paper', 'practical', 'review']);
export const roomSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	name: z.string().min(1).max(40),
	type: roomTypeSchema,
	rows: z.number().int().positive().max(50),
	cols: z.number().int().positive().max(50),
	capacity: z.number().int().positive().max(500)
});
export type Room = z.infer<typeof roomSchema>;

export const examSessionSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	subject: subjectSchema,
	roomId: ID,
	date: ISO_DATE,
	start: z.string().regex(/^\d{2}:\d{2}$/),
	end: z.string().regex(/^\d{2}:\d{2}$/)
});
export type ExamSession = z.infer<typeof examSessionSchema>;

export const seatSchema = z.strictObject({
	v: z.literal(1),
	sessionId: ID,
	candidateId: ID,
	row: z.number().int().nonnegative(),
	col: z.number().int().nonnegative()
});
export type Seat = z.infer<typeof seatSchema>;

export const staffDutySchema = z.enum(['supervisor', 'exam-staff', 'invigilator', 'examiner']);
export const staffAssignmentSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	userId: z.string().min(1),
	duty: staffDutySchema,
	sessionId: ID.optional(),
	groupId: ID.optional(),
	isChair: z.boolean().optional()
});
export type StaffAssignment = z.infer<typeof staffAssignmentSchema>;

export const groupSchema = z.strictObject({
	v: z.literal(2),
	id: ID,
	kind: z.enum(['skill', 'review']),
	name: z.string().min(1).max(40),
	sessionId: ID,
	occupationId: z.string().min(1),
	level: levelSchema,
	candidateIds: z.array(ID),
	rubricId: ID,
	minutesPerCandidate: z.number().int().positive().optional(),
	/** Candidates examined at once (stations of a practical room; 1 for a review panel). Since v2. */
	parallel: z.number().int().positive().max(500)
});
export type Group = z.infer<typeof groupSchema>;

/**
 * v1 → v2: how many candidates a group examines at once became a declared field. Version 1 groups
 * made by the groups panel carried it undeclared; those without it (the demo's, hand-made ones)
 * went one after another.
 */
export const groupV1toV2: UpMigration = (old) => {
	const parallel = old.parallel;
	return {
		...old,
		parallel: typeof parallel === 'number' && Number.isSafeInteger(parallel) && parallel >= 1 ? parallel : 1
	};
};

export const rubricSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	name: z.string().min(1).max(80),
	items: z.array(z.strictObject({ id: ID, label: z.string().min(1), max: z.number().positive() })).min(1)
});
export type Rubric = z.infer<typeof rubricSchema>;

export const organisationSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	kind: z.enum(['centre', 'district', 'institution']),
	name: z.string().min(1),
	district: z.string(),
	code: z.string()
});
export type Organisation = z.infer<typeof organisationSchema>;

export const siteRoomSchema = z.strictObject({
	id: ID,
	name: z.string().min(1).max(40),
	type: roomTypeSchema,
	capacity: z.number().int().positive().max(500),
	rows: z.number().int().positive().max(50),
	cols: z.number().int().positive().max(50)
});
export type SiteRoom = z.infer<typeof siteRoomSchema>;

/** A site (考点) the centre approved: the occupations/levels it hosts and its rooms. Written by the server. */
export const siteSchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	name: z.string().min(1),
	address: z.string(),
	district: z.string(),
	/** Occupations hosted (every level unless `hosts` says which). */
	occupationIds: z.array(z.string()),
	hosts: z.array(z.strictObject({ occupationId: z.string().min(1), levels: z.array(levelSchema) })).optional(),
	rooms: z.array(siteRoomSchema).optional()
});
export type Site = z.infer<typeof siteSchema>;

export const personSchema = z.strictObject({
	v: z.literal(1),
	id: z.string().min(1),
	name: z.string().min(1),
	role: roleSchema,
	organisationId: ID
});
export type Person = z.infer<typeof personSchema>;

// ---- Before the day (issue 5): district review, spot checks, paper custody, video checklist ----

/**
 * The district bureau approves or returns the exam affairs arrangement (考务方案审核); written by the server.
 * v2 adds `failing`, the failing checks as messages (key + parameters) so each reader sees them in her
 * language; a v1 record keeps its Chinese `failingChecks` only.
 */
export const districtReviewSchema = z.strictObject({
	v: z.literal(2),
	id: ID,
	/** 'submitted': the institution asked for review; 'approved'/'returned': the district's decision. */
	decision: z.enum(['submitted', 'approved', 'returned']),
	comment: z.string().max(500),
	/** The plan content (planContentHash) the submission or approval was about. */
	contentHash: z.string().max(32).optional(),
	/** Why the district approved although checks failed (required then). */
	exceptionReason: z.string().max(500).optional(),
	/** The checks that failed when the decision was made, in Chinese as the district read them. */
	failingChecks: z.array(z.string()).optional(),
	/** The same checks as messages (v2), worded by messageText in the reader's language. */
	failing: z.array(MessageSchema).max(500).optional(),
	by: z.string().min(1),
	byName: z.string(),
	at: z.string()
});
export type DistrictReview = z.infer<typeof districtReviewSchema>;

/** The district's spot check (抽查) of one candidate's eligibility review; key: candidate id. */
export const spotCheckSchema = z.strictObject({
	v: z.literal(1),
	candidateId: ID,
	isConfirmed: z.boolean(),
	note: z.string().max(200).optional(),
	by: z.string().min(1),
	byName: z.string(),
	at: z.string()
});
export type SpotCheck = z.infer<typeof spotCheckSchema>;

/** Receipt of sealed papers from the centre (试卷配发). */
export const custodySchema = z.strictObject({
	v: z.literal(1),
	id: ID,
	handedOverBy: z.string().min(1).max(40),
	receivedBy: z.string().min(1).max(40),
	at: z.string(),
	packages: z.number().int().positive(),
	isSealIntact: z.boolean(),
	note: z.string().max(200).optional()
});
export type Custody = z.infer<typeof custodySchema>;

/** Video monitoring confirmed per room before the exam; key: room id. */
export const videoCheckSchema = z.strictObject({
	v: z.literal(1),
	roomId: ID,
	isCameraWorking: z.boolean(),
	isFullCoverage: z.boolean(),
	confirmedBy: z.string().min(1),
	at: z.string(),
	note: z.string().max(200).optional()
});
export type VideoCheck = z.infer<typeof videoCheckSchema>;

/** The maps of each document kind and the schema of the values each holds. */
export const PLAN_MAPS = {
	plan: recordType(planInfoSchema),
	candidates: recordType(candidateSchema),
	rooms: recordType(roomSchema),
	sessions: recordType(examSessionSchema),
	seats: recordType(seatSchema),
	staff: recordType(staffAssignmentSchema),
	groups: recordType(groupSchema, { version: 2, up: { 1: groupV1toV2 } }),
	rubrics: recordType(rubricSchema),
	custody: recordType(custodySchema),
	videoChecks: recordType(videoCheckSchema)
} as const;

/** Changes to a plan's arrangements the server received after the 考务安排 deadline, per person and day (late-changes.ts). */
export const lateChangeSchema = z.strictObject({
	v: z.literal(1),
	by: z.string().min(1),
	byName: z.string(),
	/** The Beijing day of the changes and the deadline they missed. */
	date: z.string(),
	deadline: z.string(),
	/** Server receipt times of the first and last change that day. */
	firstAt: z.string(),
	lastAt: z.string(),
	count: z.number().int().positive(),
	maps: z.array(z.string())
});
export type LateChange = z.infer<typeof lateChangeSchema>;

/**
 * The plan's registry document (`registry:{planId}`): facts others decide about a plan, which only
 * the server writes after the API's checks. The institution writes the plan document and can never
 * write these.
 */
export const REGISTRY_MAPS = {
	/** The plan's info (`info`), written through /api/plans after its deadline checks. */
	plan: recordType(planInfoSchema),
	/** The examiners the centre dispatched (交叉派遣), through /api/plans/{id}/examiners. */
	examiners: recordType(staffAssignmentSchema),
	districtReviews: recordType(districtReviewSchema, { version: 2, up: { 1: (v1) => v1 } }),
	spotChecks: recordType(spotCheckSchema),
	lateChanges: recordType(lateChangeSchema)
} as const;

export const ticketKeySchema = z.strictObject({
	v: z.literal(1),
	alg: z.literal('Ed25519'),
	publicKey: z.string().min(20),
	createdAt: z.string()
});
export type TicketKey = z.infer<typeof ticketKeySchema>;

// ---- The centre's administration (config document, written by the server only) ----

export const EXAM_MONTH_STATUSES = ['confirmed', 'changed', 'cancelled'] as const;
export type ExamMonthStatus = (typeof EXAM_MONTH_STATUSES)[number];

/** One month's joint exam days as the centre published them; key: YYYY-MM. */
export const examMonthRecordSchema = z.strictObject({
	v: z.literal(1),
	month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
	status: z.enum(EXAM_MONTH_STATUSES),
	weekends: z.array(z.strictObject({ saturday: ISO_DATE, sunday: ISO_DATE })),
	source: z.string().max(200).optional(),
	by: z.string().optional(),
	at: z.string().optional()
});
export type ExamMonthRecord = z.infer<typeof examMonthRecordSchema>;

/** A holiday year the centre entered from the State Council's notice; key: the year. */
export const holidayYearRecordSchema = HolidayYearSchema.extend({
	v: z.literal(1),
	by: z.string().optional(),
	at: z.string().optional()
}).strict();
export type HolidayYearRecord = z.infer<typeof holidayYearRecordSchema>;

/** A former occupation name (e.g. 人力资源管理师) and the current occupation it maps to; key: the name. */
export const formerNameSchema = z.strictObject({
	v: z.literal(1),
	name: z.string().min(1).max(60),
	occupationId: z.string().min(1),
	by: z.string().optional(),
	at: z.string().optional()
});
export type FormerName = z.infer<typeof formerNameSchema>;

export const CONFIG_MAPS = {
	examDays: recordType(examMonthRecordSchema),
	holidayYears: recordType(holidayYearRecordSchema),
	formerNames: recordType(formerNameSchema),
	keys: recordType(ticketKeySchema),
	organisations: recordType(organisationSchema),
	sites: recordType(siteSchema),
	directory: recordType(personSchema)
} as const;
