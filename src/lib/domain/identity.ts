// Identity documents of candidates: resident ID numbers (GB 11643-1999, with checksum) and the other
// documents a candidate may hold (residence permits, travel permits, passports), plus masking for display.
// A refusal says why in Chinese (`error`) and as a message the screens word in the reader's language.
import { z } from 'zod';
import { addDays, fullYearsBetween, isIsoDate } from './iso-date';
import type { Message } from './message-text';

/** A refusal as a message (i18n area import, keys import.id.*), beside its Chinese `error`. */
const m = (key: string, params: Message['params'] = {}): Message => ({ key: `import.id.${key}`, params });

/** ISO 7064 MOD 11-2 weights for positions 1–17 (GB 11643-1999 §7). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/**
 * First two digits of a GB/T 2260 area code. 71 (Taiwan), 81 (Hong Kong) and 82 (Macao) exist in
 * the standard; 83 appears only on 台湾居民居住证. Kept here because certificate numbers reuse it.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
	'11',
	'12',
	'13',
	'14',
	'15',
	'21',
	'22',
	'23',
	'31',
	'32',
	'33',
	'34',
	'35',
	'36',
	'37',
	'41',
	'42',
	'43',
	'44',
	'45',
	'46',
	'50',
	'51',
	'52',
	'53',
	'54',
	'61',
	'62',
	'63',
	'64',
	'65',
	'71',
	'81',
	'82'
]);
/** Prefixes of 港澳台居民居住证 numbers (810000 Hong Kong, 820000 Macao, 830000 Taiwan). */
const RESIDENCE_PERMIT_PREFIXES = ['810000', '820000', '830000'] as const;

/** Earliest birth date we believe on a document: older dates are almost certainly typing errors. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type Sex = 'M' | 'F';

export type ResidentIdResult =
	| {
			ok: true;
			/** Upper-case, trimmed, half-width: the form to store and compare. */
			id: string;
			areaCode: string;
			birthDate: string;
			sex: Sex;
			sequence: string;
	  }
	| { ok: false; error: string; code: ResidentIdErrorCode; message: Message };

export type ResidentIdErrorCode =
	'length' | 'characters' | 'area' | 'residence-permit' | 'birth-date' | 'future-birth-date' | 'checksum';

/** Full-width digits and letters are what a Chinese IME often produces; accept them silently. */
function normaliseDocumentNumber(raw: string): string {
	return raw
		.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
		.replace(/[\s\u3000]+/g, '')
		.toUpperCase();
}

/**
 * The check character for the first 17 digits of a resident ID number.
 * Throws on malformed input: callers pass digits they built or already validated.
 */
export function residentIdCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) {
		throw new RangeError(`residentIdCheckChar needs exactly 17 digits, got "${first17}"`);
	}
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

export interface ParseIdOptions {
	/** Reject birth dates after this day (ISO date). Absent: no future check. */
	today?: string;
}

/**
 * Validates an 18-character resident ID number: structure, area, real birth date, checksum.
 * Lower-case `x`, full-width characters and spaces are accepted and normalised.
 */
