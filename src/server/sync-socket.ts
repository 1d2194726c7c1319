// Options of the /sync WebSocket server (main.ts; the same in tests and benches).
// permessage-deflate with context takeover: every entry repeats the field names and most values
// of the previous one, so each frame compresses against the last ones. The server's window is
// small (2 KB, memLevel 4) to keep its memory per connection low with a thousand tablets; the
// client's window is left to the client (requiring one would refuse clients that do not offer
// it). `threshold: 0`: small frames are where the saving is (ws applies a threshold only without
// context takeover anyway). The cost is zlib work per frame on the server (see docs/reliability.md).
import type { ServerOptions } from 'ws';

export const SYNC_SOCKET_OPTIONS: ServerOptions = {
	noServer: true,
	maxPayload: 16 * 1024 * 1024,
	perMessageDeflate: {
		threshold: 0,
		serverMaxWindowBits: 11,
		zlibDeflateOptions: { memLevel: 4, level: 6 },
		concurrencyLimit: 10
	}
};
