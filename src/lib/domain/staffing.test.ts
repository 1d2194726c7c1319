import { messageText, type Message } from './message-text';
import { plainTranslator } from '../i18n/plain-translator';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	canExaminerScore,
	checkPlanStaffing,
	checkSessionStaffing,
	defaultRatioFor,
	requiredStaff,
	type SessionStaffing
} from './staffing';
import { DEFAULT_STAFF_RATIOS, type StaffRatio } from './catalog';
import { inBothLanguages } from '../../../tests/support/message-languages';

const zh = (m: Message) => messageText(m, plainTranslator('zh-CN'));
const en = (m: Message) => messageText(m, plainTranslator('en'));

const candidates = (n: number, institutionId = 'inst-a') =>
	Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, institutionId }));
const invigilators = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: `i${i + 1}`, role: 'invigilator' as const, institutionId: 'inst-a' }));
const examiners = (n: number, institutionId = 'inst-x') =>
	Array.from({ length: n }, (_, i) => ({
		id: `e${i + 1}`,
		name: `考评员${i + 1}`,
		role: 'examiner' as const,
		institutionId
	}));

describe('requiredStaff', () => {
	it('theory: 1 per 15, at least 2', () => {
		const r = DEFAULT_STAFF_RATIOS.written;
		expect(requiredStaff(0, r)).toBe(0);
		expect(requiredStaff(1, r)).toBe(2);
		expect(requiredStaff(30, r)).toBe(2);
		expect(requiredStaff(31, r)).toBe(3);
		expect(requiredStaff(45, r)).toBe(3);
		expect(requiredStaff(46, r)).toBe(4);
	});
	it('practical: 1 per 5, at least 3, odd', () => {
		const r = DEFAULT_STAFF_RATIOS.practical;
		expect(requiredStaff(5, r)).toBe(3);
		expect(requiredStaff(15, r)).toBe(3);
		expect(requiredStaff(16, r)).toBe(5); // 4 rounded up to odd
		expect(requiredStaff(25, r)).toBe(5);
		expect(requiredStaff(26, r)).toBe(7);
	});
	it('review: a panel of at least 3, odd, whatever the number of candidates', () => {
		expect(requiredStaff(1, DEFAULT_STAFF_RATIOS.review)).toBe(3);
		expect(requiredStaff(40, DEFAULT_STAFF_RATIOS.review)).toBe(3);
		expect(requiredStaff(4, { ...DEFAULT_STAFF_RATIOS.review, minimum: 4 })).toBe(5);
	});
	it('always meets the ratio, the minimum and parity', () => {
		const ratioArb: fc.Arbitrary<StaffRatio> = fc.record({
			role: fc.constantFrom('invigilator', 'examiner'),
			candidatesPerStaff: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
			minimum: fc.integer({ min: 0, max: 6 }),
			mustBeOdd: fc.boolean()
		});
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 500 }), ratioArb, (n, ratio) => {
				const k = requiredStaff(n, ratio);
				expect(k).toBeGreaterThanOrEqual(ratio.minimum);
				if (ratio.candidatesPerStaff) expect(k * ratio.candidatesPerStaff).toBeGreaterThanOrEqual(n);
				if (ratio.mustBeOdd) expect(k % 2).toBe(1);
			})
		);
	});
	it('defaults follow the mode', () => {
		expect(defaultRatioFor('skill', 'paper')).toBe(DEFAULT_STAFF_RATIOS.written);
		expect(defaultRatioFor('skill', 'computer')).toBe(DEFAULT_STAFF_RATIOS.written);
		expect(defaultRatioFor('skill', 'practical')).toBe(DEFAULT_STAFF_RATIOS.practical);
		expect(defaultRatioFor('review', 'oral')).toBe(DEFAULT_STAFF_RATIOS.review);
	});
});

