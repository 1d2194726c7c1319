// What proctors and examiners record on the day (day documents): the `data` of each entry kind.
// Check-in = an identity-check plus an attendance entry; room events cover the room as a whole.
import { z } from 'zod';
import { TEXT_MAX, maxLengthOf } from './text-limits';

/** Photos are resized on the device and kept inside the entry; the cap keeps documents small. */
export const MAX_PHOTO_CHARS = 140_000;
const photo = z.string().startsWith('data:image/').max(MAX_PHOTO_CHARS, '照片过大，请重新拍摄');

export const ATTENDANCE_STATES = ['present', 'absent', 'late', 'left-early'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

const attendance = z.strictObject({
	state: z.enum(ATTENDANCE_STATES),
	sessionId: z.string(),
	time: z.string(),
	roomId: z.string().optional(),
	note: z.string().max(200).optional()
});

export const IDENTITY_METHODS = ['id-card', 'id-card-reader', 'other-document', 'ticket-only'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

const identityCheck = z.strictObject({
	sessionId: z.string(),
	roomId: z.string(),
	/** How the candidate was found: scanned/pasted ticket QR or a roster search. */
	via: z.enum(['qr', 'search']),
	method: z.enum(IDENTITY_METHODS),
	/** The person and the document match the roster (name, ID number, photo when there is one). */
	isMatch: z.boolean(),
	photo: photo.optional(),
	note: z.string().max(200).optional()
});

const seatChange = z.strictObject({
	sessionId: z.string(),
	roomId: z.string(),
	to: z.strictObject({ row: z.number().int().nonnegative(), col: z.number().int().nonnegative() }),
	reason: z.string().min(1).max(200)
});

/** 违纪 kinds (考场违纪违规行为), then the other incident categories. */
export const VIOLATION_TYPES = [
	'carrying-material',
	'copying',
	'talking',
	'device',
	'impersonation',
	'leaving-without-permission',
	'disorder',
	'other-violation'
] as const;
export const INCIDENT_CATEGORIES = ['violation', 'emergency', 'equipment', 'other'] as const;

const incident = z.strictObject({
	sessionId: z.string(),
	roomId: z.string(),
	category: z.enum(INCIDENT_CATEGORIES),
	violationType: z.enum(VIOLATION_TYPES).optional(),
	time: z.string(),
	description: z.string().min(1, '请填写情况说明').max(1000),
	photo: photo.optional()
});

export const ROOM_EVENTS = ['video-confirmed', 'papers-opened', 'papers-returned', 'summary-signed'] as const;
export type RoomEventKind = (typeof ROOM_EVENTS)[number];

export const roomSummarySchema = z.strictObject({
	expected: z.number().int().nonnegative(),
	present: z.number().int().nonnegative(),
	absent: z.number().int().nonnegative(),
	late: z.number().int().nonnegative(),
	leftEarly: z.number().int().nonnegative(),
	unrecorded: z.number().int().nonnegative(),
	incidents: z.number().int().nonnegative()
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

const roomEvent = z.strictObject({
	sessionId: z.string(),
	roomId: z.string(),
	event: z.enum(ROOM_EVENTS),
	time: z.string(),
	/** papers-opened: the two people who saw the seal intact. */
	witnesses: z.array(z.string().min(1)).length(2).optional(),
	/** papers-returned: how many papers were handed back. */
	count: z.number().int().nonnegative().optional(),
	summary: roomSummarySchema.optional(),
	note: z.string().max(500).optional()
});

const scoreSheet = z.strictObject({
	groupId: z.string().max(TEXT_MAX.id),
	subject: z.enum(['skill', 'review']),
	items: z.array(z.strictObject({ itemId: z.string().max(TEXT_MAX.id), score: z.number().nonnegative() })),
	total: z.number().nonnegative(),
	isSubmitted: z.boolean(),
	note: z.string().max(TEXT_MAX.note).optional(),
	/** Seconds the task timer ran, when the examiner used it. */
	timedSeconds: z.number().int().nonnegative().optional()
});

/** The longest text each day form field takes (the inputs' maxlength), read from the schemas above. */
export const DAY_TEXT_MAX = {
	incidentDescription: maxLengthOf(incident.shape.description),
	seatChangeReason: maxLengthOf(seatChange.shape.reason),
	scoreSheetNote: maxLengthOf(scoreSheet.shape.note)
};

export const DAY_ENTRY_SCHEMAS = {
	attendance,
	'identity-check': identityCheck,
	'seat-change': seatChange,
	incident,
	'room-event': roomEvent,
	'score-sheet': scoreSheet
} satisfies Record<string, z.ZodType>;
export type AttendanceData = z.infer<typeof attendance>;
export type IdentityCheckData = z.infer<typeof identityCheck>;
export type SeatChangeData = z.infer<typeof seatChange>;
export type IncidentData = z.infer<typeof incident>;
export type RoomEventData = z.infer<typeof roomEvent>;
export type ScoreSheetData = z.infer<typeof scoreSheet>;
