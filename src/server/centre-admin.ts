// The centre's administration on the server: sites, joint exam days, holiday years, former
// occupation names, organisations and accounts. One set of operations used by /api/centre, the
// admin CLI (`npm run admin`) and the demo seed. SQLite is the source; `publishCentre` writes the
// config document, which only the server writes. The CLI runs in another process, so every change
// bumps a revision the running server watches (`watchCentre`).
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CATALOG_2025_08, catalogFor, type CatalogVersion } from '../lib/domain/catalog';
import {
	checkFormerName,
	checkHolidayYear,
	checkSite,
	deadlineCalendar,
	examMonthRecord,
	publishedExamDays,
	fieldProblem,
	refused,
	type Result
} from '../lib/domain/centre-config';
import type { PublishedExamMonth } from '../lib/domain/calendar';
import {
	ID,
	ROLE_VALUES,
	examMonthRecordSchema,
	formerNameSchema,
	holidayYearRecordSchema,
	siteSchema,
	type ExamMonthRecord,
	type FormerName,
	type HolidayYearRecord,
	type Site
} from '../lib/domain/record-schemas';
import type { WorkingDayCalendar } from '../lib/domain/working-days';
import { configDoc } from '../lib/sync/doc-names';
import { hashPassword } from './auth';
import { publishDirectory } from './directory';
import { passwordProblem } from '../lib/domain/password-policy';
import { Sessions } from './sessions';
import type { Role, Store, UserRow } from './store';
import type { SyncServer } from './sync-server';

const KINDS = {
	site: siteSchema,
	'exam-month': examMonthRecordSchema,
	'holiday-year': holidayYearRecordSchema,
	'former-name': formerNameSchema
} as const;
type Kind = keyof typeof KINDS;
const CONFIG_MAP: Record<Kind, string> = {
	site: 'sites',
	'exam-month': 'examDays',
	'holiday-year': 'holidayYears',
	'former-name': 'formerNames'
};
const REVISION = 'centre-revision';

/** The catalogue the centre's records are checked against: the one in force today. */
export function currentCatalog(today: string): CatalogVersion {
	const found = catalogFor(today);
	return found.ok ? found.catalog : CATALOG_2025_08;
}

async function list<K extends Kind>(store: Store, kind: K): Promise<z.infer<(typeof KINDS)[K]>[]> {
	const rows = await store.listCentreRecords(kind);
	return rows.flatMap((value) => {
		const parsed = KINDS[kind].safeParse(JSON.parse(value));
		return parsed.success ? [parsed.data as z.infer<(typeof KINDS)[K]>] : [];
	});
}

async function put(store: Store, kind: Kind, id: string, value: unknown, by: string) {
	await store.putCentreRecord(kind, id, JSON.stringify(value), by);
	await bump(store);
}

async function remove(store: Store, kind: Kind, id: string) {
	await store.deleteCentreRecord(kind, id);
	await bump(store);
}

function bump(store: Store) {
	return store.incrementSetting(REVISION);
}

// ---- what plan creation and deadlines read ---------------------------------------------------

export interface CentreFacts {
	sites: Site[];
	published: PublishedExamMonth[];
	calendar: WorkingDayCalendar;
	formerNames: FormerName[];
}

export async function centreFacts(store: Store): Promise<CentreFacts> {
	return {
		sites: await list(store, 'site'),
		published: publishedExamDays(await list(store, 'exam-month')),
		calendar: deadlineCalendar(await list(store, 'holiday-year')),
		formerNames: await list(store, 'former-name')
	};
}

export const listSites = (store: Store): Promise<Site[]> => list(store, 'site');
export const listExamMonths = (store: Store): Promise<ExamMonthRecord[]> => list(store, 'exam-month');
export const listHolidayYears = (store: Store): Promise<HolidayYearRecord[]> => list(store, 'holiday-year');
export const listFormerNames = (store: Store): Promise<FormerName[]> => list(store, 'former-name');

// ---- changes (each checked by the domain first) ----------------------------------------------

