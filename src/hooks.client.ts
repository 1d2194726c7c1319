// The client's start-up hooks. zod compiles fast parsers with `new Function` when the page allows
// it; Kaowu's Content-Security-Policy does not (no 'unsafe-eval', svelte.config.js), so zod is told
// not to try, rather than probing and raising a CSP violation on every load.
import { z } from 'zod';

z.config({ jitless: true });
