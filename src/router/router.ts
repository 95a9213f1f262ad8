import { ErrMethodMismatch, ErrNotFound, MuxError, SkipRouter } from '../errors.js';
import type { PathTemplate } from '../template/express-path.js';
import { RequestView } from '../matchers/request-view.js';
import { Route } from '../route/route.js';
import { copyRouteConf, newRouteConf, type RedirectStatus, resolveOptions, type RouteConf } from '../route/route-conf.js';
import { MatchState, type RouteMatch, setAllowedMethods } from '../route/route-match.js';
import { RouteTable } from '../dispatch/route-table.js';
import { applyMiddleware } from '../serve/middleware.js';
import { serve } from '../serve/serve.js';
import {
  type BuildVarsFunc,
  type ErrorHandler,
  type Handler,
  type HandlerFunc,
  type MatcherFunc,
  type Middleware,
  type Request,
  type RequestLike,
  type Response,
  type RouterOptions,
  toHandlerFunc,
  type WalkFunc,
} from '../types.js';

/** An ordered list of routes; the first that fully matches wins (gorilla's Router). */
export class Router {
  /** Served when no route matches (instead of the default 404). */
  notFoundHandler?: Handler;
  /** Served when routes failed only on their methods (instead of the default 405). */
  methodNotAllowedHandler?: Handler;
  /** Receives what a handler, middleware or matcher threw; the default answers 500. */
  errorHandler?: ErrorHandler;
  /** Serves a request: bound, so `http.createServer(router.serveHTTP)` works. */
  readonly serveHTTP: (req: Request, res: Response) => Promise<void>;
  /** @internal */
  conf: RouteConf;
  /** @internal */
  readonly table = new RouteTable(() => this.conf.options.index);
  /** @internal names shared by the whole router tree. */
  namedRoutes: Map<string, Route>;
  private readonly middlewares: Middleware[] = [];

  constructor(options?: RouterOptions) {
    this.conf = newRouteConf(resolveOptions(options), []);
    this.namedRoutes = new Map();
    this.serveHTTP = (req, res) => serve(this, req, res);
  }

  /** @internal a subrouter, inheriting a route's configuration. */
  static fromConf(conf: RouteConf, namedRoutes: Map<string, Route>): Router {
    const r = new Router();
    r.conf = copyRouteConf(conf);
    r.namedRoutes = namedRoutes;
    return r;
  }

  // ---- route factories ----

  /** Appends an empty route, configured like this router. */
  newRoute(): Route {
    const route = this.makeRoute();
    this.table.add(route);
    return route;
  }

  handle(tpl: PathTemplate, handler: Handler): Route {
    return this.add((r) => r.path(tpl).handler(handler));
  }

  handleFunc(tpl: PathTemplate, fn: HandlerFunc): Route {
    return this.add((r) => r.path(tpl).handlerFunc(fn));
  }

  path(tpl: PathTemplate): Route {
    return this.add((r) => r.path(tpl));
  }

  pathPrefix(tpl: PathTemplate): Route {
    return this.add((r) => r.pathPrefix(tpl));
  }

  host(tpl: string): Route {
    return this.add((r) => r.host(tpl));
  }

  methods(...methods: string[]): Route {
    return this.add((r) => r.methods(...methods));
  }

  schemes(...schemes: string[]): Route {
    return this.add((r) => r.schemes(...schemes));
  }

  headers(...pairs: string[]): Route {
    return this.add((r) => r.headers(...pairs));
  }

  headersRegexp(...pairs: string[]): Route {
    return this.add((r) => r.headersRegexp(...pairs));
  }

  queries(...pairs: string[]): Route {
    return this.add((r) => r.queries(...pairs));
  }

  matcherFunc(f: MatcherFunc): Route {
    return this.add((r) => r.matcherFunc(f));
  }

  buildVarsFunc(f: BuildVarsFunc): Route {
    return this.add((r) => r.buildVarsFunc(f));
  }

