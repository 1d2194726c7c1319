// The desk's bench data: a plan with 2,000 candidates and 30 devices' day documents (20 proctors,
// 10 examiners, ~10,000 entries), as Yjs updates (bench/desk.bench.ts, bench/desk-harness).
import * as Y from 'yjs';
import { readDocContent } from '../src/lib/sync/doc-content';
import { formatHlc } from '../src/lib/domain/hlc';
import type { Entry } from '../src/lib/domain/entries';

export const PLAN = 'bench';
export const N = 2000;

export function buildDocs(): { name: string; update: Uint8Array }[] {
	const plan = new Y.Doc();
	const ids = Array.from({ length: N }, (_, i) => `c${String(i + 1).padStart(5, '0')}`);
	plan.transact(() => {
		plan.getMap('plan').set('info', {
			v: 1,
			id: PLAN,
			name: '基准',
			institutionId: 'i',
			siteId: 's',
			examDate: '2026-11-21',
			occupations: [{ occupationId: 'health-caregiver', level: 4 }],
			expectedCandidates: N,
			createdAt: '',
			createdBy: 'u'
		});
		ids.forEach((id, i) =>
			plan.getMap('candidates').set(id, {
				v: 1,
				id,
				name: `考生${i}`,
				idType: 'resident-id',
				idNumber: `5001011990010${String(i).padStart(5, '0')}`,
				occupationId: 'health-caregiver',
				level: 4,
				admissionNo: `A${i}`,
				eligibility: { status: 'approved' }
			})
		);
		plan.getMap('rubrics').set('rb', {
			v: 1,
			id: 'rb',
			name: 'r',
			items: [
				{ id: 'a', label: 'A', max: 50 },
				{ id: 'b', label: 'B', max: 50 }
			]
		});
		for (let s = 0; s < N / 30; s++) {
			const sid = `s-t${s}`;
			plan.getMap('sessions').set(sid, {
				v: 1,
				id: sid,
				subject: 'theory',
				roomId: `r${s}`,
				date: '2026-11-21',
				start: '09:00',
				end: '10:30'
			});
			ids
				.slice(s * 30, s * 30 + 30)
				.forEach((c, k) =>
					plan
						.getMap('seats')
						.set(`${sid}:${c}`, { v: 1, sessionId: sid, candidateId: c, row: Math.floor(k / 6), col: k % 6 })
				);
		}
		plan.getMap('sessions').set('s-skill', {
			v: 1,
			id: 's-skill',
			subject: 'skill',
			roomId: 'rx',
			date: '2026-11-21',
			start: '11:00',
			end: '12:00'
		});
		for (let g = 0; g < N / 10; g++) {
			plan.getMap('groups').set(`g${g}`, {
				v: 1,
				id: `g${g}`,
				kind: 'skill',
				name: `组${g}`,
				sessionId: 's-skill',
				occupationId: 'health-caregiver',
				level: 4,
				candidateIds: ids.slice(g * 10, g * 10 + 10),
				rubricId: 'rb'
			});
			for (let k = 0; k < 3; k++)
				plan.getMap('staff').set(`a-g${g}-${k}`, {
					v: 1,
					id: `a-g${g}-${k}`,
					userId: `ex${(g + k) % 10}`,
					duty: 'examiner',
					groupId: `g${g}`
				});
		}
	});
	const days = new Map<string, Y.Doc>();
	const day = (user: string) => days.get(user) ?? (days.set(user, new Y.Doc()), days.get(user)!);
	let n = 0;
	const put = (user: string, kind: string, candidateId: string, data: Record<string, unknown>) => {
		n++;
		const e: Entry = {
			v: 1,
			id: `e-bench-${n}`,
			kind,
			at: '2026-11-21T10:00:00+08:00',
			hlc: formatHlc({ wallMs: 1_763_690_000_000 + n, counter: 0 }, `d-${user}`),
			author: user,
			deviceId: `d-${user}`,
			planId: PLAN,
			candidateId,
			data
		};
		day(user).getMap('entries').set(e.id, e);
	};
	for (let s = 0; s < N / 30; s++) {
		for (const p of [`pr${(2 * s) % 20}`, `pr${(2 * s + 1) % 20}`]) {
			ids.slice(s * 30, s * 30 + 30).forEach((c, k) =>
				put(p, 'attendance', c, {
					state: k === 7 && p.endsWith('1') ? 'absent' : 'present',
					sessionId: `s-t${s}`,
					time: '09:00'
				})
			);
		}
	}
	for (let g = 0; g < N / 10; g++) {
		for (let k = 0; k < 3; k++) {
			ids.slice(g * 10, g * 10 + 10).forEach((c, j) => {
				const a = 30 + ((g + j) % 15) + k * 3;
				put(`ex${(g + k) % 10}`, 'score-sheet', c, {
					groupId: `g${g}`,
					subject: 'skill',
					items: [
						{ itemId: 'a', score: a },
						{ itemId: 'b', score: 30 }
					],
					total: a + 30,
					isSubmitted: true
				});
			});
		}
	}
	return [
		{ name: `plan:${PLAN}`, update: Y.encodeStateAsUpdate(plan) },
		...[...days].map(([user, doc]) => ({ name: `day:${PLAN}:${user}`, update: Y.encodeStateAsUpdate(doc) }))
	];
}

export function read(docs: { name: string; update: Uint8Array }[]) {
	return docs.map(({ name, update }) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, update);
		return { name, content: readDocContent(name, doc) };
	});
}
