import { STATUS_CODES } from 'node:http';
import { constants as http2Constants } from 'node:http2';
import { answerAsterisk } from './asterisk.js';
import { enclosingMatch, handlerEnded, handlerStarted, onDroppedRejection, presetVars, recordAllowed, recordMatch, type RecordedMatch, restoreMatch, routeMatchedBy } from '../route/context.js';
import { describeThrown, ErrMethodMismatch, errorStatus, MuxError } from '../errors.js';
import { sendRedirect } from '../route/redirect.js';
import { allowedMethods, type RouteMatch } from '../route/route-match.js';
import type { Router } from '../router/router.js';
import type { Route } from '../route/route.js';
import { isThenable, type HandlerFunc, type NextFunction, type Request, type Response } from '../types.js';
import { notFound, sendText } from '../route/text-answers.js';
import { decide, dispatchPlain, type Decision } from '../dispatch/decide.js';
import { RequestView } from '../matchers/request-view.js';
import { sendExplanation } from '../introspect/debug-page.js';

/**
 * serveHTTP: checks the path, cleans it (redirecting when it changes), matches, records the match for
 * vars()/currentRoute()/currentRouter(), and runs the handler chain. Never rejects: what a handler,
 * middleware or matcher throws becomes a 500 (or goes to router.errorHandler).
 */
export function serve(router: Router, req: Request, res: Response, next?: NextFunction): Promise<void> {
  // A router serving the request inside another's handler chain: what the other recorded is put back
  // when this one is done.
  const outer = enclosingMatch(req);
  let running = false;
  // The route this router matched (see handlerStarted).
  let matched: Route | undefined;
  try {
    const handler = route(router, req, res, next, outer);
    if (handler !== undefined) {
      // (A stand-in response without `on`, as in some tests, has no events to listen to.)
      if (typeof res.on === 'function') watchResponseErrors(router, req, res);
      if (next !== undefined) mountedNext.set(req, next);
      // While the handler chain runs, a router serving the request from it is mounted here.
      matched = handlerStarted(req, router);
      running = true;
      const done: unknown = handler(req, res);
      // Only an asynchronous handler is awaited: a synchronous one costs no extra turn of the event loop.
      if (isThenable(done)) return settledLater(done, router, req, res, next, matched, outer);
      running = false;
      handlerEnded(req);
    }
  } catch (err) {
    if (running) handlerEnded(req);
    return restoredAfter(fail(router, err, req, res, next, matched), req, outer);
  }
  if (outer !== undefined) restoreMatch(req, outer);
  return SERVED;
}