export interface Actor {
	id: string;
	today: string;
}

export async function saveSite(store: Store, input: unknown, actor: Actor): Promise<Result<Site>> {
	const checked = checkSite(input, currentCatalog(actor.today));
	if (checked.ok) await put(store, 'site', checked.value.id, checked.value, actor.id);
	return checked;
}

export async function setExamMonth(store: Store, input: unknown, actor: Actor): Promise<Result<ExamMonthRecord>> {
	const checked = examMonthRecord(input, actor.id, new Date().toISOString());
	if (!checked.ok) return checked;
	const plansOnOldDays = (await store.listPlans())
		.filter((p) => p.examDate.startsWith(checked.value.month))
		.filter((p) => !checked.value.weekends.some((w) => w.saturday === p.examDate));
	if (plansOnOldDays.length)
		return refused('plansOnOldDays', {
			count: plansOnOldDays.length,
			dates: { list: plansOnOldDays.map((p) => p.examDate) }
		});
	await put(store, 'exam-month', checked.value.month, checked.value, actor.id);
	return checked;
}

/** Back to the third-Saturday rule for a month (undoes a confirmation or exception). */
export async function resetExamMonth(store: Store, month: string): Promise<void> {
	await remove(store, 'exam-month', month);
}

export async function saveHolidayYear(store: Store, input: unknown, actor: Actor): Promise<Result<HolidayYearRecord>> {
	const checked = checkHolidayYear(input, actor.id, new Date().toISOString());
	if (checked.ok) await put(store, 'holiday-year', String(checked.value.year), checked.value, actor.id);
	return checked;
}

export async function saveFormerName(store: Store, input: unknown, actor: Actor): Promise<Result<FormerName>> {
	const checked = checkFormerName(input, currentCatalog(actor.today), actor.id, new Date().toISOString());
	if (checked.ok) await put(store, 'former-name', checked.value.name, checked.value, actor.id);
	return checked;
}

export async function removeFormerName(store: Store, name: string): Promise<void> {
	await remove(store, 'former-name', name);
}

// ---- organisations and accounts --------------------------------------------------------------

const OrganisationInputSchema = z.object({
	id: ID,
	kind: z.enum(['centre', 'district', 'institution']),
	name: z.string().trim().min(1, 'field.orgName').max(80),
	district: z.string().trim().max(20).default(''),
	code: z.string().trim().max(20).default('')
});

export async function saveOrganisation(store: Store, input: unknown): Promise<Result<{ id: string }>> {
	const parsed = OrganisationInputSchema.safeParse(input);
	if (!parsed.success) return refused('orgInvalid', { why: fieldProblem(parsed.error.issues[0]) });
	const o = parsed.data;
	if (o.kind !== 'centre' && !o.district) return refused('orgDistrict');
	await store.upsertOrganisation(o);
	await bump(store);
	return { ok: true, value: { id: o.id } };
}

const UserInputSchema = z.object({
	username: z
		.string()
		.trim()
		.regex(/^[a-z0-9_.-]{2,32}$/, 'field.username'),
	name: z.string().trim().min(1, 'field.personName').max(40),
	role: z.enum(ROLE_VALUES),
	organisationId: z.string().min(1, 'field.organisation'),
	password: z.string().max(200).optional()
});

const ROLE_ORG_KIND: Record<Role, 'centre' | 'district' | 'institution'> = {
	'centre-admin': 'centre',
	'district-bureau': 'district',
	'institution-admin': 'institution',
	supervisor: 'institution',
	proctor: 'institution',
	examiner: 'institution'
};

/** 12 random characters (72 bits): passes the policy by construction. */
const newPassword = () => randomBytes(9).toString('base64url');