  name(name: string): Route {
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

  omitRouteFromContext(value: boolean): this {
    this.conf.omitRouteFromContext = value;
    return this;
  }

  omitRouterFromContext(value: boolean): this {
    this.conf.omitRouterFromContext = value;
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
  use(...mw: Middleware[]): void {
    for (const m of mw) {
      if (typeof m !== 'function') throw new MuxError('mux: middleware must be a function');
      this.middlewares.push(m);
    }
  }

  /** The route with this name anywhere in the router tree. */
  get(name: string): Route | undefined {
    return this.namedRoutes.get(name);
  }

  getRoute(name: string): Route | undefined {
    return this.namedRoutes.get(name);
  }

  /**
   * Visits every route depth-first in registration order; throw SkipRouter to skip a route's subrouter.
   * It visits the tree as it was when the walk started: routes the callback registers are not visited.
   */
  walk(fn: WalkFunc): void {
    const visits: [Route, Router, Route[]][] = [];
    this.collectWalk(visits, []);
    let skipped: Route | undefined;
    for (const [route, router, ancestors] of visits) {
      if (skipped !== undefined && ancestors.includes(skipped)) continue;
      try {
        fn(route, router, [...ancestors]);
      } catch (err) {
        if (err === SkipRouter) {
          skipped = route;
          continue;
        }
        throw err;
      }
    }
  }

  private collectWalk(into: [Route, Router, Route[]][], ancestors: Route[]): void {
    for (const route of this.table.routes) {
      into.push([route, this, ancestors]);
      const children = [route.subrouterOrUndefined, route.getHandler()];
      for (const child of children) {
        if (child instanceof Router) child.collectWalk(into, [...ancestors, route]);
      }
    }
  }

  // ---- matching ----

  /** gorilla's Router.Match, with API.md's order-independent 404/405 rule. */
  match(req: RequestLike, match: RouteMatch): boolean {
    match.vars ??= {};
    const url = req.url;
    // An origin-form target without percent-encoding: its path is the decoded path, and the index may
    // settle it without parsing the rest of the request.
    let resolved = false;
    if (typeof url === 'string' && url.charCodeAt(0) === 47 /* / */) {
      const method = req.method ?? 'GET';
      const route = this.table.resolveTarget(url, method, match.vars);
      if (route !== undefined) return this.settle(route, match);
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      if (path.indexOf('%') === -1) {
        // Without a query the path is the target just looked up: the static paths are not asked twice.
        if (this.resolve(path, method, match, q === -1)) return true;
        resolved = true;
      }
    }
    const view = new RequestView(req);
    // A path whose percent-encoding is malformed matches nothing (serveHTTP answers it with 400).
    if (view.malformed) {
      match.matchErr = ErrNotFound;
      return false;
    }
    return this.dispatch(view, req, match, undefined, resolved);
  }

  /**
   * @internal Matches a parsed request: the index settles it when it can; otherwise the candidate routes
   * are tried in order and, on no match, the failures decide between 404 and 405 (recorded in `state`,
   * for a caller that reads them). `resolved` says the index was already asked.
   */
  dispatch(view: RequestView, req: RequestLike, match: RouteMatch, state?: MatchState, resolved = false): boolean {
    if (!resolved && this.resolve(view.path, view.method, match)) return true;
    state ??= new MatchState();
    const candidates = this.table.candidates(view);
    // Routes whose own methods rule the request out cannot win; they are looked at again only when no
    // route matched, to tell 405 from 404.
    let ruledOut: Route[] | undefined;
    for (const route of candidates) {
      if (route.rejectsMethod(view.method)) {
        (ruledOut ??= []).push(route);
      } else if (route.evaluate(view, req, match, state)) {
        this.wrapHandler(match);
        return true;
      }
    }
    if (ruledOut !== undefined) for (const route of ruledOut) route.evaluate(view, req, match, state);
    if (state.methodNotAllowed) {
      match.matchErr = ErrMethodMismatch;
      setAllowedMethods(match, state.allowed);
      if (this.methodNotAllowedHandler !== undefined) {
        match.handler = toHandlerFunc(this.methodNotAllowedHandler, 'methodNotAllowedHandler');
        return true;
      }
      return false;
    }
    match.matchErr = ErrNotFound;
    if (this.notFoundHandler !== undefined) {
      match.handler = toHandlerFunc(this.notFoundHandler, 'notFoundHandler');
      return true;
    }
    return false;
  }

  // Asks the index for the winner.
  private resolve(path: string, method: string, match: RouteMatch, targetTried = false): boolean {
    const route = this.table.resolve(path, method, match.vars, targetTried);
    return route !== undefined && this.settle(route, match);
  }

  // The index's winner, filled in as Route.evaluate would fill it.
  private settle(route: Route, match: RouteMatch): true {
    match.route = route;
    match.handler = route.getHandlerWithMiddlewares();
    match.matchErr = undefined;
    this.wrapHandler(match);
    return true;
  }

  // This router's middleware around a matched handler, first added outermost.
  private wrapHandler(match: RouteMatch): void {
    if (match.matchErr === undefined && match.handler !== undefined) {
      for (let i = this.middlewares.length - 1; i >= 0; i--) match.handler = applyMiddleware(this.middlewares[i]!, match.handler, 'a router', i);
    }
  }

  private makeRoute(): Route {
    return Route.withConf(this.conf, this.namedRoutes);
  }

  // Builds the route completely before appending it, so a call that throws leaves no half-made route behind.
  private add(configure: (r: Route) => Route): Route {
    const route = configure(this.makeRoute());
    this.table.add(route);
    return route;
  }
}

/** Same as `new Router(options)`. */
export function newRouter(options?: RouterOptions): Router {
  return new Router(options);
}
