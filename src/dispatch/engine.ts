import type { RequestView } from '../matchers/request-view.js';
import { MatchState, type RouteMatch } from '../route/route-match.js';
import type { NestedRouter, Route, SubrouterMatcher } from '../route/route.js';
import type { Matcher } from '../matchers/matchers.js';
import type { SharedList } from '../shared-list.js';
import type { HandlerFunc, RequestLike } from '../types.js';

/** What a dispatch engine reads of a router and the routers below it (Router implements it). */
export interface RouteTree extends NestedRouter {
  /** The router's routes, in registration order. */
  readonly routeList: readonly Route[];
  /** What the router's routes start from: the matchers it inherited from the route it is the subrouter of. */
  readonly conf: { readonly matchers: SharedList<Matcher | SubrouterMatcher> };
  /** True when the router answers unmatched requests itself (a notFound or methodNotAllowed handler). */
  readonly answersMisses: boolean;
  /**
   * An engine above this router read its routes (flattening it): changes here are told above again.
   * (Routers stop telling the routers above of changes until then, so that building a deep tree is linear.)
   */
  routesRead(): void;
  /** `handler` wrapped in this router's middleware (composed once per handler, again after `use()`). */
  wrap(handler: HandlerFunc): HandlerFunc;
}

/** A request as the engines read it: the raw pieces, and its parsed view made on first use. */
export interface Lookup {
  readonly req: RequestLike;
  readonly method: string;
  /** The decoded path. */
  readonly path: string;
  /**
   * True when serving has not checked yet that the path is clean (gorilla redirects a path that is not
   * before it matches anything). The engine then checks it, or proves it from the segments of the route
   * it found, before it runs a matcher that is not built in or answers; a path that is not clean gets
   * UNCLEAN_PATH, with nothing run and `match` untouched.
   */
  readonly cleanUnchecked: boolean;
  view(): RequestView;
}

/** What an engine answers for a path that is not clean, when its lookup said so (Lookup.cleanUnchecked). Never written to. */
export const UNCLEAN_PATH = new MatchState();

/**
 * Decides which route a router's request goes to: which routes are tried, in which order, and which one
 * wins. Routes' own matchers decide whether they match; an engine never re-implements one.
 */
export interface Engine {
  /**
   * On a match, fills `match` (route, handler wrapped in the middleware of every router from the route up
   * to and including this one, vars) and returns true. Otherwise leaves `match` as it was and returns
   * what the routes' failures say about 404 vs 405.
   */
  find(lookup: Lookup, match: RouteMatch): true | MatchState;
  /**
   * Settles a request whose whole target is a static path as is (no query, no percent-encoding) without
   * parsing it, when a literal route's path decides it (its other matchers checked on `req`): true on a
   * match (as `find`), what the failures say when no route matched, undefined when it cannot tell (then
   * call `find`). `cleanUnchecked` as in Lookup.
   */
  findTarget(req: RequestLike, target: string, method: string, match: RouteMatch, cleanUnchecked: boolean): true | MatchState | undefined;
  /** A route was appended to the router. */
  routeAdded(route: Route): void;
  /** The matchers of `route` (one of the router's own) or of something below it changed. */
  routeChanged(route: Route): void;
  /** A handler or middleware changed somewhere in the tree. */
  handlersChanged(): void;
}
