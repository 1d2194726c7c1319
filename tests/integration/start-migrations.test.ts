// Data of the old layout, as an earlier version left it on disk, is migrated when the server starts:
// - `review:{planId}` (several writers in one document) becomes one document per writer, each entry
//   going to the connection that stored it, else to its `author` if that account exists, else to
//   `review:{planId}:unattributed`; receipts keep their original times (review-migration.ts);
// - district reviews and spot checks leave the plan document (which the institution writes) for
//   `registry:{planId}` (which only the server writes), but only those the server wrote
//   (registry-migration.ts): an approval an institution admin wrote over /sync is left behind;
// - the plan's info and the examiners the centre dispatched follow them to the registry, again only
//   what the server wrote; an examiner the institution wrote into its staff list is left behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { storedDoc } from '../support/node-device';
import { legacyReviewDoc, planDoc, registryDoc, reviewDoc } from '../../src/lib/sync/doc-names';
import { formatHlc } from '../../src/lib/domain/hlc';

const PLAN = 'demo-20270116';
const OLD_PLAN = 'p20270116-old001';
const OLD_RECEIPT = '2026-11-20T01:02:03.000Z';
let server: KaowuServer;

const entry = (id: string, author: string) => ({
	v: 1,
	id,
	kind: 'note',
	at: '2026-11-20T09:00:00+08:00',
	hlc: formatHlc({ wallMs: Date.parse('2026-11-20T09:00:00+08:00'), counter: 0 }, 'old-device'),
	author,
	deviceId: 'old-device',
	planId: PLAN,
	data: { text: id }
});

