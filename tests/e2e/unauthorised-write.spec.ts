// A token for user A cannot write to a document owned by user B over /sync: the update is not
// stored, and the client is told. Driven in Node with the real provider against the real server.
import { expect, test } from '@playwright/test';
import { baseUrl } from '../support/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import * as Y from 'yjs';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { TokenSigner, type TokenClaims } from '../../src/server/auth';

const PLAN = 'plan:demo-20270116';

/** What the server's live document holds now, as a new reader receives it. */
async function liveDoc(url: string, name: string, token: string): Promise<Y.Doc> {
	const reader = connectDevice(url, name, token);
	try {
		await reader.whenSynced;
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
		return copy;
	} finally {
		reader.destroy();
	}
}

test('a proctor cannot open or write the institution’s plan: refused, not stored', async () => {
	const url = baseUrl();
	const token = await signInToken(url, 'jiankao1');
	// He reads his roster slice (issue 15), never the whole plan.
	const device = connectDevice(url, PLAN, token);
	try {
		device.doc.getMap('candidates').set('c-intruder', { v: 1, id: 'c-intruder', name: '冒名顶替' });
		await waitFor(() => device.authFailures.length > 0, 10_000, 'authentication failure');
		expect(device.authFailures[0]).toBe('forbidden');
		expect(device.doc.getMap('candidates').size).toBe(1); // only what he wrote himself

		// The server's live document never took it (a fresh reader, the institution, syncs without it),
		// so no commit of it can be on its way to SQLite either.
		const institution = await signInToken(url, 'jigou');
		expect(await liveDoc(url, PLAN, institution).then((d) => d.getMap('candidates').has('c-intruder'))).toBe(false);
		const stored = storedDoc(process.env.KAOWU_TEST_DATA_DIR!, PLAN);
		expect(stored.getMap('candidates').has('c-intruder')).toBe(false);
		expect(stored.getMap('candidates').size).toBe(120);
	} finally {
		device.destroy();
	}
});

test('a proctor may read a co-invigilator’s day document but never write it', async () => {
	const url = baseUrl();
	const token = await signInToken(url, 'jiankao1');
	const device = connectDevice(url, 'day:demo-20270116:u-proctor-2', token);
	try {
		await device.whenSynced;
		await waitFor(() => device.messages.some((m) => m.type === 'access'), 10_000, 'access message');
		expect(device.messages.find((m) => m.type === 'access')).toEqual({ type: 'access', access: 'read' });
		device.doc.getMap('entries').set('e-forged-entry', { v: 1, id: 'e-forged-entry' });
		await waitFor(() => device.messages.some((m) => m.type === 'refused'), 10_000, 'refusal');
		const live = await liveDoc(url, 'day:demo-20270116:u-proctor-2', token);
		expect(live.getMap('entries').has('e-forged-entry')).toBe(false);
		const stored = storedDoc(process.env.KAOWU_TEST_DATA_DIR!, 'day:demo-20270116:u-proctor-2');
		expect(stored.getMap('entries').has('e-forged-entry')).toBe(false);
	} finally {
		device.destroy();
	}
});

test('someone with no part in the plan cannot open its documents at all', async () => {
	const url = baseUrl();
	const planId = 'demo-20270116';
	// The plan is real and others open it: the district bureau reads it. kaoping4 is an examiner of
	// another institution, dispatched to the past plan only: he has no part in this one.
	const district = connectDevice(url, `plan:${planId}`, await signInToken(url, 'quju'));
	try {
		await district.whenSynced;
		expect(district.doc.getMap('candidates').size).toBeGreaterThan(0);
		const staff = [...district.doc.getMap('staff').values()] as { userId: string }[];
		expect(staff.map((a) => a.userId)).not.toContain('u-examiner-4');
	} finally {
		district.destroy();
	}
	const token = await signInToken(url, 'kaoping4');
	for (const name of [
		`plan:${planId}`,
		`review:${planId}`,
		`review:${planId}:u-examiner-4`,
		`review:${planId}:u-supervisor`,
		`registry:${planId}`,
		`roster:${planId}:u-examiner-4`,
		`day:${planId}:u-proctor-1`,
		`day:${planId}:u-examiner-4`
	]) {
		const device = connectDevice(url, name, token);
		try {
			await waitFor(() => device.authFailures.length > 0, 10_000, `authentication failure for ${name}`);
			expect(device.authFailures[0], name).toBe('forbidden');
			expect(Y.encodeStateVector(device.doc)).toEqual(Y.encodeStateVector(new Y.Doc())); // nothing received
		} finally {
			device.destroy();
		}
	}
});

test('a forged token is refused', async () => {
	const url = baseUrl();
	// Well-formed and carrying a real sign-in's claims, but signed with a key that is not the server's.
	const claims = decodeJwt(await signInToken(url, 'jiankao1')) as unknown as TokenClaims;
	const { token: forged } = await new TokenSigner('not-the-servers-secret-0123456789abcdef', 3600).sign(claims);
	for (const token of ['not-a-token', forged]) {
		const device = connectDevice(url, PLAN, token);
		try {
			await waitFor(() => device.authFailures.length > 0, 10_000, 'authentication failure');
			expect(device.authFailures[0]).toBe('token-invalid');
			expect(device.doc.getMap('candidates').size).toBe(0);
		} finally {
			device.destroy();
		}
	}
});

test('an expired token is refused as expired', async () => {
	const url = baseUrl();
	// The server's own key and a real sign-in's claims (session, version), issued two days ago for
	// one day: everything is right except the time.
	const { tokenSecret } = JSON.parse(readFileSync(join(process.env.KAOWU_TEST_DATA_DIR!, 'secrets.json'), 'utf8')) as {
		tokenSecret: string;
	};
	const claims = decodeJwt(await signInToken(url, 'jiankao1')) as unknown as TokenClaims;
	const day = 24 * 3600;
	const { token: expired } = await new TokenSigner(tokenSecret, day).sign(claims, Date.now() - 2 * day * 1000);
	const device = connectDevice(url, PLAN, expired);
	try {
		await waitFor(() => device.authFailures.length > 0, 10_000, 'authentication failure');
		expect(device.authFailures[0]).toBe('token-expired');
		expect(device.doc.getMap('candidates').size).toBe(0);
	} finally {
		device.destroy();
	}
});
