// `npm run admin -- <command>`: the centre's administration from the shell, for scripted set-up of a
// new city. Does what the /centre screens do, through the same operations (centre-admin.ts); the
// server may be running (SQLite in WAL mode) and publishes the changes within a second.
import { parseArgs } from 'node:util';
import { readConfig } from './config';
import { ROLES } from './store';
import { openStore } from './open-store';
import { Sessions } from './sessions';
import {
	addUser,
	currentCatalog,
	listExamMonths,
	listFormerNames,
	listHolidayYears,
	listSites,
	resetExamMonth,
	resetPassword,
	saveFormerName,
	saveHolidayYear,
	saveOrganisation,
	saveSite,
	setExamMonth,
	setUserDisabled,
	type Actor
} from './centre-admin';
import { examYearOverview, parseDateList, type Result } from '../lib/domain/centre-config';
import { zhText } from '../lib/i18n/plain-translator';
import { LEVEL_NAMES, type Level } from '../lib/domain/catalog';
import { endDemo } from './demo-mode';

const USAGE = `Usage: npm run admin -- <command> [options]
Organisations and accounts
  add-org        --id ID --kind centre|district|institution --name NAME [--district D] [--code CODE]
  add-user       --username U --name NAME --role ${ROLES.join('|')} --org ORG_ID [--password-stdin]
  set-password   --username U [--password-stdin]
  disable-user   --username U          (ends every sign-in of the user at once)
  enable-user    --username U
  sign-out-everywhere --username U     (every token of the user stops working)
  list-devices   --username U          (the user's sign-ins, one per device)
  end-device     --username U --id SESSION_ID (ends one device's sign-in)
  list-users     list-orgs
Sites (考点)
  add-site       --id ID --name NAME --district D [--address A]
                 --hosts "hr-manager:4,3;health-caregiver:all" | --hosts all
                 [--rooms "r101:101 机房:computer:30;r201:201 实操室:practical:20"]   (types: computer|paper|practical|review)
  list-sites
Joint exam days (联考日)
  exam-days      --year 2027                         (lists the year: rule, confirmed, changed, cancelled)
  exam-day       --month 2027-01 --confirm | --saturday 2027-01-23 [--source S] | --cancel [--source S] | --reset
Holidays (节假日, from the State Council's notice)
  holiday-year   --year 2027 --holidays "2027-01-01,2027-02-10~2027-02-17,…" --workdays "2027-02-07,…" [--source S]
  list-holiday-years
Catalogue (联考目录)
  list-catalog
  former-name    --name 人力资源管理师 --occupation hr-manager
  list-former-names
Passwords: typed at a prompt without echo when run in a terminal (press Enter for a generated one);
--password-stdin reads it from standard input (scripts); --password P works but leaves it in the
shell history. At least 10 characters, not the username, not a common one. Without any, a random
one is generated and printed once.
Data folder: KAOWU_DATA_DIR (default ./data).`;

/**
 * The new password: from --password-stdin (scripts), --password, or typed twice at a prompt that
 * does not echo (in a terminal); undefined = generate one.
 */
async function passwordFromOperator(): Promise<string | undefined> {
	if (values['password-stdin']) {
		const chunks: Buffer[] = [];
		for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks)
			.toString('utf8')
			.replace(/\r?\n$/, '');
		if (!text) fail('--password-stdin: nothing on standard input');
		return text;
	}
	if (values.password !== undefined) return values.password;
	if (!process.stdin.isTTY) return undefined;
	const first = await promptHidden('新密码 / new password (Enter = generate one): ');
	if (!first) return undefined;
	if ((await promptHidden('再输入一次 / again: ')) !== first) fail('the two passwords differ');
	return first;
}

function promptHidden(question: string): Promise<string> {
	process.stdout.write(question);
	const stdin = process.stdin;
	stdin.setRawMode(true);
	stdin.resume();
	stdin.setEncoding('utf8');
	let typed = '';
	return new Promise((done) => {
		const onData = (chunk: string) => {
			for (const c of chunk) {
				if (c === '\r' || c === '\n') {
					stdin.setRawMode(false);
					stdin.pause();
					stdin.off('data', onData);
					process.stdout.write('\n');
					return done(typed);
				}
				if (c === '\u0003') process.exit(130); // Ctrl-C
				if (c === '\u007f' || c === '\b') typed = typed.slice(0, -1);
				else typed += c;
			}
		};
		stdin.on('data', onData);
	});
}

