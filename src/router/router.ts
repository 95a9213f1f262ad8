import { ErrMethodMismatch, ErrNotFound, MuxError, SkipRouter } from '../errors.js';
import type { PathTemplate } from '../template/express-path.js';
import type { AllVarsOf, Simplify, VarsOf } from '../template/template-vars.js';
import { pathHasRawBytes, RequestView } from '../matchers/request-view.js';
import { Route, routerServers, routingChanged, type RouteFilter, type RouteOwner } from '../route/route.js';
import { composeMiddleware, refuseConnectMiddleware } from '../route/compose.js';
import { NONE } from '../small-arrays.js';
import { copyRouteConf, newRouteConf, type RedirectStatus, resolveOptions, type RouteConf } from '../route/route-conf.js';
import { MatchState, type RouteMatch, setAllowedMethods } from '../route/route-match.js';
import { type Engine, type RouteTree, UNCLEAN_PATH } from '../dispatch/engine.js';
import { RouteIndex } from '../dispatch/index/route-index.js';
import { RequestLookup } from '../dispatch/lookup.js';
import { scan, ScanEngine } from '../dispatch/scan.js';
import { serve } from '../serve/serve.js';
import { explain, type Explanation } from '../introspect/explain.js';
import { printRoutes, routeInfos, type RouteInfo } from '../introspect/routes.js';
import {
  type BuildVarsFunc,
  type ErrorHandler,
  type Handler,
  type HandlerFunc,
  type MatcherFunc,
  type Middleware,
  type NextFunction,
  type Request,
  type RequestLike,
  type Response,
  type ConnectApp,
  type RouteHandler,
  type RouteHandlerFunc,
  type RouterOptions,
  type ServeRequest,
  type ServeResponse,
  toHandlerFunc,
  type WalkFunc,
} from '../types.js';

// What fromConf hands to the constructor it calls (the constructor's parameter is the public options).
let inheritedConf: RouteConf | undefined;
let inheritedNames: Map<string, Route> | undefined;
let inheritedParent: Route | undefined;

/**
 * An ordered list of routes; the first that fully matches wins (gorilla's Router). `V` is the variables
 * its routes inherit from the subrouter prefixes above it (`H` and `P`: those from hosts and paths).
 */
export class Router<out V extends object = {}, out H extends object = {}, out P extends object = {}> {

  private notFound: Handler | undefined;
  private methodNotAllowed: Handler | undefined;
  /** Receives what a handler, middleware or matcher threw; the default answers 500. */
  errorHandler?: ErrorHandler | undefined;
  /** @internal */
  conf: RouteConf;
  /** @internal the router's routes in registration order (`routes()` describes them). */
  readonly routeList: Route[] = [];
  /** @internal names shared by the whole router tree. */
  namedRoutes: Map<string, Route>;
  // (Shared NONE until the first use(): most subrouters have no middleware.)
  private middlewares: readonly Middleware[] = NONE;
  // The bound serveHTTP, made when first read (most subrouters are never served directly).
  private served: ((req: ServeRequest, res: ServeResponse, next?: NextFunction) => Promise<void>) | undefined;
  // Handlers wrapped in this router's middleware, composed once per handler (again after use()). Made
  // with the first middleware: most subrouters have none, and each WeakMap costs the garbage collector.
  private wrapped: WeakMap<HandlerFunc, HandlerFunc> | undefined;
  private engineOf: Engine | undefined;
  /** The route this router is the subrouter of. */
  private parent: Route | undefined;
  /**
   * True while every router above has been told, since it last read this router's routes, that
   * something here changed: telling them again changes nothing. Without it, each change at depth d
   * climbs d routers, and building a tree d deep costs d² (an engine reading the routes resets it).
   */
  private aboveTold = false;

  constructor(options?: RouterOptions) {
    if (inheritedConf !== undefined) {
      // A subrouter (fromConf): the route's configuration and names, without making defaults to drop.
      this.conf = copyRouteConf(inheritedConf);
      this.namedRoutes = inheritedNames!;
      this.parent = inheritedParent;
      inheritedConf = inheritedNames = inheritedParent = undefined;
    } else {
      this.conf = newRouteConf(resolveOptions(options), []);
      this.namedRoutes = new Map();
    }
  }

