import { MuxError } from '../errors.js';
import { isThenable, type HandlerFunc, type Middleware, type Request, type Response } from '../types.js';
import type { Router } from '../router/router.js';
import { reportDroppedRejection, servingRouter } from './context.js';

/**
 * Throws a MuxError naming `where` when middleware `m` (a function) declares Express's `(req, res, next)`:
 * given the next handler as its request, it would fail on every request; `fromConnect(fn)` runs it.
 */
export function refuseConnectMiddleware(m: Middleware, where: string): void {
  if (m.length < 3) return;
  const name = m.name === '' ? 'a function' : `function "${m.name}"`;
  throw new MuxError(`mux: ${where}: ${name} declares ${m.length} parameters, like an Express or Connect middleware (req, res, next); a middleware takes the next handler and returns a handler: wrap it with fromConnect(fn)`);
}

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
    const next: unknown = mw(guarded(h));
    if (typeof next !== 'function') {
      const name = mw.name !== '' ? `"${mw.name}"` : '(anonymous)';
      const got = next === null ? 'null' : typeof next;
      throw new MuxError(`mux: middleware ${name}, number ${i + 1} added with use() on ${where}, returned ${got} instead of a handler function`);
    }
    h = next as HandlerFunc;
  }
  return h;
}

/**
 * `next` as a middleware gets it. A Go-style middleware calls `next(req, res)` and returns nothing: the
 * promise of an async handler behind it is then dropped, and its rejection would end the process as an
 * unhandled rejection. What `next` returns is watched: a rejection that nothing took (no `return`,
 * `await`, `then` or `catch` of it) goes to the error path of the serveHTTP serving the request, once.
 */
function guarded(fn: HandlerFunc): HandlerFunc {
  return (req, res) => {
    const out = fn(req, res);
    if (!isThenable(out)) return out;
    // (Recorded by serveHTTP with the match: a chain called some other way is left as it is.)
    const router = servingRouter(req);
    return router === undefined ? out : watched(out, req, res, router);
  };
}

/** A promise that knows whether anything took it: `await`, `then`, `catch` and `finally` all call `then`. */
class Watched<T> extends Promise<T> {
  // Promises made from it (by then) are plain ones.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  taken = false;

  override then<A = T, B = never>(onfulfilled?: ((value: T) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.taken = true;
    return super.then(onfulfilled, onrejected);
  }
}

function watched(out: PromiseLike<unknown>, req: Request, res: Response, router: Router): Promise<unknown> {
  const w = new Watched<unknown>((resolve, reject) => {
    out.then(resolve, reject);
  });
  // Taken here through the base `then` (not counted), so Node does not call it unhandled. Reported a turn
  // of the event loop later: an `await` of an already rejected promise takes it in a later microtask.
  Promise.prototype.then.call(w, undefined, (err: unknown) => {
    setImmediate(() => {
      if (!w.taken) reportDroppedRejection(err, req, res, router);
    });
  });
  return w;
}
