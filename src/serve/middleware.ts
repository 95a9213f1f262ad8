import { MuxError } from '../errors.js';
import type { HandlerFunc, Middleware } from '../types.js';

/**
 * Wraps `next` in one middleware. A middleware that returns anything but a function (most often
 * `undefined`, from a forgotten `return`) is a MuxError naming it, `where` it was added and its
 * position there, which serveHTTP answers with 500 through the error path, never a silent 404.
 */
export function applyMiddleware(mw: Middleware, next: HandlerFunc, where: string, position: number): HandlerFunc {
  const h: unknown = mw(next);
  if (typeof h !== 'function') {
    const name = mw.name !== '' ? `"${mw.name}"` : '(anonymous)';
    const got = h === null ? 'null' : typeof h;
    throw new MuxError(`mux: middleware ${name}, number ${position + 1} added with use() on ${where}, returned ${got} instead of a handler function`);
  }
  return h as HandlerFunc;
}
