// Builds the app (vite build) when the build is missing or older than the sources. Used by
// `npm start` and the fault suite; `npm run build` always builds.
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

export function buildIfStale() {
	const built = `${process.env.KAOWU_BUILD_DIR ?? 'build'}/handler.js`;
	const isStale =
		!existsSync(built) || SOURCES.filter(existsSync).some((p) => newestMtime(p) > statSync(built).mtimeMs);
	if (!isStale) return;
	console.log('Building the app (vite build)…');
	execSync('npx vite build', { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
