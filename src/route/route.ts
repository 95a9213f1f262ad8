import { BuiltURL } from '../url/built-url.js';
import { ErrMetadataKeyNotFound, ErrMethodMismatch, ErrNotFound, MuxError } from '../errors.js';
import {
  compileHeaderRegexp,
  FuncMatcher,
  HeaderMatcher,
  HeaderRegexpMatcher,
  hostInput,
  HostMatcher,
  type Matcher,
  MethodMatcher,
  methodLists,
  checkPairs,
  pairsToMap,
  pathInput,
  PathMatcher,
  queryInput,
  QueryMatcher,
  SchemeMatcher,
} from '../matchers/matchers.js';
import { strictSlashRedirect } from './strict-slash.js';
import { RequestView } from '../matchers/request-view.js';
import { NONE } from '../small-arrays.js';
import { copyRouteConf, newRouteConf, resolveOptions, type RouteConf } from './route-conf.js';
import { allowedMethods, MatchState, RouteMatch, setAllowedMethods, settleHandlerless } from './route-match.js';
import type { Router } from '../router/router.js';
import { composeMiddleware, refuseConnectMiddleware } from './compose.js';
import { ExpressPath, type PathTemplate } from '../template/express-path.js';
import type { AllVarsOf, Simplify, VarsOf } from '../template/template-vars.js';
import { vars } from './context.js';
import { fromConnect, type ConnectMiddleware } from './connect.js';
import { notFound } from './text-answers.js';
import { takesThirdArgument } from './handler-params.js';
import { parseTemplate, RouteRegexp, type TemplateOptions, type TemplateSource } from '../template/template.js';
import {
  type BuildVarsFunc,
  type ConnectApp,
  type Handler,
  type HandlerFunc,
  type MatcherFunc,
  type Middleware,
  type RequestLike,
  type RouteHandler,
  type RouteHandlerFunc,
  toHandlerFunc,
} from '../types.js';

/** Values for URL building, by variable name; an Express `*wildcard` also takes an array of segments. */
export type BuildValues = Record<string, string | readonly string[]>;
/** Variables for URL building: `'k1', 'v1', 'k2', 'v2'` or one object. */
export type BuildArgs = string[] | [BuildValues];

/**
 * The routes worth trying for a request, as the index found them: the others cannot match it. Below a
 * router the index did not look into (`open`), every route is worth trying.
 */
export interface RouteFilter {
  has(route: Route): boolean;
  open(router: NestedRouter): boolean;
}

/**
 * What a route needs of its subrouter: to try the subrouter's routes for a request it matched so far
 * (Router implements it). `only`, when given, says which routes are worth trying.
 */
export interface NestedRouter {
  dispatchNested(view: RequestView, req: RequestLike, match: RouteMatch, state: MatchState, only?: RouteFilter): boolean;
}

/** Told when a route, or anything below it, changes after it was added to a router. */
export interface RouteOwner {
  /** The route's matchers changed (or those of a route below it). */
  routeChanged(route: Route): void;
  /** A handler or middleware changed. */
  handlersChanged(): void;
}

/** Makes a subrouter for a route (set by the router module, which sits above this one). */
export type SubrouterFactory = (conf: RouteConf, namedRoutes: Map<string, Route>, parent: Route) => NestedRouter;

/**
 * A function that takes the route's vars as its third argument is given them whoever calls it (a
 * middleware calls `next(req, res)`): the vars of the request, `{}` when none.
 */
function withVars<V extends object>(h: RouteHandlerFunc<V>): HandlerFunc {
  return (req, res) => h(req, res, (req === undefined || req === null ? {} : vars(req)) as V);
}

/**
 * An Express app or router, or a Connect app: a function `(req, res, next)` with a `handle` method. Its
 * third argument is `next`, not the vars: it is called as Connect calls it.
 */
function isConnectApp(h: object): boolean {
  return typeof (h as { handle?: unknown }).handle === 'function';
}

/** @internal Every router's bound serveHTTP (the router module adds them): `(req, res, next)`, not a handler taking vars. */
export const routerServers = new WeakSet<object>();

