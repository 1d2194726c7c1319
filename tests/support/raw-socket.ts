// Raw frames to /sync for the hostile-message tests, without sleeping: after the frames, a
// WebSocket ping; the server's socket answers it only after reading every frame before it (frames
// are read in order), or closes the socket on a frame it will not take. Either way the server has
// read what was sent, and the socket can be dropped.
import WebSocket from 'ws';

/** Opens a socket to `url`'s /sync, sends `frames`, waits until the server has read them, then drops it. */
export async function sendRawFrames(url: string, frames: Uint8Array[]): Promise<void> {
	const ws = new WebSocket(url.replace('http', 'ws') + '/sync');
	ws.on('error', () => {});
	await new Promise<void>((ok, fail) => {
		ws.once('open', () => ok());
		ws.once('close', () => fail(new Error('the server closed the socket before it opened')));
	});
	await new Promise<void>((done) => {
		ws.once('pong', () => done());
		ws.once('close', () => done());
		for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
		if (ws.readyState === WebSocket.OPEN) ws.ping();
		else done();
	});
	ws.terminate();
}
