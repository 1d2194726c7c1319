// Roster import (考试报名): maps spreadsheet columns to candidate fields, validates every row (ID
// checksum, duplicates in the file and in the plan, occupation and level, missing fields, eligibility
// condition) with reasons as messages (message-text.ts: Chinese for a clerk, English on the English
// screens), and builds candidate records only from rows that pass.
import { safeCell } from './spreadsheet-cells';
import { findOccupation, type CatalogVersion, type Level } from './catalog';
import { ageShortfall, conditionMessage, conditionsFor, evaluateEligibility } from './eligibility';
import type { Translate } from './entry-text';
import { isIsoDate } from './iso-date';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_NAMES, parseIdentityDocument, type DocumentType } from './identity';
import type { Candidate, DeclaredEvidence, FormerName } from './record-schemas';
import { resolveOccupationName } from './centre-config';
import { declaredProfile, isConditionMet } from './eligibility-evidence';
import { messageText, type Message, type MessageParam } from './message-text';

const m = (key: string, params: Message['params'] = {}): Message => ({ key, params });
const fieldParam = (f: RosterField): MessageParam => ({ msg: m(`plans.roster.fields.${f}`) });

export const ROSTER_FIELDS = [
	'name',
	'sex',
	'idType',
	'idNumber',
	'occupation',
	'level',
	'employer',
	'phone',
	'condition',
	'evidence',
	'workSince',
	'workYears',
	'certLevel',
	'certDate',
	'priorCert',
	'education'
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'idNumber', 'occupation', 'level'];

export const FIELD_NAMES: Record<RosterField, string> = {
	name: '姓名',
	sex: '性别',
	idType: '证件类型',
	idNumber: '证件号码',
	occupation: '职业（工种）',
	level: '等级',
	employer: '工作单位',
	phone: '联系电话',
	condition: '申报条件',
	evidence: '核验材料',
	workSince: '从事本职业起始日期',
	workYears: '从事本职业年限',
	certLevel: '已有证书等级',
	certDate: '证书发证日期',
	priorCert: '原证书',
	education: '文化程度'
};

/** Header texts clerks use for each field (compared after `normaliseHeader`). */
const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
	name: ['姓名', '考生姓名', '学员姓名', '申报人姓名', 'name'],
	sex: ['性别', 'sex', 'gender'],
	idType: ['证件类型', '证件种类', '证件名称', 'idtype'],
	idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', '身份证', 'idnumber', 'idno'],
	occupation: [
		'职业',
		'工种',
		'报考职业',
		'申报职业',
		'职业（工种）',
		'职业工种',
		'报考工种',
		'申报工种',
		'鉴定职业',
		'occupation'
	],
	level: ['等级', '级别', '报考等级', '申报等级', '鉴定等级', '报考级别', '申报级别', 'level'],
	employer: ['工作单位', '单位', '所在单位', '单位名称', 'employer'],
	phone: ['电话', '联系电话', '手机', '手机号', '手机号码', '联系方式', 'phone', 'mobile'],
	condition: ['申报条件', '报考条件', 'condition'],
	evidence: ['核验材料', '证明材料', '材料', 'evidence'],
	workSince: [
		'从事本职业起始日期',
		'起始日期',
		'参加工作时间',
		'参加工作日期',
		'从业起始日期',
		'工作起始时间',
		'worksince'
	],
	workYears: ['从事本职业年限', '本职业工作年限', '从事本职业工作年限', '工作年限', '从业年限', 'workyears'],
	certLevel: ['原证书等级', '已有证书等级', '原等级', '原职业资格等级', 'certlevel'],
	certDate: ['原证书发证日期', '发证日期', '取证日期', '证书发证日期', '取证时间', 'certdate'],
	priorCert: ['原证书', '原证书名称', '原职业资格证书', '原证书编号', '已取得证书', 'priorcert'],
	education: ['文化程度', '学历', '最高学历', 'education']
};

/** Looser header words, most specific first ("从事本职业年限" is a length of work, not an occupation). */
const HEADER_PATTERNS: readonly [RosterField, RegExp][] = [
	['workYears', /年限/],
	['workSince', /起始|参加工作|从业.*(日期|时间)|工作时间/],
	['certDate', /发证|取证/],
	['certLevel', /证书.*等级|原.*等级/],
	['priorCert', /原.*证书|已.*证书|证书名称|证书编号/],
	['idType', /证件(类型|种类|名称)/],
	['idNumber', /身份证|证件号|证件编号|身份号码/],
	['sex', /性别/],
	['education', /学历|文化程度/],
	['name', /姓名/],
	['condition', /条件/],
	['evidence', /材料|证明/],
	['level', /等级|级别/],
	['occupation', /职业|工种/],
	['employer', /单位/],
	['phone', /电话|手机|联系方式/]
];