// What withConf hands to the constructor it calls: a router's route starts from the router's
// configuration, without making a default one (options, a Map) to drop at once, per route.
let inheritedConf: RouteConf | undefined;
let inheritedNames: Map<string, Route> | undefined;

/** The route's own subrouter, kept among its matchers so that it runs in call order. */
export class SubrouterMatcher {
  constructor(readonly router: NestedRouter) {}
}

// The implementation signature of the matchers that add variables (their overloads give the typed route).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRoute = Route<any, any, any>;

/** Values for URL building from one object, typed by the variables `V` (any names when `V` is not literal). */
export type BuildValuesOf<V extends object> = { [K in keyof V]: string | readonly string[] };

// Bumped by every change to any route or router (a matcher, a route added, a handler set): what is
// worked out from a whole tree, such as the methods an `OPTIONS *` lists, is kept until it moves.
let routingEpoch = 0;

/** @internal the count of routing changes so far, anywhere (see routingEpoch). */
export function routingVersion(): number {
  return routingEpoch;
}

/** @internal a router's own list or configuration changed. */
export function routingChanged(): void {
  routingEpoch++;
}

/**
 * One route: matchers tried in call order, a handler, a name for URL building (gorilla's Route).
 * `V` is the route's variables, accumulated from literal templates (host, path, queries and the
 * subrouter prefixes above it); `H` and `P` are those of its host and its path (prefixes included), for `urlHost`/`urlPath`.
 */
export class Route<out V extends object = {}, out H extends object = {}, out P extends object = {}> {
  /** @internal configuration; its matchers (inherited ones first, the subrouter among them) run in call order. */
  conf: RouteConf;
  /** @internal names shared by a whole router tree. */
  namedRoutes: Map<string, Route>;
  private rawHandler: Handler | undefined;
  private handlerFn: HandlerFunc | undefined;
  private routeName = '';
  private isBuildOnly = false;
  /** The error of a matcher call that threw: the route then never matches (see `guarded`). */
  private refusedBy: Error | undefined;
  private meta: Map<unknown, unknown> | undefined;
  // (Shared NONE until the first use(): most routes have no middleware of their own.)
  private middlewares: readonly Middleware[] = NONE;
  private sub: NestedRouter | undefined;
  /** @internal the router holding this route, told of changes so that its dispatch is brought up to date. */
  owner: RouteOwner | undefined;
  /** @internal set by the router module: how `subrouter()` makes a Router. */
  static subrouterFactory: SubrouterFactory | undefined;
  // The handler wrapped in the route's own middleware, composed once (again after handler() or use()).
  private composed: HandlerFunc | undefined;

  /** A standalone route (gorilla's `new(Route)`); routers make theirs with `newRoute()`. */
  constructor() {
    if (inheritedConf !== undefined) {
      this.conf = copyRouteConf(inheritedConf);
      this.namedRoutes = inheritedNames!;
      inheritedConf = inheritedNames = undefined;
    } else {
      this.conf = newRouteConf(resolveOptions(), null);
      this.namedRoutes = new Map();
    }
  }

  /** @internal a route of a router, starting from that router's configuration. */
  static withConf<V extends object = {}, H extends object = {}, P extends object = {}>(conf: RouteConf, namedRoutes: Map<string, Route>): Route<V, H, P> {
    inheritedConf = conf;
    inheritedNames = namedRoutes;
    return new Route<V, H, P>();
  }

  // ---- matchers ----

  /** Matches the whole path against a template (`/users/{id:[0-9]+}` or `expressPath('/users/:id')`). */
  path<T extends PathTemplate>(tpl: T): Route<V & VarsOf<T>, H, P & VarsOf<T>>;
  path(tpl: PathTemplate): AnyRoute {
    return this.guarded(() => this.addTemplate(tpl, 'path'));
  }

  /** Matches a path prefix: a plain string prefix, so `/foo` also matches `/foobar` (as gorilla). */
  pathPrefix<T extends PathTemplate>(tpl: T): Route<V & VarsOf<T>, H, P & VarsOf<T>>;
  pathPrefix(tpl: PathTemplate): AnyRoute {
    return this.guarded(() => this.addTemplate(tpl, 'prefix'));
  }

