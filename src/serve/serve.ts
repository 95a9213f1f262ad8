import { cleanPath } from '../url/clean-path.js';
import { answerAsterisk } from './asterisk.js';
import { recordMatch } from './context.js';
import { ErrMethodMismatch } from '../errors.js';
import { sameOriginLocation, sendRedirect } from './redirect.js';
import { RequestView } from '../matchers/request-view.js';
import { allowedMethods, RouteMatch } from '../route/route-match.js';
import type { Router } from '../router/router.js';
import type { HandlerFunc, Request, Response } from '../types.js';

/**
 * serveHTTP: checks the path, cleans it (redirecting when it changes), matches, records the match for
 * vars()/currentRoute()/currentRouter(), and runs the handler chain. Never rejects: what a handler,
 * middleware or matcher throws becomes a 500 (or goes to router.errorHandler).
 */
export function serve(router: Router, req: Request, res: Response): Promise<void> {
  try {
    const handler = route(router, req, res);
    if (handler !== undefined) {
      // (A stand-in response without `on`, as in some tests, has no events to listen to.)
      if (typeof res.on === 'function') watchResponseErrors(router, req, res);
      const done: unknown = handler(req, res);
      // Only an asynchronous handler is awaited: a synchronous one costs no extra turn of the event loop.
      if (isThenable(done)) return Promise.resolve(done).then(nothing, (err: unknown) => fail(router, err, req, res));
    }
  } catch (err) {
    return fail(router, err, req, res);
  }
  return SERVED;
}

const SERVED = Promise.resolve();
const nothing = () => undefined;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

// Decides who answers the request; undefined when it was answered here already.
function route(router: Router, req: Request, res: Response): HandlerFunc | undefined {
  const view = new RequestView(req);
  const { conf } = router;
  if (view.malformed || !view.hostIsValid) return void sendText(res, 400, '400 Bad Request\n');
  if (req.url === '*') return void answerAsterisk(router, view.method, res);
  if (view.rawPath.length > conf.options.maxPathLength) return void sendText(res, 414, '414 URI Too Long\n');
  if (!conf.skipClean) {
    const p = conf.useEncodedPath ? view.escapedPath : view.path;
    const clean = cleanPath(p);
    if (clean !== p) return void sendRedirect(res, sameOriginLocation(view, clean, conf.useEncodedPath), conf.redirectStatus);
  }
  const match = new RouteMatch();
  if (router.dispatch(view, req, match) && match.handler !== undefined) {
    for (const k in match.vars) {
      if (match.vars[k]!.length > conf.options.maxParamLength) return void sendText(res, 414, '414 URI Too Long\n');
    }
    recordMatch(
      req,
      match.vars,
      conf.omitRouteFromContext ? undefined : match.route,
      conf.omitRouterFromContext ? undefined : router,
    );
    return match.handler;
  }
  if (match.matchErr === ErrMethodMismatch) {
    res.statusCode = 405;
    res.setHeader('Allow', allowedMethods(match).join(', '));
    res.end();
    return;
  }
  return notFound;
}

/** Go's http.NotFoundHandler. */
function notFound(_req: Request, res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  sendText(res, 404, '404 page not found\n');
}

function sendText(res: Response, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(body);
}

async function fail(router: Router, err: unknown, req: Request, res: Response): Promise<void> {
  if (router.errorHandler !== undefined) {
    try {
      await router.errorHandler(err, req, res);
      // An error handler that sent headers but did not end the response leaves the ending to us.
      if (res.writableEnded) return;
    } catch {
      // The error handler failed too: fall through to the default answer.
    }
  }
  if (!res.headersSent) {
    res.removeHeader('Content-Length');
    sendText(res, 500, '500 Internal Server Error\n');
  } else if (!res.writableEnded) {
    res.end();
  }
}

// The response's 'error' events go to the error path. On HTTP/2 (compatibility API) a write after end()
// is reported on the stream instead (Node handles it there and resets the stream): reported too.
function watchResponseErrors(router: Router, req: Request, res: Response): void {
  const onError = onResponseError(router, req, res);
  res.on('error', onError);
  const stream = (res as { stream?: { on?: unknown } }).stream;
  if (stream !== undefined && typeof stream.on === 'function') {
    (stream as NodeJS.EventEmitter).on('error', (err: { code?: unknown } | undefined) => {
      if (err?.code === 'ERR_STREAM_WRITE_AFTER_END') onError(err);
    });
  }
}

/**
 * A response `'error'` (a write after `end()`, e.g. a middleware calling `next` twice) would crash the
 * process without a listener: the first one goes to the error path instead (the errorHandler, else
 * stderr); later ones (an errorHandler writing to the ended response) are dropped, so nothing loops.
 */
function onResponseError(router: Router, req: Request, res: Response): (err: unknown) => void {
  let reported = false;
  return (err) => {
    if (reported) return;
    reported = true;
    if (router.errorHandler === undefined) console.error('tsmux: response error:', err);
    void fail(router, err, req, res);
  };
}
