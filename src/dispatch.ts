import type { RequestView } from './request-view.js';
import type { Route } from './route.js';

/**
 * The order and set of routes a router tries for a request. Matching lives in Route; this only decides
 * which routes are worth trying, always in registration order.
 */
export class RouteTable {
  readonly routes: Route[] = [];

  add(route: Route): void {
    this.routes.push(route);
  }

  /** The routes to try for this request, in registration order. */
  candidates(_view: RequestView): readonly Route[] {
    return this.routes;
  }
}
