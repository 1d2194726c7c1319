// How a candidate's name reads in pinyin, for the search (candidate-search.ts): surnames read as
// surnames (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu) and as plain characters. pinyin-pro is large
// and builds its dictionaries when it loads, so screens import this module only when a search is
// typed (state/name-readings.svelte.ts), never with the screen.
import { pinyin } from 'pinyin-pro';
import type { NameReadings } from './candidate-search';

export function initialsOf(name: string): string[] {
	const opts = { pattern: 'first', toneType: 'none', type: 'array' } as const;
	const asSurname = pinyin(name, { ...opts, surname: 'head' })
		.join('')
		.toLowerCase();
	const plain = pinyin(name, opts).join('').toLowerCase();
	return asSurname === plain ? [plain] : [asSurname, plain];
}

export function fullPinyinOf(name: string): string[] {
	const opts = { toneType: 'none', type: 'array', v: true } as const;
	const asSurname = pinyin(name, { ...opts, surname: 'head' })
		.join('')
		.toLowerCase();
	const plain = pinyin(name, opts).join('').toLowerCase();
	return asSurname === plain ? [plain] : [asSurname, plain];
}

export const pinyinReadings: NameReadings = { initialsOf, fullPinyinOf };
