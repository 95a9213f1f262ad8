import { escapeHost, escapePath } from './url-escape.js';

/** A URL built from a named route (gorilla returns a *url.URL). `path` holds the unescaped path. */
export class BuiltURL {
  constructor(
    /** The scheme (`http` unless the route's `schemes()` say otherwise); `''` without a host. */
    readonly scheme: string,
    /** The built host, `''` when the route has no host template. */
    readonly host: string,
    /** The built path, unescaped. */
    readonly path: string,
    /** The built query, escaped, without `?`. */
    readonly rawQuery: string,
  ) {}

  /**
   * `scheme://host/path?rawQuery`, or `/path?rawQuery` without a scheme and host, as Go's `URL.String()`
   * writes it: the host and the path are percent-escaped, so no value can move the URL to another
   * authority. A scheme is written even when the built host is empty (`http:///p`). A path starting
   * with `//` is written `/%2F…`, so that it can never be read as a host.
   */
  toString(): string {
    let out = '';
    if (this.scheme !== '') out = this.scheme + ':';
    if (this.scheme !== '' || this.host !== '') {
      if (this.host !== '' || this.path !== '') out += '//';
      out += escapeHost(this.host);
    }
    let path = escapePath(this.path);
    if (path.startsWith('//')) path = '/' + path.slice(1).replace(/^\/+/, (s) => '%2F'.repeat(s.length));
    if (path !== '' && path[0] !== '/' && this.host !== '') out += '/';
    out += path;
    if (this.rawQuery !== '') out += '?' + this.rawQuery;
    return out;
  }
}
