// Export and import of USB bundles on the device (format in bundle-format.ts). Exporting never
// changes anything; importing on another device forwards the bundle to the server as soon as it
// can (the server applies the author's authorisation) and merges it into documents open here.
import * as Y from 'yjs';
import { callServer, type ApiFailure } from '../api/client';
import type { Message } from '../domain/message-text';
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
	| { ok: true; result: BundleImportResult; mergedLocally: number }
	| { ok: false; isOffline: true }
	/** The file itself refused on this device (its check's message), or the server's refusal (describeError words it). */
	| { ok: false; isOffline: false; error: Message }
	| { ok: false; isOffline: false; failure: ApiFailure };

/**
 * Checks a bundle file and forwards it to the server; only what the server accepted (after checking
 * the author's key, account and rights, and the importer's part in the plan) is merged into the
 * documents open here. Offline nothing is merged: this device cannot tell whether the author's
 * sign-in still vouches for the key, so unchecked records never reach its screens.
 */
export async function importBundleOnDevice(
	workspace: Workspace,
	text: string,
	token: string
): Promise<DeviceImportResult> {
	const checked = await checkBundle(text);
	if (!checked.ok) return { ok: false, isOffline: false, error: checked.error };
	const response = await callServer<BundleImportResult>('/api/bundles', { method: 'POST', token, rawBody: text });
	if (!response.ok && response.code === 'offline') return { ok: false, isOffline: true };
	if (!response.ok) return { ok: false, isOffline: false, failure: response };
	const accepted = new Set(response.data.docs.filter((d) => d.status !== 'refused').map((d) => d.name));
	let merged = 0;
	for (const doc of checked.bundle.docs) {
		const synced = workspace.docs.get(doc.name);
		if (!synced || !accepted.has(doc.name)) continue;
		Y.applyUpdate(synced.doc, fromBase64(doc.update), 'bundle');
		merged++;
	}
	return { ok: true, result: response.data, mergedLocally: merged };
}
