// Who may deliver a USB bundle (issue 15): the author's signature says whose records they are, but
// the person posting the file must also have a part in the plan the bundle is about. Before, any
// signed-in account (an examiner of another plan, someone of another institution) could push any
// plan's records into the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInDevice, signInToken, storedDoc } from '../support/node-device';
import { BUNDLE_FORMAT, signBundle, type Bundle } from '../../src/lib/sync/bundle-format';
import { toBase64 } from '../../src/lib/sync/server-messages';

const PLAN = 'demo-20270116';
let s: KaowuServer;

beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

async function proctorBundle(username: string, userId: string): Promise<{ bundle: Bundle; docName: string }> {
	const { key } = await signInDevice(s.url, username);
	const docName = `day:${PLAN}:${userId}`;
	const doc = new Y.Doc();
	doc.getMap('entries').set('e-usb-1', { v: 1, id: 'e-usb-1' });
	const bundle = await signBundle(
		{
			format: BUNDLE_FORMAT,
			version: 2,
			deviceId: 'dev-usb',
			userId,
			createdAt: new Date().toISOString(),
			isUnsentOnly: true,
			publicKey: key.publicKey,
			docs: [{ name: docName, update: toBase64(Y.encodeStateAsUpdate(doc)) }]
		},
		key.privateKey
	);
	return { bundle, docName };
}

async function postAs(username: string, bundle: Bundle) {
	const token = await signInToken(s.url, username);
	const r = await fetch(`${s.url}/api/bundles`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(bundle)
	});
	return { status: r.status, body: await r.json() };
}

describe('who may deliver a USB bundle', () => {
	it('someone with no part in the bundle’s plan is refused, saying why, and nothing is stored', async () => {
		const { bundle, docName } = await proctorBundle('jiankao5', 'u-proctor-5');
		// kaoping4 examines only the past plan: he has no part in this one.
		const stranger = await postAs('kaoping4', bundle);
		expect(stranger.status).toBe(403);
		expect(stranger.body.error).toBe('importer-not-on-plan');
		expect(stranger.body.message).toContain('与数据包中的考试计划无关');
		expect(storedDoc(s.dataDir, docName).getMap('entries').size).toBe(0);
		// The plan's supervisor delivers the same file.
		const supervisor = await postAs('dudao', bundle);
		expect(supervisor.status).toBe(200);
		expect(supervisor.body.docs[0].status).toBe('imported');
		expect(storedDoc(s.dataDir, docName).getMap('entries').has('e-usb-1')).toBe(true);
	});

	it('a colleague on the same plan may carry a proctor’s bundle (the author’s rights decide what is written)', async () => {
		const { bundle, docName } = await proctorBundle('jiankao6', 'u-proctor-6');
		const colleague = await postAs('jiankao2', bundle);
		expect(colleague.status).toBe(200);
		expect(colleague.body.docs[0].status).toBe('imported');
		expect(storedDoc(s.dataDir, docName).getMap('entries').has('e-usb-1')).toBe(true);
	});
});
