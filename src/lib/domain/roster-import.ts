// Roster import (考试报名): maps spreadsheet columns to candidate fields, validates every row (ID
// checksum, duplicates in the file and in the plan, occupation and level, missing fields, eligibility
// condition) with reasons in Chinese, and builds candidate records only from rows that pass.
import { safeCell } from './spreadsheet-cells';
import { LEVEL_NAMES, findOccupation, type CatalogVersion, type Level } from './catalog';
import { conditionsFor, evaluateEligibility, type CandidateProfileInput } from './eligibility';
import { isIsoDate } from './iso-date';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_NAMES, ageOn, parseIdentityDocument, type DocumentType } from './identity';
import type { Candidate } from './records';

export const ROSTER_FIELDS = [
	'name',
	'idType',
	'idNumber',
	'occupation',
	'level',
	'employer',
	'phone',
	'condition',
	'evidence',
	'workSince',
	'certLevel',
	'certDate'
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'idNumber', 'occupation', 'level'];

export const FIELD_NAMES: Record<RosterField, string> = {
	name: '姓名',
	idType: '证件类型',
	idNumber: '证件号码',
	occupation: '职业（工种）',
	level: '等级',
	employer: '工作单位',
	phone: '联系电话',
	condition: '申报条件',
	evidence: '核验材料',
	workSince: '从事本职业起始日期',
	certLevel: '已有证书等级',
	certDate: '证书发证日期'
};

/** Header words clerks use for each field, most specific first. */
const HEADER_HINTS: Record<RosterField, RegExp> = {
	name: /^(考生)?姓名$|^name$/i,
	idType: /证件类型|证件种类|id ?type/i,
	idNumber: /身份证|证件号|证件编号|id ?(number|no)/i,
	occupation: /职业|工种|occupation/i,
	level: /等级|级别|level/i,
	employer: /单位|employer/i,
	phone: /电话|手机|phone|mobile/i,
	condition: /申报条件|报考条件|condition/i,
	evidence: /材料|证明|evidence/i,
	workSince: /起始|参加工作|从业|工作时间|work ?since/i,
	certLevel: /证书等级|原等级|已有证书|cert(ificate)? ?level/i,
	certDate: /发证|取证|证书日期|cert(ificate)? ?date/i
};

/** Column index per field; absent fields are not in the file. */
export type ColumnMapping = Partial<Record<RosterField, number>>;

/** Guesses the mapping from the header row; a remembered mapping wins where it still fits. */
export function guessMapping(header: readonly string[], remembered?: ColumnMapping): ColumnMapping {
	const mapping: ColumnMapping = {};
	const taken = new Set<number>();
	for (const field of ROSTER_FIELDS) {
		const r = remembered?.[field];
		if (r !== undefined && r < header.length && !taken.has(r)) {
			mapping[field] = r;
			taken.add(r);
		}
	}
	for (const field of ROSTER_FIELDS) {
		if (mapping[field] !== undefined) continue;
		const i = header.findIndex((h, k) => !taken.has(k) && HEADER_HINTS[field].test(String(h).trim()));
		if (i >= 0) {
			mapping[field] = i;
			taken.add(i);
		}
	}
	return mapping;
}

export function missingFields(mapping: ColumnMapping): RosterField[] {
	return REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
}

export type RosterValues = Record<RosterField, string>;

export interface RosterRow {
	/** Row number in the file as the clerk sees it (header is row 1). */
	rowNumber: number;
	values: RosterValues;
	errors: string[];
	candidate?: Candidate;
}

export interface RosterContext {
	catalog: CatalogVersion;
	/** Occupations and levels the plan holds: a row for anything else is refused. */
	planOccupations: readonly { occupationId: string; level: number }[];
	/** ID numbers already in the plan. */
	existingIdNumbers: ReadonlySet<string>;
	/** The exam day: ages are counted up to it. */
	examDate: string;
	/** Makes the id of a new candidate (unique in the plan). */
	newId: (index: number) => string;
}

