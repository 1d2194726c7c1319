import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { OutgoingMessage } from '@hocuspocus/server';
import { COMPRESS_FROM_BYTES, isSyncStatusApplied, prepareSyncSocket } from './sync-socket';

function fakeSocket() {
	const sent: { size: number; compress: boolean | undefined; hasCallback: boolean }[] = [];
	const ws = {
		send(data: Uint8Array | string, options: { compress?: boolean }, cb?: () => void) {
			sent.push({
				size: typeof data === 'string' ? data.length : data.byteLength,
				compress: options.compress,
				hasCallback: !!cb
			});
		}
	};
	return { ws: prepareSyncSocket(ws as unknown as WebSocket), sent };
}

describe('prepareSyncSocket', () => {
	it('sends the small per-update frames uncompressed and compresses large ones, callbacks kept', () => {
		const { ws, sent } = fakeSocket();
		ws.send(new Uint8Array(60), () => {}); // Hocuspocus: send(message, callback)
		ws.send(JSON.stringify({ type: 'stored', sv: 'AAAA' }));
		ws.send(new Uint8Array(COMPRESS_FROM_BYTES), () => {});
		ws.send(new Uint8Array(200_000));
		expect(sent).toEqual([
			{ size: 60, compress: false, hasCallback: true },
			{ size: 29, compress: false, hasCallback: false },
			{ size: COMPRESS_FROM_BYTES, compress: true, hasCallback: true },
			{ size: 200_000, compress: true, hasCallback: false }
		]);
	});

	it('leaves an explicit choice to the caller', () => {
		const { ws, sent } = fakeSocket();
		ws.send(new Uint8Array(10), { compress: true });
		expect(sent[0].compress).toBe(true);
	});

	it('leaves out Hocuspocus’ per-update "applied" status (callback still called), keeps "refused" and everything else', () => {
		const { ws, sent } = fakeSocket();
		const applied = new OutgoingMessage('day:plan-1:u-proctor-1').writeSyncStatus(true).toUint8Array();
		const refused = new OutgoingMessage('day:plan-1:u-proctor-1').writeSyncStatus(false).toUint8Array();
		const longName = new OutgoingMessage('x'.repeat(300)).writeSyncStatus(true).toUint8Array();
		let called = 0;
		ws.send(applied, () => called++);
		ws.send(longName, () => called++);
		ws.send(refused, () => {});
		ws.send(new OutgoingMessage('day:plan-1:u-proctor-1').writeStateless('{}').toUint8Array());
		expect(called).toBe(2);
		expect(sent.map((s) => s.size)).toEqual([refused.byteLength, expect.any(Number)]);
		expect(isSyncStatusApplied(applied)).toBe(true);
		expect(isSyncStatusApplied(new Uint8Array(0))).toBe(false);
	});
});
