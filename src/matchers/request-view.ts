import { IncomingMessage } from 'node:http';
import { Http2ServerRequest } from 'node:http2';
import { isUtf8 } from 'node:buffer';
import { isIPv6 } from 'node:net';
import type { RequestLike } from '../types.js';
import { decodePath, decodeUtf8PerByte, escapedRawPath } from '../url/url-escape.js';
import { trimTrailingSlashes } from '../template/template.js';
import { quoteCut } from '../quote.js';
import { QueryReader } from '../url/query.js';

// scheme "://" authority, then the rest (path, query): an absolute-form request target.
const ABSOLUTE_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/;

/**
 * The parts of a request that matching reads, parsed once per dispatch: the decoded path (Go's
 * `URL.Path`), the raw path, the raw query, host and scheme as the router reads them.
 */
export class RequestView {
  readonly method: string;
  private readonly req: RequestLike;
  private escaped: string | undefined;
  // Host and scheme are read only by the routes that need them.
  private hostValue: string | undefined;
  /** An absolute-form target's host as sent (`hostValue` is decoded, as Go's URL.Host is). */
  private sentHostValue: string | undefined;
  private hostOk: boolean | undefined;
  private hostRead = false;
  private hostHeader: string | undefined;
  private authorityHeader: string | undefined;
  private schemeValue: string | undefined;
  // The target is parsed on first use: a header or host check on its own never needs the path.
  private parsed = false;
  private rawPathValue = '';
  private pathValue = '';
  private malformedValue = false;
  private rawQueryValue = '';
  private hasQueryValue = false;
  private absoluteValue = false;
  /** An absolute-form target's userinfo (before the last `@` of its authority), when it has one. */
  private userinfoValue: string | undefined;
  // The query as far as its lookups read it.
  private query: QueryReader | undefined;

  constructor(req: RequestLike) {
    this.req = req;
    this.method = req.method ?? 'GET';
  }

  /**
   * The request's headers object, read where it is used (not when the view is made: Node's
   * IncomingMessage builds it on first access, most of a microsecond, and a header matcher on one reads
   * its raw header lines instead).
   */
  get headers(): RequestLike['headers'] {
    return this.req.headers ?? {};
  }

  /**
   * Where Express mounted the router (`app.use('/api', router.serveHTTP)` strips `/api` from `req.url`
   * and keeps it in `req.baseUrl`), without trailing slashes; empty when not mounted below the root.
   * Redirects put it back in front of their path.
   */
  get mountPath(): string {
    const base = (this.req as { baseUrl?: unknown }).baseUrl;
    if (typeof base !== 'string' || base.charCodeAt(0) !== 47 /* / */) return '';
    return trimTrailingSlashes(base);
  }

  /** The path as sent, up to `?`. */
  get rawPath(): string {
    return this.parse().rawPathValue;
  }

  /** The percent-decoded path; equal to rawPath when the encoding is malformed (see `malformed`). */
  get path(): string {
    return this.parse().pathValue;
  }

  /** True when the path has a malformed percent-encoding. */
  get malformed(): boolean {
    return this.parse().malformedValue;
  }

  get rawQuery(): string {
    return this.parse().rawQueryValue;
  }

  /** The decoded value of the query's first `key` (findFirstQueryKey), `undefined` when absent; the query is read once. */
  queryValue(key: string): string | undefined {
    return (this.query ??= new QueryReader(this.rawQuery)).get(key);
  }

  get hasQuery(): boolean {
    return this.parse().hasQueryValue;
  }

  /** True for an absolute-form target (`http://host/path`). */
  get absolute(): boolean {
    return this.parse().absoluteValue;
  }

