// The USB-stick fallback (issue 4): a device's exported documents are imported through the same
// merge and the same authorisation as /sync. The bundle's own token says who wrote it; it may have
// expired while the device was offline, so up to a week past expiry is accepted here.
import { checkBundle, type BundleImportResult } from '../../lib/sync/bundle-format';
import { fromBase64 } from '../../lib/sync/server-messages';
import { parseDocName } from '../../lib/sync/doc-names';
import { accessFor } from '../access';
import { ApiError, json, readBody, type ApiRoute } from './router';

const BUNDLE_TOKEN_TOLERANCE_SECONDS = 7 * 24 * 3600;

export const bundleRoutes: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/bundles',
		handle: async ({ req, res, deps: { store, tokens, sync } }) => {
			const checked = await checkBundle((await readBody(req)).toString('utf8'));
			if (!checked.ok) throw new ApiError(400, 'bad-bundle', checked.error);
			const { bundle } = checked;
			const verified = await tokens.verify(bundle.token, BUNDLE_TOKEN_TOLERANCE_SECONDS);
			if (!verified.ok || verified.claims.sub !== bundle.userId)
				throw new ApiError(
					403,
					'bad-bundle-token',
					'数据包中的登录凭证无效或已过期超过 7 天，请在原设备重新登录后再导出'
				);
			const author = store.getUser(bundle.userId);
			if (!author) throw new ApiError(403, 'unknown-author', '数据包的作者账号不存在');
			const district = store.getOrganisation(author.organisationId)?.district ?? '';
			const result: BundleImportResult = { docs: [] };
			for (const doc of bundle.docs) {
				const name = parseDocName(doc.name);
				const plan = name && 'planId' in name ? store.getPlan(name.planId) : undefined;
				const access = accessFor(doc.name, {
					user: { id: author.id, role: author.role, organisationId: author.organisationId, district },
					plan,
					isAssignedToPlan: plan ? store.isAssigned(plan.id, author.id) : false
				});
				if (access !== 'write') {
					result.docs.push({ name: doc.name, status: 'refused', reason: '作者对该文档没有写入权限' });
					continue;
				}
				try {
					result.docs.push({ name: doc.name, status: sync.importUpdate(doc.name, fromBase64(doc.update), author.id) });
				} catch {
					result.docs.push({ name: doc.name, status: 'refused', reason: '文档内容无法解析' });
				}
			}
			json(res, 200, result);
		}
	}
];
