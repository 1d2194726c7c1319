// Attack (issue 11, "authorship and role are whatever the writer types"): after the supervisor has
// published, the institution admin writes a result correction (theory 52 → 95) in the supervisor's
// name, into every review document it can reach over /sync. The check is on what the public look-up
// then says and what SQLite keeps: the supervisor's published result stands, and the forged entry
// is kept as evidence in the institution admin's own document (where every reader refuses it).
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor, type NodeDevice } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Candidate } from '../../src/lib/domain/record-schemas';
import { reviewDoc } from '../../src/lib/sync/doc-names';
import { fromBase64 } from '../../src/lib/sync/server-messages';

const PLAN = 'demo-20261121';
let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TODAY: '2026-11-25' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

/** Resolves once the server has stored everything the device holds, or has refused its write. */
async function settled(d: NodeDevice): Promise<'stored' | 'refused'> {
	let outcome: 'stored' | 'refused' | null = null;
	await waitFor(
		() => {
			if (d.messages.some((m) => m.type === 'refused')) outcome = 'refused';
			const stored = [...d.messages].reverse().find((m) => m.type === 'stored') as { sv: string } | undefined;
			if (stored) {
				const sv = Y.decodeStateVector(fromBase64(stored.sv));
				const local = Y.decodeStateVector(Y.encodeStateVector(d.doc));
				if ([...local].every(([client, clock]) => (sv.get(client) ?? 0) >= clock)) outcome ??= 'stored';
			}
			return outcome !== null || d.authFailures.length > 0;
		},
		15_000,
		'write settled'
	);
	return outcome ?? 'refused';
}

const stamp = (iso: string) => formatHlc({ wallMs: Date.parse(iso), counter: 0 }, 'node');

it('an institution admin cannot change a published score in the supervisor’s name', async () => {
	const c = [...storedDoc(server.dataDir, `plan:${PLAN}`).getMap('candidates').values()][0] as Candidate;
	const supervisor = connectDevice(server.url, reviewDoc(PLAN, 'u-supervisor'), await signInToken(server.url, 'dudao'));
	await supervisor.whenSynced;
	// The theory file the supervisor imported (52), then the publication: the look-up derives the
	// published result from these, as the desk does.
	supervisor.doc.getMap('entries').set('e-sec-theory', {
		v: 1,
		id: 'e-sec-theory',
		kind: 'score-import',
		at: '2026-11-22T16:00:00+08:00',
		hlc: stamp('2026-11-22T16:00:00+08:00'),
		author: 'u-supervisor',
		deviceId: 'node',
		planId: PLAN,
		data: { subject: 'theory', fileName: 'theory.xlsx', rows: [{ candidateId: c.id, row: 2, score: 52 }] }
	});
	supervisor.doc.getMap('entries').set('e-sec-publication', {
		v: 1,
		id: 'e-sec-publication',
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
			results: [
				{
					candidateId: c.id,
					hasPassed: false,
					subjects: { theory: { status: 'scored', score: 52 }, skill: { status: 'scored', score: 70 } }
				}
			]
		}
	});
	expect(await settled(supervisor)).toBe('stored');
	supervisor.destroy();

	const forged = {
		v: 1,
		id: 'e-sec-forged-correction',
		kind: 'result-correction',
		at: '2026-11-24T10:00:00+08:00',
		hlc: stamp('2026-11-24T10:00:00+08:00'),
		author: 'u-supervisor', // the lie
		deviceId: 'node',
		planId: PLAN,
		candidateId: c.id,
		data: { subject: 'theory', score: 95, previousScore: 52, reason: '复核改分' }
	};
	const token = await signInToken(server.url, 'jigou');
	// Every review document the admin might reach: the old shared one, the supervisor's, its own.
	const targets = [...new Set([`review:${PLAN}`, reviewDoc(PLAN, 'u-supervisor'), reviewDoc(PLAN, 'u-inst')])];
	const outcomes: Record<string, string> = {};
	for (const name of targets) {
		const admin = connectDevice(server.url, name, token);
		if (admin.authFailures.length === 0) await Promise.race([admin.whenSynced, settled(admin)]);
		admin.doc.getMap('entries').set(forged.id, forged);
		outcomes[name] = admin.authFailures.length ? 'forbidden' : await settled(admin);
		admin.destroy();
	}

	const r = await fetch(`${server.url}/api/lookup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: c.name, idNumber: c.idNumber, admissionNo: c.admissionNo })
	});
	expect(r.status).toBe(200);
	const shown = (await r.json()) as { subjects: { subject: string; score?: number }[]; hasPassed: boolean };
	expect(shown.subjects.find((s) => s.subject === 'theory')?.score, 'the supervisor’s published score').toBe(52);
	expect(shown.hasPassed).toBe(false);

	// Nothing lands in the supervisor's document; the forgery is kept, as evidence, in the admin's own.
	expect(storedDoc(server.dataDir, reviewDoc(PLAN, 'u-supervisor')).getMap('entries').has(forged.id)).toBe(false);
	expect(outcomes[reviewDoc(PLAN, 'u-inst')], JSON.stringify(outcomes)).toBe('stored');
});
