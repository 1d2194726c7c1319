// How several Kaowu instances on one database agree, through Redis (KAOWU_REDIS_URL):
// - an update is published only after its transaction committed, so another instance shows its
//   clients (and counts as stored) only what the shared database holds. Hocuspocus' own Redis
//   extension is not used: it relays every update before it is stored (another instance would
//   show, and acknowledge as stored, entries the database may never get) and relays the server's
//   stateless messages too;
// - sign-in revocations are announced, so every instance closes the sockets at once (each also
//   polls the database every second);
// - after Redis comes back, each instance re-reads its open documents from the database, which
//   catches up whatever was published while it was away.
// Clients never speak on these channels: only instances publish, and only what they stored.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface Relay {
	readonly kind: 'none' | 'redis';
	/** Announces an update this instance has just committed. */
	stored(doc: string, update: Uint8Array): void;
	/** Announces that sign-ins were revoked (the others check at once). */
	revoked(): void;
	onStored(handler: (doc: string, update: Uint8Array) => void): void;
	onRevoked(handler: () => void): void;
	/** Called when the relay (re)connects: messages may have been missed meanwhile. */
	onResync(handler: () => void): void;
	status(): Promise<'up' | 'down' | 'none'>;
	close(): Promise<void>;
}

/** One instance alone: nothing to tell anyone. */
export const NO_RELAY: Relay = {
	kind: 'none',
	stored: () => {},
	revoked: () => {},
	onStored: () => {},
	onRevoked: () => {},
	onResync: () => {},
	status: async () => 'none',
	close: async () => {}
};

const STORED = 'kaowu:stored';
const REVOKED = 'kaowu:revoked';

/** A stored-update message: the sender's id and the document name (each length-prefixed), then the update. */
function encode(from: string, doc: string, update: Uint8Array): Buffer {
	const f = Buffer.from(from);
	const d = Buffer.from(doc);
	const head = Buffer.alloc(4);
	head.writeUInt16BE(f.length, 0);
	head.writeUInt16BE(d.length, 2);
	return Buffer.concat([head, f, d, update]);
}

function decode(message: Buffer): { from: string; doc: string; update: Uint8Array } | null {
	if (message.length < 4) return null;
	const fl = message.readUInt16BE(0);
	const dl = message.readUInt16BE(2);
	if (message.length < 4 + fl + dl) return null;
	return {
		from: message.subarray(4, 4 + fl).toString(),
		doc: message.subarray(4 + fl, 4 + fl + dl).toString(),
		update: new Uint8Array(message.subarray(4 + fl + dl))
	};
}

export async function openRedisRelay(
	url: string,
	log: (m: string) => void = console.log
): Promise<Relay & { redis: Redis }> {
	const id = randomUUID();
	const pub = new Redis(url, { lazyConnect: true });
	const sub = new Redis(url, { lazyConnect: true });
	for (const [name, client] of [
		['publisher', pub],
		['subscriber', sub]
	] as const)
		client.on('error', (e: Error) => log(`[relay] Redis ${name}: ${e.message}`));
	await pub.connect();
	await sub.connect();
	const storedHandlers: ((doc: string, update: Uint8Array) => void)[] = [];
	const revokedHandlers: (() => void)[] = [];
	const resyncHandlers: (() => void)[] = [];
	sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		const name = channel.toString();
		if (name === STORED) {
			const m = decode(message);
			if (!m || m.from === id) return;
			for (const h of storedHandlers) h(m.doc, m.update);
		} else if (name === REVOKED && message.toString() !== id) for (const h of revokedHandlers) h();
	});
	await sub.subscribe(STORED, REVOKED);
	// ioredis resubscribes by itself after a reconnect; what was published meanwhile is lost.
	let isFirstReady = true;
	sub.on('ready', () => {
		if (isFirstReady) return void (isFirstReady = false);
		log('[relay] Redis is back: re-reading open documents from the database');
		for (const h of resyncHandlers) h();
	});
	isFirstReady = false;
	const publish = (channel: string, message: Buffer | string) =>
		void pub.publish(channel, message).catch((e: Error) => log(`[relay] publish failed: ${e.message}`));
	return {
		kind: 'redis',
		redis: pub,
		stored: (doc, update) => publish(STORED, encode(id, doc, update)),
		revoked: () => publish(REVOKED, id),
		onStored: (h) => void storedHandlers.push(h),
		onRevoked: (h) => void revokedHandlers.push(h),
		onResync: (h) => void resyncHandlers.push(h),
		status: async () => {
			try {
				await Promise.race([
					pub.ping(),
					new Promise((_, fail) => setTimeout(() => fail(new Error('timeout')), 1000).unref())
				]);
				return 'up';
			} catch {
				return 'down';
			}
		},
		close: async () => {
			sub.disconnect();
			pub.disconnect();
		}
	};
}