  /**
   * Serves a request: bound, so `http.createServer(router.serveHTTP)` and
   * `http2.createSecureServer(options, router.serveHTTP)` work (the same function on every read). With
   * `next` (mounted in Express or Connect), a request no route matches (404 or 405) calls `next()`, and a
   * handler's error calls `next(err)` unless an `errorHandler` is set.
   */
  get serveHTTP(): (req: ServeRequest, res: ServeResponse, next?: NextFunction) => Promise<void> {
    if (this.served === undefined) {
      this.served = (req, res, next) => serve(this, req as Request, res as Response, next);
      routerServers.add(this.served);
    }
    return this.served;
  }

  /** @internal a subrouter, inheriting a route's configuration. */
  static fromConf(conf: RouteConf, namedRoutes: Map<string, Route>, parent?: Route): Router {
    inheritedConf = conf;
    inheritedNames = namedRoutes;
    inheritedParent = parent;
    return new Router();
  }

  /** Served when no route matches (instead of the default 404). */
  get notFoundHandler(): Handler | undefined {
    return this.notFound;
  }

  /** Sets the handler for requests no route matches; `undefined` restores the default 404. */
  set notFoundHandler(h: Handler | undefined) {
    // Refused when set (not at the first request it would answer).
    if (h !== undefined) toHandlerFunc(h, 'notFoundHandler');
    this.notFound = h;
    this.treeChanged();
  }

  /** Served when routes failed only on their methods (instead of the default 405). */
  get methodNotAllowedHandler(): Handler | undefined {
    return this.methodNotAllowed;
  }

  /** Sets the handler for method mismatches; `undefined` restores the default 405 with `Allow`. */
  set methodNotAllowedHandler(h: Handler | undefined) {
    if (h !== undefined) toHandlerFunc(h, 'methodNotAllowedHandler');
    this.methodNotAllowed = h;
    this.treeChanged();
  }

  // ---- route factories ----

  /** Appends an empty route, configured like this router. */
  newRoute(): Route<V, H, P> {
    const route = this.makeRoute();
    this.append(route);
    return route;
  }

  /** A route for the path template, served by `handler`. */
  handle<T extends PathTemplate>(tpl: T, handler: RouteHandler<Simplify<V & VarsOf<T>>>): Route<V & VarsOf<T>, H, P & VarsOf<T>>;
  /** A route for the path template, served by an Express app or router, or a Connect app (see `Route.handler`). */
  handle<T extends PathTemplate>(tpl: T, handler: ConnectApp): Route<V & VarsOf<T>, H, P & VarsOf<T>>;
  /** Either kind, as a value typed with both (a table of handlers). */
  handle<T extends PathTemplate>(tpl: T, handler: RouteHandler<Simplify<V & VarsOf<T>>> | ConnectApp): Route<V & VarsOf<T>, H, P & VarsOf<T>>;
  handle<T extends PathTemplate>(tpl: T, handler: RouteHandler<Simplify<V & VarsOf<T>>> | ConnectApp): Route<V & VarsOf<T>, H, P & VarsOf<T>> {
    return this.add((r) => r.path(tpl).handler(handler as RouteHandler<Simplify<V & VarsOf<T>>>));
  }

  /** A route for the path template, served by `fn(req, res, vars)`. */
  handleFunc<T extends PathTemplate>(tpl: T, fn: RouteHandlerFunc<Simplify<V & VarsOf<T>>>): Route<V & VarsOf<T>, H, P & VarsOf<T>> {
    return this.add((r) => r.path(tpl).handlerFunc(fn));
  }

  /** A route matching the whole path against the template. */
  path<T extends PathTemplate>(tpl: T): Route<V & VarsOf<T>, H, P & VarsOf<T>> {
    return this.add((r) => r.path(tpl));
  }

  /** A route matching a path prefix (a plain string prefix, as gorilla). */
  pathPrefix<T extends PathTemplate>(tpl: T): Route<V & VarsOf<T>, H, P & VarsOf<T>> {
    return this.add((r) => r.pathPrefix(tpl));
  }

  /** A route matching the host template. */
  host<T extends string>(tpl: T): Route<V & VarsOf<T>, H & VarsOf<T>, P> {
    return this.add((r) => r.host(tpl));
  }

  /** A route matching any of the methods. */
  methods(...methods: string[]): Route<V, H, P> {
    return this.add((r) => r.methods(...methods));
  }

  /** A route matching any of the schemes. */
  schemes(...schemes: string[]): Route<V, H, P> {
    return this.add((r) => r.schemes(...schemes));
  }

  /** A route matching header name/value pairs. */
  headers(...pairs: string[]): Route<V, H, P> {
    return this.add((r) => r.headers(...pairs));
  }

