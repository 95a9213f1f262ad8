import { newRouter, type Router, type RouterOptions } from '../src/index.js';

/** The two dispatch engines: the route index (default) and gorilla's plain in-order scan. */
export const ENGINES = [
  { name: 'index', options: {} as RouterOptions },
  { name: 'scan', options: { index: false } as RouterOptions },
] as const;

/**
 * Runs a suite once per engine. `make(options?)` makes a router on that engine; every spec that matches
 * requests builds its routers through it, so both engines answer the same cases.
 */
export function describeEngines(title: string, suite: (make: (options?: RouterOptions) => Router) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} [${engine.name}]`, () => suite((options) => newRouter({ ...engine.options, ...options })));
  }
}