  /** Matches the host; a template without `:` ignores the request's port. */
  host<T extends string>(tpl: T): Route<V & VarsOf<T>, H & VarsOf<T>, P>;
  host(tpl: string): AnyRoute {
    return this.guarded(() => this.addTemplate(tpl, 'host'));
  }

  /** Matches any of the methods (compared upper-cased, exactly). */
  methods(...methods: string[]): this {
    return this.guarded(() => {
      const upper = methods.map((m) => String(m).toUpperCase());
      // implicitHead: the matcher's own list carries HEAD, so both engines (and the 405's Allow) see it.
      if (this.conf.implicitHead && upper.includes('GET') && !upper.includes('HEAD')) upper.push('HEAD');
      return this.addMatcher(new MethodMatcher(upper));
    });
  }

  /** Matches any of the schemes; the first one is the scheme of built URLs. */
  schemes(...schemes: string[]): this {
    return this.guarded(() => {
      const lower = schemes.map((s) => String(s).toLowerCase());
      if (lower.length > 0) this.conf.buildScheme = lower[0]!;
      return this.addMatcher(new SchemeMatcher(lower));
    });
  }

  /** Header name/value pairs; an empty value only requires the header to be present. */
  headers(...pairs: string[]): this {
    return this.guarded(() => this.addMatcher(new HeaderMatcher(pairsToMap(pairs, `headers on ${this.describe()}`))));
  }

  /** Header name/RegExp pairs; a value matches when the RegExp finds a match in it (unanchored). */
  headersRegexp(...pairs: string[]): this {
    return this.guarded(() => {
      const compiled = new Map<string, RegExp>();
      const written = pairsToMap(pairs, `headersRegexp on ${this.describe()}`);
      for (const [k, v] of written) {
        compiled.set(k, compileHeaderRegexp(k, v, this.describe()));
      }
      return this.addMatcher(new HeaderRegexpMatcher(compiled, written));
    });
  }

  /** Query key/value-template pairs: `queries('page', '{page:[0-9]+}')`; an empty value means "present". */
  queries<const Pairs extends readonly string[]>(...pairs: Pairs): Route<V & AllVarsOf<Pairs[number]>, H, P>;
  queries(...pairs: string[]): AnyRoute {
    return this.guarded(() => this.addQueries(pairs));
  }

  private addQueries(pairs: readonly string[]): this {
    checkPairs(pairs, `queries on ${this.describe()}`);
    const compiled: RouteRegexp[] = [];
    // (The route's queries so far count too: those of an earlier queries() call, and a subrouter's parent's.)
    const seen = [...this.templates()];
    for (let i = 0; i < pairs.length; i += 2) {
      const rr = RouteRegexp.fromTemplate(`${pairs[i]}=${pairs[i + 1]}`, 'query', this.templateOptions());
      checkUniqueVars(rr, [...seen, ...compiled]);
      compiled.push(rr);
    }
    this.conf.queries ??= [];
    for (const rr of compiled) {
      this.conf.queries.push(rr);
      this.conf.matchers = this.conf.matchers.with(new QueryMatcher(rr));
    }
    this.changed();
    return this;
  }

  /** A custom matcher: `(req, match) => boolean`. */
  matcherFunc(f: MatcherFunc): this {
    return this.guarded(() => {
      if (typeof f !== 'function') throw new MuxError(`mux: matcherFunc needs a function (${this.describe()})`);
      this.conf.hasFuncMatcher = true;
      return this.addMatcher(new FuncMatcher(f));
    });
  }

  // ---- handler, name, configuration ----

