import { afterEach, describe, expect, it, vi } from 'vitest';
import { callServer } from './client';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
	return vi.fn(async () => new Response(JSON.stringify(body), { status, headers }));
}

afterEach(() => vi.unstubAllGlobals());

describe('callServer', () => {
	it('returns the data of a successful answer and sends the token', async () => {
		const fetchMock = answer(200, { plans: [] });
		vi.stubGlobal('fetch', fetchMock);
		const result = await callServer<{ plans: string[] }>('/api/me', { token: 't0k' });
		expect(result).toEqual({ ok: true, data: { plans: [] } });
		const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
		expect((init.headers as Record<string, string>).authorization).toBe('Bearer t0k');
	});

	it('turns a refusal into a value with the server code, message, details and retry time', async () => {
		vi.stubGlobal(
			'fetch',
			answer(429, { error: 'too-many-attempts', message: '请稍后再试', deadline: '2027-01-01' }, { 'retry-after': '8' })
		);
		const result = await callServer('/api/auth/sign-in', { body: { username: 'a' } });
		expect(result).toEqual({
			ok: false,
			code: 'too-many-attempts',
			status: 429,
			message: '请稍后再试',
			retryAfterSeconds: 8,
			details: { deadline: '2027-01-01' }
		});
	});

	it('says offline when the network fails or a proxy answers 502–504, never throws', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
		);
		expect(await callServer('/api/me')).toMatchObject({ ok: false, code: 'offline', status: null });
		vi.stubGlobal('fetch', answer(503, {}));
		expect(await callServer('/api/me')).toMatchObject({ ok: false, code: 'offline', status: 503 });
	});

	it('keeps a non-JSON error page as an error with its status', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response('<html>oops</html>', { status: 500, statusText: 'Server Error' }))
		);
		expect(await callServer('/api/me')).toMatchObject({ ok: false, code: 'http-500', status: 500 });
	});

	it('counts a server that accepts and never answers as offline after waitMs, and only then', async () => {
		// What a hung connection looks like to the page: the fetch settles only when aborted.
		const hung = vi.fn(
			(_path: string, init: RequestInit) =>
				new Promise<Response>((_ok, fail) =>
					init.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')))
				)
		);
		vi.stubGlobal('fetch', hung);
		vi.useFakeTimers();
		try {
			let settled: unknown = null;
			void callServer('/api/auth/sign-in', { body: {}, waitMs: 6000 }).then((r) => (settled = r));
			await vi.advanceTimersByTimeAsync(5999);
			expect(settled).toBeNull();
			await vi.advanceTimersByTimeAsync(1);
			expect(settled).toMatchObject({ ok: false, code: 'offline', status: null });
		} finally {
			vi.useRealTimers();
		}
	});

	it('does not take a body cut off by waitMs for an empty answer', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(
				async (_path: string, init: RequestInit) =>
					new Response(
						new ReadableStream({
							start(controller) {
								controller.enqueue(new TextEncoder().encode('{"token":'));
								init.signal?.addEventListener('abort', () =>
									controller.error(new DOMException('aborted', 'AbortError'))
								);
							}
						}),
						{ status: 200 }
					)
			)
		);
		expect(await callServer('/api/me', { waitMs: 20 })).toMatchObject({ ok: false, code: 'offline' });
	});
});