  /** A route matching header name/RegExp pairs. */
  headersRegexp(...pairs: string[]): Route<V, H, P> {
    return this.add((r) => r.headersRegexp(...pairs));
  }

  /** A route matching query key/value-template pairs. */
  queries<const Pairs extends readonly string[]>(...pairs: Pairs): Route<V & AllVarsOf<Pairs[number]>, H, P> {
    return this.add((r) => r.queries(...pairs));
  }

  /** A route with a custom matcher. */
  matcherFunc(f: MatcherFunc): Route<V, H, P> {
    return this.add((r) => r.matcherFunc(f));
  }

  /** A route whose URL building first transforms the variables with `f`. */
  buildVarsFunc(f: BuildVarsFunc): Route<V, H, P> {
    return this.add((r) => r.buildVarsFunc(f));
  }

  /** A named route, for `get(name)` and URL building. */
  name(name: string): Route<V, H, P> {
    return this.add((r) => r.name(name));
  }

  // ---- configuration (copied into routes created afterwards) ----

  /** Path routes redirect to their template's trailing-slash form. */
  strictSlash(value: boolean): this {
    this.conf.strictSlash = value;
    return this;
  }

  /** Turns off path cleaning (and its redirect) in serveHTTP. */
  skipClean(value: boolean): this {
    this.conf.skipClean = value;
    return this;
  }

  /** Match the path as sent (percent-encoding kept) instead of decoded. */
  useEncodedPath(): this {
    this.conf.useEncodedPath = true;
    return this;
  }

  /** When true, `currentRoute(req)` is `undefined` in handlers (gorilla's OmitRouteFromContext). */
  omitRouteFromContext(value: boolean): this {
    this.conf.omitRouteFromContext = value;
    return this;
  }

  /** When true, `currentRouter(req)` is `undefined` in handlers (gorilla's OmitRouterFromContext). */
  omitRouterFromContext(value: boolean): this {
    this.conf.omitRouterFromContext = value;
    return this;
  }

  /**
   * A route whose methods include GET also matches HEAD (as Go's ServeMux does), for routes created
   * afterwards, subrouters included. Default false (gorilla's behaviour).
   */
  implicitHead(value: boolean): this {
    this.conf.implicitHead = value;
    return this;
  }

  /** The status of clean-path and strict-slash redirects: 301 (default), 302, 307 or 308. */
  redirectStatus(code: RedirectStatus): this {
    if (![301, 302, 307, 308].includes(code)) {
      throw new MuxError(`mux: redirect status must be 301, 302, 307 or 308, got ${String(code)}`);
    }
    this.conf.redirectStatus = code;
    return this;
  }

  // ---- middleware, names, walk ----

  /** Middleware run, first added outermost, when a route of this router (or of its subrouters) matches. */
  use(...mw: Middleware[]): this {
    // (All are checked before any is added: a refused one leaves the router as it was.)
    const where = this.parent === undefined ? 'router.use' : `router.use on the subrouter of ${this.parent.describe()}`;
    for (const [i, m] of mw.entries()) {
      if (typeof m !== 'function') throw new MuxError(`mux: ${where}: middleware ${i + 1} must be a function (next) => handler, got ${m === null ? 'null' : typeof m}`);
      refuseConnectMiddleware(m, `${where}, middleware ${i + 1}`);
    }
    this.middlewares = [...this.middlewares, ...mw];
    this.wrapped = undefined;
    this.handlersChanged();
    return this;
  }

  /** The route with this name anywhere in the router tree. */
  get(name: string): Route | undefined {
    return this.namedRoutes.get(name);
  }

  /** Same as `get(name)`: the named route anywhere in the router tree, or `undefined`. */
  getRoute(name: string): Route | undefined {
    return this.namedRoutes.get(name);
  }

