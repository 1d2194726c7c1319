// One demo server for the end-to-end suite; specs that need their own (kill -9, restarts) start one.
// What it printed is kept in test-results/global-server.log (.ci/run shows its end when a run fails).
import { mkdirSync, writeFileSync } from 'node:fs';
import { startKaowu } from './kaowu-server';

export default async function globalSetup() {
	const server = await startKaowu();
	process.env.KAOWU_URL = server.url;
	process.env.KAOWU_TEST_DATA_DIR = server.dataDir;
	return async () => {
		await server.stop();
		mkdirSync('test-results', { recursive: true });
		writeFileSync('test-results/global-server.log', server.output());
	};
}
