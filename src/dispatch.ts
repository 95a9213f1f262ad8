import type { RequestView } from './request-view.js';
import type { Route } from './route.js';
import { RouteIndex } from './route-index.js';

/**
 * The order and set of routes a router tries for a request. Matching lives in Route; this only decides
 * which routes are worth trying, always in registration order. The index is rebuilt lazily after any
 * route is added or changed.
 */
export class RouteTable {
  readonly routes: Route[] = [];
  private index: RouteIndex | undefined;

  add(route: Route): void {
    route.order = this.routes.length;
    route.onChange = () => (this.index = undefined);
    this.routes.push(route);
    this.index = undefined;
  }

  /** The routes to try for this request, in registration order. */
  candidates(view: RequestView): readonly Route[] {
    return (this.index ??= new RouteIndex(this.routes)).candidates(view.path);
  }
}
