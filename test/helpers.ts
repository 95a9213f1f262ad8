import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { Http2ServerRequest } from 'node:http2';
import { Route, RouteMatch, type RequestLike } from '../src/index.js';
import { definingEngine, rootRouterOf, withEngine } from './engines.js';

/**
 * A request as a server receives it. An absolute URL is sent in absolute form with a matching Host
 * header (the way gorilla's tests build theirs); a path is sent in origin form without a host.
 */
export function req(method: string, url: string, headers: Record<string, string> = {}): RequestLike {
  const abs = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  if (abs) lower.host ??= abs[1]!;
  return { method, url, headers: lower };
}

/** An origin-form request with a Host header. */
export function reqHost(method: string, url: string, host: string): RequestLike {
  return { method, url, headers: { host } };
}

export interface RouteCase {
  title: string;
  route: () => Route;
  request: RequestLike;
  match: boolean;
  /** Exact vars of the match. */
  vars?: Record<string, string>;
  /** Expected scheme of URLs built from the matched vars (default http). */
  scheme?: string;
  /** Host built by urlHost() from the matched vars. */
  host?: string;
  /** Path built by urlPath() from the matched vars. */
  path?: string;
  /** Raw query built by url() from the matched vars. */
  query?: string;
  pathTemplate?: string;
  hostTemplate?: string;
  pathRegexp?: string;
  methods?: string[];
  queriesTemplates?: string[];
  queriesRegexp?: string[];
  /** The match carries a strict-slash redirect handler. */
  redirect?: boolean;
}

/**
 * Checks one case the way gorilla's testRoute/testTemplate do: match or not, the exact vars, URLs built
 * back from the matched vars, the getters, and whether a redirect handler was set.
 */
export function checkRoute(c: RouteCase): void {
  const route = c.route();
  const match = new RouteMatch();
  // Through the router the route belongs to (on the suite's engine), and through the route alone.
  const router = rootRouterOf(route);
  expect(router ? router.match(c.request, match) : route.match(c.request, match), 'match').to.equal(c.match);
  if (router) expect(route.match(c.request, new RouteMatch()), 'Route.match').to.equal(c.match);
  if (c.pathTemplate !== undefined) expect(route.getPathTemplate(), 'path template').to.equal(c.pathTemplate);
  if (c.hostTemplate !== undefined) expect(route.getHostTemplate(), 'host template').to.equal(c.hostTemplate);
  if (c.pathRegexp !== undefined) expect(route.getPathRegexp(), 'path regexp').to.equal(c.pathRegexp);
  if (c.methods !== undefined) {
    if (c.methods.length === 0) expect(() => route.getMethods()).to.throw(/doesn't have methods/);
    else expect(route.getMethods(), 'methods').to.deep.equal(c.methods);
  }
  if (c.queriesTemplates !== undefined) expect(route.getQueriesTemplates()).to.deep.equal(c.queriesTemplates);
  if (c.queriesRegexp !== undefined) expect(route.getQueriesRegexp()).to.deep.equal(c.queriesRegexp);
  if (!c.match) {
    expect(match.route, 'no route left on a failed match').to.equal(undefined);
    expect(match.vars, 'no vars left on a failed match').to.deep.equal({});
    return;
  }
  expect(match.route).to.equal(route);
  expect(match.vars, 'vars').to.deep.equal(c.vars ?? {});
  const scheme = c.scheme ?? 'http';
  if (c.scheme !== undefined) expect(route.url(match.vars).scheme, 'built scheme').to.equal(scheme);
  if (c.host !== undefined) {
    const u = route.urlHost(match.vars);
    expect(u.scheme, 'urlHost scheme').to.equal(scheme);
    expect(u.host, 'urlHost host').to.equal(c.host);
  }
  if (c.path !== undefined) expect(route.urlPath(match.vars).path, 'urlPath').to.equal(c.path);
  if (c.host !== undefined && c.path !== undefined) {
    expect(route.url(match.vars).toString(), 'url').to.equal(`${scheme}://${c.host}${c.path}`);
  }
  if (c.query !== undefined) expect(route.url(match.vars).rawQuery, 'query').to.equal(c.query);
  expect(match.handler !== undefined, 'redirect handler').to.equal(c.redirect === true);
}

/** One test per case; inside describeEngines, the cases' routes belong to routers on that engine (see R()). */
export function runCases(cases: RouteCase[]): void {
  const engine = definingEngine();
  for (const c of cases) it(c.title, () => withEngine(engine, () => checkRoute(c)));
}

// Counts Route.evaluate calls (the full matcher evaluation) while `fn` runs.
export function evaluations(fn: () => void): number {
  const original = Route.prototype.evaluate;
  let calls = 0;
  Route.prototype.evaluate = function (...args) {
    calls++;
    return original.apply(this, args);
  };
  try {
    fn();
  } finally {
    Route.prototype.evaluate = original;
  }
  return calls;
}

/**
 * A GET over HTTP/2 made without a connection: `headers` is its header object (beside the pseudo-headers),
 * `raw` the fields it came with (after them), which may differ, as after a middleware.
 */
export function http2Request(path: string, authority: string, headers: Record<string, string>, raw: string[]): Http2ServerRequest {
  const pseudo = { ':method': 'GET', ':path': path, ':authority': authority, ':scheme': 'http' };
  const stream = Object.assign(new EventEmitter(), { session: { socket: {} } });
  const q = new Http2ServerRequest(stream as never, { ...pseudo, ...headers } as never, {} as never, [...Object.entries(pseudo).flat(), ...raw]);
  // (A stream made here has no session socket to ask whether it is TLS.)
  return Object.defineProperty(q, 'socket', { value: { encrypted: false } });
}