/** "*身份证号码（必填）：" → "身份证号码"; spaces, marks and line breaks in a header do not matter. */
export function normaliseHeader(text: string): string {
	return String(text ?? '')
		.replace(/[（(][^）)]*[必选]填[^）)]*[）)]/g, '')
		.replace(/[\s*＊:：_-]/g, '')
		.replace(/\(/g, '（')
		.replace(/\)/g, '）')
		.toLowerCase();
}

/** Column index per field; absent fields are not in the file. */
export type ColumnMapping = Partial<Record<RosterField, number>>;

/** Guesses the mapping from the header row; a remembered mapping wins where it still fits. */
export function guessMapping(header: readonly string[], remembered?: ColumnMapping): ColumnMapping {
	const mapping: ColumnMapping = {};
	const taken = new Set<number>();
	const take = (field: RosterField, i: number) => {
		mapping[field] = i;
		taken.add(i);
	};
	for (const field of ROSTER_FIELDS) {
		const r = remembered?.[field];
		if (r !== undefined && r < header.length && !taken.has(r)) take(field, r);
	}
	const normalised = header.map(normaliseHeader);
	for (const field of ROSTER_FIELDS) {
		if (mapping[field] !== undefined) continue;
		const i = normalised.findIndex((h, k) => !taken.has(k) && HEADER_SYNONYMS[field].includes(h));
		if (i >= 0) take(field, i);
	}
	for (const [field, pattern] of HEADER_PATTERNS) {
		if (mapping[field] !== undefined) continue;
		const i = normalised.findIndex((h, k) => !taken.has(k) && h !== '' && pattern.test(h));
		if (i >= 0) take(field, i);
	}
	return mapping;
}

/** A row of the file as read: its cells and the row number Excel shows. */
export interface SheetRow {
	cells: readonly unknown[];
	rowNumber: number;
}

const isBlankCell = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
export const isBlankRow = (cells: readonly unknown[]) => cells.every(isBlankCell);

/** A line under the table ("注：…", "填表人：…") is not a candidate. */
const isNoteRow = (cells: readonly unknown[]) => {
	const filled = cells.filter((v) => !isBlankCell(v));
	return filled.length === 1 && /^(注|说明|备注|填表|制表|审核人|合计)/.test(String(filled[0]).trim());
};

export type LocatedTable =
	{ ok: true; header: string[]; headerRowNumber: number; rows: SheetRow[] } | { ok: false; error: Message };

/**
 * Finds the header row wherever it is: title rows and blank rows above it are skipped, and a header
 * split over two rows by merged cells ("报考信息" over "职业" and "等级") is read as one. The header is
 * the row (among the first 30) whose cells name the most roster fields.
 */
export function locateHeader(table: readonly SheetRow[]): LocatedTable {
	const rows = table.filter((r) => !isBlankRow(r.cells));
	const texts = (r: SheetRow | undefined) =>
		r ? Array.from(r.cells, (c) => (isBlankCell(c) ? '' : String(c).trim())) : [];
	const score = (header: readonly string[]) => {
		const m = guessMapping(header);
		return Object.keys(m).length + REQUIRED_FIELDS.filter((f) => m[f] !== undefined).length;
	};
	let best = -1;
	let bestScore = 0;
	for (let i = 0; i < Math.min(rows.length, 30); i++) {
		const s = score(texts(rows[i]));
		if (s > bestScore) {
			best = i;
			bestScore = s;
		}
	}
	if (best < 0 || bestScore < 3) return { ok: false, error: m('import.noHeader') };
	let header = texts(rows[best]);
	let first = best + 1;
	// Merged cells: a group title above (its other cells blank) or sub-titles below fill the gaps.
	const below = texts(rows[best + 1]);
	const merged = (a: readonly string[], b: readonly string[]) =>
		Array.from({ length: Math.max(a.length, b.length) }, (_, k) => b[k] || a[k] || '');
	if (below.length && score(merged(header, below)) > bestScore && below.filter(Boolean).length < header.length) {
		header = merged(header, below);
		first = best + 2;
	} else if (best > 0) {
		const above = texts(rows[best - 1]);
		const filled = merged(above, header);
		if (score(filled) > bestScore) header = filled;
	}
	const data = rows.slice(first).filter((r) => !isNoteRow(r.cells));
	if (data.length === 0) return { ok: false, error: m('import.noRows') };
	return { ok: true, header, headerRowNumber: rows[best].rowNumber, rows: data };
}

