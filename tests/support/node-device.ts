// A tablet simulated in Node with the app's provider (Hocuspocus' provider, changes written within
// 50 ms sent together: CoalescingProvider) over a real WebSocket: used where a test needs raw
// protocol access (hostile or unauthorised writes, many devices, load).
import { HocuspocusProviderWebsocket, type HocuspocusProvider } from '@hocuspocus/provider';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CoalescingProvider } from '../../src/lib/sync/coalescing-provider';
import { fromBase64 } from '../../src/lib/sync/server-messages';

export async function signInToken(url: string, username: string, password = 'kaowu2027'): Promise<string> {
	const r = await fetch(`${url}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
	if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
	return (await r.json()).token;
}

/** A device's bundle-signing key, made as the browser makes it (WebCrypto ECDSA P-256). */
export async function makeDeviceKey(): Promise<{
	privateKey: CryptoKey;
	publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}> {
	const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
		'sign',
		'verify'
	])) as CryptoKeyPair;
	const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
	return { privateKey: pair.privateKey, publicKey: { kty: 'EC', crv: 'P-256', x: x!, y: y! } };
}

/** Signs in as a device that registers its bundle-signing key, as the app does. */
export async function signInDevice(url: string, username: string, password = 'kaowu2027') {
	const key = await makeDeviceKey();
	const r = await fetch(`${url}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password, devicePublicKey: key.publicKey })
	});
	if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
	const body = await r.json();
	return { token: body.token as string, sessionId: body.sessionId as string, key };
}

export interface NodeDevice {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	socket: HocuspocusProviderWebsocket;
	messages: Record<string, unknown>[];
	authFailures: string[];
	whenSynced: Promise<void>;
	destroy: () => void;
}

export function connectDevice(
	url: string,
	docName: string,
	token: string,
	doc = new Y.Doc(),
	options: { WebSocketClass?: typeof WebSocket } = {}
): NodeDevice {
	const socket = new HocuspocusProviderWebsocket({
		url: url.replace(/^http/, 'ws') + '/sync',
		WebSocketPolyfill: options.WebSocketClass ?? WebSocket,
		maxAttempts: 0
	});
	const messages: Record<string, unknown>[] = [];
	const authFailures: string[] = [];
	let synced!: () => void;
	const whenSynced = new Promise<void>((ok) => (synced = ok));
	const provider = new CoalescingProvider({
		websocketProvider: socket,
		name: docName,
		document: doc,
		token,
		onStateless: ({ payload }) => messages.push(JSON.parse(payload)),
		onAuthenticationFailed: ({ reason }) => authFailures.push(reason),
		onSynced: () => synced()
	});
	provider.attach();
	return {
		doc,
		provider,
		socket,
		messages,
		authFailures,
		whenSynced,
		destroy: () => {
			provider.destroy();
			socket.destroy();
		}
	};
}

/** The document exactly as the server's SQLite file holds it (opened read-only). */
export function storedDoc(dataDir: string, docName: string): Y.Doc {
	const db = new Database(join(dataDir, 'kaowu.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const rows = db.prepare('SELECT update_bytes FROM doc_updates WHERE doc = ? ORDER BY seq').all(docName) as {
			update_bytes: Buffer;
		}[];
		const doc = new Y.Doc();
		for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.update_bytes));
		return doc;
	} finally {
		db.close();
	}
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** How many check-ins (attendance entries) of a candidate a day document on the server holds. */
export function storedCheckIns(dataDir: string, docName: string, candidateId: string): number {
	const entries = Object.values(storedDoc(dataDir, docName).getMap('entries').toJSON()) as {
		candidateId?: string;
		kind: string;
	}[];
	return entries.filter((e) => e.candidateId === candidateId && e.kind === 'attendance').length;
}

/**
 * Waits until the server has stored each candidate's check-in exactly once in the day document:
 * what a tablet recorded while the server could not be reached is neither lost nor doubled.
 */
export async function waitForCheckInsStoredOnce(
	dataDir: string,
	docName: string,
	candidateIds: string[],
	timeoutMs = 15_000
): Promise<void> {
	await waitFor(
		() => candidateIds.every((c) => storedCheckIns(dataDir, docName, c) === 1),
		timeoutMs,
		`${candidateIds.join(', ')} checked in and stored once in ${docName}`
	);
}

/** Resolves once the server has stored everything the device holds (its `stored` vector covers it). */
export async function whenStored(d: NodeDevice, timeoutMs = 15_000): Promise<void> {
	await waitFor(
		() => {
			const msg = [...d.messages].reverse().find((m) => m.type === 'stored') as { sv: string } | undefined;
			if (!msg) return false;
			const sv = Y.decodeStateVector(fromBase64(msg.sv));
			const local = Y.decodeStateVector(Y.encodeStateVector(d.doc));
			return [...local].every(([client, clock]) => (sv.get(client) ?? 0) >= clock);
		},
		timeoutMs,
		'stored'
	);
}
