// Headers every response carries, the API's and static files' included (docs/security.md):
// - no framing by any other page (frame-ancestors 'none' and, for older browsers, X-Frame-Options);
// - no MIME sniffing (a JSON answer or an uploaded-looking file is never run as script);
// - no Referer to other sites (a look-up page's address never leaks).
// Pages also get SvelteKit's Content-Security-Policy (svelte.config.js kit.csp); a page's own
// policy replaces the one set here, which is the strict one for everything that is not a page.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
export const FRAME_CSP = "frame-ancestors 'none'";

export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
	const path = new URL(req.url ?? '/', 'http://localhost').pathname;
	res.setHeader('x-content-type-options', 'nosniff');
	res.setHeader('referrer-policy', 'no-referrer');
	res.setHeader('x-frame-options', 'DENY');
	// API answers and files are never documents that run scripts; pages (the SPA, the prerendered
	// shell, whose scripts <meta> CSP allows) keep only frame-ancestors from here.
	const isApi = path.startsWith('/api/');
	res.setHeader('content-security-policy', isApi ? NON_PAGE_CSP : FRAME_CSP);
	res.setHeader('cross-origin-opener-policy', 'same-origin');
}
