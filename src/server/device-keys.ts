// Device keys: each device makes a WebCrypto ECDSA P-256 key pair (the private half never leaves
// the device: non-extractable, kept in IndexedDB), registers the public half at sign-in, and
// signs its USB bundles with it (bundle-format.ts checks the signature). The server accepts a
// bundle only when its key was registered by a sign-in of the author (api/bundles.ts).
import { createPublicKey } from 'node:crypto';
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
