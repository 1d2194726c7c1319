// The first-start demo: the centre, a district bureau, two institutions, one site, and one exam plan
// on the next joint exam day with ~120 candidates, rooms, sessions, seats, groups, panels and staff.
// Names are drawn from common characters and ID numbers carry correct check characters, but every
// record is marked 演示 and all ID sequence numbers are 9xx, so nobody mistakes them for real people.
import * as Y from 'yjs';
import { hashPassword } from './auth';
import type { Role, Store } from './store';
import type { SyncServer } from './sync-server';
import { refreshPlanAccess } from './sync-server';
import { nextJointExamDay } from '../lib/domain/calendar';
import { admissionNumber, seatNumber } from '../lib/domain/seat-plan';
import { REVIEW_RUBRIC_ITEMS } from '../lib/domain/group-plan';
import { makeResidentId } from '../lib/domain/identity';
import { catalogFor, subjectsFor, type Level } from '../lib/domain/catalog';
import { examDaySchedule } from '../lib/domain/calendar';
import type {
	Candidate,
	ExamSession,
	Group,
	Organisation,
	PlanInfo,
	Room,
	Rubric,
	Seat,
	StaffAssignment
} from '../lib/domain/record-schemas';
import { planDoc } from '../lib/sync/doc-names';
import { centreFacts, saveSite } from './centre-admin';
import { dispatchExaminers, registerPlan } from './api/plans';
import { worded } from './api/router';
import { zhText } from '../lib/i18n/plain-translator';
import { planDeadline } from '../lib/domain/deadlines';

/** The demo's rubrics, shared with the past plan (demo-seed-past.ts). */
export const DEMO_RUBRICS: Rubric[] = [
	{
		v: 1,
		id: 'rubric-care-4',
		name: '健康照护师（四级）技能考核评分表',
		items: [
			{ id: 'prep', label: '评估与准备', max: 20 },
			{ id: 'care', label: '照护操作', max: 50 },
			{ id: 'safety', label: '安全与感染防控', max: 20 },
			{ id: 'comm', label: '沟通与人文关怀', max: 10 }
		]
	},
	{ v: 1, id: 'rubric-hr-2-review', name: '企业人力资源管理师（二级）综合评审评分表', items: REVIEW_RUBRIC_ITEMS }
];

export const DEMO_PASSWORD = 'kaowu2027';

const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'黄',
	'赵',
	'周',
	'吴',
	'徐',
	'孙',
	'冉',
	'谭',
	'向',
	'罗',
	'何',
	'唐',
	'欧阳',
	'司马'
];
const GIVEN = [
	'子涵',
	'欣怡',
	'浩然',
	'雨桐',
	'俊杰',
	'思远',
	'梓萱',
	'晨曦',
	'嘉怡',
	'宇航',
	'一鸣',
	'诗琪',
	'明轩',
	'雅婷',
	'文博',
	'静',
	'磊',
	'芳',
	'勇',
	'丽',
	'强',
	'敏',
	'建国',
	'秀英'
];
const EMPLOYERS = [
	'演示·渝中物业服务有限公司',
	'演示·两江康养中心',
	'演示·山城人力资源有限公司',
	'演示·嘉陵供应链公司',
	'演示·南岸社区卫生服务中心'
];
const AREAS = ['500103', '500106', '500107', '500108', '500112'];

