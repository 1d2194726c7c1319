import { describe, expect, it } from 'vitest';
import { CJK, inBothLanguages } from '../../../tests/support/message-languages';
import { generateKeyPairSync, sign } from 'node:crypto';
import { encodeTicketPayload, formatTicket, verifyTicket } from './admission-ticket';

function keys() {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const raw = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
	return { privateKey, raw };
}

describe('admission ticket QR', () => {
	const payload = { p: 'plan-1', c: 'c0001', a: '270110101', n: '张三' };

	it('verifies a ticket signed by the server key', async () => {
		const { privateKey, raw } = keys();
		const bytes = encodeTicketPayload(payload);
		const text = formatTicket(bytes, new Uint8Array(sign(null, bytes, privateKey)));
		expect(await verifyTicket(text, raw)).toEqual({ ok: true, payload });
	});

	it('rejects a ticket whose content was changed after signing', async () => {
		const { privateKey, raw } = keys();
		const bytes = encodeTicketPayload(payload);
		const signature = new Uint8Array(sign(null, bytes, privateKey));
		const forged = formatTicket(encodeTicketPayload({ ...payload, n: '李四' }), signature);
		expect(await verifyTicket(forged, raw)).toMatchObject({ ok: false, code: 'signature' });
	});

	it('rejects a ticket signed with another key, and text that is not a ticket', async () => {
		const a = keys();
		const b = keys();
		const bytes = encodeTicketPayload(payload);
		const text = formatTicket(bytes, new Uint8Array(sign(null, bytes, a.privateKey)));
		expect(await verifyTicket(text, b.raw)).toMatchObject({ ok: false, code: 'signature' });
		expect(await verifyTicket('https://example.com', a.raw)).toMatchObject({ ok: false, code: 'format' });
	});

	it('says why a scan is refused in Chinese as before and in English', async () => {
		const a = keys();
		const b = keys();
		const bytes = encodeTicketPayload(payload);
		const text = formatTicket(bytes, new Uint8Array(sign(null, bytes, a.privateKey)));
		const said = async (r: Awaited<ReturnType<typeof verifyTicket>>) => {
			if (r.ok) throw new Error('accepted');
			return inBothLanguages(r.error);
		};
		const forged = await said(await verifyTicket(text, b.raw));
		expect(forged.zh).toBe('准考证签名无效：可能是伪造或被篡改的准考证');
		expect(forged.en).toBe('The admission ticket’s signature is not valid: the ticket may be forged or altered');
		const notOurs = await said(await verifyTicket('https://example.com', a.raw));
		expect(notOurs.zh).toBe('这不是考务系统的准考证二维码');
		const [prefix] = text.split('.');
		const unreadable = await said(await verifyTicket(`${prefix}.!!.!!`, a.raw));
		const incomplete = await said(
			await verifyTicket(`${prefix}.${Buffer.from('{}').toString('base64url')}.AAAA`, a.raw)
		);
		expect(incomplete.zh).toBe('准考证二维码内容不完整');
		for (const r of [forged, notOurs, unreadable, incomplete]) expect(r.en).not.toMatch(CJK);
	});
});
