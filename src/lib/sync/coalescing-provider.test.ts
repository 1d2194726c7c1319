import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { COALESCE_MS, CoalescingProvider } from './coalescing-provider';
import { encodeStored } from './server-messages';

const SYNC = 0;
const SYNC_UPDATE = 2;

/** A provider on a socket that never connects: every frame it sends is kept here, decoded. */
function rig() {
	const socket = new HocuspocusProviderWebsocket({
		url: 'ws://127.0.0.1:9/sync',
		WebSocketPolyfill: WebSocket,
		autoConnect: false
	});
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	const provider = new CoalescingProvider({
		websocketProvider: socket,
		name: 'day:p1:u1',
		document: doc,
		token: 't',
		onOutgoingMessage: ({ message }) => {
			const d = decoding.createDecoder(message.toUint8Array());
			decoding.readVarString(d); // document name
			if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== SYNC_UPDATE) return;
			updates.push(decoding.readVarUint8Array(d));
		}
	});
	provider.attach();
	const write = (id: string) => doc.getMap('entries').set(id, { id, kind: 'attendance' });
	return { doc, provider, socket, updates, write };
}

/** The keys a document holds once the sent updates are applied to an empty one. */
function received(updates: Uint8Array[]): string[] {
	const server = new Y.Doc();
	for (const u of updates) Y.applyUpdate(server, u);
	return [...server.getMap('entries').keys()].sort();
}

describe('CoalescingProvider', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sends the first change after a quiet moment at once', () => {
		const { write, updates, provider } = rig();
		write('a');
		expect(updates).toHaveLength(1);
		expect(received(updates)).toEqual(['a']);
		provider.destroy();
	});

	it('sends the changes that follow within 50 ms together, as one update holding every one', () => {
		const { write, updates, provider } = rig();
		write('a');
		vi.advanceTimersByTime(10);
		write('b');
		write('c');
		vi.advanceTimersByTime(20);
		write('d');
		expect(updates).toHaveLength(1);
		vi.advanceTimersByTime(COALESCE_MS - 30 - 1);
		expect(updates).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(updates).toHaveLength(2);
		expect(received(updates.slice(1, 2).concat(updates[0]))).toEqual(['a', 'b', 'c', 'd']);
		expect(received([updates[1]])).toEqual([]); // b, c, d depend on a's clock: held until a applies
		provider.destroy();
	});

	it('keeps sending a steady stream every 50 ms, losing nothing', () => {
		const { write, updates, provider } = rig();
		for (let i = 0; i < 200; i++) {
			write(`e${String(i).padStart(3, '0')}`);
			vi.advanceTimersByTime(5);
		}
		vi.advanceTimersByTime(COALESCE_MS);
		expect(updates.length).toBeGreaterThanOrEqual(20);
		expect(updates.length).toBeLessThanOrEqual(22);
		expect(received(updates)).toHaveLength(200);
		provider.destroy();
	});

	it('sends a change at once again after a quiet moment', () => {
		const { write, updates, provider } = rig();
		write('a');
		write('b');
		vi.advanceTimersByTime(COALESCE_MS);
		expect(updates).toHaveLength(2);
		vi.advanceTimersByTime(COALESCE_MS);
		write('c');
		expect(updates).toHaveLength(3);
		expect(received(updates)).toEqual(['a', 'b', 'c']);
		provider.destroy();
	});

	it('sends a change at once when the server has stored everything sent before it', () => {
		const { doc, write, updates, provider } = rig();
		write('a');
		provider.receiveStateless(JSON.stringify(encodeStored(Y.encodeStateVector(doc), 0)));
		vi.advanceTimersByTime(5);
		write('b');
		expect(updates).toHaveLength(2);
		expect(received(updates)).toEqual(['a', 'b']);
		provider.destroy();
	});

	it('sends what it holds as soon as the acknowledgement of the last send comes', () => {
		const { doc, write, updates, provider } = rig();
		write('a');
		const afterA = Y.encodeStateVector(doc);
		vi.advanceTimersByTime(5);
		write('b');
		write('c');
		expect(updates).toHaveLength(1);
		vi.advanceTimersByTime(10);
		provider.receiveStateless(JSON.stringify(encodeStored(afterA, 0)));
		expect(updates).toHaveLength(2);
		expect(received(updates)).toEqual(['a', 'b', 'c']);
		expect(vi.getTimerCount()).toBe(0);
		provider.destroy();
	});

	it('keeps holding when an acknowledgement does not cover the last send', () => {
		const { doc, write, updates, provider } = rig();
		const before = Y.encodeStateVector(doc);
		write('a');
		write('b');
		provider.receiveStateless(JSON.stringify(encodeStored(before, 0)));
		provider.receiveStateless(JSON.stringify({ type: 'access', access: 'write' }));
		expect(updates).toHaveLength(1);
		vi.advanceTimersByTime(COALESCE_MS);
		expect(updates).toHaveLength(2);
		provider.destroy();
	});

	it('does not send back what the server sent it', () => {
		const { doc, updates, provider } = rig();
		const other = new Y.Doc();
		other.getMap('entries').set('x', 1);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), provider);
		vi.advanceTimersByTime(COALESCE_MS);
		expect(updates).toHaveLength(0);
		provider.destroy();
	});

	it('drops its timer when destroyed; the held changes stay in the document for the next sync', () => {
		const { doc, write, updates, provider } = rig();
		write('a');
		write('b');
		provider.destroy();
		expect(vi.getTimerCount()).toBe(0);
		vi.advanceTimersByTime(COALESCE_MS * 2);
		expect(updates).toHaveLength(1);
		expect([...doc.getMap('entries').keys()].sort()).toEqual(['a', 'b']);
	});
});
