import type { Matcher } from '../../matchers/matchers.js';
import { SubrouterMatcher, type Route } from '../../route/route.js';
import { type LayoutSegment, segmentLayout } from '../../template/layout.js';
import { patternCanMatch } from '../../template/pattern.js';
import type { RouteRegexp } from '../../template/template.js';
import { fitted, fittedOrNone } from '../../small-arrays.js';
import { SharedList } from '../../shared-list.js';
import type { HandlerFunc } from '../../types.js';
import type { RouteTree } from '../engine.js';

/**
 * A route of the tree as the index sees it: subrouters are flattened into the router the index belongs
 * to, so a route under a host or prefix subrouter is indexed like any other. Leaves come in the order
 * the in-order scan would reach them (depth first, registration order).
 */
export interface Leaf {
  /** The route that wins when this leaf matches. */
  readonly route: Route;
  /** From one of the index's own routes (first) down to `route` (last), through the subrouters. */
  readonly chain: readonly Route[];
  /** `trees[i]` is the router holding `chain[i]`. */
  readonly trees: readonly RouteTree[];
  /** Position in the flattened order. */
  readonly order: number;
  /**
   * True when the request's path, method, host, scheme, headers and queries alone decide whether the leaf
   * matches, with the same answer as evaluating `chain[0]`. False for a custom matcher, a subrouter that
   * answers misses itself, and the other cases only evaluation gets right: the index then hands the
   * request to the scan of the routes that may match.
   */
  readonly decided: boolean;
}

/** The leaves of a router tree, depth first; `first` is the order of the first one. */
export function leavesOf(tree: RouteTree, routes: readonly Route[], first: number): Leaf[] {
  const out: Leaf[] = [];
  // An explicit stack: a tree may be deep, and nothing here may depend on the call stack's size. The
  // chains are shared lists, laid out as arrays only for leaves: copied at each level, a tree of nested
  // subrouters d deep kept chains of total size ~d². `trees` is the same for every route of one router,
  // laid out once per router and shared by its leaves.
  const stack: { routes: readonly Route[]; i: number; chain: SharedList<Route>; trees: SharedList<RouteTree> }[] = [
    { routes, i: 0, chain: SharedList.empty(), trees: SharedList.of([tree]) },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.routes.length) {
      stack.pop();
      continue;
    }
    const route = top.routes[top.i++]!;
    // A build-only route (or one a matcher call failed on) never matches and says nothing about 404 or 405.
    if (route.neverMatches) continue;
    const chain = top.chain.with(route);
    const sub = route.subrouterOrUndefined;
    if (sub === undefined || !flattens(route, sub)) {
      out.push({ route, chain: chain.items(), trees: top.trees.items(), order: first + out.length, decided: sub === undefined && decided(route) });
    } else {
      sub.routesRead();
      stack.push({ routes: sub.routeList, i: 0, chain, trees: top.trees.with(sub) });
    }
  }
  return out;
}

/**
 * Whether a route's subrouter can be flattened: the subrouter's routes then carry every condition of the
 * route (they inherited its matchers when it was made, and it gained none since).
 */
function flattens(route: Route, sub: RouteTree): boolean {
  // A matcher added after subrouter() is checked by the route alone.
  if (!(route.conf.matchers.last instanceof SubrouterMatcher)) return false;
  // A subrouter with its own 404/405 handler matches whatever reaches it.
  if (sub.answersMisses) return false;
  // A whole-path template on the route itself may redirect under strict slash, which only evaluation does.
  return route.conf.path?.kind !== 'path';
}

function decided(route: Route): boolean {
  if (route.conf.path?.useEncodedPath) return false;
  return route.conf.matchers.items().every((m) => !(m instanceof SubrouterMatcher) && m.index.kind !== 'evaluate');
}

/** The handler a leaf's match runs, wrapped as nested evaluation would wrap it. */
export function leafHandler(leaf: Leaf): HandlerFunc | undefined {
  let h: HandlerFunc | undefined;
  for (let i = leaf.chain.length - 1; i >= 0; i--) {
    // A subrouter route without a handler falls back to the handler of the route holding the subrouter.
    h ??= leaf.chain[i]!.getHandlerWithMiddlewares();
    if (h !== undefined) h = leaf.trees[i]!.wrap(h);
  }
  return h;
}

/** How the trie checks a leaf beyond the segments it placed. */
export interface Check {
  /** The request's method must be in each list. */
  readonly methods: readonly (readonly string[])[];
  /** The one method accepted, when there is exactly one (the common case, compared directly). */
  readonly onlyMethod: string | undefined;
  /** Matchers checked on the request as they are (host, scheme, headers, queries, prefixes not implied by the path). */
  readonly extras: readonly Matcher[];
  /** One of the extras is a query matcher (whose failure may turn a 405 into a 404). */
  readonly hasQuery: boolean;
  /**
   * Templates whose variables are extracted after the path's, in the order nested evaluation sets them
   * (the route's host and queries, then each enclosing route's templates that differ from the route's).
   */
  readonly extract: readonly RouteRegexp[];
  /** 1 when `extract` starts with the route's host (whose variables the scan sets before the path's), else 0. */
  readonly hostFirst: 0 | 1;
}

/** Where a leaf's path template sits in the trie, and how much of it the trie checks. */
export interface Placement {
  readonly template: RouteRegexp | undefined;
  /** The leading segments placed in the trie. */
  readonly segments: readonly LayoutSegment[];
  /** The leaf ends where the placed segments end (a complete path template). */
  readonly terminal: boolean;
  /** The trie checks the whole template: its segments, or its segments and a tail variable. */
  readonly exact: boolean;
  readonly tail: LayoutSegment & { kind: 'param' } | undefined;
}