/** mulberry32: a small deterministic generator, so the demo is the same on every machine. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface DemoUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	organisationId: string;
}

const ORGS: Organisation[] = [
	{ v: 1, id: 'centre', kind: 'centre', name: '重庆市职业技能鉴定指导中心', district: '', code: '0000' },
	{ v: 1, id: 'district-yuzhong', kind: 'district', name: '渝中区人力资源和社会保障局', district: '渝中区', code: '' },
	{
		v: 1,
		id: 'inst-shancheng',
		kind: 'institution',
		name: '演示·山城职业技能评价中心',
		district: '渝中区',
		code: '0000'
	},
	{
		v: 1,
		id: 'inst-jialing',
		kind: 'institution',
		name: '演示·嘉陵技能人才评价有限公司',
		district: '江北区',
		code: '0000'
	}
];

const USERS: DemoUser[] = [
	{ id: 'u-centre', username: 'zhongxin', displayName: '杨主任', role: 'centre-admin', organisationId: 'centre' },
	{
		id: 'u-district',
		username: 'quju',
		displayName: '李科长',
		role: 'district-bureau',
		organisationId: 'district-yuzhong'
	},
	{
		id: 'u-inst',
		username: 'jigou',
		displayName: '王晓梅',
		role: 'institution-admin',
		organisationId: 'inst-shancheng'
	},
	{
		id: 'u-supervisor',
		username: 'dudao',
		displayName: '刘建国',
		role: 'supervisor',
		organisationId: 'inst-shancheng'
	},
	...Array.from({ length: 8 }, (_, i) => ({
		id: `u-proctor-${i + 1}`,
		username: `jiankao${i + 1}`,
		displayName: ['陈静', '张磊', '谭芳', '向勇', '周敏', '吴丽', '徐强', '何秀英'][i],
		role: 'proctor' as Role,
		organisationId: 'inst-shancheng'
	})),
	// Examiners are dispatched by the centre from another institution (交叉派遣).
	...Array.from({ length: 3 }, (_, i) => ({
		id: `u-examiner-${i + 1}`,
		username: `kaoping${i + 1}`,
		displayName: ['欧阳明轩', '罗文博', '唐雅婷'][i],
		role: 'examiner' as Role,
		organisationId: 'inst-jialing'
	}))
];

/** Who to list first on the sign-in page: one account per role. */
export const PRIMARY_DEMO_USERNAMES = ['zhongxin', 'quju', 'jigou', 'dudao', 'jiankao1', 'kaoping1'];

interface Cohort {
	occupationId: string;
	level: Level;
	count: number;
}

const COHORTS: Cohort[] = [
	{ occupationId: 'hr-manager', level: 3, count: 45 },
	{ occupationId: 'hr-manager', level: 2, count: 15 },
	{ occupationId: 'labor-relations', level: 3, count: 20 },
	{ occupationId: 'health-caregiver', level: 4, count: 40 }
];

export interface DemoPlan {
	info: PlanInfo;
	candidates: Candidate[];
	rooms: Room[];
	sessions: ExamSession[];
	seats: Seat[];
	groups: Group[];
	rubrics: Rubric[];
	staff: StaffAssignment[];
}

function findOccupationLevels(found: ReturnType<typeof catalogFor>, id: string): number[] {
	return found.ok ? (found.catalog.occupations.find((o) => o.id === id)?.levels.map((l) => l.level) ?? []) : [];
}

