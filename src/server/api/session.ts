// Sign-in, who am I and the plans I may open, the demo accounts, health.
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth';
import type { Store, UserRow } from '../store';
import { accessFor } from '../access';
import { planReadDoc } from '../../lib/sync/doc-names';
import { SignInGuard } from '../sign-in-guard';
import { randomBytes } from 'node:crypto';
import { unhandledErrors } from '../process-errors';
import { PRIMARY_DEMO_USERNAMES } from '../demo-seed';
import { publishDirectory } from '../directory';
import { DEMO_ENDED_MESSAGE, isDemoActive, isEndedDemoAccount } from '../demo-mode';
import { ApiError, apiMessage, json, readJson, worded, type ApiContext, type ApiRoute } from './router';
import { devicePublicKeySchema, canonicalPublicKey, type DevicePublicKey } from '../device-keys';
import type { SessionRow } from '../sessions';

const signInSchema = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(200),
	/** The device's bundle-signing public key (WebCrypto ECDSA P-256, JWK), see bundles.ts. */
	devicePublicKey: devicePublicKeySchema.optional()
});

const signInGuard = new SignInGuard(Number(process.env.KAOWU_SIGNIN_IP_FAILURES ?? 30));
/**
 * An unknown username is checked against this hash, so it costs the same scrypt work as a known
 * one and the answer's timing does not tell which usernames exist.
 */
const unknownUserHash = hashPassword(randomBytes(16).toString('hex'));

