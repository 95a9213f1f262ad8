import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { MuxError } from './errors.js';
import type { RouteMatch } from './route/route-match.js';
import type { Route } from './route/route.js';
import type { Router } from './router/router.js';

/**
 * What matching reads from a request. Node's `IncomingMessage` (and http2's compatibility request) fit;
 * so does a plain `{ method, url, headers }` object.
 */
export interface RequestLike {
  /** The request method; `GET` when absent. */
  method?: string;
  /** The request target: origin-form (`/a?x=1`) or absolute-form (`http://host/a?x=1`). */
  url?: string;
  /** The headers, lower-cased names (`host`, or http2's `:authority`). */
  headers: Record<string, string | string[] | undefined>;
  /** Read for `encrypted` (TLS), as Node's TLSSocket has it. */
  socket?: object | null;
}

/** The request handlers receive (http2's compatibility request at run time under node:http2). */
export type Request = IncomingMessage;
/** The response handlers answer on. */
export type Response = ServerResponse;
/** What `serveHTTP` takes: a `node:http` request, or `node:http2`'s compatibility request. */
export type ServeRequest = IncomingMessage | Http2ServerRequest;
/** What `serveHTTP` answers on: a `node:http` response, or `node:http2`'s compatibility response. */
export type ServeResponse = ServerResponse | Http2ServerResponse;
/** Connect/Express's `next`: no argument goes on to the next middleware, an error to the error handlers. */
export type NextFunction = (err?: unknown) => void;

/** A handler function; it may return a promise, which serveHTTP awaits. */
export type HandlerFunc = (req: Request, res: Response) => unknown;
/** A handler object, such as a Router: anything with `serveHTTP(req, res)`. */
export interface HandlerObject {
  /** Serves the request. */
  serveHTTP(req: Request, res: Response): unknown;
}
/** Either handler shape, accepted wherever a handler is taken. */
export type Handler = HandlerFunc | HandlerObject;
/**
 * A route's handler: its third argument is the route's variables, typed from literal templates. At run
 * time it is `vars(req)`, also when middleware called the handler with two arguments. (Only a function
 * that declares the third parameter is given it.)
 */
export type RouteHandlerFunc<V extends object = Record<string, string>> = (req: Request, res: Response, vars: V) => unknown;
/** What a route takes as its handler: a function given the typed vars, or a handler object. */
export type RouteHandler<V extends object = Record<string, string>> = RouteHandlerFunc<V> | HandlerObject;
/**
 * An Express app or `express.Router()`, or a Connect app, which `handler()` calls as Connect calls it:
 * a function `(req, res, next)` with a `use` method (at run time it is told apart by its `handle`
 * method, which Express's router type does not declare). Its request and response may be typed as
 * Express's own, which extend Node's. (A plain Connect middleware, `(req, res, next)` without `use`, is
 * not one: it goes through `fromConnect`.)
 */
// (The call is a method's: its parameters compare both ways, so one typed with Express's request fits.)
export type ConnectApp = {
  /** The app, called with the request, the response and Connect's `next`. */
  call(req: Request, res: Response, next: NextFunction): unknown;
}['call'] & {
  /** Adds middleware (Express and Connect apps and routers have it). */
  readonly use: (...args: never[]) => unknown;
};
/** gorilla's MiddlewareFunc: wraps the next handler, and runs only when a route matched. */
export type Middleware = (next: HandlerFunc) => HandlerFunc;
/** A custom matcher for `matcherFunc()`: true when the request matches. */
export type MatcherFunc = (req: Request, match: RouteMatch) => boolean;
/** Transforms the variables before URL building (`buildVarsFunc()`). */
export type BuildVarsFunc = (vars: Record<string, string>) => Record<string, string>;
/** Called by `walk()` for each route, with its router and the routes above it. */
export type WalkFunc = (route: Route, router: Router, ancestors: Route[]) => void;
/** Receives what a handler, middleware or matcher threw or rejected with, and answers. */
export type ErrorHandler = (err: unknown, req: Request, res: Response) => unknown;

/** Options of `newRouter()`; subrouters inherit them. */
export interface RouterOptions {
  /** Longest request path served; a longer one gets 414. Default 8192. */
  maxPathLength?: number;
  /** Longest variable value served; a longer one gets 414. Default: no limit. */
  maxParamLength?: number;
  /**
   * Default true: requests are dispatched through the route index. `false` tries every route's matchers
   * in registration order, as gorilla does: the reference engine, with the same answers, only slower.
   */
  index?: boolean;
  /**
   * Default false: the default 404 and 405 answers carry `router.explain(req)`, as an HTML page when the
   * request accepts text/html, as text otherwise. For development only: it shows the route table.
   */
  debug?: boolean;
}

/** @internal True for a promise or any other object with a `then` method (what a handler may return). */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Turns either handler shape into a function, keeping `this` for handler objects. */
export function toHandlerFunc(h: Handler, what: string): HandlerFunc {
  if (typeof h === 'function') return h;
  if (h !== null && typeof h === 'object' && typeof h.serveHTTP === 'function') {
    return (req, res) => h.serveHTTP(req, res);
  }
  throw new MuxError(`mux: ${what} must be a function or an object with serveHTTP(req, res), got ${typeof h}`);
}
