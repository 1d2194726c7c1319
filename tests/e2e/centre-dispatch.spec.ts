// The centre dispatches examiners to a plan and can take them back: a removal answered "ok" must be
// a removal in what SQLite holds (the plan's registry document, which only the server writes) (before the fix it answered ok and the
// examiner stayed, because a deletion leaves the Yjs state vector unchanged).
import { expect, test, type APIRequestContext } from '@playwright/test';
import { startKaowu, storedDocOf, type KaowuServer } from './centre-support';
import { storedDoc } from '../support/node-device';

const PLAN = 'demo-20270116';
let server: KaowuServer;
/** The examiners the centre dispatched, as SQLite holds them (the plan's registry, server-written). */
const dispatched = () => storedDoc(server.dataDir, `registry:${PLAN}`).getMap('examiners');

test.beforeAll(async () => {
	server = await startKaowu();
});
test.afterAll(async () => {
	await server?.stop();
});

async function tokenFor(request: APIRequestContext, username: string): Promise<string> {
	const r = await request.post(`${server.url}/api/auth/sign-in`, { data: { username, password: 'kaowu2027' } });
	expect(r.status()).toBe(200);
	return (await r.json()).token;
}

test('the centre adds and removes a dispatched examiner; the removal is what SQLite then holds', async ({
	request
}) => {
	const headers = { authorization: `Bearer ${await tokenFor(request, 'zhongxin')}` };
	const assignment = { v: 1, id: 'a-dispatch-test', userId: 'u-examiner-4', duty: 'examiner' };
	const add = await request.post(`${server.url}/api/plans/${PLAN}/examiners`, {
		data: { action: 'add', assignment },
		headers
	});
	expect(add.status()).toBe(200);
	expect(dispatched().has('a-dispatch-test')).toBe(true);

	const remove = await request.post(`${server.url}/api/plans/${PLAN}/examiners`, {
		data: { action: 'remove', assignment },
		headers
	});
	expect(remove.status()).toBe(200);
	expect(dispatched().has('a-dispatch-test')).toBe(false);

	// A second removal says it is no longer there; the centre cannot remove the institution's proctors.
	const again = await request.post(`${server.url}/api/plans/${PLAN}/examiners`, {
		data: { action: 'remove', assignment },
		headers
	});
	expect(again.status()).toBe(404);
	const proctor = [...storedDocOf(server, PLAN).getMap('staff').values()].find(
		(a) => (a as { duty: string }).duty === 'invigilator'
	) as { id: string };
	const refused = await request.post(`${server.url}/api/plans/${PLAN}/examiners`, {
		data: { action: 'remove', assignment: { ...proctor, duty: 'examiner' } },
		headers
	});
	expect([400, 403]).toContain(refused.status());
	expect(storedDocOf(server, PLAN).getMap('staff').has(proctor.id)).toBe(true);
});