  /**
   * The route's handler: a function `(req, res, vars)`, an object with `serveHTTP(req, res)`, a router's
   * serveHTTP, or a Connect/Express app or router (its `next()` answers 404, `next(err)` is an error).
   */
  handler(h: RouteHandler<Simplify<V>>): this;
  /**
   * An Express app or `express.Router()`, or a Connect app, as the route's handler: called as Connect
   * calls it (its `next()` answers 404, `next(err)` is an error).
   */
  handler(h: ConnectApp): this;
  /** Either kind, as a value typed with both (a table of handlers). */
  handler(h: RouteHandler<Simplify<V>> | ConnectApp): this;
  handler(h: RouteHandler<Simplify<V>> | ConnectApp): this {
    const fn = toHandlerFunc(h as Handler, `the handler of ${this.describe()}`);
    if (typeof h !== 'function' || routerServers.has(h)) this.handlerFn = fn;
    else if (isConnectApp(h)) this.handlerFn = fromConnect(h as unknown as ConnectMiddleware)(notFound);
    // A function declaring one or two parameters is kept as it is: RouteMatch.handler is that function.
    else this.handlerFn = takesThirdArgument(h) ? withVars(h as RouteHandlerFunc<Simplify<V>>) : fn;
    this.rawHandler = h as Handler;
    this.handlersChanged();
    return this;
  }

  /** Same as `handler(f)`, for a function. */
  handlerFunc(f: RouteHandlerFunc<Simplify<V>>): this {
    return this.handler(f);
  }

  /** The handler as given, without middleware. */
  getHandler(): Handler | undefined {
    return this.rawHandler;
  }

  /**
   * The handler wrapped in this route's own middleware (first added outermost). Composed once and reused,
   * so a middleware's outer `(next) => ...` runs once per route; composed again after `handler()` or `use()`.
   */
  getHandlerWithMiddlewares(): HandlerFunc | undefined {
    if (this.composed === undefined && this.handlerFn !== undefined) {
      this.composed = composeMiddleware(this.middlewares, this.handlerFn, this.describe());
    }
    return this.composed;
  }

  /** Route-level middleware, run inside the routers' middleware. */
  use(...mw: Middleware[]): this {
    // (All are checked before any is added: a refused one leaves the route as it was.)
    for (const m of mw) {
      if (typeof m !== 'function') throw new MuxError(`mux: middleware must be a function (next) => handler, got ${m === null ? 'null' : typeof m} (${this.describe()})`);
      refuseConnectMiddleware(m, `use on ${this.describe()}`);
    }
    this.middlewares = [...this.middlewares, ...mw];
    this.handlersChanged();
    return this;
  }

  /** Names the route for `router.get(name)`; a route is named once, and a name belongs to one route. */
  name(name: string): this {
    if (this.routeName !== '') {
      throw new MuxError(`mux: route already has name "${this.routeName}", can't set "${name}"`);
    }
    const other = this.namedRoutes.get(name);
    if (other !== undefined && other !== this) {
      throw new MuxError(`mux: route name "${name}" is already used by ${other.describe()}${other.templatesText(' with ')}; asked for by ${this.describe()}`);
    }
    this.routeName = name;
    this.namedRoutes.set(name, this);
    return this;
  }

  /** The route's name, `''` when it has none. */
  getName(): string {
    return this.routeName;
  }

  /** The route never matches; it still builds URLs. */
  buildOnly(): this {
    this.isBuildOnly = true;
    this.changed();
    return this;
  }

  /** Transforms the variables before URL building; composes with earlier ones (theirs run first). */
  buildVarsFunc(f: BuildVarsFunc): this {
    if (typeof f !== 'function') throw new MuxError(`mux: buildVarsFunc must be a function, got ${typeof f} (${this.describe()})`);
    const old = this.conf.buildVarsFunc;
    // (What an earlier one returned null or undefined for reaches the next as no variables, as Go's nil map.)
    this.conf.buildVarsFunc = old ? (m) => f(old(m) ?? {}) : f;
    return this;
  }

  /** A router whose routes inherit this route's matchers; the same Router on every call. */
  subrouter(): Router<V, H, P> {
    if (this.sub === undefined) {
      this.sub = Route.subrouterFactory!(this.conf, this.namedRoutes, this);
      this.conf.matchers = this.conf.matchers.with(new SubrouterMatcher(this.sub));
      this.changed();
    }
    return this.sub as Router<V, H, P>;
  }

