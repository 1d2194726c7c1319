// The public score look-up's server side: closed outside the publication period, never shows
// anyone but the person named, and rate-limited. Runs on a private server whose "today" is after
// the period, with a publication written through the real sync path by the supervisor.
import { expect, test } from '@playwright/test';
import { startKaowu } from '../support/kaowu-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import { formatHlc } from '../../src/lib/domain/hlc';
import type { Candidate } from '../../src/lib/domain/record-schemas';
import { messageText } from '../../src/lib/domain/message-text';
import { plainTranslator } from '../../src/lib/i18n/plain-translator';

test('the look-up is closed after the period and rate-limited', async () => {
	const server = await startKaowu({ env: { KAOWU_TODAY: '2026-12-10' } });
	try {
		const url = server.url;
		const plan = 'demo-20261121';
		const roster = [...storedDoc(server.dataDir, `plan:${plan}`).getMap('candidates').values()] as Candidate[];
		const c = roster[0];
		const device = connectDevice(url, `review:${plan}:u-supervisor`, await signInToken(url, 'dudao'));
		await device.whenSynced;
		const entry = {
			v: 1,
			id: 'e-e2e-publication-1',
			kind: 'publication',
			at: '2026-11-23T09:00:00+08:00',
			hlc: formatHlc({ wallMs: Date.parse('2026-11-23T09:00:00+08:00'), counter: 0 }, 'node'),
			author: 'u-supervisor',
			deviceId: 'node',
			planId: plan,
			data: {
				startDate: '2026-11-23',
				endDate: '2026-11-27',
				deadline: '2026-11-23',
				isLate: false,
				results: [
					{
						candidateId: c.id,
						hasPassed: true,
						subjects: { theory: { status: 'scored', score: 80 }, skill: { status: 'scored', score: 70 } }
					}
				]
			}
		};
		device.doc.getMap('entries').set(entry.id, entry);
		await waitFor(
			() => storedDoc(server.dataDir, `review:${plan}:u-supervisor`).getMap('entries').has(entry.id),
			10_000,
			'publication stored'
		);
		device.destroy();
		const ask = (body: unknown) =>
			fetch(`${url}/api/lookup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const closed = await ask({ name: c.name, idNumber: c.idNumber, admissionNo: c.admissionNo });
		expect(closed.status).toBe(403);
		const closedBody = await closed.json();
		expect(closedBody.message).toContain('2026-11-23 至 2026-11-27，今天不在公示期内');
		// An English page words the same refusal from its message.
		expect(messageText(closedBody.msg, plainTranslator('en'))).toBe(
			'Scores were published for 2026-11-23 to 2026-11-27; today is outside that period, so the look-up is closed'
		);
		const wrongName = await ask({ name: '别人', idNumber: c.idNumber, admissionNo: c.admissionNo });
		expect(wrongName.status).toBe(404);
		let limited = 0;
		for (let i = 0; i < 12; i++)
			if ((await ask({ name: 'x', idNumber: '500101199001011234', admissionNo: '1' })).status === 429) limited++;
		expect(limited).toBeGreaterThan(0);
	} finally {
		await server.stop();
	}
});
