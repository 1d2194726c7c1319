// The past-plan demo: a small plan on the previous joint exam day whose day records from several
// proctor and examiner devices are already stored, with real conflicts, so a supervisor (dudao) can
// try the reconciliation desk at once. Entries carry their device times; receipts say when the
// server got them (one examiner synced only in the evening). Staffed with jiankao6–8 and
// kaoping2–4 (kaoping4 is added here) so the accounts the first-day screens use keep one plan.
import type { Store } from './store';
import { hashPassword } from './auth';
import { publishDirectory } from './directory';
import type { SyncServer } from './sync-server';
import { refreshPlanAccess } from './sync-server';
import { previousJointExamDay } from '../lib/domain/calendar';
import { admissionNumber } from '../lib/domain/seat-plan';
import { makeResidentId } from '../lib/domain/identity';
import type { Level } from '../lib/domain/catalog';
import {
	checkNewEntry,
	type Entry,
	type EntryDataInput,
	type EntryFields,
	type EntryKind,
	type EntryOf
} from '../lib/domain/entries';
import { formatHlc } from '../lib/domain/hlc';
import type {
	Candidate,
	ExamSession,
	Group,
	PlanInfo,
	Room,
	Rubric,
	Seat,
	StaffAssignment
} from '../lib/domain/record-schemas';
import { dayDoc, planDoc, reviewDoc } from '../lib/sync/doc-names';
import { dispatchExaminers } from './api/plans';
import { DEMO_RUBRICS, registerDemoPlan } from './demo-seed';

const PEOPLE: [string, string, Level, string][] = [
	['孙浩然', 'hr-manager', 3, '500103'],
	['冉欣怡', 'hr-manager', 3, '500106'],
	['谭俊杰', 'hr-manager', 3, '500107'],
	['向雨桐', 'hr-manager', 3, '500108'],
	['罗思远', 'hr-manager', 3, '500112'],
	['何梓萱', 'hr-manager', 3, '500103'],
	['唐一鸣', 'hr-manager', 2, '500106'],
	['徐诗琪', 'hr-manager', 2, '500107'],
	['赵明轩', 'health-caregiver', 4, '500108'],
	['周雅婷', 'health-caregiver', 4, '500112'],
	['吴文博', 'health-caregiver', 4, '500103'],
	['陈秀英', 'health-caregiver', 4, '500106']
];

const PROCTORS = ['u-proctor-6', 'u-proctor-7', 'u-proctor-8'];
const EXAMINERS = ['u-examiner-2', 'u-examiner-3', 'u-examiner-4'];
/** A fourth examiner (dispatched from 嘉陵) so the past plan's panels need not include kaoping1. */
const EXTRA_EXAMINER = {
	id: 'u-examiner-4',
	username: 'kaoping4',
	displayName: '冉思远',
	role: 'examiner' as const,
	organisationId: 'inst-jialing'
};

const RUBRICS: Rubric[] = [
	{
		v: 1,
		id: 'rubric-hr-skill',
		name: '企业人力资源管理师 技能考核评分表',
		items: [
			{ id: 'case', label: '案例分析', max: 60 },
			{ id: 'plan', label: '方案设计', max: 40 }
		]
	},
	...DEMO_RUBRICS
];

/** Item scores that add up to `total` within each item's maximum. */
function itemsFor(rubric: Rubric, total: number): { itemId: string; score: number }[] {
	const items = rubric.items.map((i) => ({ itemId: i.id, score: Math.floor((i.max * total) / 100), max: i.max }));
	let rest = total - items.reduce((n, i) => n + i.score, 0);
	for (const i of items) {
		const add = Math.min(rest, i.max - i.score);
		i.score += add;
		rest -= add;
	}
	return items.map(({ itemId, score }) => ({ itemId, score }));
}

export function pastPlanId(today: string): string {
	return `demo-${previousJointExamDay(today).saturday.replaceAll('-', '')}`;
}

