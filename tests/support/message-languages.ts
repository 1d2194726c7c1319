// A domain message read in both languages, with every key it uses (its own and its parameters')
// looked up in each language's JSON file itself: the translator would fall back or mark a missing key,
// and an English text that is only the Chinese one would still read. Tests assert the Chinese is worded
// as before and the English has no Chinese rule words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { messageText, type Message, type MessageParam } from '../../src/lib/domain/message-text';
import { translator } from './translator';

const I18N = join(import.meta.dirname, '..', '..', 'src', 'lib', 'i18n');
const AREAS = ['centre', 'checks', 'day', 'desk', 'devices', 'import', 'plans'];

function fileValue(lng: 'zh-CN' | 'en', key: string): unknown {
	const [first, ...rest] = key.split('.');
	const isArea = AREAS.includes(first!);
	const file = JSON.parse(readFileSync(join(I18N, lng, `${isArea ? first : 'common'}.json`), 'utf8'));
	return (isArea ? rest : [first!, ...rest]).reduce<unknown>(
		(node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
		file
	);
}

function keysOf(message: Message): string[] {
	const ofParam = (p: MessageParam): string[] =>
		typeof p !== 'object' ? [] : 'msg' in p ? keysOf(p.msg) : 'list' in p ? p.list.flatMap(ofParam) : [];
	return [message.key, ...Object.values(message.params).flatMap(ofParam)];
}

/** The message in Chinese and in English, after checking each of its keys is written in both files. */
export async function inBothLanguages(message: Message): Promise<{ zh: string; en: string }> {
	for (const key of keysOf(message))
		for (const lng of ['zh-CN', 'en'] as const)
			expect(fileValue(lng, key), `${lng} has ${key}`).toEqual(expect.any(String));
	return {
		zh: messageText(message, await translator('zh-CN')),
		en: messageText(message, await translator('en'))
	};
}

/** Chinese characters (names and data written in Chinese excepted by the caller). */
export const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;
