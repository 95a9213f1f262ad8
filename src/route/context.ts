import { RouteMatch, allowedMethods as allowedOfMatch } from './route-match.js';
import type { Route } from './route.js';
import type { VarsOf } from '../template/template-vars.js';
import type { Router } from '../router/router.js';
import type { Request, Response } from '../types.js';

interface RequestState {
  vars?: Record<string, string>;
  /**
   * The route that matched and the router serving the request, recorded also when the serving router
   * omits them from the context (its flags are read when they are asked for): its errorHandlers and a
   * rejection a middleware dropped need them.
   */
  route?: Route;
  router?: Router;
  allowed?: readonly string[];
  /**
   * How many routers are running a handler for the request now: a router serving it meanwhile is mounted
   * in one of them (as a route's handler, or called from one), and serves a request matched already.
   */
  running: number;
}

/** Takes a rejection that a middleware dropped (see compose.ts), for the router serving the request. */
export type DroppedRejections = (err: unknown, req: Request, res: Response, router: Router) => void;
let droppedRejections: DroppedRejections | undefined;

/** @internal set by serving (above this module): where a rejection that a middleware dropped goes. */
export function onDroppedRejection(f: DroppedRejections): void {
  droppedRejections = f;
}

// Per-request state is kept under a private symbol (never listed by Object.keys, JSON or for...in), or
// beside the request in a WeakMap when the request object cannot take a property.
const STATE = Symbol('tsmux.request');
const beside = new WeakMap<object, RequestState>();
/** Some request's state was put in `beside` (until then, no request's is there: none is looked for). */
let besideUsed = false;

function read(req: object): RequestState | undefined {
  const own = (req as { [STATE]?: RequestState })[STATE];
  if (own !== undefined || !besideUsed) return own;
  // Only a request that cannot take the property has its state in the WeakMap (asking the WeakMap about
  // any other object would give it an identity hash, for nothing).
  return Object.isExtensible(req) ? undefined : beside.get(req);
}

function stateOf(req: object): RequestState {
  // Every field from the start: one object shape for every request (recordMatch makes the same).
  return read(req) ?? attach(req, { vars: undefined, route: undefined, router: undefined, allowed: undefined, running: 0 });
}

function attach(req: object, s: RequestState): RequestState {
  if (Object.isExtensible(req)) (req as { [STATE]?: RequestState })[STATE] = s;
  else {
    beside.set(req, s);
    besideUsed = true;
  }
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
  const s = read(req);
  return s?.router?.conf.omitRouteFromContext ? undefined : s?.route;
}

/** The router whose serveHTTP served the request. */
export function currentRouter(req: object): Router | undefined {
  const router = read(req)?.router;
  return router?.conf.omitRouterFromContext ? undefined : router;
}

/** Sets the variables `vars(req)` returns: for testing handlers without a router. Returns `req`. */
export function setURLVars<T extends object>(req: T, values: Record<string, string>): T {
  stateOf(req).vars = values;
  return req;
}

/**
 * @internal records what serveHTTP matched: the route and the serving router (whatever its flags say),
 * and the methods a 405 allows when a methodNotAllowedHandler answers (none otherwise: a router served
 * before this one may have recorded its own).
 */
export function recordMatch(req: object, values: Record<string, string>, route: Route | undefined, router: Router, allowed: readonly string[] | undefined): void {
  const s = read(req);
  if (s === undefined) {
    // A new request's record is made with its values (not made empty, then filled).
    attach(req, { vars: values, route, router, allowed, running: 0 });
    return;
  }
  s.vars = values;
  s.route = route;
  s.router = router;
  s.allowed = allowed;
}

/** What a router serving a request recorded, kept while a router mounted as its handler serves it too. */
export interface RecordedMatch {
  readonly vars: Record<string, string> | undefined;
  readonly route: Route | undefined;
  readonly router: Router;
  readonly allowed: readonly string[] | undefined;
}

/**
 * @internal what the router serving this request recorded, when a router serves it inside the handler
 * chain run for that record (mounted as a route's handler, `handler(router)`, called from one,
 * `handlerFunc((req, res) => router.serveHTTP(req, res))`, or from a custom notFoundHandler); undefined
 * otherwise (a new request, or one served again after its router was done).
 */
export function enclosingMatch(req: object): RecordedMatch | undefined {
  const s = read(req);
  if (s === undefined || s.running === 0 || s.router === undefined) return undefined;
  return { vars: s.vars, route: s.route, router: s.router, allowed: s.allowed };
}

/**
 * @internal variables put on the request by `setURLVars` and not replaced by a router since: a match
 * without variables keeps them, as gorilla's context keeps what the caller put there.
 */
export function presetVars(req: object): Record<string, string> | undefined {
  const s = read(req);
  return s !== undefined && s.router === undefined ? s.vars : undefined;
}

/** @internal the route `router` recorded for the request, when it is the last router that recorded one. */
export function routeMatchedBy(req: object, router: Router): Route | undefined {
  return recordedBy(read(req), router);
}

function recordedBy(s: RequestState | undefined, router: Router): Route | undefined {
  return s !== undefined && s.router === router ? s.route : undefined;
}

/**
 * @internal `router` starts running its handler chain for the request (see `RequestState.running`).
 * Returns the route it matched, whose routers' errorHandlers take what the chain throws (read now: a
 * router mounted in the chain may record its own before the chain settles).
 */
export function handlerStarted(req: object, router: Router): Route | undefined {
  const s = read(req);
  if (s !== undefined) s.running++;
  return recordedBy(s, router);
}

/** @internal the handler `handlerStarted` announced has finished (returned, threw, or settled). */
export function handlerEnded(req: object): void {
  const s = read(req);
  if (s !== undefined && s.running > 0) s.running--;
}

/**
 * @internal puts back what the enclosing router recorded, once the router mounted as its handler is done:
 * the enclosing middleware reads its own vars and route again (gorilla gives the mounted router a request
 * of its own).
 */
export function restoreMatch(req: object, outer: RecordedMatch): void {
  const s = stateOf(req);
  s.vars = outer.vars;
  s.route = outer.route;
  s.router = outer.router;
  s.allowed = outer.allowed;
}

/** @internal the router serving the request, whether or not the context shows it; undefined for any other. */
export function servingRouter(req: unknown): Router | undefined {
  return typeof req === 'object' && req !== null ? read(req)?.router : undefined;
}

/** @internal hands a rejection that a middleware dropped to serving's error path (see compose.ts). */
export function reportDroppedRejection(err: unknown, req: Request, res: Response, router: Router): void {
  droppedRejections?.(err, req, res, router);
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
export function recordAllowed(req: object, methods: readonly string[] | undefined): void {
  if (methods !== undefined) stateOf(req).allowed = methods;
  else {
    const s = read(req);
    if (s !== undefined) s.allowed = undefined;
  }
}
