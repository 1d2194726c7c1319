// Certificate numbers (证书编号, 22 characters): building, validating, and allocating serials that never
// repeat within one organisation, year and level. Pure: the allocator is given every number already used.
import type { Message } from './message-text';
import { issueMessage } from './schema-issue';
import { z } from 'zod';
import type { Level } from './catalog';
import { PROVINCE_CODES } from './identity';

/**
 * Layout (DOMAIN.md, after jmdrkj.cn): 1 evaluator type S/Y · 4 organisation code · 2 province ·
 * 6 organisation serial · 2 year · 1 level · 6 serial.
 */
const PATTERN = /^([SY])(\d{4})(\d{2})(\d{6})(\d{2})([1-5])(\d{6})$/;
const MAX_SERIAL = 999_999;

/** Chongqing (GB/T 2260), *inferred*: overridable per organisation. */
export const DEFAULT_PROVINCE_CODE = '50';

export const EVALUATOR_TYPE_NAMES = { S: '社会培训评价组织', Y: '用人单位' } as const;
export type EvaluatorType = keyof typeof EVALUATOR_TYPE_NAMES;

export const CertificateScopeSchema = z.object({
	evaluatorType: z.enum(['S', 'Y']),
	/** 0001–9999 if filed with the ministry; 0000 if filed with the province. */
	orgCode: z.string().regex(/^\d{4}$/, '机构代码应为 4 位数字'),
	province: z
		.string()
		.regex(/^\d{2}$/, '省份代码应为 2 位数字')
		.refine((p) => PROVINCE_CODES.has(p), '省份代码不是有效的省级行政区划代码')
		.default(DEFAULT_PROVINCE_CODE),
	/** Assigned by the province. */
	orgSerial: z.string().regex(/^\d{6}$/, '机构序号应为 6 位数字'),
	/** Four-digit year of issue; the number keeps its last two digits. */
	year: z.number().int().min(2000).max(2099),
	level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
});
export type CertificateScope = z.infer<typeof CertificateScopeSchema>;
export type CertificateScopeInput = z.input<typeof CertificateScopeSchema>;

export interface CertificateFields {
	evaluatorType: EvaluatorType;
	orgCode: string;
	province: string;
	orgSerial: string;
	/** Two digits as printed. */
	year: string;
	level: Level;
	/** Six digits as printed. */
	serial: string;
}

export type CertificateNumberResult =
	({ ok: true; number: string; serialNumber: number } & CertificateFields) | { ok: false; error: string };

function normalise(no: string): string {
	return no.trim().replace(/\s+/g, '').toUpperCase();
}

/** Validates a certificate number and splits it into its fields. Lower-case s/y and spaces are tolerated. */
export function validateCertificateNumber(no: string): CertificateNumberResult {
	const value = normalise(no);
	if (value.length !== 22) return { ok: false, error: `证书编号应为 22 位，当前为 ${value.length} 位` };
	if (!/^[SY]/.test(value)) return { ok: false, error: '证书编号第 1 位应为 S（社会培训评价组织）或 Y（用人单位）' };
	if (!/^[SY]\d{21}$/.test(value)) return { ok: false, error: '证书编号第 2–22 位应全部为数字' };
	const match = PATTERN.exec(value);
	if (!match) return { ok: false, error: `证书编号第 16 位为等级，应为 1–5，实际为 ${value[15]}` };
	const [, evaluatorType, orgCode, province, orgSerial, year, level, serial] = match;
	if (!PROVINCE_CODES.has(province)) return { ok: false, error: `证书编号第 6–7 位省份代码“${province}”无效` };
	const serialNumber = Number(serial);
	if (serialNumber === 0) return { ok: false, error: '证书编号末 6 位流水号不能为 000000' };
	return {
		ok: true,
		number: value,
		evaluatorType: evaluatorType as EvaluatorType,
		orgCode,
		province,
		orgSerial,
		year,
		level: Number(level) as Level,
		serial,
		serialNumber
	};
}

function scopePrefix(scope: CertificateScope): string {
	return `${scope.evaluatorType}${scope.orgCode}${scope.province}${scope.orgSerial}${String(scope.year % 100).padStart(2, '0')}${scope.level}`;
}

export function buildCertificateNumber(scope: CertificateScopeInput, serial: number): CertificateNumberResult {
	const parsed = CertificateScopeSchema.safeParse(scope);
	if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? '证书编号信息有误' };
	if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
		return { ok: false, error: `流水号应为 1–${MAX_SERIAL} 的整数` };
	}
	return validateCertificateNumber(scopePrefix(parsed.data) + String(serial).padStart(6, '0'));
}

export type AllocationResult = { ok: true; numbers: string[] } | { ok: false; error: Message };

/**
 * The next `count` numbers of a scope, after the highest serial already allocated in it. Gaps are
 * never filled: a number once given out (even on a voided certificate) is never given again.
 */
export function allocateCertificateNumbers(
	scope: CertificateScopeInput,
	count: number,
	allocated: Iterable<string>
): AllocationResult {
	const parsed = CertificateScopeSchema.safeParse(scope);
	if (!parsed.success)
		return {
			ok: false,
			error: { key: 'checks.certificate.invalid', params: { why: { msg: issueMessage(parsed.error.issues[0]) } } }
		};
	if (!Number.isInteger(count) || count < 0)
		return { ok: false, error: { key: 'checks.certificate.count', params: {} } };
	const prefix = scopePrefix(parsed.data);
	let highest = 0;
	for (const number of allocated) {
		const value = normalise(number);
		// Numbers of other scopes (or malformed ones) cannot collide with this scope's numbers.
		if (!value.startsWith(prefix)) continue;
		const checked = validateCertificateNumber(value);
		if (checked.ok) highest = Math.max(highest, checked.serialNumber);
	}
	if (highest + count > MAX_SERIAL) {
		return {
			ok: false,
			error: {
				key: 'checks.certificate.exhausted',
				params: { year: parsed.data.year, level: parsed.data.level, highest, count }
			}
		};
	}
	const numbers: string[] = [];
	for (let i = 1; i <= count; i++) numbers.push(prefix + String(highest + i).padStart(6, '0'));
	return { ok: true, numbers };
}