/** One update that sets `value` at `map/key` of a document, diffed against what it holds. */
function updateSetting(base: Y.Doc, map: string, key: string, value: unknown): Uint8Array {
	const next = new Y.Doc();
	Y.applyUpdate(next, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(next);
	next.getMap(map).set(key, value);
	Y.applyUpdate(base, Y.encodeStateAsUpdate(next, before));
	return Y.encodeStateAsUpdate(next, before);
}

beforeAll(async () => {
	const first = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
	await first.stop();
	// What an earlier version left on disk.
	const db = new Database(join(first.dataDir, 'kaowu.sqlite'));
	const insert = db.prepare('INSERT INTO doc_updates (doc, update_bytes, user_id, received_at) VALUES (?, ?, ?, ?)');
	const legacy = new Y.Doc();
	const write = (doc: string, base: Y.Doc, map: string, key: string, value: unknown, userId: string | null) =>
		insert.run(doc, Buffer.from(updateSetting(base, map, key, value)), userId, OLD_RECEIPT);
	write(legacyReviewDoc(PLAN), legacy, 'entries', 'e-old-by-log', entry('e-old-by-log', 'u-inst'), 'u-supervisor');
	write(legacyReviewDoc(PLAN), legacy, 'entries', 'e-old-by-field', entry('e-old-by-field', 'u-inst'), null);
	write(legacyReviewDoc(PLAN), legacy, 'entries', 'e-old-nobody', entry('e-old-nobody', 'u-nobody'), null);
	db.prepare('INSERT INTO entry_receipts (doc, entry_id, received_at) VALUES (?, ?, ?)').run(
		legacyReviewDoc(PLAN),
		'e-old-by-log',
		OLD_RECEIPT
	);
	const plan = storedDoc(first.dataDir, planDoc(PLAN));
	const review = (id: string, decision: string, by: string) => ({
		v: 1,
		id,
		decision,
		comment: '',
		contentHash: 'x',
		by,
		byName: by,
		at: '2026-11-20T10:00:00+08:00'
	});
	write(
		planDoc(PLAN),
		plan,
		'districtReviews',
		'dr-by-server',
		review('dr-by-server', 'submitted', 'u-inst'),
		'server'
	);
	write(planDoc(PLAN), plan, 'districtReviews', 'dr-forged', review('dr-forged', 'approved', 'u-district'), 'u-inst');
	const spot = { v: 1, candidateId: 'c0001', isConfirmed: true, by: 'u-district', byName: '区县', at: OLD_RECEIPT };
	write(planDoc(PLAN), plan, 'spotChecks', 'c0001', spot, 'server');
	// A plan of the layout before info and dispatched examiners moved to the registry.
	db.prepare('INSERT INTO plans (id, institution_id, district, exam_date, created_at) VALUES (?, ?, ?, ?, ?)').run(
		OLD_PLAN,
		'inst-shancheng',
		'渝中区',
		'2027-01-16',
		OLD_RECEIPT
	);
	const old = new Y.Doc();
	const info = { ...(storedDoc(first.dataDir, registryDoc(PLAN)).getMap('plan').get('info') as object), id: OLD_PLAN };
	write(planDoc(OLD_PLAN), old, 'plan', 'info', info, 'server');
	const assignment = (id: string, userId: string, duty: string) => ({ v: 1, id, userId, duty, sessionId: 's1' });
	write(
		planDoc(OLD_PLAN),
		old,
		'staff',
		'a-dispatched',
		assignment('a-dispatched', 'u-examiner-2', 'examiner'),
		'server'
	);
	write(planDoc(OLD_PLAN), old, 'staff', 'a-forged', assignment('a-forged', 'u-examiner-4', 'examiner'), 'u-inst');
	write(planDoc(OLD_PLAN), old, 'staff', 'a-own', assignment('a-own', 'u-proctor-1', 'invigilator'), 'u-inst');
	db.close();
	server = await startKaowu({ dataDir: first.dataDir, env: { KAOWU_NO_APP: '1' } });
}, 120_000);
afterAll(async () => {
	await server?.kill();
});

it('old shared review entries go to the writer the log names, else the author field, else nobody', () => {
	const held = (writer: string) => [...storedDoc(server.dataDir, reviewDoc(PLAN, writer)).getMap('entries').keys()];
	expect(held('u-supervisor')).toContain('e-old-by-log');
	expect(held('u-inst')).toEqual(['e-old-by-field']);
	expect(held('unattributed')).toEqual(['e-old-nobody']);
	const db = new Database(join(server.dataDir, 'kaowu.sqlite'), { readonly: true });
	try {
		const receipt = db
			.prepare('SELECT received_at FROM entry_receipts WHERE doc = ? AND entry_id = ?')
			.get(reviewDoc(PLAN, 'u-supervisor'), 'e-old-by-log') as { received_at: string } | undefined;
		expect(receipt && Date.parse(receipt.received_at), 'the original receipt time is kept').toBe(
			Date.parse(OLD_RECEIPT)
		);
	} finally {
		db.close();
	}
});

it('district reviews and spot checks the server wrote move to the registry; a forged approval does not', () => {
	const registry = storedDoc(server.dataDir, registryDoc(PLAN));
	expect([...registry.getMap('districtReviews').keys()]).toEqual(['dr-by-server']);
	expect([...registry.getMap('spotChecks').keys()]).toEqual(['c0001']);
	// The plan document keeps the old records as evidence; nothing reads them any more.
	expect(storedDoc(server.dataDir, planDoc(PLAN)).getMap('districtReviews').has('dr-forged')).toBe(true);
	expect(server.output()).toContain('districtReviews/dr-forged not carried over: written by u-inst');
});

it('plan info and the examiners the server dispatched move to the registry; an examiner the institution wrote does not', () => {
	const registry = storedDoc(server.dataDir, registryDoc(OLD_PLAN));
	expect((registry.getMap('plan').get('info') as { id: string }).id).toBe(OLD_PLAN);
	expect([...registry.getMap('examiners').keys()]).toEqual(['a-dispatched']);
	expect(server.output()).toContain('staff/a-forged not carried over: written by u-inst');
	expect(server.output()).not.toContain('staff/a-own');
	// Who may open the plan: the institution's own staff and the dispatched examiner, not the forged one.
	const db = new Database(join(server.dataDir, 'kaowu.sqlite'), { readonly: true });
	try {
		const users = (
			db.prepare('SELECT user_id FROM plan_access WHERE plan_id = ? ORDER BY user_id').all(OLD_PLAN) as {
				user_id: string;
			}[]
		).map((r) => r.user_id);
		expect(users).toEqual(['u-examiner-2', 'u-proctor-1']);
	} finally {
		db.close();
	}
});
