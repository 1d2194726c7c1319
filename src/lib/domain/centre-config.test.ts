import { describe, expect, it } from 'vitest';
import { CATALOG_2025_08 } from './catalog';
import {
	checkFormerName,
	checkHolidayYear,
	checkSite,
	deadlineCalendar,
	examMonthRecord,
	examYearOverview,
	parseDateList,
	planChoices,
	publishedExamDays,
	resolveOccupationName,
	siteRefusal
} from './centre-config';
import { checkNewPlan } from './plan-rules';
import { planDeadline } from './deadlines';
import type { ExamMonthRecord } from './record-schemas';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import type { Message } from './message-text';

const allHosts = CATALOG_2025_08.occupations.map((o) => ({ occupationId: o.id, levels: o.levels.map((l) => l.level) }));

describe('sites', () => {
	it('a site hosting every occupation offers every occupation level of the catalogue (32)', () => {
		const site = checkSite({ id: 's1', name: '考点', district: '渝中区', hosts: allHosts }, CATALOG_2025_08);
		expect(site.ok).toBe(true);
		if (!site.ok) return;
		const choices = planChoices(CATALOG_2025_08, site.value);
		expect(choices).toHaveLength(32);
		expect(choices.every((c) => !c.refusal)).toBe(true);
	});

	it('a level the site does not host is refused with the reason and who can change it, in both languages', async () => {
		const site = checkSite(
			{ id: 's1', name: '渝中考点', district: '渝中区', hosts: [{ occupationId: 'hr-manager', levels: [3] }] },
			CATALOG_2025_08
		);
		if (!site.ok) throw new Error(site.error.key);
		const refusal = siteRefusal(CATALOG_2025_08, site.value, [{ occupationId: 'hr-manager', level: 2 }]);
		if (!refusal) throw new Error('expected a refusal');
		const { zh, en } = await inBothLanguages(refusal);
		expect(zh).toBe(
			'考点“渝中考点”未获准承办企业人力资源管理师二级/技师；如需承办，请市职鉴中心在“中心管理 → 考点”中为该考点添加'
		);
		// In English: the site and occupation as written, the rest (level, who, where) in English.
		expect(en).toBe(
			'The site “渝中考点” is not approved to hold 企业人力资源管理师 Level 2 (technician); to hold it, the centre adds it to the site under “Centre administration → Sites”'
		);
		expect(siteRefusal(CATALOG_2025_08, site.value, [{ occupationId: 'hr-manager', level: 3 }])).toBeNull();
		const unknown = siteRefusal(CATALOG_2025_08, site.value, [{ occupationId: 'astronaut', level: 3 }]);
		if (!unknown) throw new Error('expected a refusal');
		const words = await inBothLanguages(unknown);
		expect(words.zh).toBe('职业“astronaut”三级/高级工不在联考目录中');
		expect(words.en).not.toMatch(CJK);
	});

	it('refuses a level the occupation does not have, duplicate rooms and no hosts, in both languages', async () => {
		const base = { id: 's1', name: 'x', district: '渝中区' };
		const words = async (r: { ok: boolean; error?: Message }) => {
			if (r.ok || !r.error) throw new Error('expected a refusal');
			return inBothLanguages(r.error);
		};
		const level = await words(
			checkSite({ ...base, hosts: [{ occupationId: 'supply-chain', levels: [5] }] }, CATALOG_2025_08)
		);
		expect(level.zh).toBe('供应链管理师在联考中不设五级/初级工');
		expect(level.en).toBe('供应链管理师 has no Level 5 (junior worker) in the joint exam');
		const none = await words(checkSite({ ...base, hosts: [] }, CATALOG_2025_08));
		expect(none.zh).toBe('请至少选择一个承办的职业等级');
		expect(none.en).not.toMatch(CJK);
		const rooms = [
			{ id: 'a', name: '101', type: 'paper', capacity: 30 },
			{ id: 'b', name: '101', type: 'paper', capacity: 30 }
		];
		const twice = await words(checkSite({ ...base, hosts: allHosts, rooms }, CATALOG_2025_08));
		expect(twice.zh).toBe('考场名称“101”重复');
		expect(twice.en).toBe('The room name “101” is used twice');
		// A schema's own problem is worded too (the field's key), with the field's path.
		const unnamed = await words(checkSite({ ...base, name: '', hosts: allHosts }, CATALOG_2025_08));
		expect(unnamed.zh).toBe('考点信息有误（name）：请填写考点名称');
		expect(unnamed.en).toBe('The site’s details are not right (name): enter the site’s name');
	});
});

