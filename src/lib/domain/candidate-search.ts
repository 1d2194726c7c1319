// Finding a candidate at the door and at the desk (one index for both): by name (汉字), pinyin
// initials (张三 → zs), full pinyin (欧阳雨桐 → ouyangyutong), part of either (yyt, yutong), ID number
// digits or admission number. The pinyin readings come from `name-readings.ts` (pinyin-pro), which
// screens load only when a search is typed (it costs ~150 ms of a tablet's main thread to load);
// without readings, names and numbers are found and Latin letters find nothing yet.
// The index is built once per roster so each keystroke is a cheap scan.
import type { Candidate } from './record-schemas';

export interface SearchEntry<T extends Candidate = Candidate> {
	candidate: T;
	name: string;
	/** Initials with surnames read as surnames (曾 → z) and as plain characters (曾 → c). */
	initials: string[];
	/** Full pinyin without tones, surname reading first (单田芳 → shantianfang, dantianfang). */
	full: string[];
	idNumber: string;
	admissionNo: string;
}

/** How a name reads in pinyin (name-readings.ts has the one implementation). */
export interface NameReadings {
	initialsOf(name: string): string[];
	fullPinyinOf(name: string): string[];
}

/** Whether a query is pinyin (Latin letters only), which finds only with the readings loaded. */
export function isPinyinQuery(query: string): boolean {
	return /^[A-Z]+$/i.test(query.trim().replace(/\s+/g, ''));
}

export function buildSearchIndex<T extends Candidate>(
	candidates: readonly T[],
	readings: NameReadings | null
): SearchEntry<T>[] {
	return candidates.map((candidate) => ({
		candidate,
		name: candidate.name,
		initials: readings?.initialsOf(candidate.name) ?? [],
		full: readings?.fullPinyinOf(candidate.name) ?? [],
		idNumber: candidate.idNumber.toUpperCase(),
		admissionNo: (candidate.admissionNo ?? '').toUpperCase()
	}));
}

/** Lower rank sorts first: exact admission number, then prefixes, then anything containing. */
function rankOf(entry: SearchEntry, q: string, isCode: boolean, isLatin: boolean): number {
	if (isCode) {
		if (entry.admissionNo === q) return 0;
		if (entry.admissionNo.startsWith(q)) return 1;
		if (entry.idNumber.endsWith(q)) return 2;
		if (entry.admissionNo.includes(q) || entry.idNumber.includes(q)) return 3;
		return -1;
	}
	if (isLatin) {
		const lower = q.toLowerCase();
		if (entry.initials.some((i) => i === lower) || entry.full.some((f) => f === lower)) return 0;
		if (entry.initials.some((i) => i.startsWith(lower)) || entry.full.some((f) => f.startsWith(lower))) return 1;
		// Given-name initials (欧阳雨桐 → yt, yyt) or part of the full pinyin (yutong).
		if (lower.length >= 2 && entry.initials.some((i) => i.includes(lower))) return 2;
		if (lower.length >= 3 && entry.full.some((f) => f.includes(lower))) return 3;
		return -1;
	}
	if (entry.name === q) return 0;
	if (entry.name.startsWith(q)) return 1;
	if (entry.name.includes(q)) return 2;
	return -1;
}

/** Up to `limit` matches, best first; an empty or one-letter query finds nothing (too many). */
export function searchCandidates<T extends Candidate>(
	index: readonly SearchEntry<T>[],
	query: string,
	limit = 20
): T[] {
	const q = query.trim().replace(/\s+/g, '').toUpperCase();
	if (!q) return [];
	const isCode = /^[0-9X]+$/.test(q) && /\d/.test(q);
	const isLatin = !isCode && /^[A-Z]+$/.test(q);
	if ((isCode || isLatin) && q.length < 2) return [];
	const buckets: T[][] = [[], [], [], []];
	for (const entry of index) {
		const rank = rankOf(entry, isLatin || isCode ? q : query.trim(), isCode, isLatin);
		if (rank >= 0) buckets[rank].push(entry.candidate);
	}
	return buckets.flat().slice(0, limit);
}
