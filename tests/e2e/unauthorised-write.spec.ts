// A token for user A cannot write to a document owned by user B over /sync: the update is not
// stored, and the client is told. Driven in Node with the real provider against the real server.
import { expect, test } from '@playwright/test';
import { baseUrl } from '../support/app';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';

const PLAN = 'plan:demo-20270116';

test('a proctor cannot write the institution’s plan: refused, told, not stored', async () => {
	const url = baseUrl();
	const token = await signInToken(url, 'jiankao1');
	const device = connectDevice(url, PLAN, token);
	try {
		await device.whenSynced;
		expect(device.doc.getMap('candidates').size).toBe(120); // reading is allowed
		await waitFor(() => device.messages.some((m) => m.type === 'access'), 10_000, 'access message');
		expect(device.messages.find((m) => m.type === 'access')).toEqual({ type: 'access', access: 'read' });

		device.doc.getMap('candidates').set('c-intruder', { v: 1, id: 'c-intruder', name: '冒名顶替' });
		await waitFor(() => device.messages.some((m) => m.type === 'refused'), 10_000, 'refusal');
		expect(device.messages.find((m) => m.type === 'refused')).toMatchObject({ reason: 'read-only', doc: PLAN });

		await new Promise((r) => setTimeout(r, 500));
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
		await new Promise((r) => setTimeout(r, 300));
		const stored = storedDoc(process.env.KAOWU_TEST_DATA_DIR!, 'day:demo-20270116:u-proctor-2');
		expect(stored.getMap('entries').has('e-forged-entry')).toBe(false);
	} finally {
		device.destroy();
	}
});

test('someone with no part in the plan cannot open its documents at all', async () => {
	const url = baseUrl();
	const token = await signInToken(url, 'quju'); // the district reads plans, not devices of another district
	const other = connectDevice(url, 'config', token);
	try {
		await other.whenSynced; // everyone signed in reads the config document
	} finally {
		other.destroy();
	}
	const device = connectDevice(url, 'review:no-such-plan', token);
	try {
		await waitFor(() => device.authFailures.length > 0, 10_000, 'authentication failure');
		expect(device.authFailures[0]).toBe('forbidden');
	} finally {
		device.destroy();
	}
});

test('a forged or expired token is refused', async () => {
	const device = connectDevice(baseUrl(), PLAN, 'not-a-token');
	try {
		await waitFor(() => device.authFailures.length > 0, 10_000, 'authentication failure');
		expect(device.authFailures[0]).toBe('token-invalid');
		expect(device.doc.getMap('candidates').size).toBe(0);
	} finally {
		device.destroy();
	}
});
