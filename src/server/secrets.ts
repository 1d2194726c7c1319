// Secrets at rest. The data folder is the server's alone (0700, files 0600, umask 077), and the
// two secrets that let someone act as the server (the token signing secret and the admission
// ticket private key) live in their own 0600 file, not in kaowu.sqlite: a database backup
// carries no secret, and the secrets file is backed up and kept apart (README).
import {
	chmodSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Store } from './store';

export const DB_FILE = 'kaowu.sqlite';
export const SECRETS_FILE = 'secrets.json';
export const MIN_SECRET_BYTES = 32;

export interface ServerSecrets {
	tokenSecret: string;
	/** Ed25519 private key (PKCS#8 PEM) that signs admission tickets. */
	ticketPrivateKey: string;
}

/**
 * Makes the data folder private: created 0700, and an existing folder, database and WAL files of
 * an older version tightened to 0700/0600. Call before anything opens the database. Also sets
 * the process umask so every file created later (SQLite's -wal/-shm, exports) is private too.
 */
export function secureDataDir(dataDir: string): void {
	if (isMainThread) process.umask(0o077); // (worker threads may not set it)
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	tighten(dataDir, 0o700);
	// Create the database file ourselves so SQLite never makes it with a looser mode.
	const db = join(dataDir, DB_FILE);
	if (!existsSync(db)) closeSync(openSync(db, 'a', 0o600));
	for (const name of readdirSync(dataDir)) {
		const path = join(dataDir, name);
		if (statSync(path).isFile()) tighten(path, 0o600);
	}
}

function tighten(path: string, mode: number) {
	if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
}

/** Refuses a configured secret too short to resist guessing. */
export function checkConfiguredSecret(secret: string | undefined): void {
	if (secret !== undefined && Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES)
		throw new Error(
			`KAOWU_SECRET is ${Buffer.byteLength(secret, 'utf8')} bytes; it must be at least ${MIN_SECRET_BYTES} ` +
				'(e.g. `openssl rand -base64 48`), or leave it unset and Kaowu keeps a generated one in secrets.json'
		);
}

/**
 * Reads the secrets file (default `<data>/secrets.json`, or KAOWU_SECRETS_FILE), creating it with
 * new secrets on first start. Secrets an older version kept in the database are moved into the
 * file and wiped from the database.
 */
export async function loadSecrets(
	store: Store,
	dataDir: string,
	env: NodeJS.ProcessEnv = process.env
): Promise<ServerSecrets> {
	checkConfiguredSecret(env.KAOWU_SECRET);
	const path = resolve(env.KAOWU_SECRETS_FILE ?? join(dataDir, SECRETS_FILE));
	let stored: Partial<ServerSecrets> = {};
	if (existsSync(path)) {
		tighten(path, 0o600);
		stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServerSecrets>;
	}
	const legacyToken = await store.getSetting('token-secret');
	const legacyTicket = await store.getSetting('ticket-private-key');
	const secrets: ServerSecrets = {
		tokenSecret: stored.tokenSecret ?? legacyToken ?? randomBytes(48).toString('base64url'),
		ticketPrivateKey:
			stored.ticketPrivateKey ??
			legacyTicket ??
			generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
	};
	if (stored.tokenSecret !== secrets.tokenSecret || stored.ticketPrivateKey !== secrets.ticketPrivateKey)
		writeFileSync(path, JSON.stringify(secrets, null, '\t') + '\n', { mode: 0o600 });
	if (legacyToken !== undefined || legacyTicket !== undefined) await store.wipeLegacySecrets();
	return { ...secrets, tokenSecret: env.KAOWU_SECRET ?? secrets.tokenSecret };
}
