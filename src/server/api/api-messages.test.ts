// The API's refusals read in the interface language: an ApiError built from a message keeps the
// Chinese text clients and logs have always had, and carries the message the screen words.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, apiMessage, worded } from './router';
import { messageText } from '../../lib/domain/message-text';
import { translator } from '../../../tests/support/translator';

describe('API refusals as messages', () => {
	it('an ApiError from a message says it in Chinese and carries the message', async () => {
		const e = new ApiError(404, 'no-plan', apiMessage('noPlan'));
		expect(e.message).toBe('没有这个考试计划');
		expect(e.msg).toEqual({ key: 'api.noPlan', params: {} });
		expect(messageText(e.msg!, await translator('en'))).toBe('There is no such exam plan');
	});
	it('parameters are worded too', async () => {
		const m = apiMessage('importerNotOnPlan', { name: '陈静', plans: { list: ['p1', 'p2'] } });
		expect(worded(m).message).toBe(
			'您（陈静）与数据包中的考试计划无关（p1、p2），未导入任何内容；请交给该计划的考务人员导入'
		);
		expect(messageText(m, await translator('en'))).toContain(
			"You (陈静) have no part in the bundle's exam plans (p1, p2)"
		);
	});
	it('the look-up says when its period was, and that nothing matched, in both languages', async () => {
		const closed = apiMessage('lookupClosed', { start: '2026-11-23', end: '2026-11-27' });
		expect(worded(closed).message).toBe('成绩公示期为 2026-11-23 至 2026-11-27，今天不在公示期内，查询已关闭');
		expect(messageText(closed, await translator('en'))).toBe(
			'Scores were published for 2026-11-23 to 2026-11-27; today is outside that period, so the look-up is closed'
		);
		const none = apiMessage('lookupNotFound');
		expect(worded(none).message).toBe('没有找到姓名、证件号码和准考证号都一致的公示成绩，请核对后再试');
		expect(messageText(none, await translator('en'))).not.toMatch(/[\u4e00-\u9fff]/);
	});
	it('every apiMessage key the server uses exists in both languages', async () => {
		const dir = join(import.meta.dirname, '..');
		const files = [
			...readdirSync(dir).map((f) => join(dir, f)),
			...readdirSync(join(dir, 'api')).map((f) => join(dir, 'api', f))
		].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
		const keys = new Set<string>();
		for (const f of files)
			for (const m of readFileSync(f, 'utf8').matchAll(/apiMessage\(\s*'([^']+)'/g)) keys.add(m[1]!);
		for (const m of readFileSync(join(dir, 'api/bundles.ts'), 'utf8').matchAll(/'(bundle[A-Z][A-Za-z]+)'/g))
			keys.add(m[1]!);
		expect(keys.size).toBeGreaterThan(30);
		for (const lng of ['zh-CN', 'en']) {
			// The language's own file (a translator would fall back to Chinese for a key English lacks).
			const api = JSON.parse(readFileSync(join(dir, '..', 'lib', 'i18n', lng, 'common.json'), 'utf8')).api;
			for (const key of keys) expect(api[key], `${lng} api.${key}`).toEqual(expect.any(String));
		}
	});
});
