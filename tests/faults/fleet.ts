// Simulated tablets for the fault suite: each writes entries to its own day document through the
// real provider and remembers every entry it made, so a test can assert that each one reached
// SQLite exactly once and that the server holds exactly the union of the devices' documents.
import * as Y from 'yjs';
import { expect } from 'vitest';
import { connectDevice, storedDoc, waitFor, type NodeDevice } from '../support/node-device';
import { fromBase64 } from '../../src/lib/sync/server-messages';

export const PLAN = 'demo-20270116';

export class Tablet {
	readonly doc = new Y.Doc();
	readonly made = new Map<string, Record<string, unknown>>();
	device: NodeDevice | null = null;

	constructor(
		readonly userId: string,
		readonly docName = `day:${PLAN}:${userId}`
	) {}

	connect(url: string, token: string): NodeDevice {
		this.device?.destroy();
		this.device = connectDevice(url, this.docName, token, this.doc);
		return this.device;
	}

	disconnect(): void {
		this.device?.destroy();
		this.device = null;
	}

	write(n = 1): void {
		this.doc.transact(() => {
			for (let i = 0; i < n; i++) {
				const id = `e-${this.userId}-${this.made.size}`;
				const entry = {
					v: 1,
					id,
					kind: 'note',
					at: new Date().toISOString(),
					hlc: `${String(Date.now()).padStart(15, '0')}:000000:${this.userId}`,
					author: this.userId,
					deviceId: `dev-${this.userId}`,
					planId: PLAN,
					data: { text: `记录 ${this.made.size}` }
				};
				this.made.set(id, entry);
				this.doc.getMap('entries').set(id, entry);
			}
		});
	}

	private lastStoredSv(): Map<number, number> | null {
		const stored = [...(this.device?.messages ?? [])].reverse().find((m) => m.type === 'stored') as
			{ sv: string } | undefined;
		return stored ? Y.decodeStateVector(fromBase64(stored.sv)) : null;
	}

	/** Ids of the entries the server has told this tablet it stored. */
	acknowledgedEntryIds(): string[] {
		const sv = this.lastStoredSv() ?? new Map<number, number>();
		const items = (this.doc.getMap('entries') as unknown as { _map: Map<string, Y.Item> })._map;
		return [...items].filter(([, item]) => item.id.clock < (sv.get(item.id.client) ?? 0)).map(([id]) => id);
	}

	/** The server's latest `stored` state vector covers everything this tablet has. */
	isAcknowledged(): boolean {
		const sv = this.lastStoredSv();
		if (!sv) return false;
		for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc)))
			if ((sv.get(client) ?? 0) < clock) return false;
		return true;
	}

	async whenAcknowledged(timeoutMs = 20_000): Promise<void> {
		await waitFor(() => this.isAcknowledged(), timeoutMs, `${this.userId} acknowledged`);
	}
}

/** Every entry each tablet made is in SQLite exactly once, and SQLite holds nothing else. */
export function expectServerHoldsUnion(dataDir: string, tablets: Tablet[]): void {
	for (const t of tablets) {
		const stored = storedDoc(dataDir, t.docName).getMap('entries').toJSON();
		expect(Object.keys(stored).sort()).toEqual([...t.made.keys()].sort());
		for (const [id, entry] of t.made) expect(stored[id]).toEqual(entry);
		expect(t.doc.getMap('entries').toJSON()).toEqual(stored);
	}
}
