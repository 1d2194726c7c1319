// Test rosters for the plan screens: a 300-row .xlsx with five known bad rows, and a GBK-encoded CSV
// (as Chinese Excel exports it). Names and ID numbers are unique per row so print-outs can be checked.
import { writeFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { makeResidentId } from '../../src/lib/domain/identity';
import { addDays } from '../../src/lib/domain/iso-date';

export const HEADER = [
	'序号',
	'姓名',
	'证件类型',
	'身份证号码',
	'报考职业',
	'报考等级',
	'工作单位',
	'联系电话',
	'申报条件'
];
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
	'静怡',
	'书磊',
	'芳菲',
	'勇毅',
	'丽华',
	'志强',
	'敏慧',
	'建国',
	'秀英'
];
const COHORTS = [
	{ occupation: '企业人力资源管理师', level: '三级', condition: 'L3-work-10y' },
	{ occupation: '劳动关系协调师', level: '三级', condition: 'L3-work-10y' },
	{ occupation: '健康照护师', level: '四级', condition: 'L4-work-5y' }
];
const EMPLOYERS = [
	'测试·渝中物业公司',
	'测试·两江康养中心',
	'测试·山城人力公司',
	'测试·嘉陵供应链公司',
	'测试·南岸卫生中心'
];

export interface TestRow {
	name: string;
	idNumber: string;
	cells: string[];
}

/** Row i of a roster; `withCondition` rows declare a condition of their level, so bulk approval takes them. */
export function makeRow(i: number, birthBase: string, withCondition: boolean): TestRow {
	const cohort = COHORTS[i % 3];
	const name = SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
	const idNumber = makeResidentId('500103', addDays(birthBase, i * 3), 900 + (i % 100));
	const cells = [
		String(i + 1),
		name,
		'居民身份证',
		idNumber,
		cohort.occupation,
		cohort.level,
		EMPLOYERS[i % 5],
		`1390000${String(1000 + i).slice(-4)}`,
		withCondition ? cohort.condition : ''
	];
	return { name, idNumber, cells };
}

/** Flips the check character, so the checksum fails. */
export function breakChecksum(id: string): string {
	return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

export interface BadRow {
	/** Row number in the file (the header is row 1). */
	fileRow: number;
	reason: string;
	fix?: { field: 'idNumber' | 'occupation'; value: string };
}

/** 300 rows: the first 50 declare a condition; rows 21, 81, 151, 221, 291 are bad in known ways. */
export async function writeRosterXlsx(path: string): Promise<{ rows: TestRow[]; bad: BadRow[] }> {
	const rows = Array.from({ length: 300 }, (_, i) => makeRow(i, '1975-01-01', i < 50));
	const bad: BadRow[] = [];
	const at = (index: number) => rows[index].cells;
	at(20)[3] = breakChecksum(rows[20].idNumber);
	bad.push({ fileRow: 22, reason: '校验位错误', fix: { field: 'idNumber', value: rows[20].idNumber } });
	at(80)[3] = breakChecksum(rows[80].idNumber);
	bad.push({ fileRow: 82, reason: '校验位错误', fix: { field: 'idNumber', value: rows[80].idNumber } });
	at(150)[4] = '厨师';
	bad.push({
		fileRow: 152,
		reason: '不在联考目录中',
		fix: { field: 'occupation', value: COHORTS[150 % 3].occupation }
	});
	at(220)[1] = '';
	bad.push({ fileRow: 222, reason: '缺少姓名' });
	at(290)[5] = '一级';
	bad.push({ fileRow: 292, reason: '本考试计划未安排' });
	await writeXlsxFile([HEADER, ...rows.map((r) => r.cells)]).toFile(path);
	return { rows, bad };
}

let gbkTable: Map<string, number[]> | null = null;

/** GBK encoding by inverting the platform's GB18030 decoder over the two-byte range. */
function encodeGbk(text: string): Uint8Array {
	if (!gbkTable) {
		gbkTable = new Map();
		const decoder = new TextDecoder('gb18030');
		for (let lead = 0x81; lead <= 0xfe; lead++) {
			for (let trail = 0x40; trail <= 0xfe; trail++) {
				if (trail === 0x7f) continue;
				const ch = decoder.decode(new Uint8Array([lead, trail]));
				if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
			}
		}
	}
	const out: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code < 0x80) out.push(code);
		else {
			const bytes = gbkTable.get(ch);
			if (!bytes) throw new Error(`not in GBK: ${ch}`);
			out.push(...bytes);
		}
	}
	return new Uint8Array(out);
}

/** A 10-row CSV in GBK with conditions declared; birth dates differ from the .xlsx rows. */
export function writeRosterGbkCsv(path: string): TestRow[] {
	const rows = Array.from({ length: 10 }, (_, i) => makeRow(i + 400, '1968-06-01', true));
	const csv = [HEADER, ...rows.map((r) => r.cells)].map((r) => r.join(',')).join('\r\n') + '\r\n';
	writeFileSync(path, encodeGbk(csv));
	return rows;
}
