import { MuxError } from '../errors.js';
import type { HandlerFunc, Middleware } from '../types.js';

/**
 * Wraps `handler` in middleware, the first of the list outermost. Composed once per route (and per
 * router and handler), not per request. A middleware that returns anything but a function (most often
 * `undefined`, from a forgotten `return`) is a MuxError naming it, `where` it was added and its position
 * there, which serveHTTP answers with 500 through the error path, never a silent 404.
 */
export function composeMiddleware(middlewares: readonly Middleware[], handler: HandlerFunc, where: string): HandlerFunc {
  let h = handler;
  for (let i = middlewares.length - 1; i >= 0; i--) {
    const mw = middlewares[i]!;
    const next: unknown = mw(h);
    if (typeof next !== 'function') {
      const name = mw.name !== '' ? `"${mw.name}"` : '(anonymous)';
      const got = next === null ? 'null' : typeof next;
      throw new MuxError(`mux: middleware ${name}, number ${i + 1} added with use() on ${where}, returned ${got} instead of a handler function`);
    }
    h = next as HandlerFunc;
  }
  return h;
}
