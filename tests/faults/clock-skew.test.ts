// Scenario 7: tablet clocks wrong by hours or days. Ordering uses a hybrid logical clock (an entry
// always sorts after every entry its device had seen), and the server records its own receive time
// for every entry, which deadlines use; a tablet's wall clock never decides an outcome.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken, waitFor } from '../support/node-device';
import { currentEntries, type Entry } from '../../src/lib/domain/entries';
import type { AttendanceState } from '../../src/lib/domain/day-entries';
import { Tablet, PLAN } from './fleet';

const DAY = 24 * 3600_000;

function attendance(id: string, hlc: string, at: number, state: AttendanceState, corrects?: string): Entry {
	return {
		v: 1,
		id,
		kind: 'attendance',
		at: new Date(at).toISOString(),
		hlc,
		author: 'u',
		deviceId: 'd',
		planId: PLAN,
		candidateId: 'c0001',
		...(corrects ? { corrects, reason: '考生迟到后到场' } : {}),
		data: { state, sessionId: 's-theory-r101', time: '09:00' }
	};
}

/**
 * A device of its own: a fresh copy of the stamping module, so its hybrid clock has seen nothing
 * but its own document (the module keeps the device's clock; a shared one would carry device A's
 * stamp over to device B even if B's stamp ignored the document).
 */
async function freshDevice(): Promise<typeof import('../../src/lib/sync/entry-writes')> {
	vi.resetModules();
	return import('../../src/lib/sync/entry-writes');
}

it('a correction made on a tablet whose clock is two days behind still supersedes what it corrects', async () => {
	const now = Date.now();
	const deviceA = await freshDevice();
	const docA = new Y.Doc();
	const a = attendance('e-a-absent', deviceA.nextStamp(docA, 'dev-a', now), now, 'absent');
	docA.getMap('entries').set(a.id, a);

	// Tablet B, with its own clock, syncs A's entry, then corrects it with a wall clock that says
	// the day before yesterday.
	const deviceB = await freshDevice();
	expect(deviceB.nextStamp).not.toBe(deviceA.nextStamp);
	const docB = new Y.Doc();
	Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
	const skewed = now - 2 * DAY;
	const b = attendance('e-b-present', deviceB.nextStamp(docB, 'dev-b', skewed), skewed, 'present', a.id);
	docB.getMap('entries').set(b.id, b);

	expect(b.at < a.at).toBe(true); // by wall clock B would sort first…
	expect(b.hlc > a.hlc).toBe(true); // …by the hybrid clock it sorts after what it saw
	const view = currentEntries([a, b]);
	expect(view.current.get(a.id)?.id).toBe(b.id);
});

let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
});
afterAll(async () => {
	await server.kill();
});

it('the server records its own receive time for entries from a tablet whose clock is days off', async () => {
	const tablet = new Tablet('u-proctor-5');
	tablet.connect(server.url, await signInToken(server.url, 'jiankao5'));
	await tablet.whenConnected();
	const wrong = new Date(Date.now() - 3 * DAY).toISOString();
	tablet.doc.getMap('entries').set('e-skewed', {
		v: 1,
		id: 'e-skewed',
		kind: 'note',
		at: wrong,
		hlc: '000000000000001:000000:dev-x',
		author: 'u-proctor-5',
		deviceId: 'dev-x',
		planId: PLAN,
		data: { text: '时钟错误的平板' }
	});
	await tablet.whenAcknowledged();
	const db = new Database(join(server.dataDir, 'kaowu.sqlite'), { readonly: true });
	try {
		let receivedAt = '';
		await waitFor(
			() => {
				const row = db
					.prepare('SELECT received_at FROM entry_receipts WHERE doc = ? AND entry_id = ?')
					.get(`day:${PLAN}:u-proctor-5`, 'e-skewed') as { received_at: string } | undefined;
				receivedAt = row?.received_at ?? '';
				return !!row;
			},
			5000,
			'receipt'
		);
		expect(Math.abs(Date.parse(receivedAt) - Date.now())).toBeLessThan(60_000);
		expect(receivedAt.slice(0, 10)).not.toBe(wrong.slice(0, 10));
	} finally {
		db.close();
		await tablet.close();
	}
});
