// The USB-stick fallback file: every document of a device (or only what the server has not
// stored), with the device and user ids, signed by the device's own key (ECDSA P-256, made with
// WebCrypto at first sign-in; the private half never leaves the device). The public half rides in
// the bundle and was registered with the author's sign-in, so the server knows who wrote it; the
// bundle carries nothing a carrier could sign in with, and any edit breaks the signature.
import { z } from 'zod';
import type { Message } from '../domain/message-text';

export const BUNDLE_FORMAT = 'kaowu-bundle' as const;

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const bundlePublicKeySchema = z.object({
	kty: z.literal('EC'),
	crv: z.literal('P-256'),
	x: b64url.length(43),
	y: b64url.length(43)
});
export type BundlePublicKey = z.infer<typeof bundlePublicKeySchema>;

export const bundleSchema = z.object({
	format: z.literal(BUNDLE_FORMAT),
	version: z.literal(2),
	deviceId: z.string().min(1),
	userId: z.string().min(1),
	createdAt: z.string(),
	isUnsentOnly: z.boolean(),
	publicKey: bundlePublicKeySchema,
	docs: z.array(z.object({ name: z.string().min(1), update: z.string() })),
	signature: b64url
});
export type Bundle = z.infer<typeof bundleSchema>;
export type UnsignedBundle = Omit<Bundle, 'signature'>;

const ECDSA = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The bytes the device signs: every field but the signature, in a fixed order. */
function signedBytes(b: UnsignedBundle): Uint8Array<ArrayBuffer> {
	const { kty, crv, x, y } = b.publicKey;
	return new TextEncoder().encode(
		JSON.stringify([
			b.format,
			b.version,
			b.deviceId,
			b.userId,
			b.createdAt,
			b.isUnsentOnly,
			[kty, crv, x, y],
			b.docs.map((d) => [d.name, d.update])
		])
	);
}

const toB64url = (bytes: ArrayBuffer) =>
	btoa(String.fromCharCode(...new Uint8Array(bytes)))
		.replaceAll('+', '-')
		.replaceAll('/', '_')
		.replace(/=+$/, '');
const fromB64url = (text: string) =>
	Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

export async function signBundle(unsigned: UnsignedBundle, privateKey: CryptoKey): Promise<Bundle> {
	const signature = await crypto.subtle.sign(ECDSA, privateKey, signedBytes(unsigned));
	return { ...unsigned, signature: toB64url(signature) };
}

/** Why a file is not taken, in the reader's language (common.json device.bundle.*). */
export type BundleCheck = { ok: true; bundle: Bundle } | { ok: false; error: Message };

const refused = (why: string): { ok: false; error: Message } => ({
	ok: false,
	error: { key: `device.bundle.${why}`, params: {} }
});

/**
 * Parses a bundle file's text and checks that its signature matches its content and the key it
 * names. Who that key belongs to is the server's question (bundles.ts).
 */
export async function checkBundle(text: string): Promise<BundleCheck> {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return refused('unreadable');
	}
	if (
		(raw as { format?: unknown; version?: unknown })?.format === BUNDLE_FORMAT &&
		(raw as { version?: unknown }).version === 1
	)
		return refused('unsigned');
	const parsed = bundleSchema.safeParse(raw);
	if (!parsed.success) return refused('notBundle');
	const { signature, ...rest } = parsed.data;
	let isValid: boolean;
	try {
		const key = await crypto.subtle.importKey(
			'jwk',
			{ ...rest.publicKey, ext: true },
			{ name: 'ECDSA', namedCurve: 'P-256' },
			false,
			['verify']
		);
		isValid = await crypto.subtle.verify(ECDSA, key, fromB64url(signature), signedBytes(rest));
	} catch {
		isValid = false;
	}
	if (!isValid) return refused('badSignature');
	return { ok: true, bundle: parsed.data };
}

export interface BundleImportResult {
	docs: { name: string; status: 'imported' | 'already-present' | 'refused'; reason?: string }[];
}
