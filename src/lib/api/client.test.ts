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
});