  /** @internal the subrouter, if any. */
  get subrouterOrUndefined(): Router | undefined {
    return this.sub as Router | undefined;
  }

  /** @internal true when the route never matches (buildOnly). */
  get isBuildOnlyRoute(): boolean {
    return this.isBuildOnly;
  }

  /** @internal true when the route never matches: build-only, or a matcher call on it threw. */
  get neverMatches(): boolean {
    return this.isBuildOnly || this.refusedBy !== undefined;
  }

  /** @internal the error of the matcher call that threw, which leaves the route never matching. */
  get refusal(): Error | undefined {
    return this.refusedBy;
  }

  // ---- metadata ----

  /** Stores a metadata value under `key` (any value, compared as Map keys are). */
  metadata(key: unknown, value: unknown): this {
    (this.meta ??= new Map()).set(key, value);
    return this;
  }

  /** All the route's metadata, as a live Map. */
  getMetadata(): Map<unknown, unknown> {
    return (this.meta ??= new Map());
  }

  /** True when metadata was set under `key`. */
  metadataContains(key: unknown): boolean {
    return this.meta?.has(key) ?? false;
  }

  /** Throws ErrMetadataKeyNotFound for a key never set. */
  getMetadataValue(key: unknown): unknown {
    if (!this.metadataContains(key)) throw ErrMetadataKeyNotFound;
    return this.meta!.get(key);
  }

  /** The metadata value under `key`, or `fallback` when none was set. */
  getMetadataValueOr(key: unknown, fallback: unknown): unknown {
    return this.metadataContains(key) ? this.meta!.get(key) : fallback;
  }

  // ---- URL building ----

  /** The full URL: scheme and host when the route has a host template, then path and queries. */
  url(vars: BuildValuesOf<V>): BuiltURL;
  url(...pairs: string[]): BuiltURL;
  url(...args: BuildArgs): BuiltURL {
    const values = this.prepareVars(args);
    let scheme = '';
    let host = '';
    if (this.conf.host) {
      host = this.conf.host.build(values);
      scheme = this.conf.buildScheme || 'http';
    }
    const path = this.conf.path ? this.conf.path.build(values) : '';
    const query = (this.conf.queries ?? []).map((q) => q.build(values)).join('&');
    return new BuiltURL(scheme, host, path, query);
  }

  /** Scheme and host only; throws when the route has no host template. */
  urlHost(vars: BuildValuesOf<H> & Partial<BuildValuesOf<V>>): BuiltURL;
  urlHost(...pairs: string[]): BuiltURL;
  urlHost(...args: BuildArgs): BuiltURL {
    const host = this.need(this.conf.host, "mux: route doesn't have a host");
    return new BuiltURL(this.conf.buildScheme || 'http', host.build(this.prepareVars(args)), '', '');
  }

  /** The path only; throws when the route has no path template. */
  urlPath(vars: BuildValuesOf<P> & Partial<BuildValuesOf<V>>): BuiltURL;
  urlPath(...pairs: string[]): BuiltURL;
  urlPath(...args: BuildArgs): BuiltURL {
    const path = this.need(this.conf.path, "mux: route doesn't have a path");
    return new BuiltURL('', '', path.build(this.prepareVars(args)), '');
  }

  // ---- introspection ----

  /** The path template as written, subrouter prefixes included; throws when the route has no path. */
  getPathTemplate(): string {
    return this.need(this.conf.path, "mux: route doesn't have a path").template;
  }

  /** The source of the path's regular expression; throws when the route has no path. */
  getPathRegexp(): string {
    return this.need(this.conf.path, 'mux: route does not have a path').source;
  }

  /** The query templates as `key=value` strings; throws when the route has none. */
  getQueriesTemplates(): string[] {
    return this.need(this.conf.queries, "mux: route doesn't have queries").map((q) => q.template);
  }

  /** The sources of the queries' regular expressions; throws when the route has none. */
  getQueriesRegexp(): string[] {
    return this.need(this.conf.queries, "mux: route doesn't have queries").map((q) => q.source);
  }

