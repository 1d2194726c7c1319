// The JSON API beside the app. Everything a person records travels through /sync as documents;
// the API is for what only the server can do (sign-in, plan registry, signing, public look-up).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, json, matchPath, readJson, type ApiDeps, type ApiRoute } from './api/router';
import { sessionRoutes } from './api/session';
import { planRoutes } from './api/plans';
import { resultRoutes } from './api/results';
import { bundleRoutes } from './api/bundles';

const ROUTES: ApiRoute[] = [...sessionRoutes, ...planRoutes, ...resultRoutes, ...bundleRoutes];

export function createApi(deps: ApiDeps) {
	async function authenticate(req: IncomingMessage) {
		const header = req.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? header.slice(7) : '';
		if (!token) return null;
		const verified = await deps.tokens.verify(token);
		if (!verified.ok) return null;
		const user = deps.store.getUser(verified.claims.sub);
		return user && !user.isDisabled ? user : null;
	}

	/** Returns true when the request was an API request (and has been answered). */
	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		try {
			for (const route of ROUTES) {
				if (route.method !== req.method) continue;
				const params = matchPath(route.path, url.pathname);
				if (!params) continue;
				const user = route.isPublic ? null : await authenticate(req);
				if (!route.isPublic && !user) {
					json(res, 401, { error: 'unauthenticated', message: '登录已过期，请重新登录' });
					return true;
				}
				await route.handle({ req, res, url, params, user: user!, deps, body: () => readJson(req) });
				return true;
			}
			json(res, 404, { error: 'not-found', message: '没有这个接口' });
		} catch (e) {
			if (e instanceof ApiError) json(res, e.status, { error: e.code, message: e.message });
			else {
				console.error('[api]', e);
				json(res, 500, { error: 'server-error', message: '服务器内部错误' });
			}
		}
		return true;
	};
}
