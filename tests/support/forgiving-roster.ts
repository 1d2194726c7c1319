// A roster as a real registration spreadsheet arrives: a title row and a blank row above the header,
// column names the clerk's office uses (考生姓名, 公民身份号码, 申报级别, 从事本职业年限 …) and 15
// problem rows of different kinds, each with the reason the import must give. Shared by the import
// and "done when" specs and the import-preview bench.
import writeXlsxFile from 'write-excel-file/node';
import { makeResidentId } from '../../src/lib/domain/identity';
import { addDays } from '../../src/lib/domain/iso-date';
import { breakChecksum } from './plans-roster';

export const TITLE = '2027年1月职业技能等级认定（联考）报名汇总表';
export const FORGIVING_HEADER = [
	'序号',
	'考生姓名',
	'性别',
	'证件类型',
	'公民身份号码',
	'申报职业',
	'申报级别',
	'工作单位',
	'手机号码',
	'申报条件',
	'从事本职业年限',
	'文化程度'
];
/** The header is row 3 (title, blank, header); data start on row 4. */
export const FIRST_DATA_ROW = 4;

export interface Cohort {
	occupation: string;
	level: string;
	/** Years in the occupation written on the form ('' = the cell is left empty). */
	years: string;
}

export interface Trap {
	kind: string;
	/** Row number in the file as Excel shows it. */
	fileRow: number;
	/** Words the reason must contain. */
	reason: string;
	name: string;
	/** The correct ID number, for traps fixed by retyping it. */
	idNumber: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '冉', '谭', '向', '罗'];
const GIVEN = ['子涵', '欣怡', '浩然', '雨桐', '俊杰', '思远', '梓萱', '晨曦', '嘉怡', '宇航', '一鸣', '诗琪', '明轩'];

export interface ForgivingRoster {
	/** Every cell of the sheet, title and header rows included. */
	sheet: (string | number | null)[][];
	traps: Trap[];
	goodCount: number;
}

/**
 * `count` data rows over the cohorts (the first cohort must be a level-3 occupation, used by traps that
 * need one); `notInPlan` is an occupation level the catalogue has but the plan does not hold.
 * `problems` spreads the 15 trap kinds over that many rows (at least 15).
 */
export function forgivingRoster(
	cohorts: readonly Cohort[],
	/** An occupation level the plan does not hold; null when it holds them all (a too-long name instead). */
	notInPlan: { occupation: string; level: string } | null,
	count = 300,
	problems = 15,
	seed = 0
): ForgivingRoster {
	const rows: (string | number | null)[][] = [];
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const cohort = cohorts[i % cohorts.length];
		const seq = 100 + ((i * 7 + seed) % 800);
		const idNumber = makeResidentId('500103', addDays('1972-01-01', (i * 5 + seed) % 9000), seq);
		ids.push(idNumber);
		const name =
			SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] + (i >= 208 ? i : '');
		rows.push([
			i + 1,
			name,
			seq % 2 ? '男' : '女',
			'居民身份证',
			idNumber,
			cohort.occupation,
			cohort.level,
			'测试·两江康养中心',
			`1390000${String(1000 + i).slice(-4)}`,
			'',
			cohort.years,
			'大专'
		]);
	}
	const traps: Trap[] = [];
	const level3 = cohorts.findIndex((c) => c.level === '三级');
	// Trap rows: spread over the file, on rows of the first level-3 cohort where the trap needs one.
	const at = (k: number, needsLevel3 = false) => {
		let i = Math.floor(((k + 0.5) * count) / problems);
		if (needsLevel3) while (i % cohorts.length !== level3) i += 1;
		return i;
	};
	const trap = (
		k: number,
		kind: string,
		reason: string,
		change: (row: (string | number | null)[]) => void,
		level3Row = false
	) => {
		const i = at(k, level3Row);
		change(rows[i]);
		traps.push({ kind, fileRow: FIRST_DATA_ROW + i, reason, name: String(rows[i][1] ?? ''), idNumber: ids[i] });
		return i;
	};
	trap(0, 'checksum', '校验位错误', (r) => (r[4] = breakChecksum(String(r[4]))));
	trap(1, 'scientific', '被 Excel 存成了数字', (r) => (r[4] = Number(r[4])));
	trap(2, 'sex', '但身份证号显示为', (r) => (r[2] = r[2] === '男' ? '女' : '男'));
	trap(3, 'missing-name', '缺少姓名', (r) => (r[1] = ''));
	trap(4, 'unknown-occupation', '不在联考目录中', (r) => (r[5] = '中式烹调师'));
	trap(5, 'former-name', '是旧的职业名称', (r) => ((r[5] = '人力资源管理师'), (r[6] = '三级')), false);
	trap(6, 'unreadable-level', '无法识别', (r) => (r[6] = '特级'), true);
	trap(7, 'no-such-level', '没有五级', (r) => ((r[5] = '健康管理师'), (r[6] = '五级')));
	if (notInPlan)
		trap(8, 'not-in-plan', '本考试计划未安排', (r) => ((r[5] = notInPlan.occupation), (r[6] = notInPlan.level)));
	else trap(8, 'long-name', '姓名过长', (r) => (r[1] = '超长姓名'.repeat(11)));
	const first = at(9);
	trap(9, 'duplicate', '重复', () => {});
	trap(10, 'duplicate', '重复', (r) => ((r[4] = rows[first][4]), (r[2] = rows[first][2])));
	trap(11, 'document-type', '证件类型', (r) => (r[3] = '军官证'));
	trap(12, 'condition-of-another-level', '不是三级/高级工的申报条件', (r) => (r[9] = 'L4-work-5y'), true);
	trap(13, 'years', '从事本职业年限“十年”无法识别', (r) => (r[10] = '十年'));
	trap(14, 'phone', '联系电话格式不正确', (r) => (r[8] = '电话待补'));
	for (let k = 15; k < problems; k++) trap(k, 'checksum', '校验位错误', (r) => (r[4] = breakChecksum(String(r[4]))));
	const sheet: (string | number | null)[][] = [[TITLE], [], FORGIVING_HEADER, ...rows];
	return { sheet, traps, goodCount: count - problems };
}

export async function writeForgivingXlsx(path: string, roster: ForgivingRoster): Promise<void> {
	await writeXlsxFile(roster.sheet.map((r) => (r.length ? r : [null]))).toFile(path);
}