function fail(message: string): never {
	console.error(`错误 / error: ${message}\n\n${USAGE}`);
	process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
	args: rest,
	options: {
		id: { type: 'string' },
		kind: { type: 'string' },
		name: { type: 'string' },
		district: { type: 'string' },
		address: { type: 'string' },
		code: { type: 'string' },
		username: { type: 'string' },
		role: { type: 'string' },
		org: { type: 'string' },
		password: { type: 'string' },
		'password-stdin': { type: 'boolean' },
		hosts: { type: 'string' },
		rooms: { type: 'string' },
		year: { type: 'string' },
		month: { type: 'string' },
		saturday: { type: 'string' },
		confirm: { type: 'boolean' },
		cancel: { type: 'boolean' },
		reset: { type: 'boolean' },
		source: { type: 'string' },
		holidays: { type: 'string' },
		workdays: { type: 'string' },
		occupation: { type: 'string' }
	},
	strict: true
});

const config = readConfig();
const store = await openStore(config);
const today = config.today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const actor: Actor = { id: 'admin-cli', today };
const sessions = new Sessions(store);
const userNamed = async (username: string | undefined) => {
	const user = username ? await store.getUserByUsername(username) : undefined;
	if (!user) fail(`unknown user ${username ?? ''}`);
	return user;
};

async function done<T>(result: Result<T> | Promise<Result<T>>, message: (value: T) => string): Promise<void> {
	const r = await result;
	if (!r.ok) fail(zhText(r.error));
	console.log(message(r.value));
}

function parseHosts(text: string): { occupationId: string; levels: number[] }[] {
	const catalog = currentCatalog(today);
	if (text === 'all')
		return catalog.occupations.map((o) => ({ occupationId: o.id, levels: o.levels.map((l) => l.level) }));
	return text
		.split(';')
		.filter(Boolean)
		.map((part) => {
			const [occupationId, levels = 'all'] = part.split(':');
			const occupation = catalog.occupations.find((o) => o.id === occupationId.trim());
			if (!occupation) fail(`unknown occupation ${occupationId} (see list-catalog)`);
			return {
				occupationId: occupation.id,
				levels: levels === 'all' ? occupation.levels.map((l) => l.level) : levels.split(',').map(Number)
			};
		});
}

function parseRooms(text: string) {
	return text
		.split(';')
		.filter(Boolean)
		.map((part) => {
			const [id, name, type, capacity] = part.split(':');
			return { id, name, type, capacity: Number(capacity) };
		});
}

function dates(text: string | undefined): string[] {
	const parsed = parseDateList(text ?? '');
	if (!parsed.ok) fail(zhText(parsed.error));
	return parsed.value;
}