export function parseResidentId(id: string, options: ParseIdOptions = {}): ResidentIdResult {
	const normalised = normaliseDocumentNumber(id);
	if (normalised.length !== 18) {
		return {
			ok: false,
			code: 'length',
			error: `身份证号码应为 18 位，当前为 ${normalised.length} 位`,
			message: m('length', { count: normalised.length })
		};
	}
	if (!/^\d{17}[\dX]$/.test(normalised)) {
		return {
			ok: false,
			code: 'characters',
			error: '身份证号码前 17 位应为数字，最后一位为数字或 X',
			message: m('characters')
		};
	}
	if (RESIDENCE_PERMIT_PREFIXES.some((prefix) => normalised.startsWith(prefix))) {
		return {
			ok: false,
			code: 'residence-permit',
			error: '该号码是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”',
			message: m('residencePermit')
		};
	}
	const areaCode = normalised.slice(0, 6);
	if (!PROVINCE_CODES.has(areaCode.slice(0, 2))) {
		return {
			ok: false,
			code: 'area',
			error: `身份证号码前两位“${areaCode.slice(0, 2)}”不是有效的省级行政区划代码`,
			message: m('area', { code: areaCode.slice(0, 2) })
		};
	}
	const birth = readBirthDate(normalised.slice(6, 14), options);
	if (!birth.ok) return birth;
	const expected = residentIdCheckChar(normalised.slice(0, 17));
	if (normalised[17] !== expected) {
		return {
			ok: false,
			code: 'checksum',
			error: `身份证号码校验位错误：按前 17 位计算，最后一位应为 ${expected}，实际为 ${normalised[17]}，请核对是否录入有误`,
			message: m('checksum', { expected, actual: normalised[17] })
		};
	}
	const sequence = normalised.slice(14, 17);
	return {
		ok: true,
		id: normalised,
		areaCode,
		birthDate: birth.birthDate,
		sex: sexFromSequence(sequence),
		sequence
	};
}

function readBirthDate(
	yyyymmdd: string,
	options: ParseIdOptions
):
	| { ok: true; birthDate: string }
	| { ok: false; error: string; code: 'birth-date' | 'future-birth-date'; message: Message } {
	const birthDate = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
	if (!isIsoDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE) {
		return {
			ok: false,
			code: 'birth-date',
			error: `号码中的出生日期 ${yyyymmdd} 不是有效日期`,
			message: m('birthDate', { digits: yyyymmdd })
		};
	}
	if (options.today && birthDate > options.today) {
		return {
			ok: false,
			code: 'future-birth-date',
			error: `号码中的出生日期 ${birthDate} 晚于今天，不可能有效`,
			message: m('futureBirthDate', { date: birthDate })
		};
	}
	return { ok: true, birthDate };
}

/** GB 11643: the sequence's last digit is odd for men and even for women. */
function sexFromSequence(sequence: string): Sex {
	return Number(sequence[sequence.length - 1]) % 2 === 1 ? 'M' : 'F';
}

/**
 * Builds a valid resident ID number; used by demo data and tests.
 * `seq` 0–999 becomes the 3-digit sequence, so an odd seq yields a man.
 */
export function makeResidentId(area: string, birthDate: string, seq: number): string {
	if (!/^\d{6}$/.test(area)) throw new RangeError(`area code must be 6 digits, got "${area}"`);
	if (!isIsoDate(birthDate)) throw new RangeError(`birth date must be YYYY-MM-DD, got "${birthDate}"`);
	if (!Number.isInteger(seq) || seq < 0 || seq > 999) {
		throw new RangeError(`sequence must be an integer 0–999, got ${seq}`);
	}
	const first17 = `${area}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
	return first17 + residentIdCheckChar(first17);
}

/** Age in whole years on `onDate` (the birthday itself counts); a 29 February birthday turns over on 1 March. */
export function ageOn(birthDate: string, onDate: string): number {
	return fullYearsBetween(birthDate, onDate);
}

/** The day a person born on `birthDate` reaches `years` of age (for "年满16周岁" checks). */
export function dateOfAge(birthDate: string, years: number): string {
	const [y, m, d] = birthDate.split('-').map(Number);
	const candidate = `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	// 29 February in a non-leap year: the age is reached on 1 March.
	return isIsoDate(candidate) ? candidate : addDays(`${y + years}-02-28`, 1);
}

/**
 * Masks a document number for lists and print-outs. Long numbers keep the first 6 and last 4
 * characters (`500101********123X`): enough for a clerk to tell two people apart, not enough to copy.
 */
export function maskId(id: string): string {
	const value = normaliseDocumentNumber(id);
	if (value.length > 10) return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
	if (value.length > 4) return value.slice(0, 2) + '*'.repeat(value.length - 4) + value.slice(-2);
	return '*'.repeat(value.length);
}

// ---------------------------------------------------------------------------------------------
// Other documents. Only the resident ID has a checksum; the others are checked for plausible shape.

