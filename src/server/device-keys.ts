// Device keys: each device makes a WebCrypto ECDSA P-256 key pair (the private half never leaves
// the device: non-extractable, kept in IndexedDB), registers the public half at sign-in, and
// signs its USB bundles with it. The server verifies a bundle against the keys registered by the
// author's open sign-ins, so a bundle proves who wrote it without carrying anything a carrier
// could sign in with, and an edited bundle no longer matches its signature.
import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';

export const devicePublicKeySchema = z.object({
	kty: z.literal('EC'),
	crv: z.literal('P-256'),
	x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
	y: z.string().regex(/^[A-Za-z0-9_-]{43}$/)
});
export type DevicePublicKey = z.infer<typeof devicePublicKeySchema>;

/** The one stored form of a key (field order fixed), so equal keys compare equal as text. */
export function canonicalPublicKey(key: DevicePublicKey): string {
	const { kty, crv, x, y } = key;
	createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' }); // throws on a point not on the curve
	return JSON.stringify({ kty, crv, x, y });
}

/** Verifies a WebCrypto ECDSA-SHA-256 signature (IEEE P1363, base64url) over `data`. */
export function verifyDeviceSignature(publicKeyJson: string, data: Uint8Array, signatureB64: string): boolean {
	try {
		const key = createPublicKey({ key: JSON.parse(publicKeyJson), format: 'jwk' });
		return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signatureB64, 'base64url'));
	} catch {
		return false;
	}
}
