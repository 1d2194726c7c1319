// The device's signing key for USB bundles: an ECDSA P-256 key pair made once per browser profile
// with WebCrypto. The private key is non-extractable (script on the page can use it but never
// read it out) and kept in IndexedDB; the public half is registered with every online sign-in.
import { db } from './db';

/** The public half as JWK (the fields bundle-format.ts checks). */
export interface BundlePublicKey {
	kty: 'EC';
	crv: 'P-256';
	x: string;
	y: string;
}

const KEY = 'deviceSigningKey';

export async function deviceSigningKey(): Promise<{ privateKey: CryptoKey; publicKey: BundlePublicKey } | null> {
	if (typeof crypto === 'undefined' || !crypto.subtle) return null;
	const stored = (await db.settings.get(KEY))?.value as
		{ privateKey: CryptoKey; publicKey: BundlePublicKey } | undefined;
	if (stored) return stored;
	const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
		'sign',
		'verify'
	])) as CryptoKeyPair;
	const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as BundlePublicKey;
	const made = { privateKey: pair.privateKey, publicKey: { kty, crv, x, y } };
	// Two tabs making a key at once: the first one stored wins, both use it.
	return db.transaction('rw', db.settings, async () => {
		const again = (await db.settings.get(KEY))?.value as typeof made | undefined;
		if (again) return again;
		await db.settings.put({ key: KEY, value: made });
		return made;
	});
}
