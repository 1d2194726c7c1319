// A static file server for the in-browser bench harnesses.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export function serveStatic(dir: string): Promise<{ url: string; close: () => void }> {
	const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
	const server = createServer((req, res) => {
		const path = join(dir, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]);
		if (!existsSync(path)) return void res.writeHead(404).end();
		res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
	});
	return new Promise((ok) =>
		server.listen(0, '127.0.0.1', () => {
			const a = server.address() as { port: number };
			ok({ url: `http://127.0.0.1:${a.port}`, close: () => server.close() });
		})
	);
}
