// The centre's administration as rules (市职鉴中心): sites with rooms and the occupations/levels each
// hosts, joint exam days confirmed or changed per month, holiday years, former occupation names.
// Used by the centre's screens, the admin CLI, the server's /api/centre and plan creation alike.
import { z } from 'zod';
import { LEVEL_NAMES, LevelSchema, type CatalogVersion, type Level } from './catalog';
import { EXAM_MONTHS, parsePublishedExamDays, thirdSaturday, type PublishedExamMonth } from './calendar';
import { addDays, dayOfWeek, isIsoDate } from './iso-date';
import type { Message, MessageParam } from './message-text';
import { issueMessage } from './schema-issue';
import {
	ID,
	roomTypeSchema,
	type ExamMonthRecord,
	type ExamMonthStatus,
	type FormerName,
	type HolidayYearRecord,
	type Site
} from './record-schemas';
import {
	defaultWorkingDayCalendar,
	parseHolidayYear,
	withHolidayYears,
	type HolidayYear,
	type WorkingDayCalendar
} from './working-days';

/** A refusal is a message (checks.centre.*), worded in the reader's language by whoever shows it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Message };
const refusal = (key: string, params: Message['params'] = {}): Message => ({ key: `checks.centre.${key}`, params });
/** A refusal of the centre's administration: `checks.centre.<key>` with its parameters. */
export const refused = (key: string, params: Message['params'] = {}): { ok: false; error: Message } => ({
	ok: false,
	error: refusal(key, params)
});
const fail = refused;
/** A schema's first issue: its own message is a key under checks.centre.field when the schema names one. */
export function fieldProblem(issue: { message?: string } | undefined): MessageParam {
	const m = issue?.message ?? '';
	return { msg: m.startsWith('field.') ? refusal(m) : issueMessage(issue) };
}

// ---- sites -----------------------------------------------------------------------------------

export const SiteInputSchema = z.object({
	id: ID,
	name: z.string().trim().min(1, 'field.siteName').max(60),
	address: z.string().trim().max(120).default(''),
	district: z.string().trim().min(1, 'field.siteDistrict').max(20),
	hosts: z.array(z.object({ occupationId: z.string().min(1), levels: z.array(LevelSchema).min(1) })),
	rooms: z
		.array(
			z.object({
				id: ID,
				name: z.string().trim().min(1, 'field.roomName').max(40),
				type: roomTypeSchema,
				capacity: z.number().int().positive('field.capacity').max(500)
			})
		)
		.default([])
});
export type SiteInput = z.input<typeof SiteInputSchema>;

/** Checks a site the centre enters against the catalogue and builds the stored record. */
export function checkSite(input: unknown, catalog: CatalogVersion): Result<Site> {
	const parsed = SiteInputSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return fail('siteInvalid', { path: issue?.path.join('.') ?? '', why: fieldProblem(issue) });
	}
	const s = parsed.data;
	const seen = new Set<string>();
	for (const host of s.hosts) {
		const occupation = catalog.occupations.find((o) => o.id === host.occupationId);
		if (!occupation) return fail('notInCatalog', { occupation: host.occupationId, catalog: catalog.id });
		if (seen.has(occupation.id)) return fail('listedTwice', { occupation: occupation.name });
		seen.add(occupation.id);
		for (const level of host.levels)
			if (!occupation.levels.some((l) => l.level === level))
				return fail('noSuchLevel', { occupation: occupation.name, level: { level } });
	}
	if (!s.hosts.length) return fail('noHosts');
	const roomIds = new Set<string>();
	const roomNames = new Set<string>();
	for (const room of s.rooms) {
		if (roomIds.has(room.id)) return fail('roomIdTwice', { id: room.id });
		if (roomNames.has(room.name)) return fail('roomNameTwice', { name: room.name });
		roomIds.add(room.id);
		roomNames.add(room.name);
	}
	const cols = (capacity: number) => Math.min(10, capacity);
	return {
		ok: true,
		value: {
			v: 1,
			id: s.id,
			name: s.name,
			address: s.address,
			district: s.district,
			occupationIds: s.hosts.map((h) => h.occupationId),
			hosts: s.hosts.map((h) => ({ occupationId: h.occupationId, levels: [...new Set(h.levels)].sort() })),
			rooms: s.rooms.map((r) => ({
				...r,
				cols: cols(r.capacity),
				rows: Math.ceil(r.capacity / cols(r.capacity))
			}))
		}
	};
}

