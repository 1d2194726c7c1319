// Attack (issue 11, "unsent means everything not stored"): the institution admin withdraws a staff
// assignment while the tablet is offline. A deletion adds no clock to a Yjs state vector, so a
// device comparing vectors alone shows it as stored, lets the device be cleared, and leaves it out
// of an "unsent only" USB bundle: the withdrawn proctor keeps the assignment (and the access it
// grants). The victim is the real client (Workspace, SyncedDoc over fake-indexeddb, bundle export);
// the checks are on its status, its clear-device refusal, the bundle, and what SQLite then holds.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInDevice, storedDoc, waitFor } from '../support/node-device';
import { Workspace } from '../../src/lib/sync/workspace';
import { exportBundle } from '../../src/lib/sync/bundle';
import type { DocStatus } from '../../src/lib/sync/doc-status';
import type { SyncedDoc } from '../../src/lib/sync/synced-doc';

const PLAN = 'demo-20270116';
const PLAN_DOC = `plan:${PLAN}`;
const WITHDRAWN = 'a-theory-r104-1';

let server: KaowuServer;
beforeAll(async () => {
	// Workspace opens its socket with the platform WebSocket, as a browser would.
	(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
	server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

const whenStatus = (doc: SyncedDoc, check: (s: DocStatus) => boolean, what: string) =>
	waitFor(() => check(doc.status), 15_000, what);

it('a staff assignment withdrawn offline is unsent: counted, blocks clearing the device, travels in an "unsent only" bundle', async () => {
	const { token, key } = await signInDevice(server.url, 'jigou');
	const workspace = new Workspace('u-inst', `${server.url.replace(/^http/, 'ws')}/sync`, () => token);
	const plan = workspace.open(PLAN_DOC);
	await plan.whenLoaded;
	workspace.connect();
	await whenStatus(
		plan,
		(s) => s.access === 'write' && s.storedAt !== null && plan.doc.getMap('staff').has(WITHDRAWN),
		'plan synced'
	);
	expect(plan.status.unsent).toBe(0);

	plan.detach(); // the network goes
	plan.doc.getMap('staff').delete(WITHDRAWN);
	await plan.whenSavedLocally(); // so a refusal below is for the unsent change, not the local save

	expect.soft(plan.status.unsent, 'the withdrawal is waiting for the server').toBe(1);
	expect.soft((await workspace.clearDevice()).ok, 'clearing the device is refused').toBe(false);
	const bundle = await exportBundle(workspace, { isUnsentOnly: true, deviceId: 'dev-test', signingKey: key });
	expect
		.soft(
			bundle.docs.map((d) => d.name),
			'the unsent-only bundle holds the plan'
		)
		.toEqual([PLAN_DOC]);

	// The stick reaches the centre: the server imports the bundle, and SQLite no longer holds it.
	const imported = await fetch(`${server.url}/api/bundles`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(bundle)
	});
	expect(imported.ok).toBe(true);
	expect(storedDoc(server.dataDir, PLAN_DOC).getMap('staff').has(WITHDRAWN), 'SQLite holds the withdrawal').toBe(false);

	// Back online: the server's receipt covers the deletion, and only then is it no longer unsent.
	workspace.setToken(() => token); // reattaches every document to the workspace's socket
	await whenStatus(plan, (s) => s.unsent === 0, 'the withdrawal acknowledged');
	expect((await workspace.clearDevice()).ok).toBe(true);
});
