// Chooses the store from the environment: PostgreSQL when KAOWU_DATABASE_URL is set (several
// instances may share it), otherwise the embedded SQLite file in the data folder (npm start).
import { mkdirSync } from 'node:fs';
import { SqliteStore, type Store } from './store';
import { PgStore } from './store-pg';

export async function openStore(
	options: { dataDir: string; databaseUrl?: string },
	{ isServer = false }: { isServer?: boolean } = {}
): Promise<Store> {
	if (options.databaseUrl) {
		// The data folder still holds this instance's secrets file (secrets.ts).
		mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
		if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
			throw new Error('KAOWU_DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file)');
		return PgStore.open(options.databaseUrl);
	}
	const store = new SqliteStore(options.dataDir);
	// WAL checkpoints and the update log's commits off the main thread, for the long-running server
	// only (not the admin CLI).
	if (isServer) {
		store.checkpointInBackground();
		store.appendInBackground();
	}
	return store;
}

/** The database URL with its password hidden, for logs. */
export function describeStore(store: Store, options: { dataDir: string; databaseUrl?: string }): string {
	if (store.kind === 'sqlite') return `SQLite in ${options.dataDir}`;
	const url = new URL(options.databaseUrl!);
	if (url.password) url.password = '***';
	return `PostgreSQL ${url.toString()}`;
}
