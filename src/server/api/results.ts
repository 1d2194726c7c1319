// After the session (issue 7): public score look-up and other server-side result services.
import type { ApiRoute } from './router';

export const resultRoutes: ApiRoute[] = [];
