import type { RequestView } from '../matchers/request-view.js';
import type { RedirectStatus } from './route-conf.js';
import type { HandlerFunc, Response } from '../types.js';
import { cleanPath } from '../url/clean-path.js';
import { escapePath } from '../url/url-escape.js';

const STATUS_TEXT: Record<RedirectStatus, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
};

// A host we are willing to echo into an absolute Location.
const SAFE_HOST = /^[A-Za-z0-9.\-_~%!$&'()*+,;=:[\]]+$/;
// Characters that must never reach a header (control characters) get percent-encoded.
const UNSAFE_IN_LOCATION = /[\u0000-\u001f\u007f\s\\"<>^`{|}#]/g;
// The query is copied as sent (as gorilla copies RawQuery), except what cannot go into a header as is:
// control characters, space, and non-ASCII characters (written as UTF-8 `%XX`).
const UNSAFE_IN_QUERY = /[\u0000-\u0020\u007f-\uffff]+/g;

/**
 * The Location for a redirect to `path` on the same origin, keeping the query. `encoded` says `path` is
 * already percent-encoded (useEncodedPath), so it is not encoded again. A relative Location is cleaned as
 * Go's http.Redirect cleans it (`.` and `..` resolved, slashes collapsed, a trailing slash kept; an empty
 * path is `/`). Under an Express mount point (`req.baseUrl`) the path is put after it. The result never
 * starts with `//` or `/\`, which a browser would read as another host, and carries no control characters.
 */
export function sameOriginLocation(view: RequestView, path: string, encoded: boolean): string {
  let p = encoded ? path : escapePath(path);
  p = p.replace(UNSAFE_IN_LOCATION, percentEncode);
  // An absolute-form target's scheme and host are kept only for http and https: another scheme
  // (`javascript://host/dir`) is not echoed into Location, which then holds the path alone.
  const absolute = view.absolute && SAFE_HOST.test(view.host) && (view.scheme === 'http' || view.scheme === 'https');
  if (!absolute) p = cleanPath(p);
  // Mounted below the root in Express, the path the client sent starts with the mount point.
  const mount = view.mountPath;
  if (mount !== '') p = mount.replace(UNSAFE_IN_LOCATION, percentEncode) + p;
  // Every slash after the first is encoded, so the result can never read as `//host`.
  p = p.replace(/^\/(\/+)/, (_m, extra: string) => '/' + '%2F'.repeat(extra.length));
  if (view.hasQuery) p += '?' + view.rawQuery.replace(UNSAFE_IN_QUERY, percentEncode);
  if (absolute) return `${view.scheme}://${view.host}${p}`;
  return p;
}

function percentEncode(c: string): string {
  return encodeURIComponent(c.toWellFormed());
}

/** Sends a bare redirect: status and Location, no body (gorilla's clean-path redirect). */
export function sendRedirect(res: Response, location: string, status: RedirectStatus): void {
  res.statusCode = status;
  res.setHeader('Location', location);
  res.end();
}

/** A handler redirecting as Go's http.Redirect does (strict slash): a short HTML body for GET. */
export function redirectHandler(
  view: RequestView,
  path: string,
  encoded: boolean,
  status: RedirectStatus,
): HandlerFunc {
  const location = sameOriginLocation(view, path, encoded);
  return (req, res) => {
    res.statusCode = status;
    res.setHeader('Location', location);
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
    }
    res.end(req.method === 'GET' ? `<a href="${htmlEscape(location)}">${STATUS_TEXT[status]}</a>.\n\n` : undefined);
  };
}

// Go's htmlEscape (html.EscapeString's replacements).
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
