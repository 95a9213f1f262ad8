import { MuxError } from '../errors.js';
import type { Matcher } from '../matchers/matchers.js';
import type { SubrouterMatcher } from './route.js';
import type { RouteRegexp } from '../template/template.js';
import type { BuildVarsFunc, RouterOptions } from '../types.js';
import { SharedList } from '../shared-list.js';

/** The statuses `redirectStatus()` accepts for clean-path and strict-slash redirects. */
export type RedirectStatus = 301 | 302 | 307 | 308;

export interface ResolvedOptions {
  maxPathLength: number;
  maxParamLength: number;
  /** Dispatch through the route index (true) or gorilla's plain in-order scan (false). */
  index: boolean;
  /** The default 404 and 405 answers carry the explanation of the request. */
  debug: boolean;
}

/**
 * What a router hands down to its routes and subrouters (gorilla's routeConf): flags, the templates and
 * matchers a subrouter inherited, the build scheme and buildVarsFunc.
 */
export interface RouteConf {
  useEncodedPath: boolean;
  strictSlash: boolean;
  skipClean: boolean;
  omitRouteFromContext: boolean;
  omitRouterFromContext: boolean;
  redirectStatus: RedirectStatus;
  /** A method matcher that lists GET also accepts HEAD. */
  implicitHead: boolean;
  host: RouteRegexp | undefined;
  path: RouteRegexp | undefined;
  /** `null` only on a standalone `new Route()`, as gorilla's nil slice (getQueries* then throw). */
  queries: RouteRegexp[] | null;
  /** Matchers in call order; a route's subrouter is one of them. (Shared with the confs copied from this one.) */
  matchers: SharedList<Matcher | SubrouterMatcher>;
  /** One of the matchers (inherited ones included) is a custom function, which may write to the RouteMatch. */
  hasFuncMatcher: boolean;
  buildScheme: string;
  buildVarsFunc: BuildVarsFunc | undefined;
  options: ResolvedOptions;
}

export function resolveOptions(options: RouterOptions = {}): ResolvedOptions {
  const maxPathLength = options.maxPathLength ?? 8192;
  const maxParamLength = options.maxParamLength ?? Infinity;
  positive('maxPathLength', maxPathLength);
  positive('maxParamLength', maxParamLength);
  return { maxPathLength, maxParamLength, index: options.index !== false, debug: options.debug === true };
}

function positive(name: string, v: number): void {
  if (!(v > 0)) throw new MuxError(`mux: option ${name} must be a positive number, got ${String(v)}`);
}

export function newRouteConf(options: ResolvedOptions, queries: RouteRegexp[] | null): RouteConf {
  return {
    useEncodedPath: false,
    strictSlash: false,
    skipClean: false,
    omitRouteFromContext: false,
    omitRouterFromContext: false,
    redirectStatus: 301,
    implicitHead: false,
    host: undefined,
    path: undefined,
    queries,
    matchers: SharedList.empty(),
    hasFuncMatcher: false,
    buildScheme: '',
    buildVarsFunc: undefined,
    options,
  };
}

/**
 * A copy whose lists can grow without touching the original (templates are immutable and shared). Each
 * field is copied by name: an object spread (`{ ...c }`) took about ten times as long here (it was a
 * quarter of building a tree of nested subrouters); typing the literal as RouteConf keeps the list whole.
 */
export function copyRouteConf(c: RouteConf): RouteConf {
  const copy: RouteConf = {
    useEncodedPath: c.useEncodedPath,
    strictSlash: c.strictSlash,
    skipClean: c.skipClean,
    omitRouteFromContext: c.omitRouteFromContext,
    omitRouterFromContext: c.omitRouterFromContext,
    redirectStatus: c.redirectStatus,
    implicitHead: c.implicitHead,
    host: c.host,
    path: c.path,
    queries: c.queries ? [...c.queries] : [],
    matchers: c.matchers,
    hasFuncMatcher: c.hasFuncMatcher,
    buildScheme: c.buildScheme,
    buildVarsFunc: c.buildVarsFunc,
    options: c.options,
  };
  return copy;
}