  /** The first methods matcher's methods (inherited ones included). */
  getMethods(): string[] {
    const m = this.conf.matchers.items().find((s): s is MethodMatcher => s instanceof MethodMatcher);
    return [...this.need(m, "mux: route doesn't have methods").methods];
  }

  /** The host template as written; throws when the route has no host. */
  getHostTemplate(): string {
    return this.need(this.conf.host, "mux: route doesn't have a host").template;
  }

  /** Host, then path, then query variable names. */
  getVarNames(): string[] {
    return [...this.templates()].flatMap((rr) => rr.varNames);
  }

  // ---- matching ----

  /** gorilla's Route.Match: true when every matcher passes; fills `match` only then. */
  match(req: RequestLike, match: RouteMatch): boolean {
    match.vars ??= {};
    const state = new MatchState();
    const view = new RequestView(req);
    if (view.malformed) return false;
    if (this.evaluate(view, req, match, state)) {
      settleHandlerless(match, state);
      return true;
    }
    if (state.methodNotAllowed) {
      match.matchErr = ErrMethodMismatch;
      setAllowedMethods(match, state.allowed);
    } else if (state.queryFailed) {
      // Gorilla's Route.Match gives ErrNotFound when a query matcher fails, whatever its methods did.
      match.matchErr = ErrNotFound;
    }
    return false;
  }

  /**
   * @internal Tries every matcher. On a full match fills `match` (route, handler, vars) and returns true.
   * Otherwise leaves `match` as it was and records in `state` whether the route failed only on its methods
   * (with the methods it would accept) or only on its queries.
   */
  evaluate(view: RequestView, req: RequestLike, match: RouteMatch, state: MatchState, only?: RouteFilter): boolean {
    if (this.neverMatches) return false;
    let queryFailed = false;
    // What the failing method matchers accept together; undefined while none failed. (Those that
    // enclosing routes gained after subrouter() count as this route's: see MatchState.enclosingMethods.)
    let allowed = state.enclosingAllowed(view.method);
    let subMatch: RouteMatch | undefined;
    let subMatchState: MatchState | undefined;
    // (An inherited custom matcher writes to the match as the route's own does: taken back the same way.)
    const saved = this.conf.hasFuncMatcher ? snapshot(match) : undefined;
    const matchers = this.conf.matchers.items();
    for (let i = 0; i < matchers.length; i++) {
      const step = matchers[i]!;
      if (step instanceof SubrouterMatcher) {
        const sub = new RouteMatch();
        const subState = state.nested(matchers, i);
        if (step.router.dispatchNested(view, req, sub, subState, only)) {
          subMatch = sub;
          subMatchState = subState;
        } else if (subState.methodNotAllowed) {
          allowed = MatchState.narrowBySubrouter(allowed, subState.allowed);
        } else if (subState.queryBlocked) {
          queryFailed = true;
        } else {
          return restore(match, saved);
        }
      } else if (!step.matches(view, req, match)) {
        if (step.kind === 'method') {
          allowed = MatchState.narrow(allowed, (step as MethodMatcher).methods);
        } else if (step.kind === 'query') {
          queryFailed = true;
        } else {
          return restore(match, saved);
        }
      }
    }
    if (allowed !== undefined || queryFailed) {
      state.routeFailed(MatchState.narrowAll(allowed, state.withEnclosing(methodLists(matchers))), queryFailed);
      return restore(match, saved);
    }
    if (subMatch !== undefined) {
      match.route = subMatch.route ?? this;
      // A subrouter route without a handler falls back to this route's own handler (as gorilla).
      match.handler = subMatch.handler ?? this.getHandlerWithMiddlewares();
      match.matchErr = subMatch.matchErr;
      // A subrouter's own methodNotAllowedHandler answered: its allowed methods go up with it.
      if (subMatch.matchErr === ErrMethodMismatch) setAllowedMethods(match, [...allowedMethods(subMatch)]);
      Object.assign(match.vars, subMatch.vars);
      // No handler on the way up: the subrouter's routes before the one that matched say what this route
      // says about 404 vs 405, as if it had failed (see settleHandlerless).
      if (match.handler === undefined && match.matchErr === undefined) {
        if (subMatchState!.methodNotAllowed) state.routeFailed(MatchState.narrowAll(MatchState.narrowBySubrouter(allowed, subMatchState!.allowed), state.withEnclosing(methodLists(matchers))), false);
        else if (subMatchState!.queryBlocked) state.routeFailed(undefined, true);
      }
    } else {
      match.route = this;
      match.handler = this.getHandlerWithMiddlewares();
      match.matchErr = undefined;
    }
    this.setMatch(view, match);
    return true;
  }