/** The levels a site hosts per occupation. A site written before levels were kept hosts every level. */
export function hostedLevels(site: Site, catalog: CatalogVersion): Map<string, Set<Level>> {
	const result = new Map<string, Set<Level>>();
	if (site.hosts) {
		for (const h of site.hosts) result.set(h.occupationId, new Set(h.levels as Level[]));
		return result;
	}
	for (const id of site.occupationIds) {
		const occupation = catalog.occupations.find((o) => o.id === id);
		if (occupation) result.set(id, new Set(occupation.levels.map((l) => l.level as Level)));
	}
	return result;
}

export interface PlanChoice {
	key: string;
	occupationId: string;
	level: Level;
	label: string;
	/** Why it cannot be chosen, and who can change that (checks.site.*); absent when it can be. */
	refusal?: Message;
}

/** Every occupation/level of the catalogue, each either choosable at the site or with the reason why not. */
export function planChoices(catalog: CatalogVersion, site: Site | undefined): PlanChoice[] {
	const hosted = site ? hostedLevels(site, catalog) : undefined;
	return catalog.occupations.flatMap((o) =>
		o.levels.map((l) => {
			const level = l.level as Level;
			const isHosted = !hosted || hosted.get(o.id)?.has(level) === true;
			return {
				key: `${o.id}|${level}`,
				occupationId: o.id,
				level,
				label: `${o.name} ${LEVEL_NAMES[level]}`,
				...(isHosted
					? {}
					: {
							refusal: {
								key: 'checks.site.notHosted',
								params: { site: site!.name, occupation: o.name, level: { level } }
							}
						})
			};
		})
	);
}

/** Why a plan's occupations cannot be held at the site, or null when all can. */
export function siteRefusal(
	catalog: CatalogVersion,
	site: Site,
	occupations: readonly { occupationId: string; level: Level }[]
): Message | null {
	const choices = new Map(planChoices(catalog, site).map((c) => [c.key, c]));
	for (const o of occupations) {
		const choice = choices.get(`${o.occupationId}|${o.level}`);
		if (!choice)
			return { key: 'checks.site.notInCatalog', params: { occupation: o.occupationId, level: { level: o.level } } };
		if (choice.refusal) return choice.refusal;
	}
	return null;
}

// ---- joint exam days -------------------------------------------------------------------------

export const ExamMonthActionSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('confirm'), month: z.string() }),
	z.object({ action: z.literal('change'), month: z.string(), saturday: z.string(), source: z.string().optional() }),
	z.object({ action: z.literal('cancel'), month: z.string(), source: z.string().optional() })
]);
export type ExamMonthAction = z.infer<typeof ExamMonthActionSchema>;

function ruleSaturday(month: string): string | undefined {
	const [y, m] = month.split('-').map(Number);
	return (EXAM_MONTHS as readonly number[]).includes(m) ? thirdSaturday(y, m) : undefined;
}

/** The record for a confirmation, a change (exception) or a cancellation of one month's exam days. */
export function examMonthRecord(input: unknown, by: string, at: string): Result<ExamMonthRecord> {
	const parsed = ExamMonthActionSchema.safeParse(input);
	if (!parsed.success) return fail('monthAction');
	const action = parsed.data;
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(action.month)) return fail('monthFormat', { month: action.month });
	const rule = ruleSaturday(action.month);
	let saturday: string | undefined;
	if (action.action === 'confirm') {
		if (!rule) return fail('noRuleDay', { month: action.month });
		saturday = rule;
	} else if (action.action === 'change') {
		if (!isIsoDate(action.saturday) || !action.saturday.startsWith(action.month))
			return fail('notInMonth', { date: action.saturday, month: action.month });
		if (dayOfWeek(action.saturday) !== 6) return fail('notSaturday', { date: action.saturday });
		saturday = action.saturday;
	}
	const weekends = saturday ? [{ saturday, sunday: addDays(saturday, 1) }] : [];
	const record: ExamMonthRecord = {
		v: 1,
		month: action.month,
		status: action.action === 'confirm' ? 'confirmed' : action.action === 'change' ? 'changed' : 'cancelled',
		weekends,
		...(action.action !== 'confirm' && action.source ? { source: action.source } : {}),
		by,
		at
	};
	const check = parsePublishedExamDays([{ month: record.month, weekends, source: record.source }]);
	return check.ok ? { ok: true, value: record } : { ok: false, error: check.error };
}

