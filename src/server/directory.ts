// Keeps the config document's people directory and organisations in step with the accounts table,
// so users created with the admin CLI appear in staff pickers (at start-up and when they sign in).
import type { Store, UserRow } from './store';
import type { SyncServer } from './sync-server';
import { configDoc } from '../lib/sync/doc-names';
import type { Organisation, Person } from '../lib/domain/record-schemas';

function personOf(user: UserRow): Person {
	return { v: 1, id: user.id, name: user.displayName, role: user.role, organisationId: user.organisationId };
}

const isSame = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function publishDirectory(store: Store, sync: SyncServer, given?: UserRow[]): Promise<void> {
	const users = given ?? (await store.listUsers());
	const organisationRows = await store.listOrganisations();
	await sync.transactAsServer(configDoc(), (doc) => {
		const directory = doc.getMap('directory');
		for (const user of users) {
			const person = personOf(user);
			if (!isSame(directory.get(user.id), person)) directory.set(user.id, person);
		}
		const organisations = doc.getMap('organisations');
		for (const o of organisationRows) {
			const org: Organisation = { v: 1, id: o.id, kind: o.kind, name: o.name, district: o.district, code: o.code };
			if (!isSame(organisations.get(o.id), org)) organisations.set(o.id, org);
		}
	});
}
