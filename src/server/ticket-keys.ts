// The server's Ed25519 key for admission tickets: created once, kept in the secrets file
// (secrets.ts); the public half is published in the config document so tablets can verify
// tickets offline.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { encodeTicketPayload, formatTicket, type TicketPayload } from '../lib/domain/admission-ticket';

export interface TicketSigner {
	publicKeyRaw: string;
	sign: (payload: TicketPayload) => string;
}

export function loadTicketSigner(pem: string): TicketSigner {
	const privateKey: KeyObject = createPrivateKey(pem);
	const jwk = privateKey.export({ format: 'jwk' }) as { x: string };
	return {
		publicKeyRaw: jwk.x, // base64url of the raw 32-byte public key
		sign: (payload) => {
			const bytes = encodeTicketPayload(payload);
			return formatTicket(bytes, new Uint8Array(sign(null, bytes, privateKey)));
		}
	};
}
