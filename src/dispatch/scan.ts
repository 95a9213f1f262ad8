import { MatchState, type RouteMatch, settleHandlerless } from '../route/route-match.js';
import type { RouteFilter } from '../route/route.js';
import { isClean } from '../url/clean-path.js';
import { type Engine, type Lookup, type RouteTree, UNCLEAN_PATH } from './engine.js';

/**
 * gorilla's loop: every route's matchers, in registration order, until one matches. `only`, when given,
 * leaves out the routes that cannot match (the index knows them); it is handed down to subrouters.
 * On a match, the router's middleware wraps the handler.
 */
export function scan(tree: RouteTree, lookup: Lookup, match: RouteMatch, state: MatchState, only?: RouteFilter): boolean {
  const view = lookup.view();
  if (only?.open(tree)) only = undefined;
  // The routes as they were when the request came (gorilla ranges over its slice): one that a matcher
  // registers while the request is matched is not tried for it, as the index does not try it.
  const routes = tree.routeList;
  const count = routes.length;
  for (let i = 0; i < count; i++) {
    const route = routes[i]!;
    if (only !== undefined && !only.has(route)) continue;
    if (route.evaluate(view, lookup.req, match, state, only)) {
      if (match.matchErr === undefined && match.handler !== undefined) match.handler = tree.wrap(match.handler);
      return true;
    }
  }
  return false;
}

/**
 * A router's scan from the top: true on a match (a route without a handler that matched is settled by
 * the routes before it: see settleHandlerless), else what the failures say.
 */
export function scanRouter(tree: RouteTree, lookup: Lookup, match: RouteMatch, state: MatchState, only?: RouteFilter): true | MatchState {
  if (!scan(tree, lookup, match, state, only)) return state;
  settleHandlerless(match, state);
  return true;
}

/** The reference engine (`newRouter({ index: false })`): the plain in-order scan, nothing settled early. */
export class ScanEngine implements Engine {
  constructor(private readonly tree: RouteTree) {}

  find(lookup: Lookup, match: RouteMatch): true | MatchState {
    if (lookup.cleanUnchecked && !isClean(lookup.path)) return UNCLEAN_PATH;
    const state = new MatchState();
    return scanRouter(this.tree, lookup, match, state);
  }

  findTarget(): undefined {
    return undefined;
  }

  routeAdded(): void {}

  routeChanged(): void {}

  handlersChanged(): void {}
}
