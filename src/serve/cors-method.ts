import { ErrMethodMismatch } from '../errors.js';
import { RouteMatch } from '../route/route-match.js';
import type { Router } from '../router/router.js';
import type { Middleware, RequestLike } from '../types.js';

/**
 * gorilla's CORSMethodMiddleware: sets `Access-Control-Allow-Methods` to the methods of every route of
 * `router` that matches the request but for its method, when OPTIONS is among them. Pass the subrouter
 * when the routes live there. Runs only on matched requests, like all middleware.
 */
export function corsMethodMiddleware(router: Router): Middleware {
  return (next) => (req, res) => {
    const methods = methodsForRequest(router, req);
    if (methods?.includes('OPTIONS')) res.setHeader('Access-Control-Allow-Methods', methods.join(','));
    return next(req, res);
  };
}

// undefined when a route that matches has no methods matcher (gorilla gives up on the header then).
function methodsForRequest(router: Router, req: RequestLike): string[] | undefined {
  const all: string[] = [];
  for (const route of router.routeList) {
    const m = new RouteMatch();
    if (route.match(req, m) || m.matchErr === ErrMethodMismatch) {
      try {
        all.push(...route.getMethods());
      } catch {
        return undefined;
      }
    }
  }
  return all;
}
