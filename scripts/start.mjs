// `npm start`: builds the app when the build is missing or older than the sources, then runs the
// server (TypeScript, through tsx) in this same process.
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
const { register } = await import('tsx/esm/api');
register();
await import('../src/server/main.ts');