  private parse(): this {
    if (this.parsed) return this;
    this.parsed = true;
    const url: unknown = this.req.url ?? '';
    if (typeof url !== 'string') {
      // A request object whose target is not a string (`url: 42`): malformed, as a bad escape is.
      this.malformedValue = true;
      return this;
    }
    let target = url;
    if (target.charCodeAt(0) !== 47 /* / */) {
      const abs = ABSOLUTE_FORM.exec(target);
      if (abs) {
        this.absoluteValue = true;
        this.schemeValue = abs[1]!.toLowerCase();
        const authority = abs[2]!;
        const at = authority.lastIndexOf('@');
        if (at !== -1) this.userinfoValue = authority.slice(0, at);
        this.sentHostValue = authority.slice(at + 1);
        this.hostValue = decodedHost(this.sentHostValue);
        target = target.slice(abs[0].length);
      }
    }
    // (The bytes of an HTTP/2 target outside ASCII read as the UTF-8 they are: see targetBytesEscaped.)
    if (NON_ASCII.test(target) && targetIsBytes(this.req)) target = targetBytesEscaped(target);
    const q = target.indexOf('?');
    this.rawPathValue = q === -1 ? target : target.slice(0, q);
    this.hasQueryValue = q !== -1;
    this.rawQueryValue = q === -1 ? '' : target.slice(q + 1);
    const decoded = decodePath(this.rawPathValue);
    this.malformedValue = decoded === undefined;
    this.pathValue = decoded ?? this.rawPathValue;
    return this;
  }

  /** The absolute-form URL's host, else the Host header, else `:authority`. */
  get host(): string {
    if (!this.hostRead) this.readHost();
    return this.hostValue!;
  }

  /**
   * True when every host the request carries (absolute-form authority, `Host`, `:authority`) is a valid
   * host: an RFC 3986 reg-name, IPv4 address or IP literal, with an optional numeric port. An absent host
   * is valid. serveHTTP answers 400 otherwise, and no host template matches. An HTTP/2 request whose
   * `Host` is not its `:authority` is malformed (RFC 9113 §8.3.1) and not valid either: tsmux reads `Host`
   * first where Go's HTTP/2 server reads `:authority`, and a front end that checked the one would let the
   * other choose the route.
   */
  get hostIsValid(): boolean {
    if (this.hostOk === undefined) {
      if (!this.hostRead) this.readHost();
      // (The host as sent is what is checked.)
      const host = this.sentHostValue ?? this.hostValue!;
      const header = this.hostHeader;
      const authority = this.authorityHeader;
      // A header equal to the host already checked is not checked again (the usual case: host = Host).
      this.hostOk =
        isValidHost(host) &&
        // Go parses an absolute-form target's host with url.Parse, which refuses some escapes ("invalid
        // URL escape"): its server answers 400 (a Host header is not parsed so).
        !(this.absoluteValue && goRefusesEscapes(host)) &&
        // So does a userinfo it refuses ("invalid userinfo", or a bad escape in it).
        !this.userinfoRefused &&
        (header === undefined || header === host || isValidHost(header)) &&
        (authority === undefined || (hostAgrees(this.req, header, authority) && (authority === host || isValidHost(authority)))) &&
        !repeatedHost(this.req);
    }
    return this.hostOk;
  }

  // An absolute-form target's userinfo that Go's url.Parse refuses.
  private get userinfoRefused(): boolean {
    return this.userinfoValue !== undefined && !GO_USERINFO.test(this.userinfoValue);
  }

  /** Why `hostIsValid` is false (for explain()); undefined when it is true. */
  get hostProblem(): string | undefined {
    if (this.hostIsValid) return undefined;
    if (repeatedHost(this.req)) return 'the request has two Host header lines';
    const header = this.hostHeader;
    const authority = this.authorityHeader;
    if (authority !== undefined && !hostAgrees(this.req, header, authority)) {
      return `its Host header ${quoteCut(String(sentHost(this.req, header)))} is not its :authority ${quoteCut(authority)}`;
    }
    if (this.userinfoRefused) return `the userinfo ${quoteCut(this.userinfoValue!)} of its target is not valid`;
    return `the host ${quoteCut(this.sentHostValue ?? this.host)} is not a valid host`;
  }

  // Reads the Host and `:authority` headers once, for both `host` and `hostIsValid` (each read with a
  // constant name: a property load the compiler caches, where a name passed in was a generic lookup).
  private readHost(): void {
    this.hostRead = true;
    // Only an absolute-form target (not starting with `/`) carries a host of its own.
    if (!this.parsed && !originForm(this.req.url)) this.parse();
    const headers = this.headers;
    this.hostHeader = firstValue(headers.host);
    this.authorityHeader = firstValue(headers[':authority']);
    this.hostValue ??= this.hostHeader ?? this.authorityHeader ?? '';
  }

