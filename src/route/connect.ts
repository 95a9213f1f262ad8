import type { IncomingMessage, ServerResponse } from 'node:http';
import { MuxError } from '../errors.js';
import { isThenable, type Middleware } from '../types.js';

/** A Connect/Express middleware: `(req, res, next) => void` (cors, helmet, morgan, body parsers). */
export type ConnectMiddleware<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (
  req: Req,
  res: Res,
  next: (err?: unknown) => void,
) => unknown;

/**
 * A Connect/Express middleware as a tsmux `Middleware`: `next()` goes on down the chain, `next(err)` is
 * handled as a thrown error (`router.errorHandler`, or a 500), and a middleware that answers without
 * calling `next` (a CORS preflight) ends the chain; the request is done when its response is.
 */
export function fromConnect<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  fn: ConnectMiddleware<Req, Res>,
): Middleware {
  if (typeof fn !== 'function') throw new MuxError(`mux: fromConnect needs a function (req, res, next), got ${typeof fn}`);
  const label = fn.name === '' ? 'a Connect middleware' : `Connect middleware "${fn.name}"`;
  return (next) => (req, res) =>
    new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const answered = () => settle();
      const settle = (run?: () => unknown) => {
        if (settled) return;
        settled = true;
        res.off('finish', answered);
        res.off('close', answered);
        if (run === undefined) return resolve(undefined);
        try {
          resolve(run());
        } catch (err) {
          reject(err);
        }
      };
      const done = (err?: unknown) => {
        if (settled) return;
        if (err !== undefined && err !== null && err !== false) {
          settled = true;
          res.off('finish', answered);
          res.off('close', answered);
          reject(err);
          return;
        }
        settle(() => next(req, res));
      };
      // A middleware that answers without calling next ends the chain: the request settles with its response.
      res.once('finish', answered);
      res.once('close', answered);
      try {
        const out: unknown = fn(req as Req, res as Res, done);
        if (isThenable(out)) {
          out.then(undefined, (err: unknown) => done(err ?? new MuxError(`mux: ${label} rejected`)));
        }
      } catch (err) {
        done(err ?? new MuxError(`mux: ${label} threw`));
      }
    });
}