  /** Extracts the variables of a matched request and, under strict slash, sets the redirect. */
  private setMatch(view: RequestView, match: RouteMatch): void {
    const { host, path, queries } = this.conf;
    if (host && host.varNames.length > 0) host.extract(hostInput(host, view), match.vars);
    if (path) {
      const input = pathInput(path, view);
      if (path.varNames.length > 0) path.extract(input, match.vars);
      const redirect = strictSlashRedirect(path, view, this.conf.redirectStatus);
      if (redirect !== undefined) match.handler = redirect;
    }
    if (queries) {
      for (const q of queries) if (q.varNames.length > 0) q.extract(queryInput(q, view), match.vars);
    }
  }

  // ---- helpers ----

  /**
   * Runs a matcher call; when it throws, the route never matches again, as gorilla keeps the error on the
   * route (its Match is then false). The route is already in its router (`r.handleFunc(...)` added it):
   * an app that catches the error must not be left with a route serving without the condition asked for.
   */
  private guarded<T>(call: () => T): T {
    try {
      return call();
    } catch (err) {
      if (this.refusedBy === undefined) {
        this.refusedBy = err instanceof Error ? err : new MuxError(`mux: ${String(err)}`);
        this.changed();
      }
      throw err;
    }
  }

  private addMatcher(m: Matcher): this {
    this.conf.matchers = this.conf.matchers.with(m);
    this.changed();
    return this;
  }

  private changed(): void {
    routingChanged();
    this.owner?.routeChanged(this);
  }

  private handlersChanged(): void {
    routingChanged();
    this.composed = undefined;
    this.owner?.handlersChanged();
  }

  /** @internal the method lists of the route's method matchers: a request's method must be in each. */
  requiredMethods(): (readonly string[])[] {
    return this.conf.matchers.items().filter((m): m is MethodMatcher => m instanceof MethodMatcher).map((m) => m.methods);
  }

  private addTemplate(tpl: PathTemplate, kind: 'path' | 'prefix' | 'host'): this {
    let src: TemplateSource;
    if (tpl instanceof ExpressPath && kind !== 'host') src = tpl;
    else if (typeof tpl === 'string') src = { template: tpl, pieces: parseTemplate(tpl, kind) };
    else throw new MuxError(`mux: ${kind} template must be a string${kind === 'host' ? '' : ' or an expressPath()'}, got ${typeof tpl}`);
    if (kind !== 'host') {
      if (src.template !== '' && src.template[0] !== '/') {
        throw new MuxError(`mux: path must start with a slash, got "${src.template}"`);
      }
    }
    const parent = kind === 'host' ? undefined : this.conf.path;
    const rr = parent === undefined ? RouteRegexp.compile(src, kind, this.templateOptions()) : RouteRegexp.join(parent, src, kind, this.templateOptions());
    // (The host's or path's variables against the route's other templates, without a generator: nested
    // subrouters make one template per level.)
    const others = kind === 'host' ? this.conf.path : this.conf.host;
    checkUniqueVars(rr, others === undefined ? this.conf.queries ?? NONE : [others, ...(this.conf.queries ?? NONE)]);
    if (kind === 'host') {
      this.conf.host = rr;
      return this.addMatcher(new HostMatcher(rr));
    }
    this.conf.path = rr;
    return this.addMatcher(new PathMatcher(rr));
  }

  private templateOptions(): TemplateOptions {
    return {
      strictSlash: this.conf.strictSlash,
      useEncodedPath: this.conf.useEncodedPath,
    };
  }

