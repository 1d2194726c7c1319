// A tiny JSON router for /api: each area of the product keeps its routes in its own file under
// src/server/api/ and lists them in http-api.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenSigner } from '../auth';
import type { Store, UserRow } from '../store';
import type { Relay } from '../relay';
import type { SyncServer } from '../sync-server';
import type { TicketSigner } from '../ticket-keys';
import type { SessionRow, Sessions } from '../sessions';
import type { Message } from '../../lib/domain/message-text';
import { zhText } from '../../lib/i18n/plain-translator';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

export interface ApiDeps {
	store: Store;
	tokens: TokenSigner;
	sync: SyncServer;
	tickets: TicketSigner;
	sessions: Sessions;
	/** Call after ending sign-ins, so their open connections close now rather than within a second. */
	onRevoked?: () => Promise<void> | void;
	/** The other instances (Redis), for the health endpoint. */
	relay?: Relay;
	/** "Today" override for deadlines in tests (ISO date), else the Beijing date. */
	today?: string;
	/** KAOWU_TODAY with a time: the exam clock's offset from the real one (exam-clock.ts). */
	clockOffsetMs?: number;
}

export interface ApiContext {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	params: Record<string, string>;
	/** The signed-in user; always set on routes that are not `isPublic`. */
	user: UserRow;
	/** The signed-in device's session; always set on routes that are not `isPublic`. */
	session: SessionRow;
	deps: ApiDeps;
	body: () => Promise<unknown>;
}

export interface ApiRoute {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Path with `:param` segments, e.g. `/api/plans/:planId`. */
	path: string;
	isPublic?: boolean;
	handle: (ctx: ApiContext) => Promise<void> | void;
}

/** A refusal in the API's words (common.json `api.*`): key and parameters, worded by the reader's screen. */
export function apiMessage(key: string, params: Message['params'] = {}): Message {
	return { key: `api.${key}`, params };
}

/** A refusal's body fields: the Chinese text (clients that only read `message`, logs) and the message itself. */
export function worded(message: string | Message): { message: string; msg?: Message } {
	return typeof message === 'string' ? { message } : { message: zhText(message), msg: message };
}

export class ApiError extends Error {
	/** The refusal as a message, when it has one: the client words it in the interface language. */
	readonly msg?: Message;
	constructor(
		readonly status: number,
		readonly code: string,
		message: string | Message
	) {
		super(typeof message === 'string' ? message : zhText(message));
		if (typeof message !== 'string') this.msg = message;
	}
}

const MAX_BODY = 8 * 1024 * 1024;

/** Bodies under this size go as they are: compressing them saves less than its headers cost. */
const COMPRESS_FROM_BYTES = 1024;

/** JSON answer, compressed (brotli, else gzip) when the client accepts it and it is worth it. */
export function json(res: ServerResponse, status: number, body: unknown): void {
	const text = Buffer.from(JSON.stringify(body));
	const headers: Record<string, string> = {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		vary: 'accept-encoding'
	};
	const accepted = String(res.req?.headers['accept-encoding'] ?? '');
	let payload = text;
	if (text.length >= COMPRESS_FROM_BYTES && /\bbr\b/.test(accepted)) {
		payload = brotliCompressSync(text, {
			params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: text.length }
		});
		headers['content-encoding'] = 'br';
	} else if (text.length >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(accepted)) {
		payload = gzipSync(text, { level: 6 });
		headers['content-encoding'] = 'gzip';
	}
	headers['content-length'] = String(payload.length);
	res.writeHead(status, headers);
	res.end(payload);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	let size = 0;
	const chunks: Buffer[] = [];
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new ApiError(413, 'too-large', apiMessage('tooLarge'));
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
	const text = (await readBody(req)).toString('utf8');
	try {
		return JSON.parse(text || '{}');
	} catch {
		throw new ApiError(400, 'bad-json', apiMessage('badJson'));
	}
}

export function matchPath(pattern: string, path: string): Record<string, string> | null {
	const a = pattern.split('/');
	const b = path.split('/');
	if (a.length !== b.length) return null;
	const params: Record<string, string> = {};
	for (let i = 0; i < a.length; i++) {
		if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
		else if (a[i] !== b[i]) return null;
	}
	return params;
}
