// `npm run admin -- <command>`: manage accounts and organisations of a real deployment from the
// shell (the server may be running: SQLite in WAL mode allows it).
//   npm run admin -- add-org --id inst-x --kind institution --name "某某职业技能评价中心" --district 渝中区 --code 0000
//   npm run admin -- add-user --username wang --name 王老师 --role proctor --org inst-x [--password …]
//   npm run admin -- set-password --username wang [--password …]
//   npm run admin -- list-users | list-orgs
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readConfig } from './config';
import { Store, ROLES, type Role } from './store';
import { hashPassword } from './auth';
import { Sessions } from './sessions';

const USAGE = `Usage: npm run admin -- <command> [options]
  add-org       --id ID --kind centre|district|institution --name NAME [--district D] [--code CODE]
  add-user      --username U --name NAME --role ${ROLES.join('|')} --org ORG_ID [--password P]
  set-password  --username U [--password P]
  disable-user  --username U                 (ends every sign-in of the user at once)
  sign-out-everywhere --username U           (every token of the user stops working)
  list-devices  --username U                 (the user's sign-ins, one per device)
  end-device    --username U --id SESSION_ID (ends one device's sign-in)
  list-users
  list-orgs
Data folder: KAOWU_DATA_DIR (default ./data). Without --password a random one is generated and printed.`;

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
		code: { type: 'string' },
		username: { type: 'string' },
		role: { type: 'string' },
		org: { type: 'string' },
		password: { type: 'string' }
	},
	strict: true
});

const store = new Store(readConfig().dataDir);
const sessions = new Sessions(store);
const userNamed = (username: string | undefined) => {
	const user = username ? store.getUserByUsername(username) : undefined;
	if (!user) fail(`unknown user ${username ?? ''}`);
	return user;
};
const password = () => values.password ?? randomBytes(9).toString('base64url');

try {
	switch (command) {
		case 'add-org': {
			if (!values.id || !values.name || !values.kind) fail('add-org needs --id, --kind and --name');
			if (!['centre', 'district', 'institution'].includes(values.kind)) fail(`unknown kind ${values.kind}`);
			store.upsertOrganisation({
				id: values.id,
				kind: values.kind as 'centre' | 'district' | 'institution',
				name: values.name,
				district: values.district ?? '',
				code: values.code ?? ''
			});
			console.log(`organisation ${values.id} saved`);
			break;
		}
		case 'add-user': {
			if (!values.username || !values.name || !values.role || !values.org)
				fail('add-user needs --username, --name, --role and --org');
			if (!ROLES.includes(values.role as Role)) fail(`unknown role ${values.role}`);
			if (!store.getOrganisation(values.org)) fail(`unknown organisation ${values.org} (add it with add-org)`);
			if (store.getUserByUsername(values.username)) fail(`username ${values.username} already exists`);
			const pw = password();
			store.insertUser({
				id: `u-${randomUUID().slice(0, 12)}`,
				username: values.username,
				displayName: values.name,
				role: values.role as Role,
				organisationId: values.org,
				passwordHash: await hashPassword(pw),
				isDisabled: false,
				createdAt: new Date().toISOString()
			});
			console.log(`user ${values.username} created; password: ${pw}`);
			break;
		}
		case 'set-password': {
			const user = values.username ? store.getUserByUsername(values.username) : undefined;
			if (!user) fail(`unknown user ${values.username ?? ''}`);
			const pw = password();
			store.setPassword(user.id, await hashPassword(pw));
			sessions.endAll(user.id, 'password-changed');
			console.log(`password of ${user.username} set; password: ${pw}`);
			break;
		}
		case 'disable-user': {
			const user = values.username ? store.getUserByUsername(values.username) : undefined;
			if (!user) fail(`unknown user ${values.username ?? ''}`);
			store.db.prepare('UPDATE users SET is_disabled = 1 WHERE id = ?').run(user.id);
			sessions.endAll(user.id, 'disabled');
			console.log(`user ${user.username} disabled; every sign-in ended`);
			break;
		}
		case 'sign-out-everywhere': {
			const user = userNamed(values.username);
			sessions.endAll(user.id, 'sign-out-everywhere');
			console.log(`every sign-in of ${user.username} ended`);
			break;
		}
		case 'list-devices': {
			const user = userNamed(values.username);
			for (const d of sessions.list(user.id))
				console.log(
					`${d.id}  ${d.endedAt ? `ended ${d.endedAt} (${d.endedReason})` : 'open'}  signed in ${d.createdAt}  last seen ${d.lastSeenAt}  ${d.deviceLabel}`
				);
			break;
		}
		case 'end-device': {
			const user = userNamed(values.username);
			const session = values.id ? sessions.get(values.id) : undefined;
			if (!session || session.userId !== user.id) fail(`unknown device sign-in ${values.id ?? ''} of ${user.username}`);
			sessions.end(session.id, 'ended-by-admin');
			console.log(`sign-in ${session.id} of ${user.username} ended`);
			break;
		}
		case 'list-users':
			for (const u of store.listUsers())
				console.log(
					`${u.username.padEnd(16)} ${u.role.padEnd(18)} ${u.organisationId.padEnd(20)} ${u.displayName}${u.isDisabled ? ' (disabled)' : ''}`
				);
			break;
		case 'list-orgs':
			for (const o of store.listOrganisations())
				console.log(`${o.id.padEnd(20)} ${o.kind.padEnd(12)} ${o.district.padEnd(8)} ${o.name}`);
			break;
		default:
			fail(command ? `unknown command ${command}` : 'no command');
	}
} finally {
	store.close();
}
