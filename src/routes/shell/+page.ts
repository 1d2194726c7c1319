// The prerendered offline shell: the service worker answers any navigation it cannot reach with
// this page, and the client router then renders the route the user asked for.
export const prerender = true;