try {
	switch (command) {
		case 'add-org':
			await done(
				saveOrganisation(store, {
					id: values.id,
					kind: values.kind,
					name: values.name,
					district: values.district,
					code: values.code
				}),
				(v) => `organisation ${v.id} saved`
			);
			break;
		case 'add-user': {
			const given = await passwordFromOperator();
			const result = await addUser(store, {
				username: values.username,
				name: values.name,
				role: values.role,
				organisationId: values.org,
				password: given
			});
			await done(
				result,
				(v) => `user ${v.user.username} created; password: ${given === undefined ? v.password : '(as typed)'}`
			);
			if (result.ok) {
				const disabled = await endDemo(store, result.value.user.id);
				if (disabled)
					console.log(`演示已结束 / demo ended: the ${disabled} demo accounts are disabled and signed out everywhere`);
			}
			break;
		}
		case 'set-password': {
			const user = values.username ? await store.getUserByUsername(values.username) : undefined;
			if (!user) fail(`unknown user ${values.username ?? ''}`);
			const given = await passwordFromOperator();
			await done(
				await resetPassword(store, user.id, given),
				(v) => `password of ${user.username} set; password: ${given === undefined ? v.password : '(as typed)'}`
			);
			break;
		}
		case 'disable-user':
		case 'enable-user': {
			const user = values.username ? await store.getUserByUsername(values.username) : undefined;
			if (!user) fail(`unknown user ${values.username ?? ''}`);
			const isDisabled = command === 'disable-user';
			await done(
				setUserDisabled(store, user.id, isDisabled),
				() => `user ${user.username} ${isDisabled ? 'disabled; every sign-in ended' : 'enabled'}`
			);
			break;
		}
		case 'sign-out-everywhere': {
			const user = await userNamed(values.username);
			await sessions.endAll(user.id, 'sign-out-everywhere');
			console.log(`every sign-in of ${user.username} ended`);
			break;
		}
		case 'list-devices': {
			const user = await userNamed(values.username);
			for (const d of await sessions.list(user.id))
				console.log(
					`${d.id}  ${d.endedAt ? `ended ${d.endedAt} (${d.endedReason})` : 'open'}  signed in ${d.createdAt}  last seen ${d.lastSeenAt}  ${d.deviceLabel}`
				);
			break;
		}
		case 'end-device': {
			const user = await userNamed(values.username);
			const session = values.id ? await sessions.get(values.id) : undefined;
			if (!session || session.userId !== user.id) fail(`unknown device sign-in ${values.id ?? ''} of ${user.username}`);
			await sessions.end(session.id, 'ended-by-admin');
			console.log(`sign-in ${session.id} of ${user.username} ended`);
			break;
		}
		case 'list-users':
			for (const u of await store.listUsers())
				console.log(
					`${u.username.padEnd(16)} ${u.role.padEnd(18)} ${u.organisationId.padEnd(20)} ${u.displayName}${u.isDisabled ? ' (disabled)' : ''}`
				);
			break;
		case 'list-orgs':
			for (const o of await store.listOrganisations())
				console.log(`${o.id.padEnd(20)} ${o.kind.padEnd(12)} ${o.district.padEnd(8)} ${o.name}`);
			break;
		case 'add-site':
			if (!values.hosts) fail('add-site needs --hosts');
			await done(
				saveSite(
					store,
					{
						id: values.id,
						name: values.name,
						district: values.district,
						address: values.address ?? '',
						hosts: parseHosts(values.hosts),
						rooms: values.rooms ? parseRooms(values.rooms) : []
					},
					actor
				),
				(site) => `site ${site.id} saved: ${site.hosts?.length ?? 0} occupations, ${site.rooms?.length ?? 0} rooms`
			);
			break;
		case 'list-sites':
			for (const s of await listSites(store))
				console.log(
					`${s.id.padEnd(20)} ${s.district.padEnd(8)} ${s.name}\n    hosts: ${(s.hosts ?? []).map((h) => `${h.occupationId}:${h.levels.join(',')}`).join('; ')}\n    rooms: ${(s.rooms ?? []).map((r) => `${r.name}(${r.type},${r.capacity})`).join('; ')}`
				);
			break;
		case 'exam-days': {
			const year = Number(values.year ?? today.slice(0, 4));
			for (const m of examYearOverview(year, await listExamMonths(store)))
				console.log(
					`${m.month}  ${m.status.padEnd(10)} ${m.weekends.map((w) => `${w.saturday}/${w.sunday}`).join(' ') || '(none)'}${m.source ? `  ${m.source}` : ''}`
				);
			break;
		}
		case 'exam-day': {
			if (!values.month) fail('exam-day needs --month YYYY-MM');
			if (values.reset) {
				await resetExamMonth(store, values.month);
				console.log(`${values.month} follows the third-Saturday rule again`);
				break;
			}
			const action = values.confirm
				? { action: 'confirm', month: values.month }
				: values.cancel
					? { action: 'cancel', month: values.month, source: values.source }
					: values.saturday
						? { action: 'change', month: values.month, saturday: values.saturday, source: values.source }
						: fail('exam-day needs --confirm, --saturday, --cancel or --reset');
			await done(
				setExamMonth(store, action, actor),
				(r) => `${r.month} ${r.status}: ${r.weekends.map((w) => w.saturday).join(', ') || '(no exam)'}`
			);
			break;
		}
		case 'holiday-year':
			await done(
				saveHolidayYear(
					store,
					{
						year: Number(values.year),
						holidays: dates(values.holidays),
						makeUpWorkdays: dates(values.workdays),
						...(values.source ? { source: values.source } : {})
					},
					actor
				),
				(y) => `${y.year}: ${y.holidays.length} days off, ${y.makeUpWorkdays.length} make-up working days saved`
			);
			break;
		case 'list-holiday-years':
			for (const y of await listHolidayYears(store))
				console.log(`${y.year}  off: ${y.holidays.join(',')}\n      work: ${y.makeUpWorkdays.join(',')}`);
			break;
		case 'list-catalog': {
			const catalog = currentCatalog(today);
			console.log(`catalogue ${catalog.id} (${catalog.source})`);
			for (const o of catalog.occupations)
				console.log(
					`${o.id.padEnd(22)} ${o.code}  ${o.name}  ${o.levels.map((l) => LEVEL_NAMES[l.level as Level]).join('、')}`
				);
			break;
		}
		case 'former-name':
			await done(
				saveFormerName(store, { name: values.name, occupationId: values.occupation }, actor),
				(f) => `former name ${f.name} → ${f.occupationId} saved`
			);
			break;
		case 'list-former-names':
			for (const f of await listFormerNames(store)) console.log(`${f.name} → ${f.occupationId}`);
			break;
		default:
			fail(command ? `unknown command ${command}` : 'no command');
	}
} finally {
	await store.close();
}
