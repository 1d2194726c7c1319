// Starts the real Kaowu server (built app + API + /sync) on a free port with its own data folder,
// as a child process the tests can stop, kill -9 and restart on the same port and data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface KaowuServer {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	output: () => string;
	/** SIGTERM and wait for a clean exit. */
	stop: () => Promise<void>;
	/** SIGKILL: no chance to flush anything. */
	kill: () => Promise<void>;
}

export interface StartOptions {
	dataDir?: string;
	port?: number;
	env?: Record<string, string>;
	/** The checkout whose server runs (benches compare another tree's server); this one by default. */
	root?: string;
}

const ROOT = resolve(import.meta.dirname, '../..');

export async function startKaowu(options: StartOptions = {}): Promise<KaowuServer> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kaowu-test-'));
	// KAOWU_SERVER_NODE_ARGS: extra node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
	const nodeArgs = process.env.KAOWU_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
		cwd: options.root ?? ROOT,
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			HOST: '127.0.0.1',
			KAOWU_DATA_DIR: dataDir,
			KAOWU_TODAY: '2026-11-27',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const port = await new Promise<number>((ok, fail) => {
		const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 60_000);
		const onData = () => {
			const m = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				ok(Number(m[1]));
			}
		};
		child.stdout!.on('data', onData);
		child.on('exit', (code) => fail(new Error(`server exited (${code}):\n${output}`)));
	});
	const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dataDir,
		process: child,
		output: () => output,
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		},
		kill: async () => {
			child.kill('SIGKILL');
			await exited;
		}
	};
}