export function missingFields(mapping: ColumnMapping): RosterField[] {
	return REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
}

export type RosterValues = Record<RosterField, string>;

/** A former occupation name in a row, mapped to the current one once the clerk confirms it. */
export interface FormerNameHit {
	name: string;
	occupationId: string;
	currentName: string;
}

export interface RosterRow {
	/** Row number in the file as the clerk sees it in Excel. */
	rowNumber: number;
	values: RosterValues;
	/** Why the row cannot be imported, worded by messageText (message-text.ts) in the reader's language. */
	errors: Message[];
	/** Importable, but the reviewer should look (e.g. the form's data meet no condition of the level). */
	warnings?: Message[];
	/** Set when the row's only obstacle may be a former occupation name awaiting confirmation. */
	formerName?: FormerNameHit;
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
	/** Former occupation names the centre published (人力资源管理师 → 企业人力资源管理师). */
	formerNames?: readonly FormerName[];
	/** Former names the clerk confirmed for this import. */
	confirmedFormerNames?: ReadonlySet<string>;
	/** Words the evidence note kept on the candidate (what the form's data met), in the clerk's language. */
	tr?: Translate;
}

/** How Excel shows a number too long for a cell ("5.00103E+17"): an ID stored as a number reads so. */
export function excelNumberText(n: number): string {
	if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
	if (!Number.isInteger(n)) return String(n);
	const [mantissa, exponent] = n.toExponential(5).split('e');
	return `${mantissa.replace(/\.?0+$/, '')}E${exponent.startsWith('-') ? exponent : `+${exponent.replace('+', '')}`}`;
}

const cell = (v: unknown, field: RosterField): string => {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'number' && field === 'idNumber') return excelNumberText(v);
	return String(v).trim();
};

export function rowValues(row: readonly unknown[], mapping: ColumnMapping): RosterValues {
	const values = {} as RosterValues;
	for (const f of ROSTER_FIELDS) values[f] = mapping[f] === undefined ? '' : cell(row[mapping[f]!], f);
	return values;
}

/** An empty row of values (a hand-typed candidate starts from it). */
export const emptyValues = (): RosterValues => Object.fromEntries(ROSTER_FIELDS.map((f) => [f, ''])) as RosterValues;

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

/** Reads "12", "12年", "8.5 年"; an empty cell is no answer (undefined), never 0. */
export function parseYears(text: string): number | undefined {
	const m = /^(\d{1,2}(?:\.\d{1,2})?)\s*年?$/.exec(text.trim());
	return m ? Number(m[1]) : undefined;
}

/** Reads 男/女/M/F/male/female. */
export function parseSex(text: string): 'M' | 'F' | undefined {
	const t = text.trim().toLowerCase();
	if (['男', 'm', 'male', '男性'].includes(t)) return 'M';
	if (['女', 'f', 'female', '女性'].includes(t)) return 'F';
	return undefined;
}

const normaliseName = (text: string) => text.replace(/\s+/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));

/** Finds an occupation by id, code, name or 工种 name. */
export function findOccupationByText(catalog: CatalogVersion, text: string): string | undefined {
	const t = normaliseName(text);
	const exact = catalog.occupations.find((o) => o.id === t || o.code === t || o.name === t || o.workType === t);
	if (exact) return exact.id;
	// "营养师" alone is ambiguous only when two occupations share the name; take a unique prefix match.
	const partial = catalog.occupations.filter((o) => o.name.startsWith(t));
	return partial.length === 1 ? partial[0].id : undefined;
}

/** The catalogue name most like an unknown one ("人力资源管理师" → "企业人力资源管理师"), if any is close. */
export function suggestOccupation(catalog: CatalogVersion, text: string): string | undefined {
	const t = normaliseName(text);
	if (t.length < 2) return undefined;
	let best: { name: string; common: number } | undefined;
	for (const o of catalog.occupations) {
		let common = 0;
		// longest common substring
		for (let i = 0; i < t.length; i++)
			for (let j = i + common + 1; j <= t.length; j++) if (o.name.includes(t.slice(i, j))) common = j - i;
		if (common >= Math.min(3, t.length) && (!best || common > best.common)) best = { name: o.name, common };
	}
	return best?.name;
}

