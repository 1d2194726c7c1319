// Where sign-in returns to: the page that sent the person there (a room on the proctor's tablet,
// a group, the desk), so an offline unlock lands on the room that was asked for, not on /home.
// Only a path of this app is followed (never another site).

/** The sign-in page, remembering `url`'s path and query to come back to. */
export function signInPath(url: { pathname: string; search: string }): string {
	const back = `${url.pathname}${url.search}`;
	return back === '/' || back.startsWith('/sign-in') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(back)}`;
}

/** The page to open after signing in: `next` when it is a path of this app, else /home. */
export function returnPath(search: URLSearchParams): string {
	const next = search.get('next') ?? '';
	return /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/sign-in') ? next : '/home';
}
