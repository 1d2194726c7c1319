// "A USB bundle hands its carrier the author's identity": the checksum was an unkeyed SHA-256, so
// the carrier could edit entries and recompute it (a forged "impersonation" incident was stored
// in a proctor's day document), and the live token inside could be renewed for ever. Now the
// bundle is signed by the author's device key (registered at sign-in) and carries no token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { makeDeviceKey, signInDevice, signInToken, storedDoc } from '../support/node-device';
import { BUNDLE_FORMAT, signBundle, type Bundle } from '../../src/lib/sync/bundle-format';
import { fromBase64, toBase64 } from '../../src/lib/sync/server-messages';
import { admin } from './admin';

const PLAN = 'demo-20270116';
let s: KaowuServer;

beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
}, 60_000);
afterAll(async () => {
	await s.kill();
});

type DeviceKey = Awaited<ReturnType<typeof makeDeviceKey>>;

function dayWith(entries: Record<string, unknown>): Y.Doc {
	const doc = new Y.Doc();
	for (const [id, e] of Object.entries(entries)) doc.getMap('entries').set(id, e);
	return doc;
}

async function exportAs(key: DeviceKey, userId: string, docs: Record<string, Y.Doc>): Promise<Bundle> {
	return signBundle(
		{
			format: BUNDLE_FORMAT,
			version: 2,
			deviceId: 'dev-usb',
			userId,
			createdAt: new Date().toISOString(),
			isUnsentOnly: false,
			publicKey: key.publicKey,
			docs: Object.entries(docs).map(([name, doc]) => ({ name, update: toBase64(Y.encodeStateAsUpdate(doc)) }))
		},
		key.privateKey
	);
}

async function importBundle(bundle: unknown) {
	const supervisor = await signInToken(s.url, 'dudao');
	const r = await fetch(`${s.url}/api/bundles`, {
		method: 'POST',
		headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
		body: JSON.stringify(bundle)
	});
	return { status: r.status, body: await r.json() };
}

/** The carrier's edit: a forged incident added to the proctor's day document. */
function withForgedIncident(bundle: Bundle): Bundle {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, fromBase64(bundle.docs[0].update));
	doc.getMap('entries').set('e-forged', { v: 1, id: 'e-forged', kind: 'incident', text: '考生冒名顶替' });
	return { ...bundle, docs: [{ name: bundle.docs[0].name, update: toBase64(Y.encodeStateAsUpdate(doc)) }] };
}

describe('USB bundles prove their author without carrying a usable token', () => {
	it('a carrier’s edit (a forged incident) is refused with a clear message, and nothing is stored', async () => {
		const { key } = await signInDevice(s.url, 'jiankao5');
		const docName = `day:${PLAN}:u-proctor-5`;
		const bundle = await exportAs(key, 'u-proctor-5', { [docName]: dayWith({ 'e-real': { v: 1, id: 'e-real' } }) });
		const edited = await importBundle(withForgedIncident(bundle));
		expect(edited.status).toBe(400);
		expect(edited.body.message).toContain('签名不符');
		// Re-signing with a key of his own does not help: the author never registered it.
		const carrierKey = await makeDeviceKey();
		const { signature: _, ...unsigned } = withForgedIncident(bundle);
		const resigned = await importBundle(
			await signBundle({ ...unsigned, publicKey: carrierKey.publicKey }, carrierKey.privateKey)
		);
		expect(resigned.status).toBe(403);
		expect(resigned.body.message).toContain('不是由作者登录过的设备签名的');
		expect(storedDoc(s.dataDir, docName).getMap('entries').size).toBe(0);
		// The genuine bundle still imports.
		expect((await importBundle(bundle)).body.docs[0].status).toBe('imported');
	});

	it('nothing in a bundle signs in, refreshes or opens /api/me', async () => {
		const { key } = await signInDevice(s.url, 'jiankao6');
		const bundle = await exportAs(key, 'u-proctor-6', { [`day:${PLAN}:u-proctor-6`]: dayWith({}) });
		const strings: string[] = [];
		JSON.stringify(bundle, (_k, v) => (typeof v === 'string' && strings.push(v), v));
		expect(strings.length).toBeGreaterThan(5);
		for (const candidate of strings) {
			const headers = { authorization: `Bearer ${candidate}` };
			expect((await fetch(`${s.url}/api/auth/refresh`, { method: 'POST', headers })).status).toBe(401);
			expect((await fetch(`${s.url}/api/me`, { headers })).status).toBe(401);
		}
	});

	it('a disabled author’s bundle is refused, saying why', async () => {
		const { key } = await signInDevice(s.url, 'jiankao7');
		const bundle = await exportAs(key, 'u-proctor-7', {
			[`day:${PLAN}:u-proctor-7`]: dayWith({ 'e-1': { v: 1, id: 'e-1' } })
		});
		const disabled = await admin(s.dataDir, ['disable-user', '--username', 'jiankao7']);
		expect(disabled.code, disabled.out).toBe(0);
		const result = await importBundle(bundle);
		expect(result.status).toBe(403);
		expect(result.body.message).toContain('已停用');
		expect(storedDoc(s.dataDir, `day:${PLAN}:u-proctor-7`).getMap('entries').size).toBe(0);
	});

	it('a tablet whose sign-in an admin ended (lost or stolen) can no longer deliver bundles', async () => {
		const { key, sessionId } = await signInDevice(s.url, 'jiankao8');
		const bundle = await exportAs(key, 'u-proctor-8', {
			[`day:${PLAN}:u-proctor-8`]: dayWith({ 'e-1': { v: 1, id: 'e-1' } })
		});
		const ended = await admin(s.dataDir, ['end-device', '--username', 'jiankao8', '--id', sessionId]);
		expect(ended.code, ended.out).toBe(0);
		const result = await importBundle(bundle);
		expect(result.status).toBe(403);
		expect(result.body.message).toContain('已被注销');
	});
});