const cell = (v: unknown): string =>
	(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

export function rowValues(row: readonly unknown[], mapping: ColumnMapping): RosterValues {
	const values = {} as RosterValues;
	for (const f of ROSTER_FIELDS) values[f] = mapping[f] === undefined ? '' : cell(row[mapping[f]!]);
	return values;
}

const LEVEL_WORDS: Record<string, Level> = {
	五: 5,
	四: 4,
	三: 3,
	二: 2,
	一: 1,
	'5': 5,
	'4': 4,
	'3': 3,
	'2': 2,
	'1': 1
};
const LEVEL_ALIASES: Record<string, Level> = {
	初级工: 5,
	初级: 5,
	中级工: 4,
	中级: 4,
	高级工: 3,
	高级: 3,
	技师: 2,
	高级技师: 1
};

/** Reads "三级", "3", "三级/高级工", "高级工", "Level 3". */
export function parseLevel(text: string): Level | undefined {
	const t = text.replace(/\s+/g, '').replace(/^level/i, '');
	if (LEVEL_ALIASES[t]) return LEVEL_ALIASES[t];
	const m = /^([一二三四五1-5])级?(\/.*)?$/.exec(t);
	if (m) return LEVEL_WORDS[m[1]];
	return undefined;
}

/** Reads "2010-03-01", "2010/3/1", "2010.3.1", "2010年3月1日"; a month alone ("2010-03") means its first day. */
export function parseLooseDate(text: string): string | undefined {
	const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?$/.exec(text.trim());
	if (!m) return undefined;
	const date = `${m[1]}-${m[2].padStart(2, '0')}-${(m[3] ?? '1').padStart(2, '0')}`;
	return isIsoDate(date) ? date : undefined;
}

/** Finds an occupation by id, code, name or 工种 name. */
export function findOccupationByText(catalog: CatalogVersion, text: string): string | undefined {
	const t = text.replace(/\s+/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));
	const exact = catalog.occupations.find((o) => o.id === t || o.code === t || o.name === t || o.workType === t);
	if (exact) return exact.id;
	// "营养师" alone is ambiguous only when two occupations share the name; take a unique prefix match.
	const partial = catalog.occupations.filter((o) => o.name.startsWith(t));
	return partial.length === 1 ? partial[0].id : undefined;
}

function parseDocType(text: string): DocumentType | undefined {
	if (!text) return 'resident-id';
	if ((DOCUMENT_TYPES as readonly string[]).includes(text)) return text as DocumentType;
	if (text === '身份证') return 'resident-id';
	return (Object.entries(DOCUMENT_TYPE_NAMES) as [DocumentType, string][]).find(([, name]) => name === text)?.[0];
}

