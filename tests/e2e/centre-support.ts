// Helpers of the centre's specs: a server of their own and the plan document as SQLite holds it.
import type * as Y from 'yjs';
import { storedDoc } from '../support/node-device';
import { startKaowu, type KaowuServer } from '../support/kaowu-server';

export { startKaowu, type KaowuServer };

export function storedDocOf(server: KaowuServer, planId: string): Y.Doc {
	return storedDoc(server.dataDir, `plan:${planId}`);
}
