import { MuxError } from '../errors.js';
import { quoteCut } from '../quote.js';
import { compileLinear } from '../template/linear.js';
import { parsePattern } from '../template/pattern.js';
import { distinctValues, headerText, headersAreBytes, isAsciiName, isValidHost, requestHeader, utf8Bytes, type RequestView } from './request-view.js';
import type { RouteMatch } from '../route/route-match.js';
import type { RouteRegexp } from '../template/template.js';
import type { MatcherFunc, Request, RequestLike } from '../types.js';

/**
 * One condition of a route. `kind` tells the 404/405 decision what a failure means: a `method` failure
 * may become a 405, a `query` failure of a route that accepts the method keeps it a 404.
 */
export interface Matcher {
  readonly kind: 'method' | 'query' | 'other';
  /** What this matcher tells the route index (see IndexHint). */
  readonly index: IndexHint;
  matches(view: RequestView, req: RequestLike, match: RouteMatch): boolean;
  /**
   * The same answer from the request alone, when this matcher can tell it cheaply (undefined: ask
   * `matches`). The route index asks first, so a header route or a plain-text host subrouter costs a
   * request no view of it.
   */
  quick?(req: RequestLike): boolean | undefined;
}

/**
 * What a matcher can tell the route index without the index re-implementing it: a path template places
 * the route in the trie by its segment layout; methods are a set the index compares; `check` matchers
 * (host, scheme, headers, queries) are asked on the request for the routes the trie found; `evaluate`
 * (a custom function, user code) means only evaluating the route in order gives the answer.
 */
export type IndexHint =
  | { readonly kind: 'path'; readonly template: RouteRegexp }
  | { readonly kind: 'methods'; readonly methods: readonly string[] }
  | { readonly kind: 'check' }
  | { readonly kind: 'evaluate' };

const CHECK: IndexHint = { kind: 'check' };
const EVALUATE: IndexHint = { kind: 'evaluate' };

/** The host a host template is matched against: without the port when the template has none. */
export function hostInput(rr: RouteRegexp, view: RequestView): string {
  const host = view.host;
  if (!rr.wildcardHostPort) return host;
  if (host.charCodeAt(0) === 91 /* [ */) {
    // IPv6 literal: the port, if any, follows the closing bracket.
    const close = host.indexOf(']');
    return close === -1 ? host : host.slice(0, close + 1);
  }
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** The path a path or prefix template is matched against: decoded, or as sent under useEncodedPath. */
export function pathInput(rr: RouteRegexp, view: RequestView): string {
  return rr.useEncodedPath ? view.escapedPath : view.path;
}

/** The `key=value` string a query template is matched against; `""` when the key is absent. */
export function queryInput(rr: RouteRegexp, view: RequestView): string {
  const value = view.queryValue(rr.queryKey);
  return value === undefined ? '' : rr.queryKey + '=' + value;
}

export class HostMatcher implements Matcher {
  readonly kind = 'other';
  readonly index = CHECK;
  /** The template when it is plain text and a valid host. */
  private readonly plainHost: string | undefined;
  constructor(readonly regexp: RouteRegexp) {
    const text = regexp.literal;
    this.plainHost = text !== undefined && isValidHost(text) ? text : undefined;
  }
  matches(view: RequestView): boolean {
    // A request whose host is not a host (`a/b`, `x@y`, ...) matches no host template.
    return view.hostIsValid && this.regexp.test(hostInput(this.regexp, view));
  }
  /**
   * True for a plain-text template when the request's target is a path and its Host header is exactly
   * the template (no `:authority` beside it): its host is then that valid host, and equal. Anything else
   * (another host, a port to strip, an absolute-form target) is left to `matches`.
   */
  quick(req: RequestLike): boolean | undefined {
    const text = this.plainHost;
    if (text === undefined || req.url?.charCodeAt(0) !== 47 /* / */) return undefined;
    const headers = req.headers;
    return headers !== undefined && headers.host === text && headers[':authority'] === undefined ? true : undefined;
  }
}

/** A `path` or `pathPrefix` template. */
export class PathMatcher implements Matcher {
  readonly kind = 'other';
  get index(): IndexHint {
    return { kind: 'path', template: this.regexp };
  }
  constructor(readonly regexp: RouteRegexp) {}
  matches(view: RequestView): boolean {
    return this.regexp.test(pathInput(this.regexp, view));
  }
}

export class QueryMatcher implements Matcher {
  readonly kind = 'query';
  readonly index = CHECK;
  constructor(readonly regexp: RouteRegexp) {}
  matches(view: RequestView): boolean {
    return this.regexp.test(queryInput(this.regexp, view));
  }
}

export class MethodMatcher implements Matcher {
  readonly kind = 'method';
  get index(): IndexHint {
    return { kind: 'methods', methods: this.methods };
  }
  constructor(readonly methods: readonly string[]) {}
  matches(view: RequestView): boolean {
    return this.methods.includes(view.method);
  }
}

/** The method lists among a route's matchers. */
export function methodLists(matchers: readonly unknown[]): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  for (const m of matchers) if (m instanceof MethodMatcher) out.push(m.methods);
  return out;
}

