// router.routes() and router.printRoutes(): the route tree as data and as a table for a terminal, read
// from each route's templates and matchers (no getter that throws is called).
import {
  FuncMatcher,
  HeaderMatcher,
  HeaderRegexpMatcher,
  MethodMatcher,
  SchemeMatcher,
} from '../matchers/matchers.js';
import type { Route } from '../route/route.js';
import { SubrouterMatcher } from '../route/route.js';
import type { Router } from '../router/router.js';
import { quote } from '../quote.js';

/** A header a route requires: `value` empty means "present"; `regexp` for `headersRegexp`. */
export interface HeaderInfo {
  /** The header's name. */
  name: string;
  /** The value required (`''`: only present), or the pattern as written (RE2 syntax) when `regexp` is true. */
  value: string;
  /** True for a `headersRegexp()` condition. */
  regexp: boolean;
}

/** One route of a router tree, as `router.routes()` lists it. Templates are as written, prefixes included. */
export interface RouteInfo {
  /** The route itself. */
  route: Route;
  /** Its name, when it has one. */
  name?: string;
  /** 0 for the router's own routes, 1 for its subrouters' routes, and so on. */
  depth: number;
  /** The methods the route accepts (every method matcher's, inherited ones included); absent: any. */
  methods?: string[];
  /** The schemes it accepts; absent: any. */
  schemes?: string[];
  /** Its host template as written. */
  host?: string;
  /** Its path template as written, subrouter prefixes included. */
  path?: string;
  /** Its path-prefix template as written, subrouter prefixes included. */
  pathPrefix?: string;
  /** Query templates as `key=value`. */
  queries?: string[];
  /** Its header conditions. */
  headers?: HeaderInfo[];
  /** It has a `matcherFunc()` matcher (which introspection cannot describe). */
  hasCustomMatcher: boolean;
  /** It only builds URLs and never matches (`buildOnly()`). */
  buildOnly: boolean;
  /** The route opens a subrouter (its routes follow it, one level deeper). */
  hasSubrouter: boolean;
}

/** Every route of the tree, depth-first in registration order. */
export function routeInfos(router: Router): RouteInfo[] {
  return router.visits(false).map((v) => routeInfo(v.route, v.depth));
}

/** What one route requires, read from its configuration. */
export function routeInfo(route: Route, depth: number): RouteInfo {
  const { conf } = route;
  const info: RouteInfo = {
    route,
    depth,
    hasCustomMatcher: false,
    buildOnly: route.isBuildOnlyRoute,
    hasSubrouter: route.subrouterOrUndefined !== undefined,
  };
  if (route.getName() !== '') info.name = route.getName();
  let methods: string[] | undefined;
  let schemes: string[] | undefined;
  const headers: HeaderInfo[] = [];
  for (const m of conf.matchers.items()) {
    if (m instanceof SubrouterMatcher) continue;
    if (m instanceof MethodMatcher) methods = methods === undefined ? [...m.methods] : methods.filter((x) => m.methods.includes(x));
    else if (m instanceof SchemeMatcher) schemes = schemes === undefined ? [...m.schemes] : schemes.filter((x) => m.schemes.includes(x));
    else if (m instanceof HeaderMatcher) for (const [name, value] of m.expected) headers.push({ name, value, regexp: false });
    else if (m instanceof HeaderRegexpMatcher) for (const [name, pattern] of m.written) headers.push({ name, value: pattern, regexp: true });
    else if (m instanceof FuncMatcher) info.hasCustomMatcher = true;
  }
  if (methods !== undefined) info.methods = methods;
  if (schemes !== undefined) info.schemes = schemes;
  if (conf.host) info.host = conf.host.template;
  if (conf.path) {
    if (conf.path.kind === 'prefix') info.pathPrefix = conf.path.template;
    else info.path = conf.path.template;
  }
  if (conf.queries && conf.queries.length > 0) info.queries = conf.queries.map((q) => q.template);
  if (headers.length > 0) info.headers = headers;
  return info;
}

/** The path column: the path, or the prefix followed by `*`, or `(any path)`. */
export function pathLabel(info: RouteInfo): string {
  if (info.path !== undefined) return info.path || '(empty path)';
  if (info.pathPrefix !== undefined) return info.pathPrefix + '*';
  return '(any path)';
}

/** Queries, headers, schemes and flags in short: `?q={q}`, `X-Key:`, `Accept~json`, `https`, `[custom]`. */
export function otherLabel(info: RouteInfo): string {
  const parts: string[] = [];
  if (info.queries) parts.push('?' + info.queries.join('&'));
  for (const h of info.headers ?? []) parts.push(h.regexp ? `${h.name}~${h.value}` : `${h.name}:${h.value}`);
  if (info.schemes) parts.push(info.schemes.join(','));
  if (info.hasCustomMatcher) parts.push('[custom]');
  if (info.buildOnly) parts.push('[build-only]');
  return parts.join(' ');
}

/** The route list as an aligned table; subrouter routes are indented under the route that opens them. */
export function printRoutes(router: Router): string {
  const rows = routeInfos(router).map((info) => [
    info.methods ? info.methods.join(',') || '(none)' : 'ANY',
    info.host ?? '',
    '  '.repeat(info.depth) + pathLabel(info),
    otherLabel(info),
    info.name ?? '',
  ]);
  return table(['METHODS', 'HOST', 'PATH', 'MATCHERS', 'NAME'], rows);
}

/** Aligns columns with spaces; trailing spaces are trimmed. Cells are made printable first. */
export function table(head: string[], rows: string[][]): string {
  const all = [head, ...rows.map((r) => r.map(printable))];
  // (A loop, not Math.max(...lengths): spreading 200,000 rows as arguments overflows the stack.)
  const widths = head.map((_, i) => all.reduce((w, r) => Math.max(w, displayWidth(r[i]!)), 0));
  return all.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join('  ').trimEnd()).join('\n') + '\n';
}

// Characters a terminal shows in no column (combining marks, variation selectors, zero-width spaces and
// joiners) and in two (East Asian wide and fullwidth forms, emoji shown as emoji).
const ZERO_WIDTH = /[\p{M}\u200b-\u200f\u2060-\u2064\ufeff]/u;
const DOUBLE_WIDTH = /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** How many terminal columns `s` takes (padEnd counts UTF-16 units: CJK text and combining marks misalign). */
export function displayWidth(s: string): number {
  // (ASCII, the usual case, is one column a character.)
  if (!/[^\u0000-\u007f]/.test(s)) return s.length;
  let width = 0;
  let joined = false;
  for (const ch of s) {
    // A character joined to the one before by U+200D (an emoji sequence: 👨‍👩‍👧) is drawn in its place.
    if (!joined) width += ZERO_WIDTH.test(ch) ? 0 : DOUBLE_WIDTH.test(ch) ? 2 : 1;
    joined = ch === '\u200d';
  }
  return width;
}

// A template never holds control characters worth showing raw; quote() escapes them.
function printable(s: string): string {
  return /[\u0000-\u001f\u007f]/.test(s) ? quote(s).slice(1, -1) : s;
}