/** The months the calendar functions take: only confirmed, changed or cancelled months replace the rule. */
export function publishedExamDays(records: Iterable<ExamMonthRecord>): PublishedExamMonth[] {
	return [...records].map((r) => ({ month: r.month, weekends: r.weekends, ...(r.source ? { source: r.source } : {}) }));
}

export interface ExamMonthOverview {
	month: string;
	/** The third-Saturday rule's Saturday, if the month is an exam month by rule. */
	ruleSaturday?: string;
	status: 'rule' | ExamMonthStatus;
	weekends: { saturday: string; sunday: string }[];
	source?: string;
}

/** The exam months of a year as the centre sees them: by rule until confirmed, changed or cancelled. */
export function examYearOverview(year: number, records: Iterable<ExamMonthRecord>): ExamMonthOverview[] {
	const byMonth = new Map([...records].filter((r) => r.month.startsWith(`${year}-`)).map((r) => [r.month, r]));
	const months = new Set([...EXAM_MONTHS.map((m) => `${year}-${String(m).padStart(2, '0')}`), ...byMonth.keys()]);
	return [...months].sort().map((month) => {
		const rule = ruleSaturday(month);
		const record = byMonth.get(month);
		return {
			month,
			...(rule ? { ruleSaturday: rule } : {}),
			status: record?.status ?? 'rule',
			weekends: record ? record.weekends : rule ? [{ saturday: rule, sunday: addDays(rule, 1) }] : [],
			...(record?.source ? { source: record.source } : {})
		};
	});
}

// ---- holiday years ---------------------------------------------------------------------------

/**
 * Dates as a clerk types them from the State Council's notice: one per line or separated by
 * commas, a period as "2027-02-15~2027-02-21" (or "至").
 */
export function parseDateList(text: string): Result<string[]> {
	const dates: string[] = [];
	for (const raw of text.split(/[\s,，、;；]+/).filter(Boolean)) {
		const [from, to, extra] = raw.split(/~|～|至/);
		if (extra !== undefined || !isIsoDate(from) || (to !== undefined && !isIsoDate(to)))
			return fail('notADate', { text: raw });
		if (to === undefined) dates.push(from);
		else {
			if (to < from) return fail('periodReversed', { text: raw });
			for (let d = from; d <= to; d = addDays(d, 1)) {
				dates.push(d);
				if (dates.length > 400) return fail('tooManyDates');
			}
		}
	}
	return { ok: true, value: dates };
}

/** Checks a holiday year against the calendar rules (see parseHolidayYear) and that 元旦 is off. */
export function checkHolidayYear(input: unknown, by: string, at: string): Result<HolidayYearRecord> {
	const parsed = parseHolidayYear(input);
	if (!parsed.ok) return { ok: false, error: parsed.error };
	const year = parsed.year;
	if (!year.holidays.includes(`${year.year}-01-01`)) return fail('newYearWorking', { year: year.year });
	return { ok: true, value: { ...year, v: 1, by, at } };
}

/** The working-day calendar every deadline uses: the package's years plus the centre's entered years. */
export function deadlineCalendar(entered: readonly HolidayYear[]): WorkingDayCalendar {
	return entered.length ? withHolidayYears(defaultWorkingDayCalendar(), entered) : defaultWorkingDayCalendar();
}

// ---- former occupation names -----------------------------------------------------------------

export function checkFormerName(input: unknown, catalog: CatalogVersion, by: string, at: string): Result<FormerName> {
	const parsed = z.object({ name: z.string().trim().min(1).max(60), occupationId: z.string() }).safeParse(input);
	if (!parsed.success) return fail('formerNameInput');
	const occupation = catalog.occupations.find((o) => o.id === parsed.data.occupationId);
	if (!occupation) return fail('formerNameOccupation', { occupation: parsed.data.occupationId });
	if (catalog.occupations.some((o) => o.name === parsed.data.name))
		return fail('formerNameCurrent', { name: parsed.data.name });
	return { ok: true, value: { v: 1, name: parsed.data.name, occupationId: occupation.id, by, at } };
}

/**
 * An occupation named in a roster: its current name or a former one (the import asks the user to
 * confirm a former name's mapping before it is used).
 */
export function resolveOccupationName(
	name: string,
	catalog: CatalogVersion,
	formerNames: Iterable<FormerName>
): { occupationId: string; formerName?: string } | undefined {
	const trimmed = name.trim();
	const current = catalog.occupations.find((o) => o.name === trimmed || o.workType === trimmed);
	if (current) return { occupationId: current.id };
	for (const f of formerNames) if (f.name === trimmed) return { occupationId: f.occupationId, formerName: f.name };
	return undefined;
}
