// The plan screens' calls to the server (creating a plan, signing tickets, the district's review) and
// keeping the device's list of plans current afterwards, so the new plan's document opens at once.
import { db } from '$lib/storage/db';
import { session } from '$lib/state/session.svelte';
import { planDoc } from '$lib/sync/doc-names';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: string; deadline?: string };

export async function callApi<T>(method: 'POST' | 'GET' | 'PUT', path: string, body?: unknown): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${session.account?.token ?? ''}` },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, error: '无法连接服务器：此操作需要联网，请联网后再试' };
	}
	const data = await response.json().catch(() => ({}));
	if (!response.ok)
		return { ok: false, error: data.message ?? `服务器错误（${response.status}）`, deadline: data.deadline };
	return { ok: true, data: data as T };
}

/** Re-reads the plans this account may open and opens any new plan document. */
export async function refreshPlans(): Promise<void> {
	const me = await callApi<{ plans: { id: string; examDate: string; institutionId: string; access: string }[] }>(
		'GET',
		'/api/me'
	);
	if (!me.ok || !session.account) return;
	const account = { ...session.account, plans: me.data.plans };
	await db.accounts.put($state.snapshot(account) as typeof account);
	session.account = account;
	for (const p of me.data.plans) session.workspace?.open(planDoc(p.id));
}
