// The offline unlock check: PBKDF2-SHA256 of the password with a per-device salt, kept on the
// device after one online sign-in. The password itself is never stored.

const ITERATIONS = 210_000;

const toB64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

export async function makeVerifier(password: string): Promise<{ salt: string; hash: string; iterations: number }> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return { salt: toB64(salt), hash: toB64(await derive(password, salt, ITERATIONS)), iterations: ITERATIONS };
}

export async function checkVerifier(
	password: string,
	verifier: { salt: string; hash: string; iterations: number }
): Promise<boolean> {
	const hash = toB64(await derive(password, fromB64(verifier.salt), verifier.iterations));
	// Constant-time compare is not needed against a local attacker who already holds the hash.
	return hash === verifier.hash;
}