describe('joint exam days', () => {
	it('confirming a month publishes the third Saturday; a change moves the plan day', () => {
		const confirmed = examMonthRecord({ action: 'confirm', month: '2027-01' }, 'u', 'now');
		const changed = examMonthRecord({ action: 'change', month: '2027-03', saturday: '2027-03-27' }, 'u', 'now');
		if (!confirmed.ok || !changed.ok) throw new Error('refused');
		expect(confirmed.value.weekends).toEqual([{ saturday: '2027-01-16', sunday: '2027-01-17' }]);
		const records: ExamMonthRecord[] = [confirmed.value, changed.value];
		const overview = examYearOverview(2027, records);
		expect(overview.map((m) => m.status)).toEqual(['confirmed', 'changed', 'rule', 'rule', 'rule', 'rule']);
		const published = publishedExamDays(records);
		const plan = {
			name: 'p',
			siteId: 's1',
			occupations: [{ occupationId: 'hr-manager', level: 3 }],
			expectedCandidates: 1
		};
		expect(
			checkNewPlan({ ...plan, examDate: '2027-03-20' }, { today: '2026-12-01', isCentre: false, published }).ok
		).toBe(false);
		expect(
			checkNewPlan({ ...plan, examDate: '2027-03-27' }, { today: '2026-12-01', isCentre: false, published }).ok
		).toBe(true);
	});

	it('refuses a change to a day that is not a Saturday or outside the month', () => {
		expect(examMonthRecord({ action: 'change', month: '2027-03', saturday: '2027-03-25' }, 'u', 'n').ok).toBe(false);
		expect(examMonthRecord({ action: 'change', month: '2027-03', saturday: '2027-04-03' }, 'u', 'n').ok).toBe(false);
		expect(examMonthRecord({ action: 'confirm', month: '2027-02' }, 'u', 'n').ok).toBe(false);
	});
});

describe('holiday years', () => {
	it('parses dates and periods as typed from the notice', () => {
		expect(parseDateList('2027-01-01, 2027-02-06~2027-02-08\n2027-05-01至2027-05-02')).toEqual({
			ok: true,
			value: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-05-01', '2027-05-02']
		});
		expect(parseDateList('2027-13-01').ok).toBe(false);
	});

	it('an entered year changes every deadline computed with the calendar', () => {
		// 2027 is beyond the package's data: without an entered year the deadline is a guess.
		const before = planDeadline('2027-05-15', { calendar: deadlineCalendar([]) });
		expect(before.isCertain).toBe(false);
		const year = checkHolidayYear(
			{ year: 2027, holidays: ['2027-01-01', ...parseDays('2027-05-03~2027-05-05')], makeUpWorkdays: [] },
			'u',
			'n'
		);
		if (!year.ok) throw new Error(year.error.key);
		const after = planDeadline('2027-05-15', { calendar: deadlineCalendar([year.value]) });
		expect(after.isCertain).toBe(true);
		expect(after.date < before.date).toBe(true); // three days off push the deadline earlier
	});

	it('refuses a year without 元旦 and a make-up day on a weekday', () => {
		expect(checkHolidayYear({ year: 2027, holidays: ['2027-05-03'], makeUpWorkdays: [] }, 'u', 'n').ok).toBe(false);
		expect(
			checkHolidayYear({ year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-04'] }, 'u', 'n').ok
		).toBe(false);
	});
});

describe('former names', () => {
	it('maps a former name to the current occupation, and refuses a current name', () => {
		const f = checkFormerName({ name: '人力资源管理师', occupationId: 'hr-manager' }, CATALOG_2025_08, 'u', 'n');
		if (!f.ok) throw new Error(f.error.key);
		expect(resolveOccupationName('人力资源管理师', CATALOG_2025_08, [f.value])).toEqual({
			occupationId: 'hr-manager',
			formerName: '人力资源管理师'
		});
		expect(
			checkFormerName({ name: '企业人力资源管理师', occupationId: 'hr-manager' }, CATALOG_2025_08, 'u', 'n').ok
		).toBe(false);
	});
});

function parseDays(text: string): string[] {
	const r = parseDateList(text);
	if (!r.ok) throw new Error(r.error.key);
	return r.value;
}

describe('the centre’s refusals in both languages', () => {
	const said = async (r: { ok: boolean; error?: Message }) => {
		if (r.ok || !r.error) throw new Error('expected a refusal');
		return inBothLanguages(r.error);
	};
	it('exam days, holiday dates and former names say why in Chinese as before and in English', async () => {
		const notSaturday = await said(
			examMonthRecord({ action: 'change', month: '2027-03', saturday: '2027-03-25' }, 'u', 'n')
		);
		expect(notSaturday.zh).toBe('2027-03-25 不是周六：联考日须为周六及其后的周日');
		expect(notSaturday.en).toBe('2027-03-25 is not a Saturday: a joint exam weekend starts on a Saturday');
		const noRule = await said(examMonthRecord({ action: 'confirm', month: '2027-02' }, 'u', 'n'));
		expect(noRule.zh).toBe('2027-02 按规则没有联考日，可用“改期”增加');
		expect(noRule.en).not.toMatch(CJK);
		const notADate = await said(parseDateList('2027-13-01'));
		expect(notADate.zh).toBe('“2027-13-01”不是日期（格式 2027-01-01，时段写作 2027-02-15~2027-02-21）');
		expect(notADate.en).toBe('“2027-13-01” is not a date (write 2027-01-01; a period as 2027-02-15~2027-02-21)');
		const reversed = await said(parseDateList('2027-02-08~2027-02-06'));
		expect(reversed.en).toBe('The period “2027-02-08~2027-02-06” ends before it starts');
		const current = await said(
			checkFormerName({ name: '供应链管理师', occupationId: 'supply-chain' }, CATALOG_2025_08, 'u', 'n')
		);
		expect(current.zh).toBe('“供应链管理师”是现行职业名称，无须登记为原名称');
		expect(current.en).toBe('“供应链管理师” is a current occupation name: it need not be entered as a former one');
	});
});
