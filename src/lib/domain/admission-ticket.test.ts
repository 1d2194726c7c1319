import { describe, expect, it } from 'vitest';
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
});
