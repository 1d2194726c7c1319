// The device's own tables (Dexie): known accounts with their offline verifier, the device id and
// the hybrid-clock state. Synced documents live in y-indexeddb databases, one per document.
import Dexie, { type EntityTable } from 'dexie';

export interface StoredAccount {
	username: string;
	user: {
		id: string;
		username: string;
		displayName: string;
		role: string;
		organisationId: string;
		organisationName: string;
		district: string;
	};
	/** PBKDF2 of the password, to unlock offline; never the password itself. */
	verifier: { salt: string; hash: string; iterations: number };
	token: string;
	tokenExpiresAt: string;
	plans: { id: string; examDate: string; institutionId: string; access: string }[];
	lastOnlineAt: string;
}

export interface DeviceSetting {
	key: string;
	value: unknown;
}

export class KaowuDb extends Dexie {
	accounts!: EntityTable<StoredAccount, 'username'>;
	settings!: EntityTable<DeviceSetting, 'key'>;

	constructor(name = 'kaowu-device') {
		super(name);
		this.version(1).stores({ accounts: 'username', settings: 'key' });
	}
}

export const db = new KaowuDb();

export async function getSetting<T>(key: string): Promise<T | undefined> {
	return (await db.settings.get(key))?.value as T | undefined;
}

export async function putSetting(key: string, value: unknown): Promise<void> {
	await db.settings.put({ key, value });
}

/** One id per browser profile, created once; a transaction keeps two tabs from making two. */
export async function deviceId(): Promise<string> {
	return db.transaction('rw', db.settings, async () => {
		const existing = (await db.settings.get('deviceId'))?.value as string | undefined;
		if (existing) return existing;
		const id = `dev-${crypto.randomUUID().slice(0, 8)}`;
		await db.settings.put({ key: 'deviceId', value: id });
		return id;
	});
}
