import type { Route } from './route.js';
import type { Router } from './router.js';

interface RequestState {
  vars?: Record<string, string>;
  route?: Route;
  router?: Router;
}

// Per-request state lives beside the request, not on it: no visible property is added to `req`.
const states = new WeakMap<object, RequestState>();

function stateOf(req: object): RequestState {
  let s = states.get(req);
  if (s === undefined) states.set(req, (s = {}));
  return s;
}

/** The variables of the route that matched the request; `{}` when none. */
export function vars(req: object): Record<string, string> {
  return states.get(req)?.vars ?? {};
}

/** The route that matched the request (the leaf route of a subrouter). */
export function currentRoute(req: object): Route | undefined {
  return states.get(req)?.route;
}

/** The router whose serveHTTP served the request. */
export function currentRouter(req: object): Router | undefined {
  return states.get(req)?.router;
}

/** Sets the variables `vars(req)` returns: for testing handlers without a router. Returns `req`. */
export function setURLVars<T extends object>(req: T, values: Record<string, string>): T {
  stateOf(req).vars = values;
  return req;
}

/** @internal records what serveHTTP matched. */
export function recordMatch(
  req: object,
  values: Record<string, string>,
  route: Route | undefined,
  router: Router | undefined,
): void {
  const s = stateOf(req);
  s.vars = values;
  s.route = route;
  s.router = router;
}