/** Creates an account; the password (given or generated) is returned once and never stored in clear. */
export async function addUser(store: Store, input: unknown): Promise<Result<{ user: UserRow; password: string }>> {
	const parsed = UserInputSchema.safeParse(input);
	if (!parsed.success) return refused('userInvalid', { why: fieldProblem(parsed.error.issues[0]) });
	const u = parsed.data;
	const org = await store.getOrganisation(u.organisationId);
	if (!org) return refused('noOrganisation', { id: u.organisationId });
	if (org.kind !== ROLE_ORG_KIND[u.role] && !(u.role === 'examiner' && org.kind === 'centre'))
		return refused(`roleBelongs.${ROLE_ORG_KIND[u.role]}`);
	if (await store.getUserByUsername(u.username)) return refused('usernameTaken', { username: u.username });
	const problem = u.password === undefined ? null : passwordProblem(u.password, u.username);
	if (problem) return refused('userInvalid', { why: { msg: problem } });
	const password = u.password ?? newPassword();
	const user: UserRow = {
		id: `u-${randomUUID().slice(0, 12)}`,
		username: u.username,
		displayName: u.name,
		role: u.role,
		organisationId: org.id,
		passwordHash: await hashPassword(password),
		isDisabled: false,
		createdAt: new Date().toISOString()
	};
	await store.insertUser(user);
	await bump(store);
	return { ok: true, value: { user, password } };
}

export async function resetPassword(
	store: Store,
	userId: string,
	password?: string
): Promise<Result<{ password: string }>> {
	const user = await store.getUser(userId);
	if (!user) return refused('noAccount');
	const problem = password === undefined ? null : passwordProblem(password, user.username);
	if (problem) return { ok: false, error: problem };
	const pw = password ?? newPassword();
	await store.setPassword(user.id, await hashPassword(pw));
	await new Sessions(store).endAll(user.id, 'password-changed');
	return { ok: true, value: { password: pw } };
}

export async function setUserDisabled(store: Store, userId: string, isDisabled: boolean): Promise<Result<null>> {
	if (!(await store.getUser(userId))) return refused('noAccount');
	await store.setUserDisabled(userId, isDisabled);
	if (isDisabled) await new Sessions(store).endAll(userId, 'disabled');
	await bump(store);
	return { ok: true, value: null };
}

// ---- publishing to the config document -------------------------------------------------------

/** Writes the centre's records, organisations and people into the config document (server only). */
export async function publishCentre(store: Store, sync: SyncServer): Promise<void> {
	const kinds = Object.keys(KINDS) as Kind[];
	const lists = await Promise.all(kinds.map((kind) => list(store, kind)));
	const records = Object.fromEntries(
		kinds.map((kind, i) => [
			kind,
			new Map(
				lists[i].map((value) => {
					const v = value as { id?: string; month?: string; year?: number; name?: string };
					const key =
						kind === 'exam-month'
							? v.month!
							: kind === 'holiday-year'
								? String(v.year)
								: kind === 'former-name'
									? v.name!
									: v.id!;
					return [key, value] as const;
				})
			)
		])
	) as Record<Kind, Map<string, unknown>>;
	await sync.transactAsServer(configDoc(), (doc) => {
		for (const kind of Object.keys(KINDS) as Kind[]) {
			const map = doc.getMap(CONFIG_MAP[kind]);
			const wanted = records[kind];
			// Sites are never removed (plans name them); a reset month or a removed former name is.
			if (kind !== 'site') for (const key of [...map.keys()]) if (!wanted.has(key)) map.delete(key);
			for (const [key, value] of wanted)
				if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
		}
	});
	await publishDirectory(store, sync);
}

/** Publishes whenever another process (the admin CLI) changed the centre's records or accounts. */
export async function watchCentre(store: Store, sync: SyncServer, everyMs = 1000): Promise<() => void> {
	let seen = await store.getSetting(REVISION);
	let isBusy = false;
	const timer = setInterval(() => {
		if (isBusy || !store.isOpen) return;
		isBusy = true;
		(async () => {
			const now = await store.getSetting(REVISION);
			if (now === seen) return;
			seen = now;
			await publishCentre(store, sync);
		})()
			.catch((e) => console.error('[centre] publishing the config document failed:', (e as Error).message))
			.finally(() => (isBusy = false));
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