  /** The absolute-form URL's scheme, else `https` on a TLS socket, else `http`. */
  get scheme(): string {
    if (this.schemeValue === undefined && !this.parsed && !originForm(this.req.url)) this.parse();
    return (this.schemeValue ??= (this.req.socket as { encrypted?: boolean } | null | undefined)?.encrypted ? 'https' : 'http');
  }

  /** The path with its original encoding kept (Go's `URL.EscapedPath`), for `useEncodedPath()` routes. */
  get escapedPath(): string {
    return (this.escaped ??= escapedRawPath(this.rawPath));
  }

  /** Every value of a header; `undefined` when it is absent. Names are compared case-insensitively. */
  headerValues(name: string): readonly string[] | undefined {
    const v = this.header(name.toLowerCase());
    return typeof v === 'string' ? [v] : v;
  }

  /** `headerValues` as text, as header matchers read it (see headerText). */
  headerTexts(name: string): readonly string[] | undefined {
    return this.headerValues(name)?.map((v) => headerText(this.req, v));
  }

  /**
   * A header by its lower-cased name: its value, or its values when it is repeated (a string array);
   * `undefined` when it is absent. For matchers, whose names are lower-cased once when the route is made
   * (a single value is not wrapped in an array; `headerValues` gives every value as an array). `ascii`:
   * the name is ASCII, as every header name Node's parser reads is (matchers work it out once).
   */
  header(lower: string, ascii: boolean = isAsciiName(lower)): string | readonly string[] | undefined {
    return requestHeader(this.req, lower, ascii);
  }
}

/**
 * A request's header by its lower-cased name, as `RequestView.header` gives it (read from the request
 * alone: a header matcher needs no view of the request).
 */
export function requestHeader(req: RequestLike, lower: string, ascii: boolean): string | readonly string[] | undefined {
  // `req.headers` says which headers the request has and their values: a middleware before the router
  // may have removed one (a header only a proxy may set) or set one, and routing sees what it did.
  // (Node's requests name them in lower case: read as they are. Walking the names of a hand-made
  // object, in any case, for each header missing from a real request made a 404 among a thousand header
  // routes five times slower.)
  const headers = req.headers ?? {};
  const node = headersAreBytes(req);
  const v = node ? (Object.hasOwn(headers, lower) ? headers[lower] : undefined) : lookupHeader(headers, lower);
  if (typeof v !== 'string' && !Array.isArray(v)) return undefined;
  // A header sent more than once is joined there ("a, b"), or only its first value kept: Go keeps each
  // value apart (a joined value would hide one). They are taken apart from the lines the request came
  // with, while `headers` holds what Node made of those lines (else a middleware set it: as it is).
  const apart = valuesApart(req, lower, ascii);
  if (apart === undefined || typeof apart === 'string') return v;
  const http2 = node && req instanceof Http2ServerRequest;
  // HTTP/2 splits a Cookie into fields that are one header (RFC 9113 §8.2.3): Go joins them, Node too.
  if (http2 && lower === 'cookie') return v;
  const joinsAll = node && !http2 && (req as { joinDuplicateHeaders?: unknown }).joinDuplicateHeaders === true;
  const firstOnly = http2 ? HTTP2_FIRST_VALUE_ONLY : joinsAll ? NONE_FIRST_ONLY : HTTP1_FIRST_VALUE_ONLY;
  return isNodeForm(v, apart, lower, firstOnly) ? apart : v;
}

