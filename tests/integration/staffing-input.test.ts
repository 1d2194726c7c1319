import { zhText } from '../../src/lib/i18n/plain-translator';
import { describe, expect, it } from 'vitest';
import { checkPlanStaffing } from '../../src/lib/domain/staffing';
import type { Person } from '../../src/lib/domain/record-schemas';
import { buildDemoPlan } from '../../src/server/demo-seed';
import { staffingInput, staffingUnits } from '../../src/lib/domain/staffing-input';

const demo = buildDemoPlan('2026-11-27');
const people: Person[] = [...new Set(demo.staff.map((a) => a.userId))].map((id) => ({
	v: 1,
	id,
	name: id,
	role: id.startsWith('u-examiner') ? 'examiner' : id === 'u-supervisor' ? 'supervisor' : 'proctor',
	organisationId: id.startsWith('u-examiner') ? 'inst-jialing' : 'inst-shancheng'
}));
const check = (staff = demo.staff, who = people) =>
	checkPlanStaffing(staffingInput(demo.info, demo.sessions, demo.rooms, demo.seats, demo.groups, staff, who));

describe('staffingInput over the demo plan', () => {
	it('staffs rooms per session and groups per group, and the demo passes', () => {
		const units = staffingUnits(demo.sessions, demo.rooms, demo.groups);
		expect(units.filter((u) => u.groupId)).toHaveLength(5);
		expect(units.filter((u) => !u.groupId).map((u) => u.label)).toEqual(
			expect.arrayContaining(['101 机房', '201 笔试考场'])
		);
		const r = check();
		expect(r.ok && r.result.messages).toEqual([]);
		expect(r.ok && r.result.isSufficient).toBe(true);
	});

	it('reports a missing invigilator and an even panel', () => {
		const staff = demo.staff.filter((a) => a.id !== 'a-theory-r101-1' && a.id !== 'a-p-hr-2-3');
		const r = check(staff);
		expect(r.ok && r.result.messages.map(zhText).join('\n')).toContain(
			'101 机房（理论知识考试·机考）：还需 1 名监考人员'
		);
		expect(r.ok && r.result.messages.map(zhText).join('\n')).toContain('还需 1 名考评人员');
	});

	it('refuses an examiner of the candidates own institution', () => {
		const r = check(
			demo.staff,
			people.map((p) => (p.id === 'u-examiner-1' ? { ...p, organisationId: 'inst-shancheng' } : p))
		);
		expect(r.ok && r.result.messages.map(zhText).join('\n')).toContain('同属一个机构');
	});
});