export async function seedPastDemo({
	store,
	sync,
	today
}: {
	store: Store;
	sync: SyncServer;
	today?: string;
}): Promise<string> {
	const date = today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
	if (!(await store.getUser(EXTRA_EXAMINER.id))) {
		await store.insertUser({
			...EXTRA_EXAMINER,
			passwordHash: await hashPassword('kaowu2027'),
			isDisabled: false,
			createdAt: new Date().toISOString()
		});
		await publishDirectory(store, sync, [(await store.getUser(EXTRA_EXAMINER.id))!]);
	}
	const weekend = previousJointExamDay(date);
	const sat = weekend.saturday;
	const planId = pastPlanId(date);
	const candidates: Candidate[] = PEOPLE.map(([name, occupationId, level, area], i) => {
		const birthDate = `${1975 + i}-0${1 + (i % 9)}-1${i % 9}`;
		const idSeq = 901 + i * 2;
		const c: Candidate = {
			v: 1,
			id: `c${String(i + 1).padStart(4, '0')}`,
			name,
			idType: 'resident-id',
			idNumber: makeResidentId(area, birthDate, idSeq),
			sex: 'M',
			birthDate,
			occupationId,
			level,
			// Room 101 (ordinal 1), seats row by row in roster order (seat-plan.ts's format).
			admissionNo: admissionNumber(sat, 1, i + 1),
			eligibility: { status: 'approved', reviewedBy: 'u-inst', reviewedAt: `${sat}T00:00:00+08:00` }
		};
		return c;
	});
	// The last caregiver is retaking the skill test and keeps the theory he passed in May.
	Object.assign(candidates[11], {
		isRetake: true,
		carriedOver: [{ subject: 'theory', score: 72, fromSitting: previousJointExamDay(sat).saturday }]
	});
	const ids = (from: number, to: number) => candidates.slice(from - 1, to).map((c) => c.id);

	const rooms: Room[] = [
		{ v: 1, id: 'r101', name: '101 机房', type: 'computer', rows: 3, cols: 4, capacity: 12 },
		{ v: 1, id: 'r201', name: '201 笔试考场', type: 'paper', rows: 2, cols: 4, capacity: 8 },
		{ v: 1, id: 'r301', name: '301 实操考场', type: 'practical', rows: 1, cols: 4, capacity: 4 },
		{ v: 1, id: 'r401', name: '401 答辩室', type: 'review', rows: 1, cols: 1, capacity: 1 }
	];
	const sessions: ExamSession[] = [
		{ v: 1, id: 's-theory-r101', subject: 'theory', roomId: 'r101', date: sat, start: '09:00', end: '10:30' },
		{ v: 1, id: 's-skill-r201', subject: 'skill', roomId: 'r201', date: sat, start: '11:00', end: '13:00' },
		{ v: 1, id: 's-skill-r301', subject: 'skill', roomId: 'r301', date: sat, start: '11:00', end: '12:00' },
		{ v: 1, id: 's-review-r401', subject: 'review', roomId: 'r401', date: weekend.sunday, start: '09:00', end: '10:00' }
	];
	const seats: Seat[] = [
		...ids(1, 11).map((candidateId, i) => ({
			v: 1 as const,
			sessionId: 's-theory-r101',
			candidateId,
			row: Math.floor(i / 4),
			col: i % 4
		})),
		...ids(1, 8).map((candidateId, i) => ({
			v: 1 as const,
			sessionId: 's-skill-r201',
			candidateId,
			row: Math.floor(i / 4),
			col: i % 4
		}))
	];
	const groups: Group[] = [
		{
			v: 2,
			id: 'g-hr3',
			kind: 'skill',
			name: '企业人力资源管理师三级 技能组',
			sessionId: 's-skill-r201',
			occupationId: 'hr-manager',
			level: 3,
			candidateIds: ids(1, 6),
			rubricId: 'rubric-hr-skill',
			parallel: 1
		},
		{
			v: 2,
			id: 'g-hr2',
			kind: 'skill',
			name: '企业人力资源管理师二级 技能组',
			sessionId: 's-skill-r201',
			occupationId: 'hr-manager',
			level: 2,
			candidateIds: ids(7, 8),
			rubricId: 'rubric-hr-skill',
			parallel: 1
		},
		{
			v: 2,
			id: 'g-care-1',
			kind: 'skill',
			name: '健康照护师四级 第1组',
			sessionId: 's-skill-r301',
			occupationId: 'health-caregiver',
			level: 4,
			candidateIds: ids(9, 12),
			rubricId: 'rubric-care-4',
			parallel: 1
		},
		{
			v: 2,
			id: 'p-hr-2',
			kind: 'review',
			name: '企业人力资源管理师二级 答辩组',
			sessionId: 's-review-r401',
			occupationId: 'hr-manager',
			level: 2,
			candidateIds: ids(7, 8),
			rubricId: 'rubric-hr-2-review',
			parallel: 1
		}
	];
	const staff: StaffAssignment[] = [
		{ v: 1, id: 'a-supervisor', userId: 'u-supervisor', duty: 'supervisor' },
		...['s-theory-r101', 's-skill-r201'].flatMap((sessionId) =>
			PROCTORS.slice(0, 2).map((userId, n) => ({
				v: 1 as const,
				id: `a-${sessionId}-${n + 1}`,
				userId,
				duty: 'invigilator' as const,
				sessionId
			}))
		),
		{ v: 1, id: 'a-s-skill-r301-3', userId: PROCTORS[2], duty: 'invigilator', sessionId: 's-skill-r301' },
		...groups.flatMap((g) =>
			EXAMINERS.map((userId, n) => ({
				v: 1 as const,
				id: `a-${g.id}-${n + 1}`,
				userId,
				duty: 'examiner' as const,
				groupId: g.id,
				isChair: n === 0
			}))
		)
	];
	const info: PlanInfo = {
		v: 1,
		id: planId,
		name: `【演示·已考】${sat.slice(0, 4)}年${Number(sat.slice(5, 7))}月联考 · 山城职业技能评价中心`,
		institutionId: 'inst-shancheng',
		siteId: 'site-yuzhong-1',
		examDate: sat,
		occupations: [
			{ occupationId: 'hr-manager', level: 3 },
			{ occupationId: 'hr-manager', level: 2 },
			{ occupationId: 'health-caregiver', level: 4 }
		],
		expectedCandidates: candidates.length,
		createdAt: `${sat}T09:00:00+08:00`,
		createdBy: 'u-inst'
	};
	await registerDemoPlan(store, sync, info, sat);
	await sync.transactAsServer(planDoc(planId), (doc) => {
		const put = <T extends { id: string }>(map: string, list: T[]) => list.forEach((r) => doc.getMap(map).set(r.id, r));
		put('candidates', candidates);
		put('rooms', rooms);
		put('sessions', sessions);
		put('groups', groups);
		put('rubrics', RUBRICS);
		put(
			'staff',
			staff.filter((a) => a.duty !== 'examiner')
		);
		for (const s of seats) doc.getMap('seats').set(`${s.sessionId}:${s.candidateId}`, s);
	});
	// The centre's dispatch of the examiners, as /api/plans/{id}/examiners does it.
	await dispatchExaminers(
		sync,
		planId,
		staff.filter((a) => a.duty === 'examiner')
	);
	await refreshPlanAccess(store, planDoc(planId));

	// Day records, device by device, with when the server received each.
	const byUser = new Map<string, { entry: Entry; receivedAt: string }[]>();
	let n = 0;
	const record = <K extends EntryKind>(
		userId: string,
		kind: K,
		time: string,
		data: EntryDataInput<K>,
		candidateId?: string,
		delayMin = 2,
		day = sat
	) => {
		n++;
		const at = `${day}T${time}:00+08:00`;
		const deviceId = `demo-tablet-${userId.replace('u-', '')}`;
		const entry = demoEntry({
			v: 1,
			id: `e-demo-${String(n).padStart(4, '0')}-${userId.replace('u-', '')}`,
			kind,
			at,
			hlc: formatHlc({ wallMs: Date.parse(at), counter: 0 }, deviceId),
			author: userId,
			deviceId,
			planId,
			...(candidateId ? { candidateId } : {}),
			data
		});
		const receivedAt = new Date(Date.parse(at) + delayMin * 60_000).toISOString();
		byUser.set(userId, [...(byUser.get(userId) ?? []), { entry, receivedAt }]);
	};
	const cid = (i: number) => candidates[i - 1].id;
	for (const proctor of PROCTORS.slice(0, 2)) {
		for (let i = 1; i <= 11; i++) {
			// 5 missed the theory test; the two proctors disagree about 3.
			const state = i === 5 || (i === 3 && proctor === PROCTORS[1]) ? 'absent' : 'present';
			record(
				proctor,
				'attendance',
				`09:0${i % 10}`,
				{ state, sessionId: 's-theory-r101', time: `09:0${i % 10}`, roomId: 'r101' },
				cid(i)
			);
		}
		for (let i = 1; i <= 8; i++) {
			record(
				proctor,
				'attendance',
				`11:0${i}`,
				{ state: i === 6 ? 'absent' : 'present', sessionId: 's-skill-r201', time: `11:0${i}`, roomId: 'r201' },
				cid(i)
			);
		}
	}
	record(PROCTORS[1], 'incident', '09:50', {
		sessionId: 's-theory-r101',
		roomId: 'r101',
		category: 'violation',
		violationType: 'carrying-material',
		time: '09:50',
		description: '考场后排地面发现写有答案的纸条，未能确认是谁的'
	});
	record(
		PROCTORS[0],
		'incident',
		'11:40',
		{
			sessionId: 's-skill-r201',
			roomId: 'r201',
			category: 'violation',
			violationType: 'device',
			time: '11:40',
			description: '考试中使用手机查阅资料，已制止并记录'
		},
		cid(2)
	);
	record(PROCTORS[1], 'incident', '10:05', {
		sessionId: 's-theory-r101',
		roomId: 'r101',
		category: 'equipment',
		time: '10:05',
		description: '6 号机死机，重启后继续作答，未影响计时'
	});

	const rubricOf = (groupId: string) => RUBRICS.find((r) => r.id === groups.find((g) => g.id === groupId)!.rubricId)!;
	const sheet = (
		examiner: number,
		i: number,
		groupId: string,
		total: number,
		time: string,
		delayMin = 3,
		day = sat
	) => {
		const group = groups.find((g) => g.id === groupId)!;
		record(
			EXAMINERS[examiner - 1],
			'score-sheet',
			time,
			{ groupId, subject: group.kind, items: itemsFor(rubricOf(groupId), total), total, isSubmitted: true },
			cid(i),
			delayMin,
			day
		);
	};
	const skillTotals: Record<number, number[]> = {
		1: [72, 74, 70],
		2: [80, 78, 82],
		3: [65, 66, 64],
		5: [70, 70, 71],
		7: [75, 77, 76],
		8: [68, 70, 69]
	};
	for (const [i, totals] of Object.entries(skillTotals)) {
		totals.forEach((t, k) => sheet(k + 1, Number(i), Number(i) >= 7 ? 'g-hr2' : 'g-hr3', t, `12:${10 + Number(i)}`));
	}
	sheet(2, 6, 'g-hr3', 55, '12:20'); // 6 is marked absent by both proctors, yet examiner 2 scored him
	// Candidate 4 sat the skill test but nobody submitted a sheet for him.
	for (const [i, totals] of Object.entries({ 9: [85, 83, 84], 11: [58, 57, 59], 12: [90, 88, 89] })) {
		// Examiner 3's tablet was offline until the evening.
		totals.forEach((t, k) => sheet(k + 1, Number(i), 'g-care-1', t, `11:${20 + Number(i)}`, k === 2 ? 420 : 3));
	}
	sheet(1, 7, 'p-hr-2', 82, '09:20', 3, weekend.sunday);
	sheet(2, 7, 'p-hr-2', 80, '09:21', 3, weekend.sunday); // examiner 3 left before 7's defence: panel short
	[88, 70, 85].forEach((t, k) => sheet(k + 1, 8, 'p-hr-2', t, '09:40', 3, weekend.sunday)); // 18 points apart

	for (const [userId, list] of byUser) {
		const name = dayDoc(planId, userId);
		await sync.transactAsServer(name, (doc) => {
			for (const { entry } of list) doc.getMap('entries').set(entry.id, entry);
		});
		for (const { entry, receivedAt } of list) await store.recordReceipts(name, [entry.id], new Date(receivedAt));
	}
	// Certificate numbering of the institution (configuration the desk can change).
	const config = demoEntry({
		v: 1,
		id: 'e-demo-certificate-config',
		kind: 'certificate-config',
		at: `${sat}T08:00:00+08:00`,
		hlc: formatHlc({ wallMs: Date.parse(`${sat}T08:00:00+08:00`), counter: 0 }, 'demo-server'),
		author: 'u-inst',
		deviceId: 'demo-server',
		planId,
		data: { evaluatorType: 'S', orgCode: '0000', province: '50', orgSerial: '000123', year: Number(sat.slice(0, 4)) }
	});
	await sync.transactAsServer(reviewDoc(planId, config.author), (doc) => doc.getMap('entries').set(config.id, config));
	await store.recordReceipts(reviewDoc(planId, config.author), [config.id], new Date(config.at));
	return planId;
}

/** A demo entry, checked as the app checks every entry it writes. */
function demoEntry<K extends EntryKind>(fields: EntryFields<K>): EntryOf<K> {
	const checked = checkNewEntry(fields);
	if (!checked.ok) throw new Error(`demo entry ${fields.id}: ${checked.error}`);
	return checked.entry;
}
