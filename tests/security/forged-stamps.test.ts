// Attack (issue 11, "an hlc of "~" pins an entry as the latest for ever"): a supervisor's device
// writes a score correction whose hybrid-clock stamp claims to come after everything, so that a
// colleague's later correction never wins. Two ways: a stamp outside the one strict format ("~",
// which sorted after every digit), and a well-formed stamp of the year 2099. The check is on what
// the public look-up says and what SQLite keeps: the later honest correction decides; the "~" entry
// is kept as a stored violation; the 2099 one is ordered by the time the server received it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor, whenStored } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Candidate } from '../../src/lib/domain/record-schemas';
import { reviewDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20261121';
let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TODAY: '2026-11-25' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

async function lookUpTheory(c: Candidate): Promise<number | undefined> {
	const r = await fetch(`${server.url}/api/lookup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: c.name, idNumber: c.idNumber, admissionNo: c.admissionNo })
	});
	expect(r.status).toBe(200);
	const shown = (await r.json()) as { subjects: { subject: string; score?: number }[] };
	return shown.subjects.find((s) => s.subject === 'theory')?.score;
}

function correction(id: string, hlc: string, candidateId: string, score: number) {
	return {
		v: 1,
		id,
		kind: 'result-correction',
		at: new Date().toISOString(),
		hlc,
		author: 'u-supervisor',
		deviceId: 'node',
		planId: PLAN,
		candidateId,
		data: { subject: 'theory', score, previousScore: 52, reason: '登分错误' }
	};
}

const stamp = (iso: string) => formatHlc({ wallMs: Date.parse(iso), counter: 0 }, 'node');

/** The supervisor's theory file (52 for both candidates) and the publication, as the desk writes them. */
async function publishTheory(cs: Candidate[]): Promise<void> {
	const device = connectDevice(server.url, reviewDoc(PLAN, 'u-supervisor'), await signInToken(server.url, 'dudao'));
	await device.whenSynced;
	const entries = device.doc.getMap('entries');
	entries.set('e-stamp-theory', {
		v: 1,
		id: 'e-stamp-theory',
		kind: 'score-import',
		at: '2026-11-22T16:00:00+08:00',
		hlc: stamp('2026-11-22T16:00:00+08:00'),
		author: 'u-supervisor',
		deviceId: 'node',
		planId: PLAN,
		data: {
			subject: 'theory',
			fileName: 'theory.xlsx',
			rows: cs.map((c, i) => ({ candidateId: c.id, row: i + 2, score: 52 }))
		}
	});
	entries.set('e-stamp-publication', {
		v: 1,
		id: 'e-stamp-publication',
		kind: 'publication',
		at: '2026-11-23T09:00:00+08:00',
		hlc: stamp('2026-11-23T09:00:00+08:00'),
		author: 'u-supervisor',
		deviceId: 'node',
		planId: PLAN,
		data: {
			startDate: '2026-11-23',
			endDate: '2026-11-27',
			deadline: '2026-11-23',
			isLate: false,
			results: cs.map((c) => ({
				candidateId: c.id,
				hasPassed: false,
				subjects: { theory: { status: 'scored', score: 52 }, skill: { status: 'scored', score: 70 } }
			}))
		}
	});
	await whenStored(device);
	device.destroy();
}

let published: Promise<void> | null = null;

it.each([
	['"~", outside the strict format', '~'],
	[
		'a well-formed stamp of the year 2099',
		formatHlc({ wallMs: Date.parse('2099-01-01T00:00:00Z'), counter: 0 }, 'node')
	]
])('a correction stamped %s does not outrank a later correction', async (_label, forgedStamp) => {
	const candidates = [...storedDoc(server.dataDir, `plan:${PLAN}`).getMap('candidates').values()] as Candidate[];
	const c = forgedStamp === '~' ? candidates[1] : candidates[2];
	published ??= publishTheory([candidates[1], candidates[2]]);
	await published;
	expect(await lookUpTheory(c), 'the published score before any correction').toBe(52);
	const token = await signInToken(server.url, 'dudao');
	const device = connectDevice(server.url, reviewDoc(PLAN, 'u-supervisor'), token);
	await device.whenSynced;
	const entries = device.doc.getMap('entries');
	const forged = correction(`e-pin-${c.id}`, forgedStamp, c.id, 95);
	entries.set(forged.id, forged);
	await whenStored(device);
	// A colleague's honest correction, made after the forged one reached the server.
	const honest = correction(`e-later-${c.id}`, formatHlc({ wallMs: Date.now(), counter: 1 }, 'node'), c.id, 60);
	entries.set(honest.id, honest);
	await whenStored(device);
	device.destroy();

	expect(await lookUpTheory(c), 'the later correction decides the published score').toBe(60);

	// SQLite holds both entries; "~" is kept as a violation of the document model, not read as a stamp.
	const held = storedDoc(server.dataDir, reviewDoc(PLAN, 'u-supervisor')).getMap('entries');
	expect(held.has(forged.id) && held.has(honest.id)).toBe(true);
	if (forgedStamp === '~') {
		const db = new Database(join(server.dataDir, 'kaowu.sqlite'), { readonly: true });
		try {
			// The server checks a document's content shortly after a write (debounced): wait for the row.
			const query = db.prepare('SELECT path FROM doc_violations WHERE doc = ? AND path = ?');
			await waitFor(
				() => !!query.get(reviewDoc(PLAN, 'u-supervisor'), `entries/${forged.id}`),
				15_000,
				'the "~" entry stored as a violation'
			);
		} finally {
			db.close();
		}
	}
});
