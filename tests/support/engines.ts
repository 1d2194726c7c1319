// Throw-away PostgreSQL and Redis servers for tests: a temporary folder, a free port, run as an
// unprivileged user when the tests run as root (PostgreSQL refuses root), stopped at the end.
// Debian's `postgresql` and `redis-server` packages provide the binaries (.ci/run installs them).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_ROOT = '/usr/lib/postgresql';
const REDIS = '/usr/bin/redis-server';

/** The PostgreSQL bin folder of the newest installed version, or null. */
export function postgresBin(): string | null {
	if (!existsSync(PG_ROOT)) return null;
	const versions = readdirSync(PG_ROOT)
		.filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(PG_ROOT, versions[0], 'bin') : null;
}

export const hasPostgres = () => postgresBin() !== null;
export const hasRedis = () => existsSync(REDIS);

/**
 * CI installs both engines, so there a missing one is a failure, not a skip (.ci/run sets
 * KAOWU_REQUIRE_ENGINES=1).
 */
export function enginesOrSkip(): boolean {
	const isAvailable = hasPostgres() && hasRedis();
	if (!isAvailable && process.env.KAOWU_REQUIRE_ENGINES === '1')
		throw new Error('PostgreSQL or redis-server is not installed, and KAOWU_REQUIRE_ENGINES=1');
	return isAvailable;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const port = (server.address() as { port: number }).port;
	await new Promise((ok) => server.close(ok));
	return port;
}

const isRoot = process.getuid?.() === 0;

/** Runs a command as `user` when we are root (runuser), as ourselves otherwise. */
function asUser(user: string, command: string, args: string[]): [string, string[]] {
	return isRoot ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
}

function ownedBy(dir: string, user: string): void {
	if (!isRoot) return;
	const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
	const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
	chownSync(dir, uid, gid);
}

async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const isOpen = await new Promise<boolean>((ok) => {
			const s = connect(port, '127.0.0.1');
			s.once('connect', () => (s.destroy(), ok(true)));
			s.once('error', () => ok(false));
		});
		if (isOpen) return;
		if (Date.now() > deadline) throw new Error(`${what} did not open port ${port}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

export interface Postgres {
	port: number;
	/** A connection URL for a database of that name (created by `createDatabase`). */
	url: (database?: string) => string;
	createDatabase: (name: string) => Promise<string>;
	/** `pg_ctl stop -m immediate`: like a crash, no shutdown checkpoint. */
	crash: () => Promise<void>;
	start: () => Promise<void>;
	stop: () => Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (Debian package postgresql)');
	const user = 'postgres';
	const root = mkdtempSync(join(tmpdir(), 'kaowu-pg-'));
	const data = join(root, 'data');
	ownedBy(root, user);
	const port = await freePort();
	const run = (command: string, args: string[]) => {
		const [c, a] = asUser(user, join(bin, command), args);
		return execFileSync(c, a, { stdio: 'pipe', cwd: root }).toString();
	};
	run('initdb', ['-D', data, '-U', 'kaowu', '--auth=trust', '--locale=C', '-E', 'UTF8', '--no-sync']);
	writeFileSync(
		join(root, 'extra.conf'),
		`port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${root}'\nfsync = on\nmax_connections = 200\n`
	);
	// The extra settings go into the data folder's own configuration (include_if_exists).
	const conf = join(data, 'postgresql.conf');
	const [c, a] = asUser(user, 'sh', ['-c', `echo "include_if_exists = '${root}/extra.conf'" >> ${conf}`]);
	execFileSync(c, a);
	const startPlain = async () => {
		run('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-w', 'start']);
		await waitForPort(port, 30_000, 'PostgreSQL');
	};
	await startPlain();
	const url = (database = 'postgres') => `postgres://kaowu@127.0.0.1:${port}/${database}`;
	return {
		port,
		url,
		createDatabase: async (name) => {
			run('psql', [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'kaowu',
				'-d',
				'postgres',
				'-c',
				`CREATE DATABASE ${name}`
			]);
			return url(name);
		},
		crash: async () => {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		},
		start: startPlain,
		stop: async () => {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				// already stopped
			}
			rmSync(root, { recursive: true, force: true });
		}
	};
}

export interface Redis {
	port: number;
	url: string;
	stop: () => Promise<void>;
}

export async function startRedis(): Promise<Redis> {
	if (!hasRedis()) throw new Error('redis-server is not installed (Debian package redis-server)');
	const root = mkdtempSync(join(tmpdir(), 'kaowu-redis-'));
	const port = await freePort();
	const child: ChildProcess = spawn(
		REDIS,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', root, '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' }
	);
	const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
	await waitForPort(port, 15_000, 'redis-server');
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
			rmSync(root, { recursive: true, force: true });
		}
	};
}
