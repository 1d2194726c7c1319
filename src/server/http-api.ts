// The JSON API beside the app. Everything a person records travels through /sync as documents;
// the API is for what only the server can do (sign-in, plan registry, signing, public look-up).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiMessage, json, matchPath, worded, readJson, type ApiDeps, type ApiRoute } from './api/router';
import { sessionRoutes } from './api/session';
import { planRoutes } from './api/plans';
import { afterSessionRoutes } from './api/after-session';
import { bundleRoutes } from './api/bundles';
import { checkToken } from './sessions';
import { centreRoutes } from './api/centre';

const ROUTES: ApiRoute[] = [...sessionRoutes, ...planRoutes, ...afterSessionRoutes, ...bundleRoutes, ...centreRoutes];

export function createApi(deps: ApiDeps) {
	async function authenticate(req: IncomingMessage) {
		const header = req.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? header.slice(7) : '';
		if (!token) return null;
		return checkToken(token, deps);
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
				const checked = route.isPublic ? null : await authenticate(req);
				if (!route.isPublic && !checked?.ok) {
					const isEnded = checked?.reason === 'session-ended' || checked?.reason === 'user-disabled';
					// Which check refused it: the answer says only "sign in again" (or "ended").
					console.warn(`[api] 401 ${req.method} ${url.pathname}: ${checked?.reason ?? 'no token'}`);
					json(res, 401, {
						error: isEnded ? 'session-ended' : 'unauthenticated',
						...worded(apiMessage(isEnded ? 'sessionEnded' : 'signInExpired'))
					});
					return true;
				}
				const auth = checked?.ok ? checked : null;
				await route.handle({
					req,
					res,
					url,
					params,
					user: auth?.user as never,
					session: auth?.session as never,
					deps,
					body: () => readJson(req)
				});
				return true;
			}
			json(res, 404, { error: 'not-found', ...worded(apiMessage('noRoute')) });
		} catch (e) {
			if (e instanceof ApiError)
				json(res, e.status, { error: e.code, message: e.message, ...(e.msg ? { msg: e.msg } : {}) });
			else {
				console.error('[api]', e);
				json(res, 500, { error: 'server-error', ...worded(apiMessage('serverError')) });
			}
		}
		return true;
	};
}
