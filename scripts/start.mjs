// `npm start`: builds the app when the build is missing or older than the sources, then runs the
// server (TypeScript, through tsx) in this same process.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

function newestMtime(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const built = `${process.env.KAOWU_BUILD_DIR ?? 'build'}/handler.js`;
const isStale =
	!existsSync(built) || SOURCES.filter(existsSync).some((p) => newestMtime(p) > statSync(built).mtimeMs);
if (isStale) {
	console.log('Building the app (vite build)…');
	execSync('npx vite build', { stdio: 'inherit' });
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/server/main.ts');