export async function publicUser(store: Store, user: UserRow) {
	const org = await store.getOrganisation(user.organisationId);
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

export async function visiblePlans(store: Store, user: UserRow) {
	const org = await store.getOrganisation(user.organisationId);
	const assigned = new Set(await store.plansAssignedTo(user.id));
	return (await store.listPlans())
		.map((plan) => ({
			plan,
			// Proctors and examiners read a plan through their roster slice (doc-names.ts).
			access: accessFor(planReadDoc(user.role, plan.id, user.id), {
				user: { id: user.id, role: user.role, organisationId: user.organisationId, district: org?.district ?? '' },
				plan,
				isAssignedToPlan: assigned.has(plan.id)
			})
		}))
		.filter((p) => p.access !== 'none')
		.map(({ plan, access }) => ({ id: plan.id, examDate: plan.examDate, institutionId: plan.institutionId, access }));
}

export const sessionRoutes: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/health',
		isPublic: true,
		// For a load balancer and monitoring: 503 while the database cannot be reached (the instance
		// acknowledges nothing then), with the database's and Redis' state.
		handle: async ({ res, deps }) => {
			const database = await Promise.race([
				deps.store.ping().then(
					() => 'up' as const,
					() => 'down' as const
				),
				new Promise<'down'>((ok) => setTimeout(() => ok('down'), 2000).unref())
			]);
			const redis = (await deps.relay?.status()) ?? 'none';
			// Redis down: the instance still stores correctly (live views across instances lag), so it
			// stays in the balancer; the database down: it acknowledges nothing, so it leaves.
			const ok = database === 'up';
			json(res, ok ? 200 : 503, {
				ok,
				store: deps.store.kind,
				database,
				redis,
				pendingWrites: deps.sync.pendingWrites(),
				unhandledErrors: unhandledErrors(),
				time: new Date().toISOString()
			});
		}
	},
	{
		method: 'GET',
		path: '/api/demo-accounts',
		isPublic: true,
		handle: async ({ res, deps: { store } }) => {
			const accounts = (await isDemoActive(store))
				? (await Promise.all(PRIMARY_DEMO_USERNAMES.map((name) => store.getUserByUsername(name))))
						.filter((u): u is UserRow => !!u)
						.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName }))
				: [];
			json(res, 200, { accounts });
		}
	},
	{
		method: 'POST',
		path: '/api/auth/sign-in',
		isPublic: true,
		handle: async ({ req, res, deps }) => {
			const { store, tokens } = deps;
			const parsed = signInSchema.safeParse(await readJson(req));
			if (!parsed.success) return json(res, 400, { error: 'invalid-request', ...worded(apiMessage('signInFields')) });
			const ip = req.socket.remoteAddress ?? '';
			const { username } = parsed.data;
			const wait = await signInGuard.waitSeconds(username, ip);
			if (wait > 0) {
				res.setHeader('retry-after', String(wait));
				return json(res, 429, {
					error: 'too-many-attempts',
					...worded(apiMessage('signInTooMany', { seconds: wait })),
					retryAfterSeconds: wait
				});
			}
			const user = await store.getUserByUsername(username);
			const isPasswordRight =
				(await verifyPassword(parsed.data.password, user?.passwordHash ?? (await unknownUserHash))) && !!user;
			if (isPasswordRight) await signInGuard.succeeded(username, ip);
			else await signInGuard.failed(username, ip);
			if (user && isPasswordRight && user.isDisabled && (await isEndedDemoAccount(store, user)))
				return json(res, 403, { error: 'demo-ended', message: DEMO_ENDED_MESSAGE });
			const isValid = !!user && !user.isDisabled && isPasswordRight;
			if (!user || !isValid)
				return json(res, 401, { error: 'bad-credentials', ...worded(apiMessage('badCredentials')) });
			await publishDirectory(store, deps.sync, [user]);
			const session = await deps.sessions.open(
				user.id,
				String(req.headers['user-agent'] ?? ''),
				parsed.data.devicePublicKey ? keyOrRefuse(parsed.data.devicePublicKey) : ''
			);
			const { token, expiresAt } = await tokens.sign({
				sub: user.id,
				role: user.role,
				org: user.organisationId,
				name: user.displayName,
				sid: session.id,
				ver: await deps.sessions.tokenVersion(user.id)
			});
			json(res, 200, { token, expiresAt, sessionId: session.id, user: await publicUser(store, user) });
		}
	},
	{
		// A signed-in device renews its token while online, so a proctor who signed in on Friday is
		// not cut off from the server in the middle of Saturday's exam.
		method: 'POST',
		path: '/api/auth/refresh',
		handle: async ({ res, user, session, deps: { store, tokens, sessions } }) => {
			await sessions.touch(session.id);
			const { token, expiresAt } = await tokens.sign({
				sub: user.id,
				role: user.role,
				org: user.organisationId,
				name: user.displayName,
				sid: session.id,
				ver: await sessions.tokenVersion(user.id)
			});
			json(res, 200, { token, expiresAt, sessionId: session.id, user: await publicUser(store, user) });
		}
	},
	{
		// Ends this device's sign-in on the server.
		method: 'POST',
		path: '/api/auth/sign-out',
		handle: async ({ res, session, deps }) => {
			await deps.sessions.end(session.id, 'signed-out');
			await deps.onRevoked?.();
			json(res, 200, { ok: true });
		}
	},
	{
		// A lost tablet: every token of this user, on every device, stops working now.
		method: 'POST',
		path: '/api/auth/sign-out-everywhere',
		handle: async ({ res, user, deps }) => {
			await deps.sessions.endAll(user.id, 'sign-out-everywhere');
			await deps.onRevoked?.();
			json(res, 200, { ok: true });
		}
	},
	{
		// The accounts whose devices this person manages (manageableUser): an institution admin his
		// institution's staff, the centre everyone. For the devices screens.
		method: 'GET',
		path: '/api/users',
		handle: async ({ res, user, deps: { store } }) => {
			if (user.role !== 'institution-admin' && user.role !== 'centre-admin')
				throw new ApiError(403, 'forbidden', apiMessage('devicesForbidden'));
			const users = (await store.listUsers()).filter(
				(u) => user.role === 'centre-admin' || u.organisationId === user.organisationId
			);
			json(res, 200, {
				users: users.map((u) => ({
					username: u.username,
					displayName: u.displayName,
					role: u.role,
					isDisabled: u.isDisabled
				}))
			});
		}
	},
	{
		method: 'GET',
		path: '/api/users/:username/sessions',
		handle: async (ctx) => {
			const target = await manageableUser(ctx);
			json(ctx.res, 200, { sessions: (await ctx.deps.sessions.list(target.id)).map(publicSession) });
		}
	},
	{
		method: 'POST',
		path: '/api/users/:username/sessions/:sessionId/end',
		handle: async (ctx) => {
			const target = await manageableUser(ctx);
			const session = await ctx.deps.sessions.get(ctx.params.sessionId);
			if (!session || session.userId !== target.id)
				throw new ApiError(404, 'unknown-session', apiMessage('unknownSession'));
			await ctx.deps.sessions.end(session.id, 'ended-by-admin');
			await ctx.deps.onRevoked?.();
			json(ctx.res, 200, { ok: true });
		}
	},
	{
		method: 'POST',
		path: '/api/users/:username/sign-out-everywhere',
		handle: async (ctx) => {
			const target = await manageableUser(ctx);
			await ctx.deps.sessions.endAll(target.id, 'sign-out-everywhere');
			await ctx.deps.onRevoked?.();
			json(ctx.res, 200, { ok: true });
		}
	},
	{
		method: 'GET',
		path: '/api/me',
		handle: async ({ res, user, deps: { store } }) =>
			json(res, 200, { user: await publicUser(store, user), plans: await visiblePlans(store, user) })
	}
];

/** A centre admin manages everyone's devices; an institution admin those of his institution's staff. */
async function manageableUser({ user, params, deps }: ApiContext): Promise<UserRow> {
	const target = await deps.store.getUserByUsername(params.username);
	const isAllowed =
		user.role === 'centre-admin' ||
		(user.role === 'institution-admin' && !!target && target.organisationId === user.organisationId) ||
		(!!target && target.id === user.id);
	if (!target || !isAllowed) throw new ApiError(404, 'unknown-user', apiMessage('unknownUser'));
	return target;
}

function keyOrRefuse(key: DevicePublicKey): string {
	try {
		return canonicalPublicKey(key);
	} catch {
		throw new ApiError(400, 'bad-device-key', apiMessage('badDeviceKey'));
	}
}

function publicSession(s: SessionRow) {
	return {
		id: s.id,
		deviceLabel: s.deviceLabel,
		hasDeviceKey: !!s.publicKey,
		createdAt: s.createdAt,
		lastSeenAt: s.lastSeenAt,
		endedAt: s.endedAt,
		endedReason: s.endedReason
	};
}