describe('checkSessionStaffing', () => {
	it('says how many invigilators are missing', () => {
		const r = checkSessionStaffing({
			label: '第1考场',
			subject: 'theory',
			mode: 'computer',
			candidates: candidates(31),
			staff: invigilators(2)
		});
		expect(r).toMatchObject({ required: 3, assigned: 2, missing: 1, isSufficient: false });
		expect(r.messages.map(zh)).toEqual([
			'第1考场（理论知识考试·机考）：还需 1 名监考人员（考生 31 名，至少 3 名，现有 2 名）'
		]);
		expect(r.messages.map(en)).toEqual([
			'第1考场 (theory exam, on computer): invigilators short by 1 (31 candidates need at least 3; 2 assigned)'
		]);
		const ok = checkSessionStaffing({
			label: '第1考场',
			subject: 'theory',
			mode: 'computer',
			candidates: candidates(30),
			staff: invigilators(2)
		});
		expect(ok.isSufficient).toBe(true);
		expect(ok.messages).toEqual([]);
	});
	it('counts a person listed twice once and ignores other roles', () => {
		const staff = [
			...invigilators(1),
			...invigilators(1),
			{ id: 's1', role: 'supervisor' as const, institutionId: 'inst-a' }
		];
		const r = checkSessionStaffing({
			label: '第2考场',
			subject: 'skill',
			mode: 'paper',
			candidates: candidates(10),
			staff
		});
		expect(r).toMatchObject({ assigned: 1, missing: 1 });
	});
	it('refuses an even practical group', () => {
		const r = checkSessionStaffing({
			label: '实操1组',
			subject: 'skill',
			mode: 'practical',
			candidates: candidates(5),
			staff: examiners(4)
		});
		expect(r.isSufficient).toBe(false);
		expect(r.missing).toBe(0);
		expect(r.isOddRequirementMet).toBe(false);
		expect(zh(r.messages[0])).toContain('须为奇数');
		expect(en(r.messages[0])).toContain('the number of examiners must be odd (4 assigned)');
		expect(
			checkSessionStaffing({
				label: '实操1组',
				subject: 'skill',
				mode: 'practical',
				candidates: candidates(5),
				staff: examiners(3)
			}).isSufficient
		).toBe(true);
	});
	it("does not count an examiner of the candidates' own institution", () => {
		const staff = [...examiners(2), { id: 'e9', name: '王五', role: 'examiner' as const, institutionId: 'inst-a' }];
		const r = checkSessionStaffing({
			label: '评审1组',
			subject: 'review',
			mode: 'oral',
			candidates: [...candidates(2), { id: 'b1', institutionId: 'inst-b' }],
			staff
		});
		expect(r).toMatchObject({ assigned: 2, missing: 1, isSufficient: false });
		expect(r.conflicts).toEqual([expect.objectContaining({ staffId: 'e9', candidateIds: ['c1', 'c2'] })]);
		expect(r.messages.map(zh)).toContain(
			'评审1组（综合评审·答辩）：考评人员王五与 2 名考生同属一个机构，不得为其评分，请改派其他机构的考评人员'
		);
		expect(r.messages.map(en)).toContain(
			'评审1组 (comprehensive review, oral defence): examiner 王五 belongs to the same institution as 2 of the candidates and may not score them: dispatch an examiner from another institution'
		);
	});
	it('uses a ratio given as data', () => {
		const ratio: StaffRatio = { role: 'examiner', candidatesPerStaff: 3, minimum: 3, mustBeOdd: true };
		const r = checkSessionStaffing({
			label: '实操2组',
			subject: 'skill',
			mode: 'practical',
			candidates: candidates(10),
			staff: examiners(3),
			ratio
		});
		expect(r).toMatchObject({ required: 5, missing: 2 });
	});
});

describe('canExaminerScore', () => {
	it('refuses the own institution', () => {
		expect(canExaminerScore({ id: 'e1', institutionId: 'a' }, { id: 'c1', institutionId: 'b' }).ok).toBe(true);
		const r = canExaminerScore(
			{ id: 'e1', name: '张三', institutionId: 'a' },
			{ id: 'c1', name: '李四', institutionId: 'a' }
		);
		if (r.ok) throw new Error('expected a refusal');
		expect(zh(r.error)).toBe('考评人员张三与考生李四同属一个机构，不得为其评分');
	});
	it('says why in both languages (names as written)', async () => {
		const r = canExaminerScore({ id: 'e1', name: '张三', institutionId: 'a' }, { id: 'c1', institutionId: 'a' });
		if (r.ok) throw new Error('expected a refusal');
		const { zh, en } = await inBothLanguages(r.error);
		expect(zh).toBe('考评人员张三与考生c1同属一个机构，不得为其评分');
		expect(en).toBe(
			'Examiner 张三 and candidate c1 belong to the same institution: the examiner may not score this candidate'
		);
	});
});

describe('checkPlanStaffing', () => {
	it('finds people in two rooms at the same time', () => {
		const sessions: SessionStaffing[] = [
			{
				label: '第1考场',
				subject: 'theory',
				mode: 'computer',
				slot: 'sat-am',
				candidates: candidates(10),
				staff: invigilators(2)
			},
			{
				label: '第2考场',
				subject: 'theory',
				mode: 'computer',
				slot: 'sat-am',
				candidates: candidates(10),
				staff: [invigilators(2)[1], { id: 'i3', role: 'invigilator', institutionId: 'inst-a' }]
			},
			{
				label: '第3考场',
				subject: 'skill',
				mode: 'paper',
				slot: 'sat-pm',
				candidates: candidates(10),
				staff: invigilators(2)
			}
		];
		const r = checkPlanStaffing(sessions);
		expect(r.ok && r.result.isSufficient).toBe(false);
		expect(r.ok && r.result.doubleBookings).toEqual([
			expect.objectContaining({ staffId: 'i2', labels: ['第1考场', '第2考场'] })
		]);
	});
	it('rejects malformed sessions, saying so in both languages', async () => {
		const r = checkPlanStaffing([{ label: '', subject: 'theory', mode: 'computer', candidates: [], staff: [] }]);
		if (r.ok) throw new Error('accepted');
		const said = await inBothLanguages(r.error);
		expect(said.zh).toMatch(/^考务安排数据不完整：\S+ 格式不正确$/);
		expect(said.en).toMatch(/^The staffing data is incomplete: \S+ is not in the expected form$/);
	});
});
