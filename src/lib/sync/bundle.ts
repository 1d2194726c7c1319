// Export and import of USB bundles on the device (format in bundle-format.ts). Exporting never
// changes anything; importing on another device forwards the bundle to the server as soon as it
// can (the server applies the author's authorisation) and merges it into documents open here.
import * as Y from 'yjs';
import { callServer } from '../api/client';
import {
	BUNDLE_FORMAT,
	checkBundle,
	signBundle,
	type Bundle,
	type BundleImportResult,
	type BundlePublicKey
} from './bundle-format';
import { fromBase64, toBase64 } from './server-messages';
import type { Workspace } from './workspace';

export async function exportBundle(
	workspace: Workspace,
	options: {
		isUnsentOnly: boolean;
		deviceId: string;
		signingKey: { privateKey: CryptoKey; publicKey: BundlePublicKey };
	}
): Promise<Bundle> {
	const docs: Bundle['docs'] = [];
	for (const [name, synced] of workspace.docs) {
		await synced.whenLoaded;
		if (options.isUnsentOnly && synced.status.unsent === 0) continue;
		const sv = options.isUnsentOnly ? Y.encodeStateVector(synced.storedStateVector()) : undefined;
		docs.push({ name, update: toBase64(Y.encodeStateAsUpdate(synced.doc, sv)) });
	}
	const unsigned = {
		format: BUNDLE_FORMAT,
		version: 2 as const,
		deviceId: options.deviceId,
		userId: workspace.userId,
		createdAt: new Date().toISOString(),
		isUnsentOnly: options.isUnsentOnly,
		publicKey: options.signingKey.publicKey,
		docs
	};
	return signBundle(unsigned, options.signingKey.privateKey);
}

export function bundleFileName(bundle: Bundle): string {
	const stamp = bundle.createdAt.replaceAll(':', '').replaceAll('-', '').slice(0, 15);
	return `kaowu-${bundle.userId}-${bundle.deviceId}-${stamp}${bundle.isUnsentOnly ? '-unsent' : ''}.kaowu.json`;
}

export type DeviceImportResult =
	| { ok: true; isForwarded: true; result: BundleImportResult }
	| { ok: true; isForwarded: false; mergedLocally: number }
	| { ok: false; error: string };

/** Checks a bundle file; forwards it to the server when online, and merges it into open documents. */
export async function importBundleOnDevice(
	workspace: Workspace,
	text: string,
	token: string
): Promise<DeviceImportResult> {
	const checked = await checkBundle(text);
	if (!checked.ok) return checked;
	let merged = 0;
	for (const doc of checked.bundle.docs) {
		const synced = workspace.docs.get(doc.name);
		if (!synced) continue;
		try {
			Y.applyUpdate(synced.doc, fromBase64(doc.update), 'bundle');
			merged++;
		} catch {
			return { ok: false, error: `数据包中的文档 ${doc.name} 无法解析，未导入` };
		}
	}
	const response = await callServer<BundleImportResult>('/api/bundles', { method: 'POST', token, rawBody: text });
	if (response.ok) return { ok: true, isForwarded: true, result: response.data };
	if (response.code === 'offline') return { ok: true, isForwarded: false, mergedLocally: merged };
	return { ok: false, error: response.message || '服务器拒绝了数据包' };
}
