// The one way the app calls the server's JSON API. Every call resolves to a value — never throws for
// an expected failure — so each caller handles "offline", "refused with a reason" and "done" the
// same way; `handleError` (state/notices) shows a failure the caller does not place itself.
// The server answers failures as `{ error: code, message, …details }` (src/server/api/router.ts).

export interface ApiFailure {
	ok: false;
	/** The server's code (`forbidden`, `deadline-passed`, …), or `offline` when no answer came. */
	code: string;
	/** HTTP status, or null when the server could not be reached. */
	status: number | null;
	/** The server's message for a person; empty when offline (the caller shows its own text). */
	message: string;
	/** Seconds to wait before trying again, when the server said so (Retry-After). */
	retryAfterSeconds?: number;
	/** Any further fields of the server's answer (e.g. a deadline). */
	details: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

export interface ApiOptions {
	method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
	body?: unknown;
	/** Bearer token; omitted for public endpoints. */
	token?: string | null;
	/** A body that is already text (a USB bundle), sent as JSON without re-encoding. */
	rawBody?: string;
	signal?: AbortSignal;
	/**
	 * No complete answer within this many milliseconds counts as offline (the request is aborted).
	 * For calls a person waits on when the device can go on without the server: a server that
	 * accepts connections and never answers would otherwise hold them for minutes.
	 */
	waitMs?: number;
}

/** The failure value for "no answer" (offline, server down, a proxy's 502–504). */
export function offlineFailure(status: number | null = null): ApiFailure {
	return { ok: false, code: 'offline', status, message: '', details: {} };
}

export async function callServer<T>(path: string, options: ApiOptions = {}): Promise<ApiResult<T>> {
	const headers: Record<string, string> = {};
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	if (body !== undefined) headers['content-type'] = 'application/json';
	const abort = new AbortController();
	const stop = () => abort.abort();
	options.signal?.addEventListener('abort', stop);
	if (options.signal?.aborted) stop();
	const timer = options.waitMs === undefined ? null : setTimeout(stop, options.waitMs);
	let response: Response;
	let parsed: unknown;
	try {
		try {
			response = await fetch(path, {
				method: options.method ?? (body ? 'POST' : 'GET'),
				headers,
				body,
				signal: abort.signal
			});
		} catch {
			return offlineFailure();
		}
		if (response.status === 502 || response.status === 503 || response.status === 504)
			return offlineFailure(response.status);
		parsed = await response.json().catch(() => null);
		// Aborted while the body was on its way: no answer, not an empty one.
		if (abort.signal.aborted) return offlineFailure();
	} finally {
		if (timer !== null) clearTimeout(timer);
		options.signal?.removeEventListener('abort', stop);
	}
	if (response.ok) return { ok: true, data: parsed as T };
	const fields = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
	const { error, message, ...details } = fields;
	const retryAfter = Number(response.headers.get('retry-after'));
	return {
		ok: false,
		code: typeof error === 'string' ? error : `http-${response.status}`,
		status: response.status,
		message: typeof message === 'string' ? message : response.statusText,
		...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
		details
	};
}