export const DOCUMENT_TYPES = [
	'resident-id',
	'hmt-residence-permit',
	'hk-macao-permit',
	'taiwan-permit',
	'passport',
	'foreign-permanent-residence',
	'other'
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);

export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
	'resident-id': '居民身份证',
	'hmt-residence-permit': '港澳台居民居住证',
	'hk-macao-permit': '港澳居民来往内地通行证',
	'taiwan-permit': '台湾居民来往大陆通行证',
	passport: '护照',
	'foreign-permanent-residence': '外国人永久居留身份证',
	other: '其他证件'
};

export const IdentityDocumentSchema = z.object({
	type: DocumentTypeSchema,
	number: z.string().min(1, '请填写证件号码')
});
export type IdentityDocument = z.infer<typeof IdentityDocumentSchema>;

export type DocumentResult =
	| {
			ok: true;
			type: DocumentType;
			/** Normalised number (trimmed, half-width, upper-case). */
			number: string;
			/** Known only for documents whose number encodes it. */
			birthDate?: string;
			sex?: Sex;
			isChecksumVerified: boolean;
	  }
	| { ok: false; error: string; code: string; message: Message };

/** Shapes of documents without a checksum: loose enough not to refuse a real document. */
const DOCUMENT_SHAPES: Record<Exclude<DocumentType, 'resident-id'>, { pattern: RegExp; hint: string }> = {
	'hmt-residence-permit': {
		pattern: /^8[123]0000\d{11}[\dX]$/,
		hint: '港澳台居民居住证号码为 18 位，以 810000、820000 或 830000 开头'
	},
	'hk-macao-permit': {
		pattern: /^[HM]\d{8}(\d{2})?$/,
		hint: '港澳居民来往内地通行证号码为 H 或 M 加 8 位或 10 位数字'
	},
	'taiwan-permit': { pattern: /^\d{8}(\d{2})?$/, hint: '台湾居民来往大陆通行证号码为 8 位或 10 位数字' },
	passport: { pattern: /^[A-Z0-9]{5,20}$/, hint: '护照号码应为 5–20 位字母或数字' },
	'foreign-permanent-residence': {
		pattern: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
		hint: '外国人永久居留身份证号码为 15 位（3 个字母加 12 位数字）或 18 位（以 9 开头）'
	},
	other: { pattern: /^[A-Z0-9-]{2,30}$/, hint: '证件号码应为 2–30 位字母、数字或连字符' }
};

/** Validates any identity document; the resident ID gets the full GB 11643 check. */
export function parseIdentityDocument(input: unknown, options: ParseIdOptions = {}): DocumentResult {
	const parsed = IdentityDocumentSchema.safeParse(input);
	if (!parsed.success) {
		return { ok: false, code: 'input', error: '请选择证件类型并填写证件号码', message: m('input') };
	}
	const { type, number } = parsed.data;
	if (type === 'resident-id') {
		const result = parseResidentId(number, options);
		if (!result.ok) return result;
		return {
			ok: true,
			type,
			number: result.id,
			birthDate: result.birthDate,
			sex: result.sex,
			isChecksumVerified: true
		};
	}
	const normalised = normaliseDocumentNumber(number);
	const shape = DOCUMENT_SHAPES[type];
	if (!shape.pattern.test(normalised)) {
		return {
			ok: false,
			code: 'format',
			error: `${DOCUMENT_TYPE_NAMES[type]}号码格式不正确：${shape.hint}`,
			message: m(`format.${type}`)
		};
	}
	if (type === 'hmt-residence-permit') {
		const birth = readBirthDate(normalised.slice(6, 14), options);
		if (!birth.ok) return birth;
		return {
			ok: true,
			type,
			number: normalised,
			birthDate: birth.birthDate,
			sex: sexFromSequence(normalised.slice(14, 17)),
			isChecksumVerified: false
		};
	}
	return { ok: true, type, number: normalised, isChecksumVerified: false };
}