/** Validates every row; duplicates are found across the whole file, so both rows of a pair are shown. */
export function validateRoster(
	rows: readonly RosterValues[],
	context: RosterContext,
	rowNumbers: number | readonly number[] = 2
): RosterRow[] {
	// Row numbers as the clerk sees them: consecutive from a first row, or given per row (blank lines skipped).
	const rowNo = (k: number) => (typeof rowNumbers === 'number' ? rowNumbers + k : rowNumbers[k]);
	const idCounts = new Map<string, number>();
	const normalisedIds = rows.map((v) => v.idNumber.replace(/\s+/g, '').toUpperCase());
	for (const id of normalisedIds) if (id) idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
	const allowed = new Set(context.planOccupations.map((o) => `${o.occupationId}|${o.level}`));

	return rows.map((values, index) => {
		const errors: string[] = [];
		for (const f of REQUIRED_FIELDS) if (!values[f]) errors.push(`缺少${FIELD_NAMES[f]}`);

		const idType = parseDocType(values.idType);
		if (!idType)
			errors.push(`证件类型“${values.idType}”无法识别，可填：${Object.values(DOCUMENT_TYPE_NAMES).join('、')}`);
		let idNumber = normalisedIds[index];
		let birthDate: string | undefined;
		let sex: 'M' | 'F' | undefined;
		if (idType && values.idNumber) {
			const doc = parseIdentityDocument({ type: idType, number: values.idNumber }, { today: context.examDate });
			if (!doc.ok) errors.push(doc.error);
			else {
				idNumber = doc.number;
				birthDate = doc.birthDate;
				sex = doc.sex;
			}
		}
		if (idNumber && (idCounts.get(normalisedIds[index]) ?? 0) > 1) {
			const others = normalisedIds.flatMap((id, k) => (k !== index && id === normalisedIds[index] ? [rowNo(k)] : []));
			errors.push(`证件号码与第 ${others.join('、')} 行重复`);
		}
		if (idNumber && context.existingIdNumbers.has(idNumber)) errors.push('该考生已在本计划中，不能重复报名');

		const occupationId = values.occupation ? findOccupationByText(context.catalog, values.occupation) : undefined;
		if (values.occupation && !occupationId) errors.push(`职业“${values.occupation}”不在联考目录中`);
		const level = values.level ? parseLevel(values.level) : undefined;
		if (values.level && !level) errors.push(`等级“${values.level}”无法识别，请填写如“三级”或“3”`);
		const occupation = occupationId ? findOccupation(context.catalog, occupationId) : undefined;
		if (occupation && level) {
			if (!occupation.levels.some((l) => l.level === level)) {
				errors.push(
					`${occupation.name}没有${LEVEL_NAMES[level]}，可报：${occupation.levels.map((l) => LEVEL_NAMES[l.level]).join('、')}`
				);
			} else if (!allowed.has(`${occupation.id}|${level}`)) {
				errors.push(`本考试计划未安排${occupation.name}${LEVEL_NAMES[level]}`);
			}
		}
		let conditionId: string | undefined;
		if (values.condition && occupationId && level) {
			const conditions = conditionsFor(occupationId, level);
			const found = conditions.find((c) => c.id === values.condition || c.description === values.condition);
			if (!found)
				errors.push(
					`申报条件“${values.condition}”不是${LEVEL_NAMES[level]}的申报条件（可填条件编号，如 ${conditions[0]?.id ?? ''}）`
				);
			else conditionId = found.id;
		}
		// Eligibility data in the file (work start, an earlier certificate): checked against the
		// level's conditions, so a declared condition that the data contradicts is caught at import.
		const workSince = values.workSince ? parseLooseDate(values.workSince) : undefined;
		if (values.workSince && !workSince)
			errors.push(`从事本职业起始日期“${values.workSince}”无法识别，请写成如 2015-03-01`);
		if (workSince && workSince > context.examDate) errors.push('从事本职业起始日期晚于考试日期');
		const certLevel = values.certLevel ? parseLevel(values.certLevel) : undefined;
		if (values.certLevel && !certLevel) errors.push(`已有证书等级“${values.certLevel}”无法识别`);
		const certDate = values.certDate ? parseLooseDate(values.certDate) : undefined;
		if (values.certDate && !certDate) errors.push(`证书发证日期“${values.certDate}”无法识别，请写成如 2019-06-30`);
		if (certLevel && !certDate) errors.push('填写了已有证书等级，请同时填写发证日期');
		let evidenceNote: string | undefined;
		if (birthDate && occupationId && level && (workSince || (certLevel && certDate)) && errors.length === 0) {
			const profile: CandidateProfileInput = {
				birthDate,
				work: workSince ? [{ from: workSince }] : [],
				certificates: certLevel && certDate ? [{ level: certLevel, issuedOn: certDate }] : []
			};
			const result = evaluateEligibility({ occupationId, level, asOf: context.examDate, profile });
			if (!result.ok) errors.push(result.error);
			else if (result.isEligible) {
				if (
					conditionId &&
					conditionId !== result.condition.id &&
					!isConditionMet(conditionId, occupationId, level, context.examDate, profile)
				) {
					errors.push(`申报条件“${conditionId}”与报名表数据不符；按数据符合“${result.condition.description}”`);
				}
				conditionId ??= result.condition.id;
				evidenceNote = `按报名表数据：${result.condition.notes.join('；')}`;
			} else if (conditionId) {
				const unmet = result.unmet.find((u) => u.id === conditionId);
				errors.push(`不满足所报申报条件：${unmet?.notes.join('；') ?? result.summary}`);
			}
		}
		if (birthDate && level === 5 && ageOn(birthDate, context.examDate) < 16) errors.push('五级申报须年满16周岁');
		if (values.name.length > 40) errors.push('姓名过长（最多 40 个字）');
		if (values.phone && !/^[\d+\- ]{5,30}$/.test(values.phone)) errors.push('联系电话格式不正确');

		const row: RosterRow = { rowNumber: rowNo(index), values, errors };
		if (errors.length === 0 && idType && occupationId && level) {
			row.candidate = {
				v: 1,
				id: context.newId(index),
				name: values.name,
				idType,
				idNumber,
				...(sex ? { sex } : {}),
				...(birthDate ? { birthDate } : {}),
				occupationId,
				level,
				...(values.employer ? { employer: values.employer.slice(0, 80) } : {}),
				...(values.phone ? { phone: values.phone } : {}),
				eligibility: {
					status: 'pending',
					...(conditionId ? { conditionId } : {}),
					...(values.evidence || evidenceNote
						? { evidence: [values.evidence, evidenceNote].filter(Boolean).join('；') }
						: {})
				}
			};
		}
		return row;
	});
}

function isConditionMet(
	conditionId: string,
	occupationId: string,
	level: Level,
	asOf: string,
	profile: CandidateProfileInput
): boolean {
	const only = conditionsFor(occupationId, level).filter((c) => c.id === conditionId);
	if (!only.length) return false;
	const r = evaluateEligibility(
		{ occupationId, level, asOf, profile },
		{ defaults: { 1: [], 2: [], 3: [], 4: [], 5: [], [level]: only }, byOccupation: {} }
	);
	return r.ok && r.isEligible;
}

/** Decodes a CSV file's bytes: UTF-8 (with or without BOM) when valid, else GB18030 (covers GBK). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}

/** The error file: the clerk's columns plus a reason column, as CSV with a BOM so Excel reads UTF-8. */
export function errorFileCsv(rows: readonly RosterRow[]): string {
	const quote = (raw: string) => {
		const s = safeCell(raw ?? ''); // a cell starting with = + - @ would run as a formula in Excel/WPS
		return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
	};
	const header = ['行号', ...ROSTER_FIELDS.map((f) => FIELD_NAMES[f]), '错误原因'];
	const lines = rows.map((r) =>
		[String(r.rowNumber), ...ROSTER_FIELDS.map((f) => r.values[f]), r.errors.join('；')].map(quote).join(',')
	);
	return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}
