// Percent-encoding helpers that reproduce Go's net/url rules, which gorilla/mux's behaviour is defined by.
import { isUtf8 } from 'node:buffer';

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

/**
 * Go's `url.QueryUnescape`; `undefined` when an escape is malformed (`%zz`, `%4`). Bytes that are not
 * valid UTF-8 become U+FFFD, one per byte, as Go's regexp and range loops read them; with `exact`, such
 * bytes make it `undefined` too (a query key: Go compares its bytes, which equal no key a template names,
 * not even `\uFFFD`).
 */
export function queryUnescape(s: string, exact = false): string | undefined {
  let pct = s.indexOf('%');
  if (pct === -1 && s.indexOf('+') === -1) return s;
  // decodeURIComponent throws on a malformed escape and on bytes that are not UTF-8, and a throw costs
  // microseconds: a query of many such pairs (`%&%&...`) cost 30-50 times a plain one. The escapes are
  // checked first, without throwing: a malformed one is undefined at once, and any escaped byte of 0x80
  // or more is read by lossyUnescape (which decodes valid UTF-8 the same way).
  let ascii = true;
  while (pct !== -1) {
    const hi = hexValue(s.charCodeAt(pct + 1));
    if (hi === -1 || hexValue(s.charCodeAt(pct + 2)) === -1) return undefined;
    if (hi >= 8) ascii = false;
    pct = s.indexOf('%', pct + 3);
  }
  const spaced = s.indexOf('+') === -1 ? s : s.replace(/\+/g, ' ');
  return ascii ? decodeURIComponent(spaced) : lossyUnescape(spaced, exact);
}

/** A hex digit's value, -1 for any other code unit (NaN past the end of a string included). */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

// `%XX` decoded to bytes, then read as UTF-8 with replacements (`exact`: undefined when one is needed);
// undefined for a malformed escape.
function lossyUnescape(s: string, exact: boolean): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 37 /* % */) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi === -1 || lo === -1) return undefined;
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (s.charCodeAt(i) < 0x80) {
      bytes.push(s.charCodeAt(i));
    } else {
      const cp = s.codePointAt(i)!;
      const c = String.fromCodePoint(cp).toWellFormed();
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  if (exact && !isUtf8(Uint8Array.from(bytes))) return undefined;
  return decodeUtf8PerByte(bytes);
}

/** UTF-8 bytes to a string; each byte not part of a valid sequence becomes one U+FFFD (Go's utf8.DecodeRune). */
export function decodeUtf8PerByte(b: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    // Sequence length and the allowed range of the second byte (no overlongs, surrogates or > U+10FFFF).
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    }
    let valid = n > 0 && i + n < b.length && b[i + 1]! >= lo && b[i + 1]! <= hi;
    for (let k = 2; valid && k <= n; k++) valid = b[i + k]! >= 0x80 && b[i + k]! <= 0xbf;
    if (!valid) {
      out += '\uFFFD';
      i++;
      continue;
    }
    let cp = c & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= n; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
    out += String.fromCodePoint(cp);
    i += n + 1;
  }
  return out;
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

// What a path cannot carry as it is: controls, space, DEL and what is not ASCII.
const RAW_PATH_NEEDS_ESCAPE = /[^\x21-\x7e]+/g;

/**
 * The path as sent, with only the characters that must be escaped escaped: existing `%XX` sequences are
 * kept, so `%2F` stays `%2F` and nothing is encoded twice, and so are the printable characters Go would
 * escape again (`|`, `"`, `{`...; Go then escapes the decoded path, where `%2F` is lost as a `/`).
 * A Location made from it escapes those itself (see redirect.ts).
 */
export function escapedRawPath(raw: string): string {
  RAW_PATH_NEEDS_ESCAPE.lastIndex = 0;
  if (!RAW_PATH_NEEDS_ESCAPE.test(raw)) return raw;
  return raw.replace(RAW_PATH_NEEDS_ESCAPE, (m) => encodeURIComponent(m.toWellFormed()));
}
