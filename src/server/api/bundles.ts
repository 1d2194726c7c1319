// The USB-stick fallback (issue 4): a device's exported documents are imported through the same
// merge and the same authorisation as /sync. The bundle is signed by its device's key (see
// bundle-format.ts); the author is the user who registered that key with a sign-in that has not
// been revoked, and whose account is not disabled. The bundle carries no token. Whoever posts the
// file must have a part in the plan of every document in it (may at least read it): a stranger to
// the plan cannot push its records in, even genuine ones.
import { checkBundle, type BundleImportResult } from '../../lib/sync/bundle-format';
import { fromBase64 } from '../../lib/sync/server-messages';
import { parseDocName } from '../../lib/sync/doc-names';
import { accessFor } from '../access';
import type { Role } from '../store';
import { canonicalPublicKey } from '../device-keys';
import { ApiError, apiMessage, json, readBody, type ApiRoute } from './router';

/**
 * Sign-ins whose device key still vouches for its bundles: open ones, and those ended by the
 * user's own sign-out or a password change (the tablet is still his). An admin ending the device,
 * "sign out everywhere" or disabling the account stop its bundles too.
 */
const KEY_STILL_VOUCHES = new Set([null, 'signed-out', 'password-changed']);

export const bundleRoutes: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/bundles',
		handle: async ({ req, res, user, deps: { store, sync, sessions } }) => {
			const checked = await checkBundle((await readBody(req)).toString('utf8'));
			if (!checked.ok) throw new ApiError(400, 'bad-bundle', checked.error);
			const { bundle } = checked;
			const factsOf = async (docName: string, person: { id: string; role: Role; organisationId: string }) => {
				const name = parseDocName(docName);
				const plan = name && 'planId' in name ? await store.getPlan(name.planId) : undefined;
				const district = (await store.getOrganisation(person.organisationId))?.district ?? '';
				return {
					user: { id: person.id, role: person.role, organisationId: person.organisationId, district },
					plan,
					isAssignedToPlan: plan ? await store.isAssigned(plan.id, person.id) : false
				};
			};
			const notMine = new Set<string>();
			for (const doc of bundle.docs)
				if (accessFor(doc.name, await factsOf(doc.name, user)) === 'none') {
					const name = parseDocName(doc.name);
					notMine.add(name && 'planId' in name ? name.planId : doc.name);
				}
			if (notMine.size)
				throw new ApiError(
					403,
					'importer-not-on-plan',
					apiMessage('importerNotOnPlan', { name: user.displayName, plans: { list: [...notMine] } })
				);
			const author = await store.getUser(bundle.userId);
			if (!author) throw new ApiError(403, 'unknown-author', apiMessage('unknownAuthor'));
			if (author.isDisabled)
				throw new ApiError(403, 'author-disabled', apiMessage('authorDisabled', { name: author.displayName }));
			let key = '';
			try {
				key = canonicalPublicKey(bundle.publicKey);
			} catch {
				// not a point on the curve: no sign-in can have registered it
			}
			const signIns = key ? await sessions.withPublicKey(author.id, key) : [];
			if (!signIns.some((s) => KEY_STILL_VOUCHES.has(s.endedReason)))
				throw new ApiError(
					403,
					'unknown-device-key',
					apiMessage(signIns.length ? 'bundleDeviceEnded' : 'bundleUnknownDevice')
				);
			const result: BundleImportResult = { docs: [] };
			for (const doc of bundle.docs) {
				const access = accessFor(doc.name, await factsOf(doc.name, author));
				if (access !== 'write') {
					result.docs.push({ name: doc.name, status: 'refused', reason: '作者对该文档没有写入权限' });
					continue;
				}
				try {
					result.docs.push({
						name: doc.name,
						status: await sync.importUpdate(doc.name, fromBase64(doc.update), author.id)
					});
				} catch (e) {
					const isTooLarge = (e as Error).message === 'too-large';
					result.docs.push({
						name: doc.name,
						status: 'refused',
						reason: isTooLarge ? '文档已达到大小上限，未导入' : '文档内容无法解析'
					});
				}
			}
			json(res, 200, result);
		}
	}
];