  /** The route's templates in getVarNames order: host, path, queries. */
  private *templates(): Iterable<RouteRegexp> {
    if (this.conf.host) yield this.conf.host;
    if (this.conf.path) yield this.conf.path;
    if (this.conf.queries) yield* this.conf.queries;
  }

  private prepareVars(args: BuildArgs): Record<string, string> {
    if (this.refusedBy !== undefined) throw new MuxError(`mux: ${this.describe()} builds no URL: ${this.refusedBy.message}`);
    const values: Record<string, string> = {};
    // A value left undefined or null is a variable not given (an optional Express part is left out, any
    // other is missing), not the text "undefined".
    const put = (k: unknown, v: unknown) => {
      if (v === undefined || v === null) return;
      // An Express `*wildcard`'s segments: one left undefined would silently make an empty segment.
      if (Array.isArray(v) && v.some((s) => s === undefined || s === null)) {
        throw new MuxError(`mux: a segment of route variable "${String(k)}" is ${v.includes(null) ? 'null' : 'undefined'} (${this.describe()})`);
      }
      values[String(k)] = Array.isArray(v) ? v.join('/') : String(v);
    };
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
      for (const [k, v] of Object.entries(args[0])) put(k, v);
    } else {
      checkPairs(args as string[], `URL building for ${this.describe()}`);
      for (let i = 0; i < args.length; i += 2) put(args[i], args[i + 1]);
    }
    if (this.conf.buildVarsFunc === undefined) return values;
    const built: unknown = this.conf.buildVarsFunc(values);
    // (Go's nil map from a BuildVarsFunc reads as empty: every variable is then missing.)
    if (built === null || built === undefined) return {};
    if (typeof built !== 'object') throw new MuxError(`mux: buildVarsFunc returned ${typeof built}, not an object of variables (${this.describe()})`);
    return built as Record<string, string>;
  }

  private need<T>(value: T | undefined | null, message: string): T {
    if (value === undefined || value === null) throw new MuxError(`${message} (${this.describe()})`);
    return value;
  }

  /** @internal How errors name this route: its name, else its templates. */
  describe(): string {
    if (this.routeName !== '') return `route "${this.routeName}"`;
    const parts = this.templatesText('');
    return parts !== '' ? `route with ${parts}` : 'unnamed route without a path';
  }

  // `host "…" and path "…"` after `lead`, or nothing for a route with neither.
  private templatesText(lead: string): string {
    const parts: string[] = [];
    if (this.conf.host) parts.push(`host "${this.conf.host.template}"`);
    if (this.conf.path) parts.push(`path "${this.conf.path.template}"`);
    return parts.length > 0 ? lead + parts.join(' and ') : '';
  }
}

function checkUniqueVars(rr: RouteRegexp, others: readonly RouteRegexp[]): void {
  // `__proto__` cannot be a key of a plain object (setting it changes the prototype; `{ __proto__: 'x' }`
  // makes no property): such a variable could neither be read from vars nor given to url(). Refused.
  if (rr.varNames.includes('__proto__')) {
    throw new MuxError(`mux: variable name "__proto__" is not allowed, in "${rr.template}"`);
  }
  for (const other of others) {
    for (const name of rr.varNames) {
      if (other.varNames.includes(name)) {
        throw new MuxError(`mux: duplicated route variable "${name}" in "${rr.template}" and "${other.template}"`);
      }
    }
  }
}

type Snapshot = Pick<RouteMatch, 'route' | 'handler' | 'matchErr' | 'vars'>;

// A custom matcher sees the live RouteMatch and may write to it; a route that then fails takes that back.
function snapshot(m: RouteMatch): Snapshot {
  return { route: m.route, handler: m.handler, matchErr: m.matchErr, vars: { ...m.vars } };
}

function restore(m: RouteMatch, s: Snapshot | undefined): false {
  if (s !== undefined) {
    m.route = s.route;
    m.handler = s.handler;
    m.matchErr = s.matchErr;
    m.vars = s.vars;
  }
  return false;
}
