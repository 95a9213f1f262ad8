import { RouteMatch, allowedMethods as allowedOfMatch } from './route-match.js';
import type { Route } from './route.js';
import type { VarsOf } from '../template/template-vars.js';
import type { Router } from '../router/router.js';

interface RequestState {
  vars?: Record<string, string>;
  route?: Route;
  router?: Router;
  allowed?: readonly string[];
}

// Per-request state is kept under a private symbol (never listed by Object.keys, JSON or for...in), or
// beside the request in a WeakMap when the request object cannot take a property.
const STATE = Symbol('tsmux.request');
const beside = new WeakMap<object, RequestState>();

function read(req: object): RequestState | undefined {
  const own = (req as { [STATE]?: RequestState })[STATE];
  if (own !== undefined) return own;
  // Only a request that cannot take the property has its state in the WeakMap (asking the WeakMap about
  // any other object would give it an identity hash, for nothing).
  return Object.isExtensible(req) ? undefined : beside.get(req);
}

function stateOf(req: object): RequestState {
  // Every field from the start: one object shape for every request (recordMatch makes the same).
  return read(req) ?? attach(req, { vars: undefined, route: undefined, router: undefined, allowed: undefined });
}

function attach(req: object, s: RequestState): RequestState {
  if (Object.isExtensible(req)) (req as { [STATE]?: RequestState })[STATE] = s;
  else beside.set(req, s);
  return s;
}

/**
 * The variables of the route that matched the request; `{}` when none. `vars<'/users/{id}'>(req)` types
 * them from a template, for a handler written apart from its route.
 */
export function vars<T extends string = string>(req: object): VarsOf<T> {
  return (read(req)?.vars ?? {}) as VarsOf<T>;
}

/** The route that matched the request (the leaf route of a subrouter). */
export function currentRoute(req: object): Route | undefined {
  return read(req)?.route;
}

/** The router whose serveHTTP served the request. */
export function currentRouter(req: object): Router | undefined {
  return read(req)?.router;
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
  const s = read(req);
  if (s === undefined) {
    // A new request's record is made with its values (not made empty, then filled).
    attach(req, { vars: values, route, router, allowed: undefined });
    return;
  }
  s.vars = values;
  s.route = route;
  s.router = router;
}

/**
 * The methods the default 405 would list in `Allow`, in registration order: for a custom
 * `methodNotAllowedHandler`. `[]` when the request was not refused for its method. Also takes a
 * `RouteMatch` filled by `match()`.
 */
export function allowedMethods(req: object): string[] {
  if (req instanceof RouteMatch) return [...allowedOfMatch(req)];
  return [...(read(req)?.allowed ?? [])];
}

/** @internal records the methods a 405 allows, for allowedMethods(req). */
export function recordAllowed(req: object, methods: readonly string[]): void {
  stateOf(req).allowed = methods;
}
