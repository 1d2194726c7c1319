// Attack (issue 11, "which roles may make which entry kinds is a domain rule applied by every
// view"): a proctor of the past plan writes a score sheet into his own day document (his to write,
// so the server stores it) for a candidate whose skill exam three examiners scored, with a higher
// total. The check is on what the public look-up then says: the published skill score is the
// examiners' alone; the proctor's sheet is kept as evidence in his document and counts for nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, whenStored } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Entry } from '../../src/lib/domain/entries';
import type { Candidate, Group } from '../../src/lib/domain/record-schemas';
import { dayDoc, planDoc, reviewDoc } from '../../src/lib/sync/doc-names';

const PLAN = 'demo-20261121';
let server: KaowuServer;
beforeAll(async () => {
	server = await startKaowu({ env: { KAOWU_NO_APP: '1', KAOWU_TODAY: '2026-11-25' } });
}, 60_000);
afterAll(async () => {
	await server.kill();
});

const stamp = (iso: string) => formatHlc({ wallMs: Date.parse(iso), counter: 0 }, 'node');

async function lookUp(c: Candidate) {
	const r = await fetch(`${server.url}/api/lookup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: c.name, idNumber: c.idNumber, admissionNo: c.admissionNo })
	});
	expect(r.status).toBe(200);
	return (await r.json()) as { subjects: { subject: string; score?: number; status: string }[]; verdict: string };
}

it('a score sheet a proctor writes into his own day document counts towards no result', async () => {
	const plan = storedDoc(server.dataDir, planDoc(PLAN));
	const group = plan.getMap('groups').get('g-hr3') as Group;
	const candidates = plan.getMap('candidates');
	// The examiners' sheets of the group, as SQLite holds them.
	const sheets = [...storedDoc(server.dataDir, dayDoc(PLAN, 'u-examiner-2')).getMap('entries').values()].filter(
		(e) => (e as Entry).kind === 'score-sheet' && (e as { data: { groupId: string } }).data.groupId === group.id
	) as (Entry & { data: { total: number } })[];
	const target = sheets.reduce((a, b) => (a.data.total < b.data.total ? a : b));
	const best = sheets.reduce((a, b) => (a.data.total > b.data.total ? a : b));
	const c = candidates.get(target.candidateId!) as Candidate;

	// The supervisor publishes (theory imported), so the look-up answers for the candidate.
	const supervisor = connectDevice(server.url, reviewDoc(PLAN, 'u-supervisor'), await signInToken(server.url, 'dudao'));
	await supervisor.whenSynced;
	const base = { v: 1, author: 'u-supervisor', deviceId: 'node', planId: PLAN };
	supervisor.doc.getMap('entries').set('e-dr-theory', {
		...base,
		id: 'e-dr-theory',
		kind: 'score-import',
		at: '2026-11-22T16:00:00+08:00',
		hlc: stamp('2026-11-22T16:00:00+08:00'),
		data: { subject: 'theory', fileName: 'theory.xlsx', rows: [{ candidateId: c.id, row: 2, score: 75 }] }
	});
	supervisor.doc.getMap('entries').set('e-dr-publication', {
		...base,
		id: 'e-dr-publication',
		kind: 'publication',
		at: '2026-11-23T09:00:00+08:00',
		hlc: stamp('2026-11-23T09:00:00+08:00'),
		data: {
			startDate: '2026-11-23',
			endDate: '2026-11-27',
			deadline: '2026-11-23',
			isLate: false,
			results: [{ candidateId: c.id, hasPassed: true, subjects: { theory: { status: 'scored', score: 75 } } }]
		}
	});
	await whenStored(supervisor);
	supervisor.destroy();
	const before = await lookUp(c);
	const skillBefore = before.subjects.find((s) => s.subject === 'skill');
	expect(skillBefore?.score, JSON.stringify(before)).toBeTypeOf('number');

	// The proctor's sheet: the best total of the group, copied onto this candidate, in his own document.
	const proctor = connectDevice(server.url, dayDoc(PLAN, 'u-proctor-6'), await signInToken(server.url, 'jiankao6'));
	await proctor.whenSynced;
	proctor.doc.getMap('entries').set('e-dr-proctor-sheet', {
		...best,
		id: 'e-dr-proctor-sheet',
		author: 'u-proctor-6',
		deviceId: 'node',
		candidateId: c.id,
		at: '2026-11-21T12:30:00+08:00',
		hlc: stamp('2026-11-21T12:30:00+08:00')
	});
	await whenStored(proctor);
	proctor.destroy();
	expect(storedDoc(server.dataDir, dayDoc(PLAN, 'u-proctor-6')).getMap('entries').has('e-dr-proctor-sheet')).toBe(true);

	const after = await lookUp(c);
	expect(
		after.subjects.find((s) => s.subject === 'skill'),
		'the examiners’ skill score stands'
	).toEqual(skillBefore);
	expect(after.verdict).toBe(before.verdict);
});
