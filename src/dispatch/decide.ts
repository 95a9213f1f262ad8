import { ErrMethodMismatch } from '../errors.js';
import { originHostsAreValid, pathHasRawBytes, RequestView } from '../matchers/request-view.js';
import { sameOriginLocation } from '../route/redirect.js';
import { RouteMatch } from '../route/route-match.js';
import { routingVersion } from '../route/route.js';
import type { Router } from '../router/router.js';
import type { RequestLike } from '../types.js';
import { cleanPath } from '../url/clean-path.js';

/**
 * What serving a request comes to before any handler runs: a 400 or 414, an asterisk-form answer, a
 * clean-path redirect, or the dispatch's verdict (a handler to run, which may be a strict-slash redirect
 * or a custom not-found handler; else 405 or 404). `serve` acts on it; `router.explain` reports it.
 */
export type Decision =
  | { kind: 'badRequest'; view: RequestView }
  | { kind: 'asterisk'; view: RequestView }
  | { kind: 'uriTooLong'; view: RequestView; match?: RouteMatch }
  | { kind: 'cleanPath'; view: RequestView; location: string }
  | { kind: 'handler' | 'methodNotAllowed' | 'notFound'; view: RequestView; match: RouteMatch };

/** @internal decides who answers a request, without answering it. */
export function decide(router: Router, req: RequestLike): Decision {
  const view = new RequestView(req);
  const { conf } = router;
  if (view.malformed || !view.hostIsValid) return { kind: 'badRequest', view };
  if (req.url === '*') return { kind: 'asterisk', view };
  if (view.rawPath.length > conf.options.maxPathLength) return { kind: 'uriTooLong', view };
  if (!conf.skipClean) {
    const p = conf.useEncodedPath ? view.escapedPath : view.path;
    const clean = cleanPath(p);
    if (clean !== p) return { kind: 'cleanPath', view, location: sameOriginLocation(view, clean, conf.useEncodedPath) };
  }
  const match = new RouteMatch();
  if (router.dispatch(view, req, match) && match.handler !== undefined) {
    if (varTooLong(match, conf.options.maxParamLength)) return { kind: 'uriTooLong', view, match };
    return { kind: 'handler', view, match };
  }
  return { kind: match.matchErr === ErrMethodMismatch ? 'methodNotAllowed' : 'notFound', view, match };
}

/**
 * @internal serveHTTP's dispatch of a plain request, the usual kind: an origin-form target within
 * maxPathLength whose path has no percent-encoding and is clean, with valid hosts. decide() would pass it
 * to the dispatch as it is, so it is matched without a RequestView (the engines make one only for a
 * matcher that reads more than the method and path). Its match, whose verdict is decide()'s: a handler
 * to run when `match.handler` is set, else 405 or 404; `uriTooLong` when a variable is longer than
 * maxParamLength. Undefined when the request is not plain: decide() decides it (nothing was matched).
 */
export function dispatchPlain(router: Router, req: RequestLike): RouteMatch | 'uriTooLong' | undefined {
  const url = req.url;
  const { conf } = router;
  if (typeof url !== 'string' || url.charCodeAt(0) !== 47 /* / */ || url.length > conf.options.maxPathLength) return undefined;
  if (!originHostsAreValid(req)) return undefined;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.indexOf('%') !== -1 || pathHasRawBytes(req, path)) return undefined;
  const match = new RouteMatch();
  // Whether the path is clean is left to the engine, which proves it for most matched paths from their
  // route's segments: the RegExp test of the whole path was a tenth of a request's time. (Without `%`,
  // the escaped path of useEncodedPath is clean exactly when the path is.)
  if (router.matchPlain(req, url, path, match, !conf.skipClean) === undefined) return undefined;
  // (The usual no-limit case is told here, not in the call: called each time, serving read 5% slower.)
  const max = conf.options.maxParamLength;
  if (max !== Infinity && match.handler !== undefined && varTooLong(match, max)) return 'uriTooLong';
  return match;
}

// A variable of the match longer than maxParamLength: the request gets 414.
function varTooLong(match: RouteMatch, max: number): boolean {
  if (max === Infinity) return false;
  for (const k in match.vars) if (match.vars[k]!.length > max) return true;
  return false;
}

/**
 * Every method named by a method matcher of a route of the tree, first-registered first, without
 * duplicates. Worked out again only after the routes changed: walking a large tree for each `OPTIONS *`
 * (which anyone may send) cost 81 ms a request with 120,000 routes.
 */
export function knownMethods(router: Router): string[] {
  const version = routingVersion();
  const known = knownByRouter.get(router);
  if (known?.version === version) return [...known.methods];
  const seen = new Set<string>();
  router.walk((route) => {
    for (const list of route.requiredMethods()) for (const m of list) seen.add(m);
  });
  const methods = [...seen];
  knownByRouter.set(router, { version, methods });
  return [...methods];
}

const knownByRouter = new WeakMap<Router, { readonly version: number; readonly methods: readonly string[] }>();
