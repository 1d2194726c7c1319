import { describe, expect, it } from 'vitest';
import { buildSearchIndex, isPinyinQuery, searchCandidates } from './candidate-search';
import { initialsOf, pinyinReadings } from './name-readings';
import type { Candidate } from './record-schemas';

const person = (id: string, name: string, idNumber: string, admissionNo: string): Candidate => ({
	v: 1,
	id,
	name,
	idType: 'resident-id',
	idNumber,
	occupationId: 'hr-manager',
	level: 3,
	admissionNo,
	eligibility: { status: 'approved' }
});

const roster = [
	person('c1', '张三', '50010319800101901X', '2701101001'),
	person('c2', '赵四', '500103198002029025', '2701101002'),
	person('c3', '欧阳明轩', '500106199003039013', '2701102001'),
	person('c4', '曾乐', '500107198504049041', '2701102002'),
	person('c5', '张思远', '500108197705059056', '2701103001')
];
const index = buildSearchIndex(roster, pinyinReadings);
const ids = (q: string) => searchCandidates(index, q).map((c) => c.id);

describe('candidate search', () => {
	it('finds by pinyin initials, reading surnames as surnames', () => {
		expect(ids('zs')).toEqual(['c1', 'c2', 'c5']);
		expect(ids('zsy')).toEqual(['c5']);
		expect(ids('oymx')).toEqual(['c3']);
		expect(initialsOf('曾乐')).toContain('zl');
		expect(ids('zl')).toEqual(['c4']);
	});
	it('finds by name, exact first', () => {
		expect(ids('张')).toEqual(['c1', 'c5']);
		expect(ids('明轩')).toEqual(['c3']);
	});
	it('finds by admission number and ID digits, exact admission number first', () => {
		expect(ids('2701101001')).toEqual(['c1']);
		expect(ids('2701102')).toEqual(['c3', 'c4']);
		expect(ids('901x')).toEqual(['c1']);
		expect(ids('9041')).toEqual(['c4']);
	});
	it('ignores queries too short to mean anything', () => {
		expect(ids('')).toEqual([]);
		expect(ids('z')).toEqual([]);
		expect(ids('9')).toEqual([]);
	});
});

describe('desk search: full pinyin and polyphonic surnames', () => {
	const more = [
		person('d1', '欧阳雨桐', '500101199001011111', '2701201001'),
		person('d2', '单田芳', '500101199001012222', '2701201002'),
		person('d3', '曾志伟', '500101199001013333', '2701201003'),
		person('d4', '解晓东', '500101199001014444', '2701201004'),
		person('d5', '区家明', '500101199001015555', '2701201005'),
		person('d6', '仇英', '500101199001016666', '2701201006')
	];
	const idx = buildSearchIndex(more, pinyinReadings);
	const find = (q: string) => searchCandidates(idx, q).map((c) => c.id);
	it('finds by full pinyin, its start, or given-name initials', () => {
		expect(find('ouyang')).toEqual(['d1']);
		expect(find('ouyangyutong')).toEqual(['d1']);
		expect(find('yyt')).toEqual(['d1']);
		expect(find('yutong')).toEqual(['d1']);
	});
	it('reads 单 曾 解 区 仇 as surnames (and still as plain characters)', () => {
		expect(find('shan')).toEqual(['d2']);
		expect(find('zeng')).toEqual(['d3']);
		expect(find('xiexiaodong')).toEqual(['d4']);
		expect(find('ou')).toEqual(['d1', 'd5']);
		expect(find('qiuying')).toEqual(['d6']);
		expect(find('dantianfang')).toEqual(['d2']);
	});
});

describe('search before the pinyin readings have loaded', () => {
	const bare = buildSearchIndex(roster, null);
	const find = (q: string) => searchCandidates(bare, q).map((c) => c.id);
	it('finds by name and numbers at once, by pinyin not yet', () => {
		expect(find('张')).toEqual(['c1', 'c5']);
		expect(find('2701102')).toEqual(['c3', 'c4']);
		expect(find('901x')).toEqual(['c1']);
		expect(find('zs')).toEqual([]);
	});
	it('tells a pinyin query (which waits for the readings) from the others', () => {
		expect(isPinyinQuery('zs')).toBe(true);
		expect(isPinyinQuery(' Ou Yang ')).toBe(true);
		expect(isPinyinQuery('张三')).toBe(false);
		expect(isPinyinQuery('901x')).toBe(false);
		expect(isPinyinQuery('')).toBe(false);
	});
});