/** Reads a document type by its name or id; an empty cell means the resident ID card. */
export function parseDocType(text: string): DocumentType | undefined {
	if (!text) return 'resident-id';
	if ((DOCUMENT_TYPES as readonly string[]).includes(text)) return text as DocumentType;
	if (text === '身份证') return 'resident-id';
	return (Object.entries(DOCUMENT_TYPE_NAMES) as [DocumentType, string][]).find(([, name]) => name === text)?.[0];
}

/** "5.00103E+17": the cell was a number in Excel, which keeps 15 digits; the rest cannot be recovered. */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

/** What a row's own cells say (everything but duplicates, which need the other rows and the plan). */
export interface RowCheck {
	errors: Message[];
	warnings?: Message[];
	formerName?: FormerNameHit;
	/** The normalised ID number. */
	idNumber: string;
	candidate?: Omit<Candidate, 'id'>;
}

interface Shared {
	context: RosterContext;
	allowed: ReadonlySet<string>;
	confirmed: ReadonlySet<string>;
	validNames: MessageParam;
}

function checkRow(values: RosterValues, { context, allowed, confirmed, validNames }: Shared): RowCheck {
	const errors: Message[] = [];
	const warnings: Message[] = [];
	let formerNameHit: FormerNameHit | undefined;
	for (const f of REQUIRED_FIELDS) if (!values[f]) errors.push(m('import.missing', { field: fieldParam(f) }));

	const idType = parseDocType(values.idType);
	if (!idType)
		errors.push(
			m('import.idType', {
				value: values.idType,
				types: { list: DOCUMENT_TYPES.map((d) => ({ msg: m(`import.docType.${d}`) })) }
			})
		);
	let idNumber = values.idNumber.replace(/\s+/g, '').toUpperCase();
	let birthDate: string | undefined;
	let sex: 'M' | 'F' | undefined;
	if (SCIENTIFIC.test(idNumber)) {
		errors.push(m('import.scientific', { value: values.idNumber }));
	} else if (idType && values.idNumber) {
		const doc = parseIdentityDocument({ type: idType, number: values.idNumber }, { today: context.examDate });
		if (!doc.ok) errors.push(doc.message);
		else {
			idNumber = doc.number;
			birthDate = doc.birthDate;
			sex = doc.sex;
		}
	}
	if (values.sex) {
		const stated = parseSex(values.sex);
		if (!stated) errors.push(m('import.sex', { value: values.sex }));
		else if (sex && stated !== sex)
			errors.push(m(sex === 'M' ? 'import.sexIsMale' : 'import.sexIsFemale', { value: values.sex }));
		else sex ??= stated;
	}

	let occupationId = values.occupation ? findOccupationByText(context.catalog, values.occupation) : undefined;
	if (values.occupation && !occupationId) {
		const former = resolveOccupationName(normaliseName(values.occupation), context.catalog, context.formerNames ?? []);
		const current = former && findOccupation(context.catalog, former.occupationId);
		if (former?.formerName && current) {
			formerNameHit = { name: former.formerName, occupationId: current.id, currentName: current.name };
			if (confirmed.has(former.formerName)) occupationId = current.id;
			else errors.push(m('import.formerName', { value: values.occupation, current: current.name }));
		} else {
			const suggestion = suggestOccupation(context.catalog, values.occupation);
			errors.push(
				suggestion
					? m('import.occupationSuggest', { value: values.occupation, suggestion, names: validNames })
					: m('import.occupation', { value: values.occupation, names: validNames })
			);
		}
	}
	const level = values.level ? parseLevel(values.level) : undefined;
	if (values.level && !level) errors.push(m('import.level', { value: values.level }));
	const occupation = occupationId ? findOccupation(context.catalog, occupationId) : undefined;
	if (occupation && level) {
		if (!occupation.levels.some((l) => l.level === level)) {
			errors.push(
				m('import.noSuchLevel', {
					occupation: occupation.name,
					level: { level },
					levels: { list: occupation.levels.map((l) => ({ level: l.level })) }
				})
			);
		} else if (!allowed.has(`${occupation.id}|${level}`)) {
			errors.push(m('import.notInPlan', { occupation: occupation.name, level: { level } }));
		}
	}
	let conditionId: string | undefined;
	if (values.condition && occupationId && level) {
		const conditions = conditionsFor(occupationId, level);
		const found = conditions.find((c) => c.id === values.condition || c.description === values.condition);
		if (!found)
			errors.push(
				m('import.condition', { value: values.condition, level: { level }, example: conditions[0]?.id ?? '' })
			);
		else conditionId = found.id;
	}
	// Eligibility data in the file (work start or years, an earlier certificate): kept on the
	// candidate as evidence, and checked against the level's conditions, so a declared condition that
	// the data contradicts is caught at import and data that meet no condition are flagged for review.
	const workSince = values.workSince ? parseLooseDate(values.workSince) : undefined;
	if (values.workSince && !workSince) errors.push(m('import.workSince', { value: values.workSince }));
	if (workSince && workSince > context.examDate) errors.push(m('import.workSinceLate'));
	const workYears = values.workYears ? parseYears(values.workYears) : undefined;
	if (values.workYears && workYears === undefined) errors.push(m('import.workYears', { value: values.workYears }));
	const certLevel = values.certLevel ? parseLevel(values.certLevel) : undefined;
	if (values.certLevel && !certLevel) errors.push(m('import.certLevel', { value: values.certLevel }));
	const certDate = values.certDate ? parseLooseDate(values.certDate) : undefined;
	if (values.certDate && !certDate) errors.push(m('import.certDate', { value: values.certDate }));
	if (certLevel && !certDate) errors.push(m('import.certDateMissing'));
	const declared: DeclaredEvidence = {
		...(workSince ? { workSince } : {}),
		...(workYears !== undefined ? { workYears } : {}),
		...(certLevel ? { certLevel } : {}),
		...(certDate ? { certDate } : {}),
		...(values.priorCert ? { priorCert: values.priorCert.slice(0, 120) } : {}),
		...(values.education ? { education: values.education.slice(0, 40) } : {})
	};
	let evidenceNote: string | undefined;
	const hasData = workSince || workYears !== undefined || (certLevel && certDate);
	const profile = birthDate && hasData ? declaredProfile(birthDate, declared, context.examDate) : undefined;
	if (profile && occupationId && level && errors.length === 0) {
		const result = evaluateEligibility({ occupationId, level, asOf: context.examDate, profile });
		const notes = (list: readonly Message[]): MessageParam => ({ list: list.map((msg) => ({ msg })), join: 'clauses' });
		if (!result.ok) errors.push(result.error);
		else if (result.isEligible) {
			if (
				conditionId &&
				conditionId !== result.condition.id &&
				!isConditionMet(conditionId, occupationId, level, context.examDate, profile)
			) {
				errors.push(
					m('import.conditionContradicted', { id: conditionId, met: { msg: conditionMessage(result.condition) } })
				);
			}
			conditionId ??= result.condition.id;
			evidenceNote = messageText(
				{ key: 'plans.eligibility.dataEvidence', params: { notes: notes(result.condition.notes) } },
				context.tr ?? ((key) => key)
			);
		} else if (conditionId) {
			const unmet = result.unmet.find((u) => u.id === conditionId);
			errors.push(m('import.conditionUnmet', { notes: unmet ? notes(unmet.notes) : { msg: result.summary } }));
		} else {
			warnings.push(m('import.noConditionMet', { level: { level }, notes: notes(result.unmet[0]?.notes ?? []) }));
		}
	}
	// The age floor is the eligibility conditions' (五级: 年满16周岁), never a second copy here.
	const tooYoung =
		birthDate && occupationId && level ? ageShortfall(occupationId, level, birthDate, context.examDate) : undefined;
	if (tooYoung) errors.push(tooYoung);
	if (values.name.length > 40) errors.push(m('import.nameTooLong'));
	if (values.phone && !/^[\d+\- ]{5,30}$/.test(values.phone)) errors.push(m('import.phone'));

	const check: RowCheck = { errors, idNumber };
	if (warnings.length) check.warnings = warnings;
	if (formerNameHit) check.formerName = formerNameHit;
	if (errors.length === 0 && idType && occupationId && level) {
		check.candidate = {
			v: 1,
			name: values.name,
			idType,
			idNumber,
			...(sex ? { sex } : {}),
			...(birthDate ? { birthDate } : {}),
			occupationId,
			level,
			...(values.employer ? { employer: values.employer.slice(0, 80) } : {}),
			...(values.phone ? { phone: values.phone } : {}),
			...(Object.keys(declared).length ? { declared } : {}),
			eligibility: {
				status: 'pending',
				...(conditionId ? { conditionId } : {}),
				...(values.evidence || evidenceNote
					? { evidence: [values.evidence, evidenceNote].filter(Boolean).join('；') }
					: {})
			}
		};
	}
	return check;
}

