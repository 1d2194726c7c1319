// Runs in Chromium for bench/day.bench.ts: a 2,000-candidate roster, a search box wired to the
// app's candidate search (pinyin initials, ID digits, admission numbers) and another to a plain
// array filter, each rendering the same result list. Records keystroke → list rendered.
import { buildSearchIndex, searchCandidates } from '../../src/lib/domain/candidate-search';
import { pinyinReadings } from '../../src/lib/domain/name-readings';
import type { Candidate } from '../../src/lib/domain/record-schemas';

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
	'司马',
	'曾',
	'单'
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
	'静',
	'磊',
	'芳',
	'勇',
	'丽',
	'强',
	'敏',
	'建国',
	'秀英'
];

function roster(n: number): Candidate[] {
	let seed = 2027;
	const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	return Array.from({ length: n }, (_, i) => ({
		v: 1 as const,
		id: `c${String(i + 1).padStart(5, '0')}`,
		name: SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)],
		idType: 'resident-id' as const,
		idNumber: `500103${1970 + Math.floor(rnd() * 30)}0${1 + Math.floor(rnd() * 9)}1${Math.floor(rnd() * 9)}9${String(Math.floor(rnd() * 100)).padStart(2, '0')}${Math.floor(rnd() * 10)}`,
		occupationId: 'health-caregiver',
		level: 4 as const,
		admissionNo: `2701${String(100 + Math.floor(i / 30)).padStart(3, '0')}${String((i % 30) + 1).padStart(2, '0')}`,
		eligibility: { status: 'approved' as const }
	}));
}

const candidates = roster(2000);
let index = buildSearchIndex(candidates, pinyinReadings);

function render(list: HTMLElement, found: Candidate[]) {
	list.replaceChildren(
		...found.map((c) => {
			const li = document.createElement('li');
			const b = document.createElement('button');
			b.textContent = `${c.name} ${c.admissionNo} ${c.idNumber.slice(0, 6)}********${c.idNumber.slice(-4)}`;
			li.append(b);
			return li;
		})
	);
}

const samples: Record<string, number[]> = {
	app: [],
	plain: [],
	appFrame: [],
	plainFrame: [],
	appWork: [],
	plainWork: []
};

function wire(kind: 'app' | 'plain', search: (q: string) => Candidate[]) {
	const input = document.getElementById(`q-${kind}`) as HTMLInputElement;
	const list = document.getElementById(`list-${kind}`)!;
	// A keystroke starts at its keydown; 汉字 committed by an input method arrive without one, so
	// their beforeinput is the start.
	let started: number | null = null;
	input.addEventListener('keydown', (e) => (started = e.timeStamp));
	input.addEventListener('beforeinput', (e) => (started ??= e.timeStamp));
	input.addEventListener('input', () => {
		const from = started;
		started = null;
		const t0 = performance.now();
		render(list, search(input.value));
		void list.offsetHeight; // layout, as the screen must before it shows the list
		if (from === null || !input.value) return; // clearing the box between queries is not a sample
		samples[kind].push(performance.now() - from);
		samples[`${kind}Work`].push(performance.now() - t0);
		// Also to the next frame: includes waiting for the display, the same for both boxes.
		requestAnimationFrame(() => setTimeout(() => samples[`${kind}Frame`].push(performance.now() - from), 0));
	});
}

wire('app', (q) => searchCandidates(index, q, 12));
// Baseline: what a first version would do, no index, no pinyin: substring on three fields.
wire('plain', (q) => {
	const s = q.trim().toUpperCase();
	if (!s) return [];
	return candidates
		.filter((c) => c.name.includes(s) || c.idNumber.includes(s) || (c.admissionNo ?? '').includes(s))
		.slice(0, 12);
});

Object.assign(window, {
	samples,
	queries: () => [
		candidates[123].admissionNo!,
		candidates[777].idNumber.slice(-6),
		'张',
		'欧阳',
		'zsy',
		'oymx',
		candidates[1500].name
	],
	/** Building the index happens once per roster change; timed for the note. */
	timeIndex: () => {
		const t0 = performance.now();
		index = buildSearchIndex(candidates, pinyinReadings);
		return performance.now() - t0;
	},
	isReady: true
});
