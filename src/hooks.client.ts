// The client's start-up hooks. zod compiles fast parsers with `new Function` when the page allows
// it; Kaowu's Content-Security-Policy does not (no 'unsafe-eval', svelte.config.js), so zod is told
// not to try, rather than probing and raising a CSP violation on every load. Only zod's core
// config is imported here: the schemas load with the screens that use them, not with the shell.
import { config } from 'zod/v4/core';

config({ jitless: true });
