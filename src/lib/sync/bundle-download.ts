// Saves a USB bundle of this device's documents as a file (the browser's download). Shared by the
// device screen and the sign-out refusal (changes the server refused as too large leave as a bundle).
import { deviceId } from '../storage/db';
import { deviceSigningKey } from '../storage/device-key';
import { bundleFileName, exportBundle } from './bundle';
import type { Workspace } from './workspace';

export async function downloadBundle(
	workspace: Workspace,
	isUnsentOnly: boolean
): Promise<{ ok: true; file: string } | { ok: false; reason: 'no-signing-key' }> {
	const signingKey = await deviceSigningKey();
	if (!signingKey) return { ok: false, reason: 'no-signing-key' };
	const bundle = await exportBundle(workspace, { isUnsentOnly, deviceId: await deviceId(), signingKey });
	const file = bundleFileName(bundle);
	const url = URL.createObjectURL(new Blob([JSON.stringify(bundle)], { type: 'application/json' }));
	const a = Object.assign(document.createElement('a'), { href: url, download: file });
	a.click();
	URL.revokeObjectURL(url);
	return { ok: true, file };
}
