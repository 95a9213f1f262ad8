// Percent-encoding helpers that reproduce Go's net/url rules, which gorilla/mux's behaviour is defined by.

const PATH_KEEP = /[$&+,/:;=@]/;

/** Go's `url.PathEscape`-for-paths (`escape(s, encodePath)`): used when a built URL is turned into a string. */
export function escapePath(s: string): string {
  return encodeURIComponent(s.toWellFormed()).replace(/%(2[4689BC]|2F|3[ABD]|40)|[!'()*]/g, (m) => {
    if (m.length === 1) return '%' + m.charCodeAt(0).toString(16).toUpperCase();
    const c = String.fromCharCode(parseInt(m.slice(1), 16));
    return PATH_KEEP.test(c) ? c : m;
  });
}

// Bytes a host keeps unescaped (Go's shouldEscape in host mode): letters, digits, `-._~`, the sub-delims,
// `:` for the port, `[]` for IP literals, and `<>"`. Everything else, `%` and non-ASCII bytes included, is
// written `%XX`, so no value can end the authority (`@`, `/`, `?`, `#`, `\`, space, CR/LF...).
const HOST_KEEP = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]*$/;

/** Go's `escape(host, encodeHost)`, as `URL.String()` writes a host. */
export function escapeHost(s: string): string {
  if (HOST_KEEP.test(s)) return s;
  let out = '';
  for (const c of s.toWellFormed()) {
    out += HOST_KEEP.test(c) ? c : percentEncodeUtf8(c);
  }
  return out;
}

// `%XX` for every UTF-8 byte of one character.
function percentEncodeUtf8(c: string): string {
  let out = '';
  for (const b of Buffer.from(c, 'utf8')) out += '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  return out;
}

/** Go's `url.QueryEscape`: space as `+`, everything but letters, digits and `-_.~` escaped. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s.toWellFormed())
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

/** Go's `url.QueryUnescape`; `undefined` when the input is not a valid encoding. */
export function queryUnescape(s: string): string | undefined {
  if (s.indexOf('%') === -1 && s.indexOf('+') === -1) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Decodes `%XX` in a request path (`+` stays `+`); `undefined` for a malformed encoding. */
export function decodePath(raw: string): string | undefined {
  if (raw.indexOf('%') === -1) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

// Characters a path may carry unescaped (Go's validEncoded); everything else in a raw path gets `%XX`.
const RAW_PATH_NEEDS_ESCAPE = /[^A-Za-z0-9\-._~!$&'()*+,;=:@[\]%/]+/g;

/**
 * The path as sent, with only the characters that must be escaped escaped: existing `%XX` sequences are
 * kept, so `%2F` stays `%2F` and nothing is encoded twice.
 */
export function escapedRawPath(raw: string): string {
  RAW_PATH_NEEDS_ESCAPE.lastIndex = 0;
  if (!RAW_PATH_NEEDS_ESCAPE.test(raw)) return raw;
  return raw.replace(RAW_PATH_NEEDS_ESCAPE, (m) => encodeURIComponent(m.toWellFormed()));
}
