// Local copies a person's role no longer reads (isStaleCopyFor): deleted from this device when he
// signs in or unlocks. Before the roster slices (issue 15), proctors' and examiners' tablets synced
// the whole plan document (every candidate's ID number and phone) and the registry; the server
// no longer serves them, and nothing here opens them, so they would otherwise stay in IndexedDB.
// Nothing unsent can be lost: these roles could only read those documents.
import { isStaleCopyFor } from './doc-names';

/** IndexedDB names of a user's documents on this device: `kaowu:{userId}:{docName}` (synced-doc.ts). */
const prefixOf = (userId: string) => `kaowu:${userId}:`;

export async function forgetStaleCopies(
	userId: string,
	role: string,
	knownPlanIds: readonly string[]
): Promise<string[]> {
	const prefix = prefixOf(userId);
	let names: string[];
	try {
		names = (await indexedDB.databases()).flatMap((d) => (d.name?.startsWith(prefix) ? [d.name] : []));
	} catch {
		// No databases() (older browsers): the plans this account knows about.
		names = knownPlanIds.flatMap((id) => [`${prefix}plan:${id}`, `${prefix}registry:${id}`]);
	}
	const stale = names.filter((name) => isStaleCopyFor(role, name.slice(prefix.length)));
	await Promise.all(
		stale.map(
			(name) =>
				new Promise<void>((done) => {
					const request = indexedDB.deleteDatabase(name);
					request.onsuccess = request.onerror = request.onblocked = () => done();
				})
		)
	);
	return stale;
}