  /**
   * Visits every route depth-first in registration order; throw SkipRouter to skip a route's subrouter.
   * It visits the tree as it was when the walk started: routes the callback registers are not visited.
   */
  walk(fn: WalkFunc): void {
    let skipping: number | undefined;
    for (const visit of this.visits(true)) {
      // A skipped route's subtree is the visits after it that are deeper than it.
      if (skipping !== undefined && visit.depth > skipping) continue;
      skipping = undefined;
      try {
        fn(visit.route, visit.router, ancestorsOf(visit));
      } catch (err) {
        if (err === SkipRouter) {
          skipping = visit.depth;
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * @internal Every route of the tree as it is now, depth-first in registration order: below a route, its
   * subrouter, then (`mounted`) a router serving as its handler. An explicit stack, as a tree may be
   * thousands of subrouters deep; a router already open on the way down (a router serving as a handler
   * inside itself) is not entered again. `walk()` and `routes()` both list the tree from it.
   */
  visits(mounted: boolean): WalkVisit[] {
    const visits: WalkVisit[] = [];
    const open = new Set<Router>();
    const stack: { router: Router; next: number; above: WalkVisit | undefined }[] = [{ router: this, next: 0, above: undefined }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next === 0) {
        if (open.has(frame.router)) {
          stack.pop();
          continue;
        }
        open.add(frame.router);
      }
      const route = frame.router.routeList[frame.next++];
      if (route === undefined) {
        stack.pop();
        open.delete(frame.router);
        continue;
      }
      const visit: WalkVisit = { route, router: frame.router, depth: (frame.above?.depth ?? -1) + 1, above: frame.above };
      visits.push(visit);
      // The handler router is pushed first so that the subrouter is walked first.
      const handler = mounted ? route.getHandler() : undefined;
      if (handler instanceof Router) stack.push({ router: handler, next: 0, above: visit });
      const sub = route.subrouterOrUndefined;
      if (sub !== undefined) stack.push({ router: sub, next: 0, above: visit });
    }
    return visits;
  }

  // ---- matching ----

  /** gorilla's Router.Match, with the order-independent 404/405 rule. */
  match(req: RequestLike, match: RouteMatch): boolean {
    match.vars ??= {};
    const url = req.url;
    const method = req.method ?? 'GET';
    const engine = this.engine();
    let lookup: RequestLookup | undefined;
    if (typeof url === 'string' && url.charCodeAt(0) === 47 /* / */ && !pathHasRawBytes(req, url)) {
      // A target that is a static path as is: one lookup, before it is even split.
      const found = engine.findTarget(req, url, method, match, false);
      if (found !== undefined) return found === true || this.miss(match, found);
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      // Without percent-encoding, the path is its own decoded form: no parsing needed.
      if (path.indexOf('%') === -1) lookup = new RequestLookup(req, method, path);
    }
    if (lookup === undefined) {
      const view = new RequestView(req);
      // A path whose percent-encoding is malformed matches nothing (serveHTTP answers it with 400).
      if (view.malformed) {
        match.matchErr = ErrNotFound;
        return false;
      }
      lookup = RequestLookup.of(view, req);
    }
    return this.find(lookup, match);
  }

  /**
   * @internal serveHTTP's match of an origin-form target whose path (`path`, the target up to `?`) has no
   * percent-encoding, so is its own decoded form: the same answers as match(). The engines parse the
   * request only if a matcher reads more than its method and path.
   */
  matchPlain(req: RequestLike, url: string, path: string, match: RouteMatch, cleanUnchecked: boolean): boolean | undefined {
    const method = req.method ?? 'GET';
    // (The engine is asked for once: `find` would ask for it again.)
    const engine = this.engine();
    const found = (path.length === url.length ? engine.findTarget(req, url, method, match, cleanUnchecked) : undefined) ?? engine.find(new RequestLookup(req, method, path, cleanUnchecked), match);
    if (found === UNCLEAN_PATH) return undefined;
    return found === true || this.miss(match, found);
  }

  /** @internal matches a request serveHTTP parsed; the same answers as match(). */
  dispatch(view: RequestView, req: RequestLike, match: RouteMatch): boolean {
    return this.find(RequestLookup.of(view, req), match);
  }

  /**
   * @internal This router tried as the subrouter of a route that matched so far: gorilla's in-order scan
   * of its routes (`only`, when given, leaves out those that cannot match), then the 404/405 decision.
   */
  dispatchNested(view: RequestView, req: RequestLike, match: RouteMatch, state: MatchState, only?: RouteFilter): boolean {
    return scan(this, RequestLookup.of(view, req), match, state, only) || this.miss(match, state);
  }

  /** @internal this router's middleware around a handler (composed once per handler). */
  wrap(handler: HandlerFunc): HandlerFunc {
    if (this.middlewares.length === 0) return handler;
    const wrapped = (this.wrapped ??= new WeakMap());
    let h = wrapped.get(handler);
    if (h === undefined) wrapped.set(handler, (h = composeMiddleware(this.middlewares, handler, 'a router')));
    return h;
  }

  /** @internal the route this router is the subrouter of. */
  get parentRoute(): Route | undefined {
    return this.parent;
  }

  /** @internal true when the router answers unmatched requests with a handler of its own. */
  get answersMisses(): boolean {
    return this.notFound !== undefined || this.methodNotAllowed !== undefined;
  }

  /** @internal a route of this router changed after it was added. */
  routeChanged(route: Route): void {
    this.engineOf?.routeChanged(route);
    this.tellAbove();
  }

  /** @internal an engine above read this router's routes: the next change here must be told above again. */
  routesRead(): void {
    this.aboveTold = false;
  }

  // The routers above learn that their subrouter route changed (their engines rebuild or re-place it).
  private tellAbove(): void {
    if (this.aboveTold) return;
    const owner = this.parent?.owner;
    if (owner === undefined) return;
    owner.routeChanged(this.parent!);
    this.aboveTold = true;
  }

  /** @internal a handler or middleware changed in this router's tree. */
  handlersChanged(): void {
    routingChanged();
    this.engineOf?.handlersChanged();
    this.parent?.owner?.handlersChanged();
  }

  private find(lookup: RequestLookup, match: RouteMatch): boolean {
    const found = this.engine().find(lookup, match);
    return found === true || this.miss(match, found);
  }

  // No route matched: 405 when the failures add up to it, else 404; a handler of the router's own answers.
  private miss(match: RouteMatch, state: MatchState): boolean {
    if (state.methodNotAllowed) {
      match.matchErr = ErrMethodMismatch;
      setAllowedMethods(match, state.allowed);
      if (this.methodNotAllowed !== undefined) {
        match.handler = toHandlerFunc(this.methodNotAllowed, 'methodNotAllowedHandler');
        return true;
      }
      return false;
    }
    match.matchErr = ErrNotFound;
    if (this.notFound !== undefined) {
      match.handler = toHandlerFunc(this.notFound, 'notFoundHandler');
      return true;
    }
    return false;
  }

  private engine(): Engine {
    return (this.engineOf ??= this.conf.options.index ? new RouteIndex(this) : new ScanEngine(this));
  }

  // Something that decides matching changed here (not a route's matchers): every engine above rebuilds.
  private treeChanged(): void {
    routingChanged();
    this.engineOf = undefined;
    this.tellAbove();
  }

  private makeRoute(): Route<V, H, P> {
    return Route.withConf<V, H, P>(this.conf, this.namedRoutes);
  }

  private append(route: Route): void {
    routingChanged();
    route.owner = this;
    this.routeList.push(route);
    this.engineOf?.routeAdded(route);
    this.tellAbove();
  }

  // Builds the route completely before appending it, so a call that throws leaves no half-made route behind.
  private add<R extends Route<V, H, P>>(configure: (r: Route<V, H, P>) => R): R {
    const route = configure(this.makeRoute());
    this.append(route);
    return route;
  }

  // ---- introspection ----

  /** Every route of the tree, depth-first in registration order, with what it requires. */
  routes(): RouteInfo[] {
    return routeInfos(this);
  }

  /** The routes as an aligned table for a terminal: methods, host, path or prefix, other matchers, name. */
  printRoutes(): string {
    return printRoutes(this);
  }

  /** What serving `req` would do and why, computed by serveHTTP's own decision, without running a handler. */
  explain(req: RequestLike): Explanation {
    return explain(this, req);
  }
}

Route.subrouterFactory = (conf, namedRoutes, parent) => Router.fromConf(conf, namedRoutes, parent);

/** Same as `new Router(options)`. */
export function newRouter(options?: RouterOptions): Router {
  return new Router(options);
}

/**
 * @internal A Router is the RouteTree the engines read and the RouteOwner its routes tell. Checked here
 * rather than with an `implements` clause, whose members are @internal and stripped from the published
 * declarations (a consumer without skipLibCheck would see the class fail its own clause).
 */
export function asTreeAndOwner(r: Router): RouteTree & RouteOwner {
  return r;
}

/** @internal One route met by `walk`, with the visit of the route whose router holds it. */
export interface WalkVisit {
  readonly route: Route;
  readonly router: Router;
  readonly depth: number;
  readonly above: WalkVisit | undefined;
}

// The routes above a visit, outermost first.
function ancestorsOf(visit: WalkVisit): Route[] {
  const out: Route[] = [];
  for (let v = visit.above; v !== undefined; v = v.above) out.push(v.route);
  return out.reverse();
}
