import { describe, expect, it } from 'vitest';
import { CATALOG_2025_08 } from './catalog';
import { makeResidentId } from './identity';
import { choiceValue, columnChoices, rowChoices, type ChoiceContext } from './roster-choices';
import { conditionMessage } from './eligibility';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import { emptyValues, parseDocType, parseLevel, parseSex, validateRoster, type RosterValues } from './roster-import';

const context: ChoiceContext = {
	catalog: CATALOG_2025_08,
	planOccupations: [
		{ occupationId: 'hr-manager', level: 3 },
		{ occupationId: 'hr-manager', level: 4 },
		{ occupationId: 'health-caregiver', level: 5 }
	],
	formerNames: [{ v: 1, name: '人力资源管理师', occupationId: 'hr-manager' }]
};
const row = (over: Partial<RosterValues>): RosterValues => ({
	...emptyValues(),
	name: '张三',
	idNumber: makeResidentId('500103', '1985-03-04', 903),
	...over
});

describe('roster pickers', () => {
	it('offers the plan’s occupations, the levels the plan holds for the row’s occupation and that level’s conditions', () => {
		expect(rowChoices('occupation', row({}), context).map((c) => c.value)).toEqual([
			'企业人力资源管理师',
			'健康照护师'
		]);
		expect(rowChoices('level', row({ occupation: '企业人力资源管理师' }), context).map((c) => c.value)).toEqual([
			'4',
			'3'
		]);
		// A former name is the occupation it became; an unknown one leaves every level the plan holds.
		expect(rowChoices('level', row({ occupation: '人力资源管理师' }), context).map((c) => c.value)).toEqual(['4', '3']);
		expect(rowChoices('level', row({ occupation: '特种作业' }), context).map((c) => c.value)).toEqual(['5', '4', '3']);
		const conditions = rowChoices('condition', row({ occupation: '企业人力资源管理师', level: '三级' }), context);
		expect(conditions.map((c) => c.value)).toContain('L3-work-10y');
		expect(rowChoices('condition', row({ occupation: '企业人力资源管理师', level: '特级' }), context)).toEqual([]);
	});

	it('a picked occupation, level and condition always pass the row checks', () => {
		const checks = {
			catalog: CATALOG_2025_08,
			planOccupations: context.planOccupations,
			existingIdNumbers: new Set<string>(),
			examDate: '2027-01-16',
			newId: (i: number) => `n${i}`
		};
		let tried = 0;
		for (const o of rowChoices('occupation', row({}), context))
			for (const l of rowChoices('level', row({ occupation: o.value }), context))
				for (const c of rowChoices('condition', row({ occupation: o.value, level: l.value }), context)) {
					const values = row({ occupation: o.value, level: l.value, condition: c.value });
					expect([values, validateRoster([values], checks)[0].errors]).toEqual([values, []]);
					tried += 1;
				}
		expect(tried).toBeGreaterThan(5);
	});

	it('every choice of a fixed word reads back as what it means', () => {
		for (const c of rowChoices('idType', row({}), context))
			if ('docType' in c) expect(parseDocType(c.value)).toBe(c.docType);
		for (const c of rowChoices('sex', row({}), context)) if ('sex' in c) expect(parseSex(c.value)).toBe(c.sex);
		for (const c of rowChoices('certLevel', row({}), context))
			if ('level' in c) expect(parseLevel(c.value)).toBe(c.level);
		expect(rowChoices('certLevel', row({}), context)).toHaveLength(5);
	});

	it('shows a cell as the file wrote it under the choice it names, or as it is', () => {
		const levels = rowChoices('level', row({ occupation: '企业人力资源管理师' }), context);
		expect(choiceValue('level', '三级/高级工', levels)).toBe('3');
		expect(choiceValue('level', '特级', levels)).toBe('特级');
		expect(choiceValue('level', '五级', levels)).toBe('五级'); // a level the plan does not hold for it
		expect(choiceValue('sex', 'F', rowChoices('sex', row({}), context))).toBe('女');
		const types = rowChoices('idType', row({}), context);
		expect(choiceValue('idType', '身份证', types)).toBe('居民身份证');
		expect(choiceValue('idType', '', types)).toBe('居民身份证'); // an empty type is the ID card
		const conditions = rowChoices('condition', row({ occupation: '企业人力资源管理师', level: '3' }), context);
		const first = conditions[0] as { value: string; description: string };
		expect(choiceValue('condition', first.description, conditions)).toBe(first.value);
		expect(choiceValue('occupation', '人力资源管理师', rowChoices('occupation', row({}), context))).toBe(
			'人力资源管理师'
		);
	});

	it('the bulk fix offers every level and condition of the plan, each once', () => {
		expect(columnChoices('level', context).map((c) => c.value)).toEqual(['5', '4', '3']);
		const ids = columnChoices('condition', context).map((c) => c.value);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain('L3-work-10y');
		expect(ids.some((id) => id.startsWith('L5'))).toBe(true);
	});

	it('the condition pickers word each condition in the reader’s language (as the screen does)', async () => {
		const conditions = columnChoices('condition', context);
		expect(conditions.length).toBeGreaterThan(3);
		for (const c of conditions) {
			if (!('conditionId' in c)) throw new Error('expected a condition');
			const { zh, en } = await inBothLanguages(conditionMessage({ id: c.conditionId, description: c.description }));
			expect(zh, c.conditionId).toBe(c.description);
			expect(en, c.conditionId).not.toMatch(CJK);
		}
	});
});
