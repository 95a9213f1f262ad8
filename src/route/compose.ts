import { MuxError } from '../errors.js';
import type { HandlerFunc, Middleware } from '../types.js';

/**
 * Wraps `handler` in middleware, the first of the list outermost. A middleware that returns no function
 * is a MuxError naming it (thrown when the chain is composed, so it reaches the error path as a 500),
 * never a handler that silently does nothing.
 */
export function composeMiddleware(middlewares: readonly Middleware[], handler: HandlerFunc): HandlerFunc {
  let h = handler;
  for (let i = middlewares.length - 1; i >= 0; i--) {
    const mw = middlewares[i]!;
    const next: unknown = mw(h);
    if (typeof next !== 'function') {
      throw new MuxError(`mux: middleware ${mw.name ? `"${mw.name}"` : `#${i + 1}`} returned ${next === null ? 'null' : typeof next}, not a handler function`);
    }
    h = next as HandlerFunc;
  }
  return h;
}
