// The one Kaowu process: serves the built PWA (adapter-node's handler), the JSON API and the Yjs
// sync WebSocket at /sync on one http server; seeds the demo on first start; shuts down cleanly.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';
import { readConfig } from './config';
import { recordUnhandled } from './process-errors';
import { describeStore, openStore } from './open-store';
import { NO_RELAY, openRedisRelay, type Relay } from './relay';
import { RedisLimiterState } from './limiter-redis';
import { useLimiterState } from './limiter-state';
import { TokenSigner } from './auth';
import { createSyncServer } from './sync-server';
import { prepareSyncSocket, SYNC_SOCKET_OPTIONS } from './sync-socket';
import { createApi } from './http-api';
import { DEMO_PASSWORD, PRIMARY_DEMO_USERNAMES, seedDemo } from './demo-seed';
import { demoBanner, isDemoActive } from './demo-mode';
import { loadTicketSigner } from './ticket-keys';
import { publishCentre, watchCentre } from './centre-admin';
import { migrateLegacyReviewDocs } from './review-migration';
import { migrateRegistryFacts } from './registry-migration';
import { configDoc } from '../lib/sync/doc-names';
import { Sessions, watchRevocations } from './sessions';
import { checkConfiguredSecret, loadSecrets } from './secrets';
import { setSecurityHeaders } from './security-headers';

type SvelteKitHandler = (req: unknown, res: unknown, next: () => void) => void;

async function loadAppHandler(): Promise<SvelteKitHandler> {
	const handlerPath = resolve(process.env.KAOWU_BUILD_DIR ?? 'build', 'handler.js');
	if (!existsSync(handlerPath))
		throw new Error('build/handler.js is missing: run `npm run build` (npm start does it for you)');
	return (await import(pathToFileURL(handlerPath).href)).handler as SvelteKitHandler;
}

export async function startServer() {
	// Nothing is swallowed: an error nobody handled is logged with its stack and counted in
	// /api/health (process-errors.ts); the server stays up for the other tablets.
	process.on('unhandledRejection', (reason) => recordUnhandled('rejection', reason));
	const config = readConfig();
	checkConfiguredSecret(process.env.KAOWU_SECRET);
	const store = await openStore(config, { isServer: true });
	const secrets = await loadSecrets(store, config.dataDir);
	let relay: Relay = NO_RELAY;
	if (config.redisUrl) {
		const redisRelay = await openRedisRelay(config.redisUrl);
		// Sign-in and look-up limits count across every instance.
		useLimiterState(new RedisLimiterState(redisRelay.redis));
		relay = redisRelay;
	}
	const tokens = new TokenSigner(secrets.tokenSecret, config.tokenLifetimeSeconds);
	const sessions = new Sessions(store);
	const sync = createSyncServer({ store, tokens, sessions, relay, today: config.today });
	const revocations = await watchRevocations(sessions, (userIds, sessionIds) => {
		const closed = sync.closeConnectionsOf(userIds, sessionIds);
		if (closed) console.log(`[sync] closed ${closed} connection(s) of ended sign-ins`);
	});
	relay.onRevoked(() => void revocations.check());
	const tickets = loadTicketSigner(secrets.ticketPrivateKey);
	await sync.transactAsServer(configDoc(), (doc) => {
		const keys = doc.getMap('keys');
		if ((keys.get('ticket') as { publicKey?: string } | undefined)?.publicKey !== tickets.publicKeyRaw)
			keys.set('ticket', {
				v: 1,
				alg: 'Ed25519',
				publicKey: tickets.publicKeyRaw,
				createdAt: new Date().toISOString()
			});
	});
	await migrateLegacyReviewDocs(store, sync);
	await migrateRegistryFacts(store, sync);
	const api = createApi({
		store,
		tokens,
		sync,
		tickets,
		sessions,
		onRevoked: async () => {
			relay.revoked();
			await revocations.check();
		},
		relay,
		today: config.today,
		clockOffsetMs: config.clockOffsetMs
	});

	if (config.isDemoEnabled && (await store.listUsers()).length === 0)
		await seedDemo({ store, sync, today: config.today });
	// Said on every start while the demo is on, not only the first (demo-mode.ts).
	const demoAccounts = (await isDemoActive(store))
		? (await Promise.all(PRIMARY_DEMO_USERNAMES.map((name) => store.getUserByUsername(name))))
				.filter((u) => !!u && !u.isDisabled)
				.map((u) => ({ username: u!.username, password: DEMO_PASSWORD, role: u!.role }))
		: [];
	await publishCentre(store, sync);
	const stopWatching = await watchCentre(store, sync);

	const appHandler: SvelteKitHandler = config.isAppServed ? await loadAppHandler() : (_req, _res, next) => next();
	const server = createServer(async (req, res) => {
		setSecurityHeaders(req, res);
		if (await api(req, res)) return;
		appHandler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});

	const wss = new WebSocketServer(SYNC_SOCKET_OPTIONS);
	server.on('upgrade', (req, socket, head) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path !== '/sync') {
			socket.destroy();
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			// An oversized or malformed frame makes ws emit 'error' and close the socket; without a
			// listener that error would end the process.
			ws.on('error', (e) => console.error(`[sync] socket error: ${e.message}`));
			sync.hocuspocus.handleConnection(prepareSyncSocket(ws), req);
		});
	});

	await new Promise<void>((ok) => server.listen(config.port, config.host, ok));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
	if (await isDemoActive(store)) console.log(demoBanner(demoAccounts));
	const where = describeStore(store, config) + (relay.kind === 'redis' ? ', Redis relay' : '');
	console.log(`考务 Kaowu listening on ${url}  (data: ${config.dataDir}; store: ${where})`);

	let isClosing = false;
	async function shutdown(signal: string) {
		if (isClosing) return;
		isClosing = true;
		console.log(`${signal}: closing connections and flushing the store…`);
		for (const client of wss.clients) client.close(1001, 'server shutting down');
		server.close();
		revocations.stop();
		stopWatching();
		// Updates whose write failed are retried a few more times before the store closes.
		for (let i = 0; i < 20 && sync.pendingWrites() > 0; i++) await new Promise((r) => setTimeout(r, 250));
		sync.hocuspocus.closeConnections();
		await relay.close();
		await store.close();
		process.exit(0);
	}
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	return { server, port, store };
}

try {
	await startServer();
} catch (e) {
	console.error(`考务 Kaowu did not start: ${(e as Error).message}`);
	process.exit(1);
}
