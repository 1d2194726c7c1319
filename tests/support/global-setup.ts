// One demo server for the end-to-end suite; specs that need their own (kill -9, restarts) start one.
import { startKaowu } from './kaowu-server';

export default async function globalSetup() {
	const server = await startKaowu();
	process.env.KAOWU_URL = server.url;
	process.env.KAOWU_TEST_DATA_DIR = server.dataDir;
	return async () => {
		await server.stop();
	};
}