/** Where a leaf is placed: its own path template's layout, or the root for a leaf without a path. */
export function placementOf(leaf: Leaf): Placement {
  const rr = leaf.route.conf.path;
  if (rr === undefined || rr.useEncodedPath) return { template: rr, segments: [], terminal: false, exact: false, tail: undefined };
  const layout = segmentLayout(rr);
  if (rr.kind === 'prefix') {
    // A prefix's last segment may continue in the request (`/api` matches `/apix`): it is not placed.
    const placed = layout.complete ? layout.segments.slice(0, -1) : layout.segments;
    return { template: rr, segments: placed, terminal: false, exact: false, tail: undefined };
  }
  const tail = layout.tail === undefined ? undefined : { kind: 'param' as const, variable: layout.tail };
  return { template: rr, segments: layout.segments, terminal: layout.complete, exact: layout.complete || tail !== undefined, tail };
}

/** The checks of a decided leaf beyond its own path template. */
export function checkOf(leaf: Leaf): Check {
  const route = leaf.route;
  const path = route.conf.path;
  const methods: (readonly string[])[] = [];
  const extras: Matcher[] = [];
  // The prefixes inherited through nested subrouters, innermost last: each one the route's template (or
  // an inner prefix that holds whenever the template does) implies needs no check of its own.
  let implied = path;
  const matchers = route.conf.matchers.items();
  for (let i = matchers.length - 1; i >= 0; i--) {
    const m = matchers[i]!;
    if (m instanceof SubrouterMatcher) continue;
    const hint = m.index;
    if (hint.kind === 'methods') methods.push(hint.methods);
    else if (hint.kind === 'path') {
      if (hint.template === path) continue;
      if (implied !== undefined && impliedBy(hint.template, implied)) implied = hint.template;
      else extras.push(m);
    } else extras.push(m);
  }
  // Collected innermost first; checked in call order.
  methods.reverse();
  extras.reverse();
  const extract: RouteRegexp[] = [];
  const own = route.conf.queries ?? [];
  if (route.conf.host !== undefined && route.conf.host.varNames.length > 0) extract.push(route.conf.host);
  for (const q of own) if (q.varNames.length > 0) extract.push(q);
  for (let i = leaf.chain.length - 2; i >= 0; i--) {
    const conf = leaf.chain[i]!.conf;
    // What nested evaluation extracts again for an enclosing route, unless it gives the values just set.
    const host = conf.host;
    if (host !== undefined && host.varNames.length > 0 && host !== route.conf.host) extract.push(host);
    const prefix = conf.path;
    if (prefix !== undefined && prefix.varNames.length > 0 && prefix !== path && !(path !== undefined && sameVars(prefix, path))) extract.push(prefix);
    for (const q of conf.queries ?? []) if (q.varNames.length > 0 && !own.includes(q)) extract.push(q);
  }
  const only = methods.length === 1 && methods[0]!.length === 1 ? methods[0]![0] : undefined;
  return {
    methods: fitted(methods),
    onlyMethod: only,
    extras: fittedOrNone(extras),
    hasQuery: extras.some((m) => m.kind === 'query'),
    extract: fittedOrNone(extract),
    hostFirst: extract.length > 0 && extract[0] === route.conf.host ? 1 : 0,
  };
}

// `prefix` holds for any input that `path` matches: path's RegExp starts with the prefix's whole RegExp.
// A template joined onto the prefix as it is starts with it by construction: known without comparing
// sources, which grow with the depth of the subrouters (comparing them at each level was quadratic).
// Otherwise the answer is remembered per pair, on `path`: nested subrouters ask about the same prefixes again and again.
function impliedBy(prefix: RouteRegexp, path: RouteRegexp): boolean {
  if (prefix.kind !== 'prefix' || prefix.useEncodedPath !== path.useEncodedPath) return false;
  if (path.joinedOnto === prefix) return true;
  const known = (path.impliesMemo ??= new Map());
  let implied = known.get(prefix);
  if (implied === undefined) {
    implied = path.source.startsWith(prefix.source);
    known.set(prefix, implied);
  }
  return implied;
}

/**
 * True when extracting `prefix`'s variables from a path that `path` matched gives the values `path` gave
 * them, so nested evaluation's second extraction changes nothing. It holds when `path` starts with the
 * prefix and every prefix variable lies inside a segment that `/` bounds in `path`'s match: such a
 * segment's split does not depend on what follows. The prefix's last segment is followed by nothing in
 * the prefix's own RegExp, so it must be plain text, or text then one variable whose pattern takes the
 * longest run it can (a single class, greedy and unbounded), which reaches the `/` that follows.
 */
function sameVars(prefix: RouteRegexp, path: RouteRegexp): boolean {
  if (!impliedBy(prefix, path)) return false;
  const layout = segmentLayout(prefix);
  if (!layout.complete) return false;
  const last = layout.segments[layout.segments.length - 1];
  if (last === undefined || last.kind === 'text') return true;
  const pieces = last.kind === 'param' ? [{ name: last.variable.name, pattern: last.variable.pattern }] : last.pieces;
  const variables = pieces.filter((p) => 'name' in p);
  const end = pieces[pieces.length - 1]!;
  return variables.length === 1 && 'pattern' in end && GREEDY_CLASS_RUN.test(end.pattern) && !patternCanMatch(end.pattern, '/');
}

// One character class (or \d, \w), greedy, with no upper bound: it takes the longest run of its characters.
const GREEDY_CLASS_RUN = /^(?:\[\^?(?:[^\\\][]|\\[dws\\\]\-/.])+\]|\\[dw])(?:\+|\*|\{\d+,\})$/;
