// The USB-stick fallback: a bundle exported by a device is imported by the server with the same
// merge and authorisation as /sync, idempotently; a corrupted bundle imports nothing.
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

type DeviceKey = Awaited<ReturnType<typeof signInDevice>>['key'];

async function makeBundle(key: DeviceKey, userId: string, docs: Record<string, Y.Doc>): Promise<Bundle> {
	const unsigned = {
		format: BUNDLE_FORMAT,
		version: 2 as const,
		deviceId: 'dev-usb',
		userId,
		createdAt: new Date().toISOString(),
		isUnsentOnly: false,
		publicKey: key.publicKey,
		docs: Object.entries(docs).map(([name, doc]) => ({ name, update: toBase64(Y.encodeStateAsUpdate(doc)) }))
	};
	return signBundle(unsigned, key.privateKey);
}

async function post(bundle: unknown, token: string) {
	const r = await fetch(`${s.url}/api/bundles`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: typeof bundle === 'string' ? bundle : JSON.stringify(bundle)
	});
	return { status: r.status, body: await r.json() };
}

describe('USB bundles', () => {
	it('imports a proctor’s day document once, idempotently, and refuses documents he may not write', async () => {
		const proctor = await signInDevice(s.url, 'jiankao1');
		const day = new Y.Doc();
		for (let n = 0; n < 5; n++) day.getMap('entries').set(`e-usb-${n}`, { v: 1, id: `e-usb-${n}`, n });
		const plan = new Y.Doc();
		plan.getMap('rubrics').set('forged', { v: 1, id: 'forged' });
		const bundle = await makeBundle(proctor.key, 'u-proctor-1', {
			[`day:${PLAN}:u-proctor-1`]: day,
			[`plan:${PLAN}`]: plan
		});
		// Carried to the centre and imported by the supervisor: authorisation is the author's.
		const supervisorToken = await signInToken(s.url, 'dudao');
		const first = await post(bundle, supervisorToken);
		expect(first.status).toBe(200);
		expect(first.body.docs).toEqual([
			{ name: `day:${PLAN}:u-proctor-1`, status: 'imported' },
			{ name: `plan:${PLAN}`, status: 'refused', reason: '作者对该文档没有写入权限' }
		]);
		const second = await post(bundle, supervisorToken);
		expect(second.body.docs[0].status).toBe('already-present');
		expect(storedDoc(s.dataDir, `day:${PLAN}:u-proctor-1`).getMap('entries').size).toBe(5);
		expect(storedDoc(s.dataDir, `plan:${PLAN}`).getMap('rubrics').has('forged')).toBe(false);
	});

	it('refuses a bundle whose content was changed after export, importing nothing', async () => {
		const { token, key } = await signInDevice(s.url, 'jiankao2');
		const day = new Y.Doc();
		day.getMap('entries').set('e-tampered', { v: 1, id: 'e-tampered' });
		const bundle = await makeBundle(key, 'u-proctor-2', { [`day:${PLAN}:u-proctor-2`]: day });
		const tampered = { ...bundle, userId: 'u-proctor-3' };
		const result = await post(tampered, token);
		expect(result.status).toBe(400);
		expect(result.body.message).toContain('签名不符');
		expect(storedDoc(s.dataDir, `day:${PLAN}:u-proctor-2`).getMap('entries').size).toBe(0);
		expect((await post('not json at all', token)).status).toBe(400);
	});
});