// The values of a header as the request's own lines give them, where it has them: Node's raw header lines
// (HTTP/1 and HTTP/2), else a `headersDistinct` of the request's own; undefined where it has neither, or
// no such line.
function valuesApart(req: RequestLike, lower: string, ascii: boolean): string | readonly string[] | undefined {
  // Node's IncomingMessage: the raw header lines it builds `headersDistinct` from, read in place (that
  // object costs about a microsecond per request to build, for eight headers; a scan, a few ns). A
  // request without raw lines (a plain object) is not asked instanceof, a generic walk of its prototypes.
  if (ascii && (req as { rawHeaders?: unknown }).rawHeaders !== undefined) {
    if (req instanceof IncomingMessage) {
      const n = headerLineCount(req);
      if (n !== undefined) return rawHeader(req.rawHeaders, n, lower);
    } else if (req instanceof Http2ServerRequest && Array.isArray(req.rawHeaders)) {
      // HTTP/2 has no headersDistinct: its raw fields keep the values apart.
      return rawHeader(req.rawHeaders, req.rawHeaders.length, lower);
    }
  }
  // Only own properties count: `constructor` or `__proto__` is not a header of every request.
  const distinct = (req as { headersDistinct?: Record<string, string[] | undefined> }).headersDistinct;
  return distinct && Object.hasOwn(distinct, lower) ? distinct[lower] : undefined;
}

// True when `v` is what Node makes of a header's repeated values: joined with ", " ("; " for Cookie), its
// first value for the headers Node keeps one of (`firstOnly`: HTTP/1 and HTTP/2 keep different ones, and
// HTTP/1 under joinDuplicateHeaders none), the values themselves as an array (Set-Cookie). (A middleware
// that sets such a header to the first value it already had cannot be told from Node.)
function isNodeForm(v: string | readonly string[], values: readonly string[], lower: string, firstOnly: ReadonlySet<string>): boolean {
  if (typeof v !== 'string') return v.length === values.length && v.every((x, i) => x === values[i]);
  if (v === values[0] && firstOnly.has(lower)) return true;
  return v.length >= values.length && v === joined(values, lower === 'cookie' ? '; ' : ', ');
}

// `values` joined with `separator`; the last join is kept, for the next header route reading the same
// values (see rawHeader).
function joined(values: readonly string[], separator: string): string {
  if (values !== lastJoinedValues || separator !== lastSeparator) {
    lastJoinedValues = values;
    lastSeparator = separator;
    lastJoined = values.join(separator);
  }
  return lastJoined;
}

let lastJoinedValues: readonly string[] | undefined;
let lastSeparator = '';
let lastJoined = '';

/**
 * A header's values without repeats, in order, when they were read from the request's raw lines (a
 * header matcher's answer is the same for a value seen twice); the last answer is kept, for the next
 * header route reading the same values (see rawHeader). Values set by a middleware are left as they are.
 */
export function distinctValues(values: readonly string[]): readonly string[] {
  if (values !== lastRawValue) return values;
  if (values !== lastDistinctOf) {
    lastDistinctOf = values;
    lastDistinct = values.length < 2 ? values : [...new Set(values)];
  }
  return lastDistinct;
}

let lastDistinctOf: readonly string[] | undefined;
let lastDistinct: readonly string[] = [];

const NONE_FIRST_ONLY: ReadonlySet<string> = new Set();

// The headers whose repeated values Node's HTTP/1 server drops but the first.
const HTTP1_FIRST_VALUE_ONLY = new Set([
  'age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after',
  'server', 'user-agent',
]);

// Those of Node's HTTP/2 server (its single-value headers).
const HTTP2_FIRST_VALUE_ONLY = new Set([
  'access-control-allow-credentials', 'access-control-max-age', 'access-control-request-method', 'age', 'authorization',
  'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5', 'content-range',
  'content-type', 'date', 'dnt', 'etag', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match',
  'if-range', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'range',
  'referer', 'retry-after', 'tk', 'upgrade-insecure-requests', 'user-agent', 'x-content-type-options',
]);

/**
 * True for a request from Node's HTTP/1 or HTTP/2 server (its raw header lines asked first: a plain
 * object has none), whose header names are lower case and whose values hold the bytes as sent, one
 * latin1 character per byte (a UTF-8 `é` arrives as `Ã©`). Go compares and matches those bytes as UTF-8.
 */
export function headersAreBytes(req: RequestLike): boolean {
  return (req as { rawHeaders?: unknown }).rawHeaders !== undefined && (req instanceof IncomingMessage || req instanceof Http2ServerRequest);
}

/**
 * A header value as Go's regexp reads it: a Node request's (its bytes as latin1 characters) decoded as
 * UTF-8, an invalid byte one U+FFFD; another request's as it is. (ASCII is the same either way.)
 */
