import type { IncomingMessage, ServerResponse } from 'node:http';
import { MuxError } from './errors.js';
import type { RouteMatch } from './route/route-match.js';
import type { Route } from './route/route.js';
import type { Router } from './router/router.js';

/**
 * What matching reads from a request. Node's `IncomingMessage` (and http2's compatibility request) fit;
 * so does a plain `{ method, url, headers }` object.
 */
export interface RequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Read for `encrypted` (TLS), as Node's TLSSocket has it. */
  socket?: object | null;
}

export type Request = IncomingMessage;
export type Response = ServerResponse;

export type HandlerFunc = (req: Request, res: Response) => unknown;
export interface HandlerObject {
  serveHTTP(req: Request, res: Response): unknown;
}
export type Handler = HandlerFunc | HandlerObject;
export type Middleware = (next: HandlerFunc) => HandlerFunc;
export type MatcherFunc = (req: Request, match: RouteMatch) => boolean;
export type BuildVarsFunc = (vars: Record<string, string>) => Record<string, string>;
export type WalkFunc = (route: Route, router: Router, ancestors: Route[]) => void;
export type ErrorHandler = (err: unknown, req: Request, res: Response) => unknown;

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

/** Turns either handler shape into a function, keeping `this` for handler objects. */
export function toHandlerFunc(h: Handler, what: string): HandlerFunc {
  if (typeof h === 'function') return h;
  if (h !== null && typeof h === 'object' && typeof h.serveHTTP === 'function') {
    return (req, res) => h.serveHTTP(req, res);
  }
  throw new MuxError(`mux: ${what} must be a function or an object with serveHTTP(req, res), got ${typeof h}`);
}
