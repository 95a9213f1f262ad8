import { newRouter, Route, type Router, type RouterOptions } from '../src/index.js';

/** The two dispatch engines: the route index (default) and gorilla's plain in-order scan. */
export const ENGINES = [
  { name: 'index', options: {} as RouterOptions },
  { name: 'scan', options: { index: false } as RouterOptions },
] as const;

// The engine of the suite being defined, then of the case running (read by R()).
let defining: RouterOptions | undefined;
let active: RouterOptions | undefined;

/**
 * Runs a suite once per engine. `make(options?)` makes a router on that engine; every spec that matches
 * requests builds its routers through it, so both engines answer the same cases.
 */
export function describeEngines(title: string, suite: (make: (options?: RouterOptions) => Router) => void): void {
  for (const engine of ENGINES) {
    describe(title === '' ? `[${engine.name}]` : `${title} [${engine.name}]`, () => {
      defining = engine.options;
      try {
        suite((options) => newRouter({ ...engine.options, ...options }));
      } finally {
        defining = undefined;
      }
    });
  }
}

/** The engine of the suite being defined (undefined outside describeEngines): for cases built later. */
export function definingEngine(): RouterOptions | undefined {
  return defining;
}

/** Runs `fn` with R() making routes of routers on `engine` (standalone routes when undefined). */
export function withEngine<T>(engine: RouterOptions | undefined, fn: () => T): T {
  const saved = active;
  active = engine;
  try {
    return fn();
  } finally {
    active = saved;
  }
}

/** A new route: of a new router on the running case's engine, or standalone (gorilla's `new(Route)`). */
export function R(): Route {
  return active === undefined ? new Route() : newRouter(active).newRoute();
}

/** The router a route's request goes through: the root of its router tree (undefined for a standalone route). */
export function rootRouterOf(route: Route): Router | undefined {
  let router = route.owner as Router | undefined;
  while (router?.parentRoute?.owner !== undefined) router = router.parentRoute.owner as Router;
  return router;
}