export function headerText(req: RequestLike, value: string): string {
  if (!headersAreBytes(req)) return value;
  // Every headersRegexp route reads the same header of a request: it is read once (a thousand such
  // routes and a 16 KiB header outside ASCII took a third of a second when each decoded it).
  if (value === lastBytes) return lastText;
  let text = value;
  if (NON_ASCII.test(value)) {
    const bytes = Buffer.from(value, 'latin1');
    text = isUtf8(bytes) ? bytes.toString('utf8') : decodeUtf8PerByte(bytes);
  }
  lastBytes = value;
  lastText = text;
  return text;
}

// The header value headerText read last, and its text.
let lastBytes = '';
let lastText = '';

/** A text as the bytes of its UTF-8 form, one latin1 character per byte (what a Node request's header holds). */
export function utf8Bytes(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * True when the request's target holds its bytes as latin1 characters: a `node:http2` request's `:path`
 * as it came (Node's HTTP/1 parser refuses a byte outside ASCII there; a plain object's `url`, or one a
 * middleware set, is text).
 */
function targetIsBytes(req: RequestLike): boolean {
  if ((req as { stream?: unknown }).stream === undefined || !(req instanceof Http2ServerRequest)) return false;
  // (Setting `url` sets the `:path` of `headers`; the raw fields keep the one that came.)
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i] === ':path') return raw[i + 1] === req.url;
  return false;
}

/**
 * True when an origin-form path must go through a RequestView to be read: an HTTP/2 path with bytes
 * outside ASCII. (The fast paths read a path without `%` as its own decoded form.)
 */
export function pathHasRawBytes(req: RequestLike, path: string): boolean {
  // (Asked of every request: the property first, which an HTTP/1 request or a plain object lacks; a
  // RegExp test of each path cost short static lookups about half their time.)
  return (req as { stream?: unknown }).stream !== undefined && NON_ASCII.test(path) && targetIsBytes(req);
}

// A target whose bytes outside ASCII are latin1 characters, with those bytes escaped (`%C3%A9`), as the
// client's own escapes would be: Go reads such a path as its UTF-8 (a route `/café` matches it), and
// invalid UTF-8 is then a malformed path (400), as an escaped one is. A character past one byte is escaped
// as its UTF-8.
function targetBytesEscaped(target: string): string {
  let out = '';
  for (const c of target) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) out += c;
    else if (code <= 0xff) out += `%${code.toString(16).toUpperCase()}`;
    // (Not from the wire. A lone surrogate, which encodeURIComponent refuses, is U+FFFD's bytes.)
    else for (const byte of Buffer.from(c, 'utf8')) out += `%${byte.toString(16).toUpperCase()}`;
  }
  return out;
}

/** True when a header name is ASCII (every name Node's parser reads is). */
export function isAsciiName(name: string): boolean {
  return !NON_ASCII.test(name);
}


// Node keeps how many entries of `rawHeaders` its header objects were built from (fewer than all when
// the server's maxHeadersCount cut them) under a private symbol, found by its description on a message
// made here once (a constant, so the compiler reads it as a plain property); where it cannot be found,
// headersDistinct is read instead.
const HEADER_LINE_COUNT: symbol | undefined = Object.getOwnPropertySymbols(new IncomingMessage(null as never)).find(
  (s) => s.description === 'kHeadersCount',
);

function headerLineCount(req: IncomingMessage): number | undefined {
  if (HEADER_LINE_COUNT === undefined) return undefined;
  const n = (req as unknown as Record<symbol, unknown>)[HEADER_LINE_COUNT];
  return typeof n === 'number' && Array.isArray(req.rawHeaders) ? Math.min(n, req.rawHeaders.length) : undefined;
}

/**
 * What `headersDistinct[lower]` holds, from the first `n` entries of `rawHeaders` (name, value, ...), as
 * Node builds it (names lower-cased, values in order), without the arrays: one value as a string.
 * `lower` is ASCII: only a name of its length can lower-case to it.
 */
