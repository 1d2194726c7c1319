// The USB-stick fallback (issue 4): import a device's exported documents through the same merge
// and authorisation as /sync.
import type { ApiRoute } from './router';

export const bundleRoutes: ApiRoute[] = [];
