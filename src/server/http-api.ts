// The small JSON API beside the app: sign-in, who am I, the plans a user may open, health.
// Everything else travels through /sync as documents.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { verifyPassword, type TokenSigner } from './auth';
import type { Store, UserRow } from './store';
import { accessFor } from './access';
import { planDoc } from '../lib/sync/doc-names';
import { RateLimiter } from './rate-limiter';
import { PRIMARY_DEMO_USERNAMES } from './demo-seed';

const signInSchema = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(200)
});

const MAX_BODY = 64 * 1024;

export interface ApiDeps {
	store: Store;
	tokens: TokenSigner;
	/** Called from GET /api/health: counts writes not yet on disk. */
	pendingWrites: () => number;
}

function json(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	let size = 0;
	const chunks: Buffer[] = [];
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new Error('body too large');
		chunks.push(chunk as Buffer);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export function publicUser(store: Store, user: UserRow) {
	const org = store.getOrganisation(user.organisationId);
	return {
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		role: user.role,
		organisationId: user.organisationId,
		organisationName: org?.name ?? '',
		district: org?.district ?? ''
	};
}

export function createApi({ store, tokens, pendingWrites }: ApiDeps) {
	const signInLimiter = new RateLimiter({ max: 10, windowMs: 60_000 });

	async function authenticate(req: IncomingMessage): Promise<UserRow | null> {
		const header = req.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? header.slice(7) : '';
		if (!token) return null;
		const verified = await tokens.verify(token);
		if (!verified.ok) return null;
		const user = store.getUser(verified.claims.sub);
		return user && !user.isDisabled ? user : null;
	}

	function visiblePlans(user: UserRow) {
		const org = store.getOrganisation(user.organisationId);
		return store
			.listPlans()
			.map((plan) => ({
				plan,
				access: accessFor(planDoc(plan.id), {
					user: { id: user.id, role: user.role, organisationId: user.organisationId, district: org?.district ?? '' },
					plan,
					isAssignedToPlan: store.isAssigned(plan.id, user.id)
				})
			}))
			.filter((p) => p.access !== 'none')
			.map(({ plan, access }) => ({ id: plan.id, examDate: plan.examDate, institutionId: plan.institutionId, access }));
	}

	/** Returns true when the request was an API request (and has been answered). */
	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		try {
			if (url.pathname === '/api/health' && req.method === 'GET') {
				json(res, 200, { ok: true, pendingWrites: pendingWrites(), time: new Date().toISOString() });
				return true;
			}
			if (url.pathname === '/api/demo-accounts' && req.method === 'GET') {
				const isDemo = store.getSetting('demo') === '1';
				const accounts = isDemo
					? PRIMARY_DEMO_USERNAMES.map((name) => store.getUserByUsername(name))
							.filter((u): u is UserRow => !!u)
							.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName }))
					: [];
				json(res, 200, { accounts });
				return true;
			}
			if (url.pathname === '/api/auth/sign-in' && req.method === 'POST') {
				const parsed = signInSchema.safeParse(await readJson(req));
				if (!parsed.success) {
					json(res, 400, { error: 'invalid-request', message: '请输入用户名和密码' });
					return true;
				}
				const key = `${req.socket.remoteAddress}|${parsed.data.username}`;
				if (!signInLimiter.allow(key)) {
					json(res, 429, { error: 'too-many-attempts', message: '尝试次数过多，请一分钟后再试' });
					return true;
				}
				const user = store.getUserByUsername(parsed.data.username);
				const isValid = !!user && !user.isDisabled && (await verifyPassword(parsed.data.password, user.passwordHash));
				if (!user || !isValid) {
					json(res, 401, { error: 'bad-credentials', message: '用户名或密码不正确' });
					return true;
				}
				const { token, expiresAt } = await tokens.sign({
					sub: user.id,
					role: user.role,
					org: user.organisationId,
					name: user.displayName
				});
				json(res, 200, { token, expiresAt, user: publicUser(store, user) });
				return true;
			}
			const user = await authenticate(req);
			if (!user) {
				json(res, 401, { error: 'unauthenticated', message: '登录已过期，请重新登录' });
				return true;
			}
			if (url.pathname === '/api/me' && req.method === 'GET') {
				json(res, 200, { user: publicUser(store, user), plans: visiblePlans(user) });
				return true;
			}
			json(res, 404, { error: 'not-found' });
			return true;
		} catch (e) {
			json(res, 400, { error: 'bad-request', message: (e as Error).message });
			return true;
		}
	};
}
