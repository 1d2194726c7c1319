// Runs the admin CLI against a test server's data folder, as an operator would from the shell.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export function admin(
	dataDir: string,
	args: string[],
	options: { stdin?: string; env?: Record<string, string> } = {}
): Promise<{ code: number; out: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/admin-cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, KAOWU_DATA_DIR: dataDir, ...options.env },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	child.stdin.end(options.stdin ?? '');
	return new Promise((ok) => child.on('exit', (code) => ok({ code: code ?? -1, out })));
}
