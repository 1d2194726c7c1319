// Before the day (issue 5): plan creation and what only the server can do for plans.
import type { ApiRoute } from './router';

export const planRoutes: ApiRoute[] = [];