/** Builds the demo plan as plain records (pure, deterministic for a date). */
export function buildDemoPlan(today: string): DemoPlan {
	const rnd = random(20270116);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
	const weekend = nextJointExamDay(today);
	const catalog = catalogFor(weekend.saturday);
	if (!catalog.ok) throw new Error(zhText(catalog.error));
	const planId = `demo-${weekend.saturday.replaceAll('-', '')}`;

	const candidates: Candidate[] = [];
	let seq = 0;
	for (const cohort of COHORTS) {
		for (let i = 0; i < cohort.count; i++) {
			seq++;
			const birthYear = 1970 + Math.floor(rnd() * 30);
			const birthDate = `${birthYear}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
			const idSeq = 900 + Math.floor(rnd() * 100);
			const idNumber = makeResidentId(pick(AREAS), birthDate, idSeq);
			candidates.push({
				v: 1,
				id: `c${String(seq).padStart(4, '0')}`,
				name: pick(SURNAMES) + pick(GIVEN),
				idType: 'resident-id',
				idNumber,
				sex: idSeq % 2 === 1 ? 'M' : 'F',
				birthDate,
				occupationId: cohort.occupationId,
				level: cohort.level,
				employer: pick(EMPLOYERS),
				phone: `1380000${String(1000 + seq).slice(-4)}`,
				eligibility: {
					status: 'approved',
					conditionId: cohort.level === 2 ? 'L2-cert3-5y' : cohort.level === 3 ? 'L3-cert4-4y' : 'L4-5y',
					evidence: '演示：已核验申报表与证书原件',
					reviewedBy: 'u-inst',
					reviewedAt: `${today}T09:00:00+08:00`
				}
			});
		}
	}

	const rooms: Room[] = [
		...[1, 2, 3, 4].map((n) => ({
			v: 1 as const,
			id: `r10${n}`,
			name: `10${n} 机房`,
			type: 'computer' as const,
			rows: 5,
			cols: 6,
			capacity: 30
		})),
		...[1, 2].map((n) => ({
			v: 1 as const,
			id: `r20${n}`,
			name: `20${n} 笔试考场`,
			type: 'paper' as const,
			rows: 5,
			cols: 8,
			capacity: 40
		})),
		{ v: 1, id: 'r301', name: '301 实操考场', type: 'practical', rows: 2, cols: 5, capacity: 10 },
		{ v: 1, id: 'r401', name: '401 答辩室', type: 'review', rows: 1, cols: 1, capacity: 1 }
	];

	const scheduleOf = (occupationId: string, level: Level, extra = {}) => {
		const subjects = subjectsFor(catalog.catalog, occupationId, level);
		if (!subjects.ok) throw new Error(zhText(subjects.error));
		const s = examDaySchedule(weekend, subjects.subjects, extra);
		if (!s.ok) throw new Error(s.error);
		return s.sessions;
	};
	const hr3 = scheduleOf('hr-manager', 3);
	const hr2 = scheduleOf('hr-manager', 2, { reviewCandidates: 15 });
	const care4 = scheduleOf('health-caregiver', 4, { skillRounds: 4 });
	const theory = hr3.find((s) => s.kind === 'theory')!;
	const paperSkill = hr3.find((s) => s.kind === 'skill')!;
	const practical = care4.find((s) => s.kind === 'skill')!;
	const reviewSlot = hr2.find((s) => s.kind === 'review')!;

	const sessions: ExamSession[] = [
		...[1, 2, 3, 4].map((n) => ({
			v: 1 as const,
			id: `s-theory-r10${n}`,
			subject: 'theory' as const,
			roomId: `r10${n}`,
			date: theory.date,
			start: theory.start,
			end: theory.end
		})),
		...[1, 2].map((n) => ({
			v: 1 as const,
			id: `s-skill-r20${n}`,
			subject: 'skill' as const,
			roomId: `r20${n}`,
			date: paperSkill.date,
			start: paperSkill.start,
			end: paperSkill.end
		})),
		{
			v: 1,
			id: 's-skill-r301',
			subject: 'skill',
			roomId: 'r301',
			date: practical.date,
			start: practical.start,
			end: practical.end
		},
		{
			v: 1,
			id: 's-review-r401',
			subject: 'review',
			roomId: 'r401',
			date: reviewSlot.date,
			start: reviewSlot.start,
			end: reviewSlot.end
		}
	];

	// Theory: everyone, 30 per computer room, filled row by row (the seat planner of the plan
	// screens replaces this with a constraint-aware plan).
	const seats: Seat[] = [];
	const seatIn = (sessionId: string, list: Candidate[], cols: number) =>
		list.forEach((c, i) =>
			seats.push({ v: 1, sessionId, candidateId: c.id, row: Math.floor(i / cols), col: i % cols })
		);
	for (let r = 0; r < 4; r++) seatIn(`s-theory-r10${r + 1}`, candidates.slice(r * 30, r * 30 + 30), 6);
	const paperCandidates = candidates.filter((c) => c.occupationId !== 'health-caregiver');
	seatIn('s-skill-r201', paperCandidates.slice(0, 40), 8);
	seatIn('s-skill-r202', paperCandidates.slice(40), 8);
	const theorySeat = new Map(seats.filter((s) => s.sessionId.startsWith('s-theory')).map((s) => [s.candidateId, s]));
	// 准考证号 as the seat planner gives them (seat-plan.ts): theory room ordinal (r101 → 1) and seat.
	for (const c of candidates) {
		const seat = theorySeat.get(c.id)!;
		c.admissionNo = admissionNumber(weekend.saturday, Number(seat.sessionId.slice(-1)), seatNumber(seat, { cols: 6 }));
	}

	const rubrics = DEMO_RUBRICS;

	const caregivers = candidates.filter((c) => c.occupationId === 'health-caregiver');
	const groups: Group[] = [
		...[0, 1, 2, 3].map((g) => ({
			v: 2 as const,
			id: `g-care-${g + 1}`,
			kind: 'skill' as const,
			name: `健康照护师四级 第${g + 1}组`,
			sessionId: 's-skill-r301',
			occupationId: 'health-caregiver',
			level: 4 as Level,
			candidateIds: caregivers.slice(g * 10, g * 10 + 10).map((c) => c.id),
			rubricId: 'rubric-care-4',
			minutesPerCandidate: 6,
			parallel: 1
		})),
		{
			v: 2,
			id: 'p-hr-2',
			kind: 'review',
			name: '企业人力资源管理师二级 答辩组',
			sessionId: 's-review-r401',
			occupationId: 'hr-manager',
			level: 2,
			candidateIds: candidates.filter((c) => c.occupationId === 'hr-manager' && c.level === 2).map((c) => c.id),
			rubricId: 'rubric-hr-2-review',
			minutesPerCandidate: 15,
			parallel: 1
		}
	];

	const staff: StaffAssignment[] = [{ v: 1, id: 'a-supervisor', userId: 'u-supervisor', duty: 'supervisor' }];
	[1, 2, 3, 4].forEach((room, i) => {
		for (const k of [0, 1]) {
			const proctor = `u-proctor-${i * 2 + k + 1}`;
			staff.push({
				v: 1,
				id: `a-theory-r10${room}-${k}`,
				userId: proctor,
				duty: 'invigilator',
				sessionId: `s-theory-r10${room}`
			});
		}
	});
	[1, 2].forEach((room, i) => {
		for (const k of [0, 1, 2]) {
			const proctor = `u-proctor-${i * 3 + k + 1}`;
			staff.push({
				v: 1,
				id: `a-skill-r20${room}-${k}`,
				userId: proctor,
				duty: 'invigilator',
				sessionId: `s-skill-r20${room}`
			});
		}
	});
	for (const g of groups) {
		[1, 2, 3].forEach((n) =>
			staff.push({
				v: 1,
				id: `a-${g.id}-${n}`,
				userId: `u-examiner-${n}`,
				duty: 'examiner',
				groupId: g.id,
				isChair: n === 1
			})
		);
	}

	const info: PlanInfo = {
		v: 1,
		id: planId,
		name: `【演示】${weekend.saturday.slice(0, 4)}年${Number(weekend.saturday.slice(5, 7))}月联考 · 山城职业技能评价中心`,
		institutionId: 'inst-shancheng',
		siteId: 'site-yuzhong-1',
		examDate: weekend.saturday,
		occupations: COHORTS.map((c) => ({ occupationId: c.occupationId, level: c.level })),
		expectedCandidates: candidates.length,
		createdAt: `${today}T09:00:00+08:00`,
		createdBy: 'u-inst'
	};
	return { info, candidates, rooms, sessions, seats, groups, rubrics, staff };
}

/** The institution's part of the plan (its plan document); info and examiners go to the registry. */
function writePlan(doc: Y.Doc, plan: DemoPlan): void {
	const put = <T extends { id: string }>(map: string, list: T[]) => list.forEach((r) => doc.getMap(map).set(r.id, r));
	put('candidates', plan.candidates);
	put('rooms', plan.rooms);
	put('sessions', plan.sessions);
	put('groups', plan.groups);
	put('rubrics', plan.rubrics);
	put(
		'staff',
		plan.staff.filter((a) => a.duty !== 'examiner')
	);
	for (const s of plan.seats) doc.getMap('seats').set(`${s.sessionId}:${s.candidateId}`, s);
}

/**
 * Registers a demo plan as its institution admin would on the plan screen (registerPlan: the new-plan
 * checks, the site's occupations, the registry), on `today` or, when that is past the plan deadline,
 * on the deadline day itself, so that a demo plan keeps the same rules as a real one.
 */
export async function registerDemoPlan(store: Store, sync: SyncServer, info: PlanInfo, today: string): Promise<void> {
	const deadline = planDeadline(info.examDate, { calendar: (await centreFacts(store)).calendar }).date;
	const createdOn = today <= deadline ? today : deadline;
	const result = await registerPlan(
		{ store, sync },
		{ id: info.createdBy, role: 'institution-admin' },
		info.institutionId,
		{
			name: info.name,
			siteId: info.siteId,
			examDate: info.examDate,
			occupations: info.occupations,
			expectedCandidates: info.expectedCandidates
		},
		{ today: createdOn, planId: info.id, createdAt: `${createdOn}T09:00:00+08:00` }
	);
	if (!result.ok) throw new Error(`demo plan ${info.id} refused: ${worded(result.message).message}`);
}

export async function seedDemo({ store, sync, today }: { store: Store; sync: SyncServer; today?: string }) {
	const date = today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Beijing date
	for (const org of ORGS)
		await store.upsertOrganisation({
			id: org.id,
			kind: org.kind,
			name: org.name,
			district: org.district,
			code: org.code
		});
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	for (const u of USERS)
		await store.insertUser({ ...u, passwordHash, isDisabled: false, createdAt: new Date().toISOString() });

	// The demo's site goes through the centre's own operation, as a site entered on /centre would.
	const site = await saveSite(
		store,
		{
			id: 'site-yuzhong-1',
			name: '演示·渝中联考考点（山城职业技能评价中心）',
			address: '重庆市渝中区演示路 1 号',
			district: '渝中区',
			hosts: (['hr-manager', 'labor-relations', 'health-caregiver'] as const).map((id) => ({
				occupationId: id,
				levels: findOccupationLevels(catalogFor(date), id) as Level[]
			})),
			rooms: [
				...[1, 2, 3, 4].map((n) => ({ id: `r10${n}`, name: `10${n} 机房`, type: 'computer' as const, capacity: 30 })),
				...[1, 2].map((n) => ({ id: `r20${n}`, name: `20${n} 笔试考场`, type: 'paper' as const, capacity: 40 })),
				{ id: 'r301', name: '301 实操考场', type: 'practical' as const, capacity: 10 },
				{ id: 'r401', name: '401 答辩室', type: 'review' as const, capacity: 1 }
			]
		},
		{ id: 'u-centre', today: date }
	);
	if (!site.ok) throw new Error(`demo site refused: ${JSON.stringify(site.error)}`);
	// Organisations, people and the site reach the config document through publishCentre (main.ts).

	const plan = buildDemoPlan(date);
	await registerDemoPlan(store, sync, plan.info, date);
	await sync.transactAsServer(planDoc(plan.info.id), (doc) => writePlan(doc, plan));
	// The centre's dispatch of the examiners, as /api/plans/{id}/examiners does it.
	await dispatchExaminers(
		sync,
		plan.info.id,
		plan.staff.filter((a) => a.duty === 'examiner')
	);
	await refreshPlanAccess(store, planDoc(plan.info.id));
	await store.setSetting('demo', '1');
	await (await import('./demo-seed-past')).seedPastDemo({ store, sync, today: date }); // issue 7: a past plan for the desk

	return USERS.filter((u) => PRIMARY_DEMO_USERNAMES.includes(u.username)).map((u) => ({
		username: u.username,
		password: DEMO_PASSWORD,
		role: u.role
	}));
}
