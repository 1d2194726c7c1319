import { describe, expect, it } from 'vitest';
import { translator } from '../../../tests/support/translator';
import { forgivingRoster } from '../../../tests/support/forgiving-roster';
import { messageText, type Message } from './message-text';
import { CATALOG_2025_08 } from './catalog';
import { makeResidentId } from './identity';
import {
	decodeCsvBytes,
	errorFileCsv,
	bulkFix,
	guessMapping,
	locateHeader,
	parseLevel,
	rowValues,
	validateRoster,
	type RosterContext
} from './roster-import';
import { plainTranslator } from '../i18n/plain-translator';

// Row problems are messages; the Chinese a clerk reads is worded from the zh-CN file.
const zh = await translator('zh-CN');
const en = await translator('en');
const zhOf = (m: Message) => messageText(m, zh);
const said = (messages: readonly Message[]) => messages.map(zhOf).join('；');

const context: RosterContext = {
	catalog: CATALOG_2025_08,
	planOccupations: [
		{ occupationId: 'hr-manager', level: 3 },
		{ occupationId: 'health-caregiver', level: 5 }
	],
	existingIdNumbers: new Set([makeResidentId('500103', '1980-01-01', 901)]),
	examDate: '2027-01-16',
	newId: (i) => `n${i}`,
	tr: plainTranslator('zh-CN')
};

const HEADER = ['序号', '姓名', '身份证号码', '报考职业', '报考等级', '工作单位', '手机号码', '申报条件'];
const good = (seq: number) => [
	'1',
	'张三',
	makeResidentId('500103', '1985-03-04', seq),
	'企业人力资源管理师',
	'三级',
	'某公司',
	'13800000000',
	'L3-work-10y'
];

describe('guessMapping', () => {
	it('maps Chinese headers and keeps a remembered mapping', () => {
		const m = guessMapping(HEADER);
		expect(m).toMatchObject({ name: 1, idNumber: 2, occupation: 3, level: 4, employer: 5, phone: 6, condition: 7 });
		const remembered = guessMapping(['a', 'b', 'c', 'd', 'e'], { name: 0, idNumber: 1, occupation: 2, level: 3 });
		expect(remembered).toMatchObject({ name: 0, idNumber: 1, occupation: 2, level: 3 });
	});
});

describe('validateRoster', () => {
	const mapping = guessMapping(HEADER);
	it('accepts a good row and builds a pending candidate', () => {
		const [row] = validateRoster([rowValues(good(903), mapping)], context);
		expect(row.errors).toEqual([]);
		expect(row.candidate).toMatchObject({
			id: 'n0',
			occupationId: 'hr-manager',
			level: 3,
			sex: 'M',
			eligibility: { status: 'pending', conditionId: 'L3-work-10y' }
		});
	});

	it("refuses a level-5 candidate under 16 on the exam day, with the eligibility rule's age", () => {
		const row = (birth: string) => {
			const r = good(921);
			r[2] = makeResidentId('500103', birth, 921);
			r[3] = '健康照护师';
			r[4] = '五级';
			r[7] = '';
			return rowValues(r, mapping);
		};
		const [young, old] = validateRoster([row('2011-01-17'), row('2011-01-16')], context);
		expect(young.errors.map(zhOf)).toContain('五级/初级工申报须年满16周岁');
		expect(said(old.errors)).not.toContain('年满');
	});

	it('explains each bad row in Chinese', () => {
		const badChecksum = good(905);
		badChecksum[2] = badChecksum[2].slice(0, 17) + (badChecksum[2][17] === '1' ? '2' : '1');
		const unknown = good(907);
		unknown[3] = '厨师';
		const wrongLevel = good(909);
		wrongLevel[4] = '二级';
		const missing = good(911);
		missing[1] = '';
		const inPlan = good(913);
		inPlan[2] = makeResidentId('500103', '1980-01-01', 901);
		const dupA = good(915);
		const dupB = good(915);
		const rows = validateRoster(
			[badChecksum, unknown, wrongLevel, missing, inPlan, dupA, dupB].map((r) => rowValues(r, mapping)),
			context
		);
		expect(said(rows[0].errors)).toContain('校验位错误');
		expect(said(rows[1].errors)).toContain('不在联考目录中');
		expect(said(rows[2].errors)).toContain('本考试计划未安排');
		expect(said(rows[3].errors)).toContain('缺少姓名');
		expect(said(rows[4].errors)).toContain('已在本计划中');
		expect(said(rows[5].errors)).toContain('与第 8 行重复');
		expect(said(rows[6].errors)).toContain('与第 7 行重复');
		expect(rows.every((r) => !r.candidate)).toBe(true);
	});

	it('names duplicate rows by the row numbers the clerk sees (blank lines skipped)', () => {
		const rows = validateRoster(
			[good(931), good(931)].map((r) => rowValues(r, mapping)),
			context,
			[3, 9]
		);
		expect(rows.map((r) => r.rowNumber)).toEqual([3, 9]);
		expect(said(rows[0].errors)).toContain('与第 9 行重复');
	});

	it('refuses a condition of another level', () => {
		const r = good(917);
		r[7] = 'L4-work-5y';
		expect(said(validateRoster([rowValues(r, mapping)], context)[0].errors)).toContain('不是三级/高级工的申报条件');
	});
});