export class SchemeMatcher implements Matcher {
  readonly kind = 'other';
  readonly index = CHECK;
  constructor(readonly schemes: readonly string[]) {}
  matches(view: RequestView): boolean {
    return this.schemes.includes(view.scheme);
  }
}

/**
 * A header matcher's pairs: the names lower-cased once here, and the pairs in arrays. A request then looks
 * each header up by a name as Node stores it, without lower-casing it again (a new string per request) or
 * iterating the map. Each header must be present, and one of its values accepted.
 */
abstract class HeaderPairsMatcher<T> implements Matcher {
  readonly kind = 'other';
  readonly index = CHECK;
  private readonly names: readonly string[];
  private readonly ascii: readonly boolean[];
  protected readonly wants: readonly T[];
  constructor(readonly expected: ReadonlyMap<string, T>) {
    this.names = [...expected.keys()].map((name) => name.toLowerCase());
    this.ascii = this.names.map(isAsciiName);
    this.wants = [...expected.values()];
  }
  matches(_view: RequestView, req: RequestLike): boolean {
    return this.quick(req);
  }
  /** Headers are read from the request itself: always answered here. */
  quick(req: RequestLike): boolean {
    for (let i = 0; i < this.names.length; i++) {
      const v = requestHeader(req, this.names[i]!, this.ascii[i]!);
      if (v === undefined || !this.accepts(v, i, req)) return false;
    }
    return true;
  }
  /** Whether a present header's value (or one of its values, when repeated) is accepted by pair `i`. */
  protected abstract accepts(value: string | readonly string[], i: number, req: RequestLike): boolean;
}

/**
 * `headers(k, v, ...)`: each header present, and equal to v unless v is empty. Compared as Go compares
 * them, byte for byte: a Node request's value (its bytes as latin1 characters) with v's UTF-8 bytes.
 */
export class HeaderMatcher extends HeaderPairsMatcher<string> {
  private readonly wantBytes: readonly string[] = [...this.expected.values()].map(utf8Bytes);
  // (Only a value outside ASCII has other bytes than characters: ASCII values skip that step.)
  private readonly asciiValues = this.wantBytes.every((b, i) => b === this.wants[i]);
  protected accepts(v: string | readonly string[], i: number, req: RequestLike): boolean {
    let want = this.wants[i]!;
    if (want === '') return true;
    if (!this.asciiValues && this.wantBytes[i] !== want && headersAreBytes(req)) want = this.wantBytes[i]!;
    return typeof v === 'string' ? v === want : distinctValues(v).includes(want);
  }
}

/**
 * `headersRegexp(k, re, ...)`: each header present, some value matching re (unanchored, as gorilla). A
 * Node request's value is read as UTF-8 first, as Go's regexp reads the header's bytes.
 */
export class HeaderRegexpMatcher extends HeaderPairsMatcher<RegExp> {
  /** `expected`, compiled from these patterns as written (RE2 syntax), by header name. */
  constructor(
    expected: ReadonlyMap<string, RegExp>,
    readonly written: ReadonlyMap<string, string>,
  ) {
    super(expected);
  }
  protected accepts(v: string | readonly string[], i: number, req: RequestLike): boolean {
    const re = this.wants[i]!;
    const test = (value: string) => re.test(headerText(req, value));
    return typeof v === 'string' ? test(v) : distinctValues(v).some(test);
  }
}

export class FuncMatcher implements Matcher {
  readonly kind = 'other';
  readonly index = EVALUATE;
  constructor(readonly fn: MatcherFunc) {}
  matches(_view: RequestView, req: RequestLike, match: RouteMatch): boolean {
    return this.fn(req as Request, match) === true;
  }
}

/** Throws unless `pairs` has an even length; `what` says where the pairs were given. */
export function checkPairs(pairs: readonly string[], what: string): void {
  if (pairs.length % 2 !== 0) {
    // (Quoted with control characters escaped: URL building may be given values from a request.)
    throw new MuxError(`mux: number of parameters must be multiple of 2, got [${pairs.map((p) => quoteCut(String(p), 60)).join(' ')}] (${what})`);
  }
}

/** Turns `k1, v1, k2, v2` into a map (a repeated key keeps its last value); throws on an odd count. */
export function pairsToMap(pairs: readonly string[], what: string): Map<string, string> {
  checkPairs(pairs, what);
  const m = new Map<string, string>();
  for (let i = 0; i < pairs.length; i += 2) m.set(String(pairs[i]), String(pairs[i + 1]));
  return m;
}

/**
 * Compiles a `headersRegexp` value (searched for anywhere in the header's value, as Go's MatchString does)
 * into a RegExp that matches in linear time; throws a MuxError naming the header, the pattern and `where`
 * (the route) when it is not valid.
 */
export function compileHeaderRegexp(header: string, source: string, where: string): RegExp {
  try {
    return compileLinear(parsePattern(source));
  } catch (err) {
    throw new MuxError(`mux: invalid regular expression ${JSON.stringify(source)} for header "${header}" (${where}): ${(err as Error).message}`);
  }
}
