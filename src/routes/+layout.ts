// Kaowu is a local-first app: every page renders on the device from IndexedDB, never on the server.
export const ssr = false;
export const prerender = false;
