// The admission-ticket QR code (准考证二维码): a compact payload signed by the server with Ed25519,
// so a proctor's tablet verifies it offline with the public key from the config document.
// Text form: `KW1.<base64url payload>.<base64url signature>`.
import type { Message } from './message-text';
import { z } from 'zod';

export const ticketPayloadSchema = z.object({
	/** plan id */
	p: z.string().min(1),
	/** candidate id */
	c: z.string().min(1),
	/** admission number (准考证号) */
	a: z.string().min(1),
	/** candidate name, to compare with the roster at a glance */
	n: z.string().min(1)
});
export type TicketPayload = z.infer<typeof ticketPayloadSchema>;

const PREFIX = 'KW1';

export function toBase64Url(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
	const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
	return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

export function encodeTicketPayload(payload: TicketPayload): Uint8Array {
	return new TextEncoder().encode(JSON.stringify({ p: payload.p, c: payload.c, a: payload.a, n: payload.n }));
}

export function formatTicket(payloadBytes: Uint8Array, signature: Uint8Array): string {
	return `${PREFIX}.${toBase64Url(payloadBytes)}.${toBase64Url(signature)}`;
}

export type TicketCheck =
	{ ok: true; payload: TicketPayload } | { ok: false; error: Message; code: 'format' | 'signature' };
const refused = (code: 'format' | 'signature', key: string) =>
	({ ok: false, code, error: { key: `day.ticket.${key}`, params: {} } }) as const;

/** Verifies a scanned ticket against the server's Ed25519 public key (raw 32 bytes, base64url). */
export async function verifyTicket(text: string, publicKeyRaw: string): Promise<TicketCheck> {
	const parts = text.trim().split('.');
	if (parts.length !== 3 || parts[0] !== PREFIX) return refused('format', 'notOurs');
	let payloadBytes: Uint8Array;
	let signature: Uint8Array;
	let payload: TicketPayload;
	try {
		payloadBytes = fromBase64Url(parts[1]);
		signature = fromBase64Url(parts[2]);
		const parsed = ticketPayloadSchema.safeParse(JSON.parse(new TextDecoder().decode(payloadBytes)));
		if (!parsed.success) return refused('format', 'incomplete');
		payload = parsed.data;
	} catch {
		return refused('format', 'unreadable');
	}
	const key = await crypto.subtle.importKey(
		'raw',
		fromBase64Url(publicKeyRaw) as BufferSource,
		{ name: 'Ed25519' },
		false,
		['verify']
	);
	const isValid = await crypto.subtle.verify(
		{ name: 'Ed25519' },
		key,
		signature as BufferSource,
		payloadBytes as BufferSource
	);
	if (!isValid) return refused('signature', 'forged');
	return { ok: true, payload };
}

/** Text that is meant to be a ticket (a scanner typed it into a search box): checked, never searched. */
export function looksLikeTicket(text: string): boolean {
	return text.trim().toUpperCase().startsWith(`${PREFIX}.`);
}