function rawHeader(raw: readonly string[], n: number, lower: string): string | readonly string[] | undefined {
  // Header routes read the same header of the same request one after another: the last answer is kept
  // (a thousand header routes and two thousand lines of their header cost 60 ms a request, each route
  // scanning every line). Node's raw lines are not changed once parsed.
  if (raw === lastRaw && n === lastRawCount && lower === lastRawName) return lastRawValue;
  const value = scanRawHeader(raw, n, lower);
  lastRaw = raw;
  lastRawCount = n;
  lastRawName = lower;
  lastRawValue = value;
  return value;
}

let lastRaw: readonly string[] | undefined;
let lastRawCount = 0;
let lastRawName = '';
let lastRawValue: string | readonly string[] | undefined;

function scanRawHeader(raw: readonly string[], n: number, lower: string): string | readonly string[] | undefined {
  let found = 0;
  let first: string | undefined;
  let all: string[] | undefined;
  for (let i = 0; i < n; i += 2) {
    const name = raw[i]!;
    if (name.length !== lower.length || (name !== lower && name.toLowerCase() !== lower)) continue;
    const value = raw[i + 1]!;
    if (found++ === 0) first = value;
    else (all ??= [first!]).push(value);
  }
  return found > 1 ? all : first;
}

/**
 * An absolute-form target's host as Go's URL.Host holds it: its escapes decoded (`%C3%A9.example.com` is
 * `é.example.com`, a zone's `%25` a `%`), when they are ones Go accepts and make UTF-8; else as sent.
 */
function decodedHost(sent: string): string {
  if (sent.indexOf('%') === -1 || goRefusesEscapes(sent)) return sent;
  try {
    return decodeURIComponent(sent);
  } catch {
    return sent;
  }
}

/**
 * True when Go's url.Parse refuses the escapes of an absolute-form host, as it reads them: a `%` that does
 * not start `%XX`; outside an IPv6 zone (which `%25` starts inside the brackets), an escaped ASCII byte but
 * `%25`; inside one, an escaped byte a host could not hold as it is, but `%25` and a space. (Node's isIPv6
 * takes a bare `%zone`, which Go refuses as a malformed escape.)
 */
function goRefusesEscapes(host: string): boolean {
  if (host.indexOf('%') === -1) return false;
  const close = host.charCodeAt(0) === 91 /* [ */ ? host.lastIndexOf(']') : -1;
  const zone = close === -1 ? -1 : host.slice(0, close).indexOf('%25');
  if (zone === -1) return escapesRefused(host, false);
  return escapesRefused(host.slice(0, zone), false) || escapesRefused(host.slice(zone, close), true) || escapesRefused(host.slice(close), false);
}

function escapesRefused(s: string, zone: boolean): boolean {
  for (let i = s.indexOf('%'); i !== -1; i = s.indexOf('%', i + 1)) {
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return true;
    if (hex === '25') continue;
    const byte = parseInt(hex, 16);
    if (zone ? byte !== 0x20 && (byte >= 0x80 || !HOST_BYTE.test(String.fromCharCode(byte))) : byte < 0x80) return true;
  }
  return false;
}

// A userinfo Go's url.Parse takes: its validUserinfo characters, each `%` starting a two-digit escape.
const GO_USERINFO = /^(?:[A-Za-z0-9\-._:~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})*$/;

// What a host may hold as it is (Go's shouldEscape in its host mode says false).
const HOST_BYTE = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]$/;

// reg-name (unreserved, sub-delims, %XX; an IPv4 address is one too), then an optional port.
const REG_NAME_AND_PORT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*(?::[0-9]*)?$/;
const PORT = /^(?::[0-9]*)?$/;
const IP_FUTURE = /^v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$/;
const ZONE_ID = /^(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})+$/;

/**
 * True when `host` is an RFC 3986 host (reg-name, IPv4 address, or IP literal in brackets: IPv6, an RFC
 * 6874 zone, IPvFuture) with an optional numeric port; `""` is valid (no host).
 */
export function isValidHost(host: string): boolean {
  // A server sees the same few hosts over and over: the last valid one is remembered (a string compare).
  if (host === lastValidHost) return true;
  if (!checkHost(host)) return false;
  lastValidHost = host;
  return true;
}

