import type { RequestLike } from '../types.js';
import { decodePath, escapedRawPath } from '../url/url-escape.js';

// scheme "://" authority, then the rest (path, query): an absolute-form request target.
const ABSOLUTE_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/;

/**
 * The parts of a request that matching reads, parsed once per dispatch: the decoded path (Go's
 * `URL.Path`), the raw path, the raw query, host and scheme as API.md defines them.
 */
export class RequestView {
  readonly method: string;
  /** The path as sent, up to `?`. */
  readonly rawPath: string;
  /** The percent-decoded path; equal to rawPath when the encoding is malformed (see `malformed`). */
  readonly path: string;
  /** True when the path has a malformed percent-encoding. */
  readonly malformed: boolean;
  readonly rawQuery: string;
  readonly hasQuery: boolean;
  /** True for an absolute-form target (`http://host/path`). */
  readonly absolute: boolean;
  readonly headers: RequestLike['headers'];
  private readonly req: RequestLike;
  private escaped: string | undefined;
  // Host and scheme are read only by the routes that need them.
  private hostValue: string | undefined;
  private schemeValue: string | undefined;

  constructor(req: RequestLike) {
    this.req = req;
    this.method = req.method ?? 'GET';
    this.headers = req.headers ?? {};
    let target = req.url ?? '';
    this.absolute = false;
    if (target.charCodeAt(0) !== 47 /* / */) {
      const abs = ABSOLUTE_FORM.exec(target);
      if (abs) {
        this.absolute = true;
        this.schemeValue = abs[1]!.toLowerCase();
        const authority = abs[2]!;
        this.hostValue = authority.slice(authority.lastIndexOf('@') + 1);
        target = target.slice(abs[0].length);
      }
    }
    const q = target.indexOf('?');
    this.rawPath = q === -1 ? target : target.slice(0, q);
    this.hasQuery = q !== -1;
    this.rawQuery = q === -1 ? '' : target.slice(q + 1);
    const decoded = decodePath(this.rawPath);
    this.malformed = decoded === undefined;
    this.path = decoded ?? this.rawPath;
  }

  /** The absolute-form URL's host, else the Host header, else `:authority`. */
  get host(): string {
    return (this.hostValue ??= headerString(this.headers, 'host') ?? headerString(this.headers, ':authority') ?? '');
  }

  /** The absolute-form URL's scheme, else `https` on a TLS socket, else `http`. */
  get scheme(): string {
    return (this.schemeValue ??= (this.req.socket as { encrypted?: boolean } | null | undefined)?.encrypted ? 'https' : 'http');
  }

  /** The path with its original encoding kept (Go's `URL.EscapedPath`), for `useEncodedPath()` routes. */
  get escapedPath(): string {
    return (this.escaped ??= escapedRawPath(this.rawPath));
  }

  /** Every value of a header; `undefined` when it is absent. Names are compared case-insensitively. */
  headerValues(name: string): readonly string[] | undefined {
    // Node's per-header arrays keep repeated headers apart (joined headers would hide a value; Go keeps them apart).
    const distinct = (this.req as { headersDistinct?: Record<string, string[] | undefined> }).headersDistinct;
    if (distinct) return distinct[name.toLowerCase()];
    const v = lookupHeader(this.headers, name);
    if (v === undefined) return undefined;
    return typeof v === 'string' ? [v] : v;
  }
}

function headerString(headers: RequestLike['headers'], name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : v?.[0];
}

function lookupHeader(headers: RequestLike['headers'], name: string): string | string[] | undefined {
  const lower = name.toLowerCase();
  const v = headers[lower];
  if (v !== undefined) return v;
  // Node lower-cases header names; a hand-made request object may not have.
  for (const k in headers) {
    if (k.toLowerCase() === lower) return headers[k];
  }
  return undefined;
}
