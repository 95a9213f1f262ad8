import type { Route } from './route.js';
import type { HandlerFunc } from '../types.js';
import { methodLists } from '../matchers/matchers.js';
import { ErrMethodMismatch } from '../errors.js';

/** The result of `match()` (gorilla's RouteMatch). */
export class RouteMatch {
  /** The route that matched (the leaf route of a subrouter). */
  route?: Route;
  /** What serving would run: the handler wrapped in its middleware, a redirect, or a custom 404/405. */
  handler?: HandlerFunc;
  /** The matched variables. */
  vars: Record<string, string> = {};
  /** `ErrMethodMismatch` or `ErrNotFound` when no route matched (also when a custom handler answers). */
  matchErr?: Error;
}

const NO_LISTS: readonly (readonly string[])[] = [];

/** Methods that would have matched, attached to a RouteMatch whose matchErr is ErrMethodMismatch. */
const allowedKey = Symbol('tsmux.allowedMethods');
type WithAllowed = RouteMatch & { [allowedKey]?: string[] };

export function setAllowedMethods(match: RouteMatch, methods: string[]): void {
  (match as WithAllowed)[allowedKey] = methods;
}

/** The methods for a 405's `Allow` header, in registration order without duplicates. */
export function allowedMethods(match: RouteMatch): readonly string[] {
  return (match as WithAllowed)[allowedKey] ?? [];
}

/**
 * What the failed routes of one dispatch said about the 404/405 decision: a 405 needs a route that
 * failed only on its methods, and no route accepting the method that failed only on its queries. Routes
 * report in registration order.
 */
export class MatchState {
  methodFailed = false;
  queryBlocked = false;
  /** A route failed on its queries and otherwise only on its methods, if at all (gorilla's ErrNotFound for a lone route). */
  queryFailed = false;
  private methods: string[] | undefined;
  private listed: Set<string> | undefined;
  /**
   * The method lists that enclosing routes gained after `subrouter()` (their routers' routes did not
   * inherit them): for 404 vs 405 and `Allow`, every route reporting here must pass them too, as if it had
   * inherited them. Undefined when there are none (the usual case).
   */
  enclosingMethods: readonly (readonly string[])[] | undefined;

  /** What the enclosing method lists that refuse `method` accept together; undefined when none refuses it. */
  enclosingAllowed(method: string): readonly string[] | undefined {
    let allowed: readonly string[] | undefined;
    for (const list of this.enclosingMethods ?? NO_LISTS) if (!list.includes(method)) allowed = MatchState.narrow(allowed, list);
    return allowed;
  }

  /** A route's own method lists and the enclosing ones, which count as its own. */
  withEnclosing(lists: (readonly string[])[]): readonly (readonly string[])[] {
    return this.enclosingMethods === undefined ? lists : [...lists, ...this.enclosingMethods];
  }

  /** The state for a subrouter's routes, below a route whose matchers from `after` on are its own (not inherited). */
  nested(matchers: readonly unknown[], after: number): MatchState {
    const state = new MatchState();
    // (The usual subrouter route gained nothing after subrouter(): no list is made for it.)
    const own = after + 1 < matchers.length ? methodLists(matchers.slice(after + 1)) : NO_LISTS;
    state.enclosingMethods = own.length === 0 ? this.enclosingMethods : [...(this.enclosingMethods ?? []), ...own];
    return state;
  }

  /**
   * Records what one failed route says: `allowed` is what its failing method matchers accept together
   * (undefined when none failed), `queryFailed` whether a query matcher failed. A route that failed only on
   * its methods adds them to `Allow`; one that failed only on its queries blocks the 405; one that failed
   * on both says nothing. (A route that failed on any other matcher is not recorded at all.)
   */
  routeFailed(allowed: readonly string[] | undefined, queryFailed: boolean): void {
    if (queryFailed) this.queryFailed = true;
    if (allowed !== undefined && !queryFailed) this.addAllowed(allowed);
    else if (queryFailed && allowed === undefined) this.queryBlocked = true;
  }

  /** The methods that both a route's earlier failing method matchers and one more accept. */
  static narrow(allowed: readonly string[] | undefined, methods: readonly string[]): readonly string[] {
    return allowed === undefined ? methods : allowed.filter((m) => methods.includes(m));
  }

  /**
   * What a subrouter's 405 allows (`sub`, in its routes' registration order) that the methods its route
   * failed on so far (`allowed`, undefined when none) allow too: in the subrouter's order.
   */
  static narrowBySubrouter(allowed: readonly string[] | undefined, sub: readonly string[]): readonly string[] {
    return allowed === undefined ? sub : sub.filter((m) => allowed.includes(m));
  }

  /**
   * What a route that failed on a method list (`allowed` defined) would accept: what every one of its
   * method lists accepts, the passing ones too (`methods('GET','PUT')` and `methods('PUT','POST')` allow
   * PUT to a GET, not POST). Empty when no method passes them all: an empty `Allow`, as RFC 9110 reads it.
   */
  static narrowAll(allowed: readonly string[] | undefined, lists: readonly (readonly string[])[]): readonly string[] | undefined {
    if (allowed === undefined) return undefined;
    // (A list that holds all of them, such as the one failing list they came from, makes no copy.)
    for (const list of lists) if (!allowed.every((m) => list.includes(m))) allowed = MatchState.narrow(allowed, list);
    return allowed;
  }

  addAllowed(methods: readonly string[]): void {
    this.methodFailed = true;
    const out = (this.methods ??= []);
    for (const m of methods) {
      if (out.length < 16) {
        if (!out.includes(m)) out.push(m);
        continue;
      }
      // Past a few methods, a Set tells the ones already listed (a path with ten thousand routes of
      // distinct methods made each 405 quadratic: 2 s at 40,000).
      const listed = (this.listed ??= new Set(out));
      if (!listed.has(m)) {
        listed.add(m);
        out.push(m);
      }
    }
  }

  /** The allowed methods in registration order, without duplicates. */
  get allowed(): string[] {
    return this.methods ?? [];
  }

  /** True when the failures add up to a 405. */
  get methodNotAllowed(): boolean {
    return this.methodFailed && !this.queryBlocked;
  }
}

/**
 * A route without a handler won (gorilla #530: `r.host(...)` alone is such a route): the request is
 * answered as though nothing had matched among the routes before it, which `earlier` holds: a 405 with
 * their `Allow` when they add up to one, else the 404 of a match without a handler. (Gorilla's
 * ServeHTTP answers 405 then, its match keeping the method mismatch of an earlier route; the routes after
 * the winner are not tried.)
 */
export function settleHandlerless(match: RouteMatch, earlier: MatchState | undefined): void {
  if (match.handler !== undefined || match.matchErr !== undefined || earlier === undefined || !earlier.methodNotAllowed) return;
  match.matchErr = ErrMethodMismatch;
  setAllowedMethods(match, earlier.allowed);
}
