// What a test server's store holds, whichever engine it runs on: the SQLite file in its data
// folder, or the PostgreSQL database named by its KAOWU_DATABASE_URL. Read straight from the
// tables, never through the server.
import pg from 'pg';
import type * as Y from 'yjs';
import { storedDoc } from './node-device';
import { pgStoredDoc } from './pg-rows';

export interface StoreTarget {
	dataDir: string;
	databaseUrl?: string;
}

export async function readStoredDoc(target: StoreTarget, docName: string): Promise<Y.Doc> {
	return target.databaseUrl ? pgStoredDoc(target.databaseUrl, docName) : storedDoc(target.dataDir, docName);
}

export async function hasViolation(target: StoreTarget, docName: string, path: string): Promise<boolean> {
	if (!target.databaseUrl) {
		const Database = (await import('better-sqlite3')).default;
		const db = new Database(`${target.dataDir}/kaowu.sqlite`, { readonly: true });
		try {
			return !!db.prepare('SELECT 1 FROM doc_violations WHERE doc = ? AND path = ?').get(docName, path);
		} finally {
			db.close();
		}
	}
	const client = new pg.Client(target.databaseUrl);
	await client.connect();
	try {
		return (
			(await client.query('SELECT 1 FROM doc_violations WHERE doc = $1 AND path = $2', [docName, path])).rowCount! > 0
		);
	} finally {
		await client.end();
	}
}
