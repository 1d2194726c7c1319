// The USB-stick fallback file: every document of a device (or only what the server has not
// stored), with the device and user ids, the author's token (so the server applies the same
// authorisation as /sync) and a SHA-256 checksum over everything else.
import { z } from 'zod';

export const BUNDLE_FORMAT = 'kaowu-bundle' as const;

export const bundleSchema = z.object({
	format: z.literal(BUNDLE_FORMAT),
	version: z.literal(1),
	deviceId: z.string().min(1),
	userId: z.string().min(1),
	createdAt: z.string(),
	isUnsentOnly: z.boolean(),
	token: z.string().min(1),
	docs: z.array(z.object({ name: z.string().min(1), update: z.string() })),
	checksum: z.string().regex(/^[0-9a-f]{64}$/)
});
export type Bundle = z.infer<typeof bundleSchema>;
export type UnsignedBundle = Omit<Bundle, 'checksum'>;

function canonical(b: UnsignedBundle): string {
	return JSON.stringify([
		b.format,
		b.version,
		b.deviceId,
		b.userId,
		b.createdAt,
		b.isUnsentOnly,
		b.token,
		b.docs.map((d) => [d.name, d.update])
	]);
}

export async function bundleChecksum(b: UnsignedBundle): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(b)));
	return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export type BundleCheck = { ok: true; bundle: Bundle } | { ok: false; error: string };

/** Parses and verifies a bundle file's text: shape and checksum. */
export async function checkBundle(text: string): Promise<BundleCheck> {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, error: '文件不是考务数据包（无法读取）' };
	}
	const parsed = bundleSchema.safeParse(raw);
	if (!parsed.success) return { ok: false, error: '文件不是考务数据包，或版本不受支持' };
	const { checksum, ...rest } = parsed.data;
	if ((await bundleChecksum(rest)) !== checksum)
		return { ok: false, error: '数据包校验失败：文件已损坏或被修改，未导入任何内容' };
	return { ok: true, bundle: parsed.data };
}

export interface BundleImportResult {
	docs: { name: string; status: 'imported' | 'already-present' | 'refused'; reason?: string }[];
}