// An asynchronous handler chain's end. (Its closures live here: made in serve(), they cost every
// request a context object, synchronous ones included.)
function settledLater(done: PromiseLike<unknown>, router: Router, req: Request, res: Response, next: NextFunction | undefined, matched: Route | undefined, outer: RecordedMatch | undefined): Promise<void> {
  const settled = Promise.resolve(done).finally(() => handlerEnded(req));
  return restoredAfter(settled.then(nothing, (err: unknown) => fail(router, err, req, res, next, matched)), req, outer);
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function restoredAfter(served: Promise<void>, req: Request, outer: RecordedMatch | undefined): Promise<void> {
  return outer === undefined ? served : served.finally(() => restoreMatch(req, outer));
}

const SERVED = Promise.resolve();
const nothing = () => undefined;

// A rejection that a middleware dropped goes to the error path of the router serving the request (see
// compose.ts): mounted in Express or Connect, as any other error, to their `next(err)` when the router has
// no errorHandler. (The request's `next` is kept aside only for mounted requests.)
const mountedNext = new WeakMap<object, NextFunction>();
onDroppedRejection((err, req, res, router) => void fail(router, err, req, res, mountedNext.get(req), routeMatchedBy(req, router)));

// Decides who answers the request; undefined when it was answered here already.
function route(router: Router, req: Request, res: Response, next: NextFunction | undefined, outer: RecordedMatch | undefined): HandlerFunc | undefined {
  const plain = dispatchPlain(router, req);
  if (plain === 'uriTooLong') return void sendText(res, 414, '414 URI Too Long\n');
  if (plain !== undefined) return answer(router, req, res, next, plain, undefined, outer);
  const decision = decide(router, req);
  if (decision.kind === 'badRequest') return void sendText(res, 400, '400 Bad Request\n');
  if (decision.kind === 'asterisk') return void answerAsterisk(router, decision.view.method, res);
  if (decision.kind === 'uriTooLong') return void sendText(res, 414, '414 URI Too Long\n');
  if (decision.kind === 'cleanPath') return void sendRedirect(res, decision.location, router.conf.redirectStatus);
  return answer(router, req, res, next, decision.match, decision, outer);
}

// The dispatch's verdict: the handler to run (a route's, a strict-slash redirect, a custom not-found
// handler), else 405 or 404. `decision` is decide()'s, when it made the match; `outer` what the router
// this one is mounted in recorded.
function answer(
  router: Router,
  req: Request,
  res: Response,
  next: NextFunction | undefined,
  match: RouteMatch,
  decision: Decision | undefined,
  outer: RecordedMatch | undefined,
): HandlerFunc | undefined {
  const { conf } = router;
  // For allowedMethods(req) in a custom methodNotAllowedHandler (or the middleware after a mounted router).
  const allowed = match.matchErr === ErrMethodMismatch ? allowedMethods(match) : undefined;
  if (match.handler !== undefined) {
    // (The route and router are kept whatever omitRouteFromContext and omitRouterFromContext say: the
    // context reads them through the router's flags.)
    // A mounted router's match without variables keeps those of the router it is mounted in, as gorilla's
    // context keeps them (it stores a match's variables only when there are some).
    // So does one served a request its caller gave variables with setURLVars. (Only then are the match's
    // own counted: a for-in on every request cost serving about 5%.)
    const kept = outer?.vars ?? presetVars(req);
    const values = kept !== undefined && !hasKeys(match.vars) ? kept : match.vars;
    recordMatch(req, values, match.route, router, allowed);
    return match.handler;
  }
  recordAllowed(req, allowed);
  // Mounted in Express/Connect: what no route matches is the next middleware's.
  if (next !== undefined) return void next();
  const methodNotAllowed = match.matchErr === ErrMethodMismatch;
  if (methodNotAllowed) {
    res.statusCode = 405;
    res.setHeader('Allow', allowedMethods(match).join(', '));
  }
  if (conf.options.debug) {
    // The debug page explains the decision (for a plain request, the one decide() would have made: the
    // matchers are not run again for it).
    const d: Decision = decision ?? { kind: methodNotAllowed ? 'methodNotAllowed' : 'notFound', view: new RequestView(req), match };
    return methodNotAllowed ? void sendExplanation(router, req, res, d) : (rq, rs) => sendExplanation(router, rq, rs, d);
  }
  if (methodNotAllowed) return void res.end();
  return notFound;
}

/**
 * The error path: the errorHandler, else (mounted in Express/Connect) their error handlers, else a 500
 * with the error on stderr. Never rejects, whatever was thrown: serveHTTP's promise is left to Node,
 * which would crash the process on a rejection.
 */
async function fail(router: Router, err: unknown, req: Request, res: Response, next: NextFunction | undefined, matched: Route | undefined): Promise<void> {
  // Answered on a fresh stack: a failure deep in a recursion (a router mounted in a cycle overflows the
  // stack) would overflow again writing the 500, and the request hung unanswered.
  await undefined;
  // Headers already out: the response was cut short by the failure.
  const cutShort = res.headersSent;
  // The status the default answer gives (see errorStatus).
  let status = 500;
  try {
    const errorHandler = errorHandlerOf(router, matched);
    if (errorHandler !== undefined) {
      try {
        await errorHandler(err, req, res);
        // An error handler that sent headers but did not end the response leaves the ending to us.
        if (res.writableEnded) return;
      } catch (handlerErr) {
        // The error handler failed too: fall through to the default answer.
        logError(handlerErr, req);
      }
    } else if (next !== undefined) {
      // Mounted in Express/Connect: their error handlers decide. (A falsy value, or the strings 'route'
      // and 'router', would mean "no error" or "skip" to Express: such a throw is wrapped.)
      next(!err || err === 'route' || err === 'router' ? new MuxError(`mux: a handler or middleware threw ${describeThrown(err)}`) : err);
      return;
    } else {
      // An error that carries a client error status (a body parser's 400 or 413, an http-errors 4xx) is
      // the request's fault: answered with it, as Express answers it, and not logged as a failure.
      // (A response cut short is a failure whatever the error said: logged.)
      status = (cutShort ? undefined : errorStatus(err)) ?? 500;
      if (status === 500) logError(err, req);
      // The error's own headers go with its answer, as Express sends them (`Allow` with a 405).
      else setErrorHeaders(res, err);
    }
    if (!res.headersSent) {
      res.removeHeader('Content-Length');
      sendText(res, status, `${status} ${STATUS_CODES[status] ?? 'Error'}\n`);
    } else if (cutShort && !res.writableEnded) {
      // Ending it would pass a truncated body off as complete (and, short of its Content-Length, leave
      // the next response on the connection read as the rest of it): the connection (HTTP/1) or the
      // stream (HTTP/2) is closed instead, as Go's server and Express do.
      abort(res);
    } else if (!res.writableEnded) {
      res.end();
    }
  } catch (lastErr) {
    // Answering failed (the response could not be written, or Express's next threw): logged, no more.
    try {
      logError(lastErr, req);
    } catch {
      // Nothing is left to tell: this promise must not reject (Node would end the process).
    }
  }
}

// Closes a response cut short: its HTTP/2 stream with INTERNAL_ERROR (closed without an error code, a
// stream reads to the client as ended), its HTTP/1 connection, or (a stand-in) ends it.
function abort(res: Response): void {
  const stream = (res as { stream?: { close?: unknown } }).stream;
  const destroy = (res as { destroy?: unknown }).destroy;
  if (typeof stream?.close === 'function') (stream.close as (code: number) => void).call(stream, http2Constants.NGHTTP2_INTERNAL_ERROR);
  else if (typeof destroy === 'function') (destroy as () => void).call(res);
  else res.end();
}

// The response's 'error' events go to the error path. On HTTP/2 (compatibility API) a write after end()
// is reported on the stream instead (Node handles it there and resets the stream): reported too.
function watchResponseErrors(router: Router, req: Request, res: Response): void {
  const stream = (res as { stream?: { on?: unknown } }).stream;
  // A router serving as a handler of another (or of itself, in a cycle): the outer one watches already.
  if ((res as Watched)[WATCHED] !== undefined) return;
  (res as Watched)[WATCHED] = router;
  if (stream === undefined) {
    // HTTP/1: one shared listener, which finds the router on the response (no closure per request).
    res.on('error', onHttp1ResponseError);
    return;
  }
  const onError = onResponseError(router, req, res);
  res.on('error', onError);
  if (typeof stream.on === 'function') {
    (stream as NodeJS.EventEmitter).on('error', (err: { code?: unknown } | undefined) => {
      if (err?.code === 'ERR_STREAM_WRITE_AFTER_END') onError(err);
    });
  }
}

const WATCHED = Symbol('tsmux.responseErrors');
/** The router whose error path takes the response's first 'error'; null once it has taken it. */
type Watched = Response & { [WATCHED]?: Router | null; req?: Request };

function onHttp1ResponseError(this: Watched, err: unknown): void {
  const router = this[WATCHED];
  if (router === undefined || router === null) return;
  this[WATCHED] = null;
  void fail(router, err, this.req!, this, undefined, routeMatchedBy(this.req!, router));
}

/**
 * A response `'error'` (a write after `end()`, e.g. a middleware calling `next` twice) would crash the
 * process without a listener: the first one goes to the error path instead (the errorHandler, else
 * stderr); later ones (an errorHandler writing to the ended response) are dropped, so nothing loops.
 */
function onResponseError(router: Router, req: Request, res: Response): (err: unknown) => void {
  let reported = false;
  return (err) => {
    // A HEAD response has no body: HTTP/2 ends its stream with the headers, so a handler writing one (as
    // for GET, which HTTP/1 drops quietly) is not an error of the handler's.
    if (req.method === 'HEAD' && (err as { code?: unknown } | undefined)?.code === 'ERR_STREAM_WRITE_AFTER_END') return;
    if (reported) return;
    reported = true;
    void fail(router, err, req, res, undefined, routeMatchedBy(req, router));
  };
}

/**
 * The errorHandler that takes a request's error: that of the innermost router, on the way up from the
 * route the serving router matched (`matched`) to the serving router, that has one (a subrouter's own
 * first, as with its notFoundHandler), else the serving router's.
 */
function errorHandlerOf(router: Router, matched: Route | undefined): Router['errorHandler'] {
  let owner = matched?.owner as Router | undefined;
  while (owner !== undefined && owner !== router) {
    if (owner.errorHandler !== undefined) return owner.errorHandler;
    owner = owner.parentRoute?.owner as Router | undefined;
  }
  return router.errorHandler;
}

// Sets the headers an error carries (`err.headers`, as http-errors gives them). Never throws.
function setErrorHeaders(res: Response, err: unknown): void {
  try {
    const headers = (err as { headers?: unknown }).headers;
    if (typeof headers !== 'object' || headers === null) return;
    for (const [name, value] of Object.entries(headers)) if (typeof value === 'string' || typeof value === 'number') res.setHeader(name, String(value));
  } catch {
    // A hostile object, or a header Node refuses: the status alone answers.
  }
}

/** Without an errorHandler, an error that becomes a 500 goes to stderr with its stack (as Express does). */
function logError(err: unknown, req: Request | undefined): void {
  const method = typeof req?.method === 'string' ? req.method : '?';
  const url = typeof req?.url === 'string' ? req.url : '?';
  process.stderr.write(`tsmux: error serving ${method} ${url}: ${firstLines(describeThrown(err, true), LOGGED_STACK_LINES)}\n`);
}

// At most this many lines of an error go to stderr: where a tool lifted Error.stackTraceLimit (mocha sets
// it to Infinity), a stack overflow's trace ran to thousands of lines for each request.
const LOGGED_STACK_LINES = 50;

// The first `max` lines of `text`, and how many more there are.
function firstLines(text: string, max: number): string {
  let end = -1;
  for (let i = 0; i < max; i++) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) return text;
  }
  let more = 1;
  for (let at = text.indexOf('\n', end + 1); at !== -1; at = text.indexOf('\n', at + 1)) more++;
  return `${text.slice(0, end)}\n    ... (${more.toLocaleString('en-US')} more lines)`;
}