describe('eligibility data in the roster', () => {
	const header = [
		'姓名',
		'身份证号码',
		'报考职业',
		'报考等级',
		'申报条件',
		'从事本职业起始日期',
		'已有证书等级',
		'证书发证日期'
	];
	const mapping = guessMapping(header);
	const id = makeResidentId('500103', '1980-05-05', 941);
	const row = (condition: string, since: string, certLevel = '', certDate = '') =>
		rowValues(['李四', id, '企业人力资源管理师', '三级', condition, since, certLevel, certDate], mapping);

	it('maps the eligibility columns', () => {
		expect(mapping).toMatchObject({ workSince: 5, certLevel: 6, certDate: 7 });
	});
	it('finds the condition met from the data when none is declared', () => {
		const [r] = validateRoster([row('', '2010-03-01')], context);
		expect(r.errors).toEqual([]);
		expect(r.candidate?.eligibility).toMatchObject({
			conditionId: 'L3-work-10y',
			evidence: expect.stringContaining('按报名表数据')
		});
	});
	it('refuses a declared condition the data contradicts, with the reason', () => {
		const [r] = validateRoster([row('L3-work-10y', '2020-03-01')], context);
		expect(said(r.errors)).toContain('不满足所报申报条件');
	});
	it('accepts a certificate route and reads loose dates', () => {
		const [r] = validateRoster([row('L3-cert4-4y', '2012年3月', '四级', '2018/6/30')], context);
		expect(r.errors).toEqual([]);
		expect(r.candidate?.eligibility.conditionId).toBe('L3-cert4-4y');
	});
	it('explains unreadable dates and a certificate without a date', () => {
		expect(said(validateRoster([row('', '去年')], context)[0].errors)).toContain('无法识别');
		expect(said(validateRoster([row('', '', '四级', '')], context)[0].errors)).toContain('请同时填写发证日期');
	});
});

describe('parseLevel', () => {
	it('reads the ways clerks write levels', () => {
		expect(['三级', '3', '三级/高级工', '高级工', 'Level 3'].map(parseLevel)).toEqual([3, 3, 3, 3, 3]);
		expect(parseLevel('六级')).toBeUndefined();
	});
});