let lastValidHost = '';

function checkHost(host: string): boolean {
  if (host.charCodeAt(0) !== 91 /* [ */) return REG_NAME_AND_PORT.test(host);
  const close = host.indexOf(']');
  if (close === -1 || !PORT.test(host.slice(close + 1))) return false;
  const literal = host.slice(1, close);
  if (IP_FUTURE.test(literal)) return true;
  const zone = literal.indexOf('%25');
  if (zone === -1) return isIPv6(literal);
  return isIPv6(literal.slice(0, zone)) && ZONE_ID.test(literal.slice(zone + 3));
}

/**
 * `hostIsValid` for an origin-form target (one starting with `/`, whose host is its `Host` or
 * `:authority` header), read from the request without a view.
 */
export function originHostsAreValid(req: RequestLike): boolean {
  const headers = req.headers;
  // The usual request: the Host checked last, no `:authority`. (Kept this small, the check is inlined
  // where serving calls it: the GitHub API through serveHTTP took about 9% less time than with the whole
  // check in one function.)
  if (headers !== undefined && headers !== null && headers.host === lastValidHost && headers[':authority'] === undefined) return !repeatedHost(req);
  return anyHostsAreValid(req);
}

function anyHostsAreValid(req: RequestLike): boolean {
  const headers = req.headers;
  if (headers === undefined || headers === null) return !repeatedHost(req);
  const header = firstValue(headers.host);
  const authority = firstValue(headers[':authority']);
  return (
    (header === undefined || isValidHost(header)) &&
    (authority === undefined || (hostAgrees(req, header, authority) && (authority === header || isValidHost(authority)))) &&
    !repeatedHost(req)
  );
}

/**
 * False when a request carries a `Host` that is not its `:authority` (a malformed HTTP/2 request, RFC 9113
 * §8.3.1). An HTTP/2 request's Host is read from the fields it came with: a middleware may have set
 * `req.headers.host` since (a forwarded host, say), which routing then reads as the request's host.
 */
function hostAgrees(req: RequestLike, header: string | undefined, authority: string): boolean {
  const sent = sentHost(req, header);
  return sent === undefined || sent === authority;
}

// The Host the client sent: an HTTP/2 request's from its fields as they came, any other's its header.
function sentHost(req: RequestLike, header: string | undefined): string | readonly string[] | undefined {
  return req instanceof Http2ServerRequest && Array.isArray(req.rawHeaders) ? rawHeader(req.rawHeaders, req.rawHeaders.length, 'host') : header;
}

/**
 * True when the request came with more than one `Host` header line. Go's server answers it 400 ("too
 * many Host headers"); Node keeps the first in `headers` and drops the others, which a proxy in front
 * may have read instead (and `headers()` matchers read every line). Counted in the raw header lines
 * Node's requests have (names of four characters only); a request object without them is read as
 * given (a `host` array's first value is its host).
 */
function repeatedHost(req: RequestLike): boolean {
  const raw = (req as { rawHeaders?: unknown }).rawHeaders;
  if (!Array.isArray(raw)) return false;
  let seen = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name: unknown = raw[i];
    if (typeof name !== 'string' || name.length !== 4) continue;
    if (name === 'Host' || name === 'host' || name.toLowerCase() === 'host') {
      if (seen) return true;
      seen = true;
    }
  }
  return false;
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : v?.[0];
}

// `lower` is lower-cased already.
function lookupHeader(headers: RequestLike['headers'], lower: string): string | string[] | undefined {
  // The own property first read as a value (one lookup when the header is there; the own-property check
  // then only confirms it).
  const v = headers[lower];
  if (v !== undefined && Object.hasOwn(headers, lower)) return v;
  // Node lower-cases header names; a hand-made request object may not have. (Own names only: a name
  // inherited from the object's prototype is not a header of the request.)
  for (const k of Object.keys(headers)) {
    if (k.toLowerCase() === lower) return headers[k];
  }
  return undefined;
}

// A target in origin form (`/path?query`): it carries no host or scheme of its own.
function originForm(url: unknown): boolean {
  return typeof url === 'string' && url.charCodeAt(0) === 47 /* / */;
}
