// What travels on /sync: a tablet is not sent its own updates back (Hocuspocus 3.4 echoes them;
// src/server/no-echo.ts), others on the document still get them, and the frames are compressed
// (permessage-deflate, src/server/sync-socket.ts), so an entry costs well under its JSON size.
import { afterEach, describe, expect, it } from 'vitest';
import { countingWebSocket, isCovered, rigTablet, startSyncRig, type Rig } from '../support/sync-rig';
import { waitFor, type NodeDevice } from '../support/node-device';

const devices: NodeDevice[] = [];
const rigs: Rig[] = [];

afterEach(async () => {
	for (const d of devices.splice(0)) d.destroy();
	for (const r of rigs.splice(0)) await r.close();
});

/** An attendance entry shaped like the proctor's (about 300 bytes of JSON). */
function attendance(n: number) {
	return {
		v: 1,
		id: `e-${n.toString(36)}-wire${String(n).padStart(6, '0')}`,
		kind: 'attendance',
		at: '2027-01-16T09:02:00.000+08:00',
		hlc: `${String(1800000000000 + n).padStart(15, '0')}:000000:dev-wire`,
		author: 'u-tablet-0',
		deviceId: 'dev-wire',
		planId: 'plan-sync-rig',
		candidateId: `c${String((n % 120) + 1).padStart(4, '0')}`,
		scope: 'r101',
		data: { state: 'present', sessionId: 's-theory-r101', time: '09:02' }
	};
}

describe('wire', () => {
	it('does not echo a tablet’s own updates to it, while another connection on the document gets them', async () => {
		const r = await startSyncRig(2);
		rigs.push(r);
		const writerSocket = countingWebSocket();
		const readerSocket = countingWebSocket();
		const writer = await rigTablet(r, 0, { WebSocketClass: writerSocket.WebSocket });
		const reader = await rigTablet(r, 1, { docOwner: 0, WebSocketClass: readerSocket.WebSocket });
		devices.push(writer, reader);
		for (let n = 0; n < 20; n++) writer.doc.getMap('entries').set(attendance(n).id, attendance(n));
		await waitFor(() => isCovered(writer), 10_000, 'stored');
		await waitFor(() => reader.doc.getMap('entries').size === 20, 10_000, 'the reader has every entry');
		expect(readerSocket.updatesReceived).toBeGreaterThan(0);
		expect(writerSocket.updatesReceived).toBe(0);
	});

	it('an entry costs under 300 bytes on the wire, both directions, acknowledgement included', async () => {
		const r = await startSyncRig(1);
		rigs.push(r);
		const socket = countingWebSocket();
		const d = await rigTablet(r, 0, { WebSocketClass: socket.WebSocket });
		devices.push(d);
		const before = socket.bytes();
		const N = 100;
		let json = 0;
		for (let n = 0; n < N; n++) {
			const e = attendance(n);
			json += JSON.stringify(e).length;
			d.doc.getMap('entries').set(e.id, e);
			await waitFor(() => isCovered(d), 10_000, `entry ${n} stored`);
		}
		const after = socket.bytes();
		const perEntry = (after.sent - before.sent + after.received - before.received) / N;
		expect(perEntry, `${perEntry} bytes per entry (its JSON: ${json / N})`).toBeLessThan(300);
	});
});
