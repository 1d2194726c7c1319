// "The secrets lie in a world-readable file": the data folder was 755 and kaowu.sqlite 644, and
// the database held the JWT secret and the ticket private key, so any local account (and any
// backup) could mint a centre-admin token. Now the folder is 0700, its files 0600, and the
// secrets live in their own 0600 file outside the database.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';
import { signInToken } from '../support/node-device';

let s: KaowuServer;
beforeAll(async () => {
	s = await startKaowu({ env: { KAOWU_NO_APP: '1' } });
	await signInToken(s.url, 'jiankao1'); // something written, so the WAL files exist
}, 60_000);
afterAll(async () => {
	await s.kill();
});

const mode = (path: string) => statSync(path).mode & 0o777;
const NOBODY = 65534;

/** Tries to read a file as another local user (needs root to switch; else the mode bits tell). */
function readableByAnotherUser(path: string): boolean {
	if (process.getuid?.() === 0) {
		const r = spawnSync('cat', [path], { uid: NOBODY, gid: NOBODY });
		return r.status === 0;
	}
	return (mode(path) & 0o077) !== 0;
}

describe('secrets at rest', () => {
	it('the data folder and the SQLite files are not readable by another user', () => {
		expect(mode(s.dataDir).toString(8)).toBe('700');
		const files = readdirSync(s.dataDir);
		expect(files).toEqual(expect.arrayContaining(['kaowu.sqlite', 'kaowu.sqlite-wal']));
		for (const name of files) expect(`${name} ${mode(join(s.dataDir, name)).toString(8)}`).toBe(`${name} 600`);
		// Even with the folder opened up, the files themselves stay closed to others.
		chmodSync(s.dataDir, 0o755);
		try {
			for (const name of files) expect(readableByAnotherUser(join(s.dataDir, name)), name).toBe(false);
		} finally {
			chmodSync(s.dataDir, 0o700);
		}
	});

	it('a copy of the database holds neither the token secret nor the ticket private key', () => {
		const db = new Database(join(s.dataDir, 'kaowu.sqlite'), { readonly: true });
		try {
			const keys = (db.prepare('SELECT key FROM settings').all() as { key: string }[]).map((r) => r.key);
			expect(keys).not.toContain('token-secret');
			expect(keys).not.toContain('ticket-private-key');
		} finally {
			db.close();
		}
		const secrets = JSON.parse(readFileSync(join(s.dataDir, 'secrets.json'), 'utf8'));
		expect(mode(join(s.dataDir, 'secrets.json')).toString(8)).toBe('600');
		const bytes = Buffer.concat(
			readdirSync(s.dataDir)
				.filter((n) => n.startsWith('kaowu.sqlite'))
				.map((n) => readFileSync(join(s.dataDir, n)))
		);
		expect(bytes.includes(secrets.tokenSecret)).toBe(false);
		expect(bytes.includes('PRIVATE KEY')).toBe(false);
	});

	it('refuses to start with a KAOWU_SECRET shorter than 32 bytes', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'kaowu-short-secret-'));
		const started = startKaowu({ dataDir, env: { KAOWU_NO_APP: '1', KAOWU_SECRET: 'kaowu2027' } });
		await expect(started).rejects.toThrow(/KAOWU_SECRET is 9 bytes; it must be at least 32/);
	});

	it('a data folder left world-readable by an older version is made private on start', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'kaowu-old-'));
		const first = await startKaowu({ dataDir, env: { KAOWU_NO_APP: '1', KAOWU_DEMO: '0' } });
		await first.stop();
		chmodSync(dataDir, 0o755);
		chmodSync(join(dataDir, 'kaowu.sqlite'), 0o644);
		const again = await startKaowu({ dataDir, env: { KAOWU_NO_APP: '1', KAOWU_DEMO: '0' } });
		try {
			expect(mode(dataDir).toString(8)).toBe('700');
			expect(mode(join(dataDir, 'kaowu.sqlite')).toString(8)).toBe('600');
		} finally {
			await again.kill();
		}
	});
});
