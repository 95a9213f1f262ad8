import type { RequestView } from '../matchers/request-view.js';
import type { Route } from '../route/route.js';
import { RouteIndex } from './route-index.js';

/**
 * The order and set of routes a router tries for a request. Matching lives in Route; this only decides
 * which routes are worth trying, always in registration order. The index is rebuilt lazily after any
 * route is added or changed.
 */
export class RouteTable {
  readonly routes: Route[] = [];
  private index: RouteIndex | undefined;

  /** `indexed()` false: the plain in-order scan (every route is a candidate, nothing is settled early). */
  constructor(private readonly indexed: () => boolean) {}

  add(route: Route): void {
    route.order = this.routes.length;
    route.onChange = () => (this.index = undefined);
    this.routes.push(route);
    this.index = undefined;
  }

  /** The routes to try for this request, in registration order. */
  candidates(view: RequestView): readonly Route[] {
    return this.indexed() ? this.currentIndex().candidates(view.path) : this.routes;
  }

  /** The winner, when the routes' paths and methods alone settle the request (see RouteIndex.resolve). */
  resolve(path: string, method: string, vars: Record<string, string>, targetTried = false): Route | undefined {
    return this.indexed() ? this.currentIndex().resolve(path, method, vars, targetTried) : undefined;
  }

  /** The same for a whole request target that is a static path as is (see RouteIndex.resolveTarget). */
  resolveTarget(target: string, method: string, vars: Record<string, string>): Route | undefined {
    return this.indexed() ? this.currentIndex().resolveTarget(target, method, vars) : undefined;
  }

  private currentIndex(): RouteIndex {
    return (this.index ??= new RouteIndex(this.routes));
  }
}