/**
 * Validates every row; duplicates are found across the whole file, so both rows of a pair are shown.
 * `cache` keeps each row's own checks between calls (a fix to one row of 5,000 re-checks that row only);
 * it is valid for one plan, catalogue and set of former names.
 */
export function validateRoster(
	rows: readonly RosterValues[],
	context: RosterContext,
	rowNumbers: number | readonly number[] = 2,
	cache?: Map<string, RowCheck>
): RosterRow[] {
	// Row numbers as the clerk sees them: consecutive from a first row, or given per row (blank lines skipped).
	const rowNo = (k: number) => (typeof rowNumbers === 'number' ? rowNumbers + k : rowNumbers[k]);
	const shared: Shared = {
		context,
		allowed: new Set(context.planOccupations.map((o) => `${o.occupationId}|${o.level}`)),
		confirmed: context.confirmedFormerNames ?? new Set<string>(),
		validNames: { list: context.catalog.occupations.map((o) => o.name) }
	};
	const confirmedKey = [...shared.confirmed].sort().join('|');
	const checks = rows.map((values) => {
		if (!cache) return checkRow(values, shared);
		const key = `${confirmedKey}\u0000${ROSTER_FIELDS.map((f) => values[f]).join('\u0000')}`;
		let check = cache.get(key);
		if (!check) cache.set(key, (check = checkRow(values, shared)));
		return check;
	});
	const rowsById = new Map<string, number[]>();
	checks.forEach((c, k) => {
		if (!c.idNumber || SCIENTIFIC.test(c.idNumber)) return;
		const same = rowsById.get(c.idNumber);
		if (same) same.push(k);
		else rowsById.set(c.idNumber, [k]);
	});
	return checks.map((check, index) => {
		const errors = [...check.errors];
		const same = check.idNumber ? (rowsById.get(check.idNumber) ?? []) : [];
		if (same.length > 1)
			errors.push(
				m('import.duplicate', {
					rows: {
						list: same.filter((k) => k !== index).map(rowNo)
					}
				})
			);
		if (check.idNumber && context.existingIdNumbers.has(check.idNumber)) errors.push(m('import.inPlan'));
		const row: RosterRow = { rowNumber: rowNo(index), values: rows[index], errors };
		if (check.warnings) row.warnings = check.warnings;
		if (check.formerName) row.formerName = check.formerName;
		if (errors.length === 0 && check.candidate)
			row.candidate = { ...check.candidate, id: context.newId(index) } as Candidate;
		return row;
	});
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

/**
 * The error file: the clerk's columns plus a reason column, as CSV with a BOM so Excel reads UTF-8.
 * It goes back to the registration office, so its headers and reasons are Chinese on every screen:
 * `reason` words a row's problems (messageText with the Chinese translation function).
 */
export function errorFileCsv(rows: readonly RosterRow[], reason: (m: Message) => string): string {
	const quote = (raw: string) => {
		const s = safeCell(raw ?? ''); // a cell starting with = + - @ would run as a formula in Excel/WPS
		return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
	};
	const header = ['行号', ...ROSTER_FIELDS.map((f) => FIELD_NAMES[f]), '错误原因'];
	const lines = rows.map((r) =>
		[String(r.rowNumber), ...ROSTER_FIELDS.map((f) => r.values[f]), r.errors.map(reason).join('；')]
			.map(quote)
			.join(',')
	);
	return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * A bulk fix: in the given rows, set `field` to `to` where it now reads `from` (every row when `from` is
 * empty). Returns the rows (changed ones replaced) and how many changed.
 */
export function bulkFix<T extends { values: RosterValues }>(
	rows: readonly T[],
	field: RosterField,
	from: string,
	to: string
): { rows: T[]; changed: number } {
	let changed = 0;
	const wanted = from.trim();
	const next = rows.map((r) => {
		if ((wanted && r.values[field].trim() !== wanted) || r.values[field] === to.trim()) return r;
		changed += 1;
		return { ...r, values: { ...r.values, [field]: to.trim() } };
	});
	return { rows: next, changed };
}
