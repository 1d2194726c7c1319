// What PostgreSQL holds, read straight from its tables (not through the server): the fault tests'
// judge of "stored", as storedDoc/entryWritesInRows are for the SQLite file.
import pg from 'pg';
import * as Y from 'yjs';
import { countEntryWrites } from './tablet';

async function updateRows(url: string, docName: string): Promise<Uint8Array[]> {
	const client = new pg.Client(url);
	await client.connect();
	try {
		const { rows } = await client.query<{ update_bytes: Buffer }>(
			'SELECT update_bytes FROM doc_updates WHERE doc = $1 ORDER BY seq',
			[docName]
		);
		return rows.map((r) => new Uint8Array(r.update_bytes));
	} finally {
		await client.end();
	}
}

export async function pgStoredDoc(url: string, docName: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const update of await updateRows(url, docName)) Y.applyUpdate(doc, update);
	return doc;
}

/** How many times each entry id was written to a document's log, counted in PostgreSQL's rows. */
export async function pgEntryWritesInRows(url: string, docName: string): Promise<Map<string, number>> {
	return countEntryWrites(await updateRows(url, docName));
}