describe('decodeCsvBytes and errorFileCsv', () => {
	it('reads GBK bytes and UTF-8 with BOM', () => {
		// "姓名" in GBK
		expect(decodeCsvBytes(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toEqual({ text: '姓名', encoding: 'gb18030' });
		expect(decodeCsvBytes(new TextEncoder().encode('\uFEFF姓名')).text).toBe('姓名');
	});
	it('writes reasons beside the row, worded by the function it is given', () => {
		const errors: Message[] = [
			{ key: 'import.missing', params: { field: { msg: { key: 'plans.roster.fields.name', params: {} } } } },
			{ key: 'import.level', params: { value: '特级' } }
		];
		const csv = errorFileCsv([{ rowNumber: 3, values: rowValues(good(1), guessMapping(HEADER)), errors }], zhOf);
		expect(csv.startsWith('\uFEFF行号')).toBe(true);
		expect(csv).toContain('缺少姓名；等级“特级”无法识别，请填写如“三级”或“3”');
	});
});

describe('a forgiving import', () => {
	const sheet = (rows: unknown[][]) => rows.map((cells, i) => ({ cells, rowNumber: i + 1 }));
	const id = makeResidentId('500103', '1985-03-04', 951); // odd sequence: male

	it('finds the header under a title row and blank rows, by synonyms', () => {
		const located = locateHeader(
			sheet([
				['2027年1月联考报名表（企业人力资源管理师）', null, null, null],
				[],
				['序号', '考生姓名', '性别', '公民身份号码', '申报职业', '申报级别', '从事本职业年限', '文化程度'],
				['1', '张三', '男', id, '企业人力资源管理师', '三级', '12', '大专'],
				['注：本表由单位填写']
			])
		);
		expect(located.ok).toBe(true);
		if (!located.ok) return;
		expect(located.headerRowNumber).toBe(3);
		expect(located.rows.map((r) => r.rowNumber)).toEqual([4]);
		expect(guessMapping(located.header)).toMatchObject({
			name: 1,
			sex: 2,
			idNumber: 3,
			occupation: 4,
			level: 5,
			workYears: 6,
			education: 7
		});
	});

	it('reads a header split over two rows by merged cells', () => {
		const located = locateHeader(
			sheet([
				['姓名', '身份证号码', '报考信息', null, '工作单位'],
				[null, null, '职业', '等级', null],
				['张三', id, '企业人力资源管理师', '三级', '某公司']
			])
		);
		expect(located.ok && guessMapping(located.header)).toMatchObject({
			name: 0,
			idNumber: 1,
			occupation: 2,
			level: 3,
			employer: 4
		});
		expect(located.ok && located.rows.map((r) => r.rowNumber)).toEqual([3]);
	});

	it('says so when no row looks like a header', () => {
		const located = locateHeader(
			sheet([
				['a', 'b'],
				['1', '2']
			])
		);
		expect(!located.ok && zhOf(located.error)).toContain('找不到表头行');
		expect(!located.ok && messageText(located.error, en)).toContain('No header row found');
	});

	const header = ['姓名', '性别', '身份证号码', '报考职业', '报考等级', '从事本职业年限'];
	const mapping = guessMapping(header);
	const values = (cells: unknown[]) => rowValues(cells, mapping);

	it('checks the sex column against the ID number', () => {
		const [ok, wrong] = validateRoster(
			[
				values(['张三', '男', id, '企业人力资源管理师', '三级', '']),
				values(['张三', '女', id, '企业人力资源管理师', '三级', ''])
			],
			{ ...context, existingIdNumbers: new Set() }
		);
		expect(ok.errors.map(zhOf).filter((e) => e.includes('性别'))).toEqual([]);
		expect(said(wrong.errors)).toContain('性别填的是“女”，但身份证号显示为男性');
	});

	it('explains an ID that Excel turned into a number', () => {
		const [fromCsv] = validateRoster(
			[values(['张三', '男', '5.00103E+17', '企业人力资源管理师', '三级', ''])],
			context
		);
		expect(said(fromCsv.errors)).toContain('被 Excel 存成了数字（科学计数法）');
		expect(said(fromCsv.errors)).not.toContain('应为 18 位');
		const [fromXlsx] = validateRoster(
			[values(['张三', '男', Number('500103198503041234'), '企业人力资源管理师', '三级', ''])],
			context
		);
		expect(fromXlsx.values.idNumber).toBe('5.00103E+17');
		expect(said(fromXlsx.errors)).toContain('设为“文本”格式');
	});

	it('maps a former occupation name only once the clerk confirms it, and suggests a near name', () => {
		const formerNames = [{ v: 1 as const, name: '人力资源管理师', occupationId: 'hr-manager' }];
		const row = values(['张三', '', id, '人力资源管理师', '三级', '']);
		const [asked] = validateRoster([row], { ...context, formerNames });
		expect(said(asked.errors)).toContain('是旧的职业名称，现为“企业人力资源管理师”');
		expect(asked.formerName).toMatchObject({ name: '人力资源管理师', occupationId: 'hr-manager' });
		expect(asked.candidate).toBeUndefined();
		const [confirmed] = validateRoster([row], {
			...context,
			formerNames,
			confirmedFormerNames: new Set(['人力资源管理师'])
		});
		expect(confirmed.errors).toEqual([]);
		expect(confirmed.candidate?.occupationId).toBe('hr-manager');
		const [unknown] = validateRoster([row], context);
		expect(said(unknown.errors)).toContain('是不是“企业人力资源管理师”？可填：');
	});

	it('keeps the years in the occupation as evidence and flags data that meet no condition; an empty cell is not 0', () => {
		const [enough, tooFew, empty] = validateRoster(
			[
				values(['张三', '', id, '企业人力资源管理师', '三级', '12']),
				values(['李四', '', makeResidentId('500103', '1990-01-01', 953), '企业人力资源管理师', '三级', '4']),
				values(['王五', '', makeResidentId('500103', '1990-01-01', 955), '企业人力资源管理师', '三级', ''])
			],
			context
		);
		expect(enough.candidate?.declared).toEqual({ workYears: 12 });
		expect(enough.candidate?.eligibility.conditionId).toBe('L3-work-10y');
		expect(tooFew.errors).toEqual([]);
		expect(tooFew.candidate?.declared).toEqual({ workYears: 4 });
		expect(said(tooFew.warnings ?? [])).toContain('不满足三级/高级工的任何申报条件');
		expect(empty.candidate?.declared).toBeUndefined();
		expect(empty.warnings).toBeUndefined();
	});
});

describe('bulkFix', () => {
	it('sets a column in the rows that read a value, or in all rows', () => {
		const rows = [
			{ rowNumber: 2, values: { ...rowValues(good(1), guessMapping(HEADER)), level: '高级' } },
			{ rowNumber: 3, values: { ...rowValues(good(3), guessMapping(HEADER)), level: '3' } }
		];
		const some = bulkFix(rows, 'level', '高级', '三级');
		expect(some.changed).toBe(1);
		expect(some.rows.map((r) => r.values.level)).toEqual(['三级', '3']);
		const all = bulkFix(rows, 'employer', '', '某医院');
		expect(all.changed).toBe(2);
		expect(all.rows[1].rowNumber).toBe(3);
	});
});

describe('row problems in the reader’s language', () => {
	// The 15 trap rows of the import spec (title row, office headers), checked as a clerk reads them in
	// Chinese and as the English screens word them: English rule words around the file's own values.
	const roster = forgivingRoster(
		[
			{ occupation: '企业人力资源管理师', level: '三级', years: '12' },
			{ occupation: '劳动关系协调师', level: '三级', years: '4' },
			{ occupation: '健康照护师', level: '四级', years: '' }
		],
		{ occupation: '物业管理师', level: '三级' }
	);
	const located = locateHeader(roster.sheet.map((cells, i) => ({ cells, rowNumber: i + 1 })));
	if (!located.ok) throw new Error('no header');
	const mapping = guessMapping(located.header);
	const rows = validateRoster(
		located.rows.map((r) => rowValues(r.cells, mapping)),
		{
			...context,
			planOccupations: [
				{ occupationId: 'hr-manager', level: 3 },
				{ occupationId: 'labor-relations', level: 3 },
				{ occupationId: 'health-caregiver', level: 4 }
			],
			existingIdNumbers: new Set(),
			formerNames: [{ v: 1, name: '人力资源管理师', occupationId: 'hr-manager' }]
		},
		located.rows.map((r) => r.rowNumber)
	);
	const trapRows = roster.traps.map((trap) => ({ trap, row: rows.find((r) => r.rowNumber === trap.fileRow)! }));
	/** Chinese the file itself brings: quoted values, names of the catalogue. */
	const ownWords = (text: string) =>
		[...CATALOG_2025_08.occupations]
			.sort((a, b) => b.name.length - a.name.length)
			.reduce((rest, o) => rest.replaceAll(o.name, ''), text.replace(/“[^”]*”/g, ''));

	it('says each trap’s problem in Chinese as before', () => {
		for (const { trap, row } of trapRows)
			expect([trap.kind, said(row.errors)]).toEqual([trap.kind, expect.stringContaining(trap.reason)]);
	});

	it('says each trap’s problem in English, with no Chinese rule words and no raw keys', () => {
		for (const { trap, row } of trapRows) {
			const english = row.errors.map((m) => messageText(m, en)).join('; ');
			expect(english, trap.kind).not.toMatch(/import\.|plans\.|desk\./);
			expect([trap.kind, ownWords(english)]).toEqual([trap.kind, expect.not.stringMatching(/[\u4e00-\u9fff]/)]);
		}
		const byKind = (kind: string) =>
			trapRows.find((r) => r.trap.kind === kind)!.row.errors.map((m) => messageText(m, en));
		expect(byKind('checksum').join()).toContain('check character is wrong');
		expect(byKind('sex').join()).toContain('the ID number says');
		expect(byKind('no-such-level').join()).toContain('has no Level 5 (junior worker)');
		expect(byKind('duplicate').join()).toMatch(/Same ID number as row \d+/);
	});
});
