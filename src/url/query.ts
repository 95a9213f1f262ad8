import { queryUnescape } from './url-escape.js';

/**
 * The decoded value of the first `key` in a raw query string, `undefined` when absent. Pairs are split on
 * `&` and `;`; keys and values are unescaped (`+` is a space); a pair that does not unescape is skipped.
 * A key without `=` has the value `""`. (gorilla's findFirstQueryKey.)
 */
export function findFirstQueryKey(rawQuery: string, key: string): string | undefined {
  let found: string | undefined;
  eachPair(rawQuery, (rawKey, rawValue) => {
    // An encoded key is never shorter than its decoded form.
    if (rawKey.length < key.length || queryUnescape(rawKey) !== key) return true;
    found = queryUnescape(rawValue);
    return found === undefined;
  });
  return found;
}

/**
 * Every key of a raw query string with the value findFirstQueryKey gives it: one pass for a request
 * that many query matchers read (each scanning the whole query again cost a request with a thousand
 * query routes and 16 KiB of junk pairs half a second).
 */
export function queryIndex(rawQuery: string): Map<string, string> {
  const index = new Map<string, string>();
  eachPair(rawQuery, (rawKey, rawValue) => {
    const key = queryUnescape(rawKey);
    if (key === undefined || index.has(key)) return true;
    const value = queryUnescape(rawValue);
    if (value !== undefined) index.set(key, value);
    return true;
  });
  return index;
}

// Calls `fn` with the raw key and value of each non-empty pair (split on `&` and `;`; a key without `=`
// has the value ""), until it returns false.
function eachPair(rawQuery: string, fn: (rawKey: string, rawValue: string) => boolean): void {
  let start = 0;
  const n = rawQuery.length;
  while (start < n) {
    let end = start;
    while (end < n) {
      const c = rawQuery.charCodeAt(end);
      if (c === 38 /* & */ || c === 59 /* ; */) break;
      end++;
    }
    if (end > start) {
      const pair = rawQuery.slice(start, end);
      const eq = pair.indexOf('=');
      if (!fn(eq === -1 ? pair : pair.slice(0, eq), eq === -1 ? '' : pair.slice(eq + 1))) return;
    }
    start = end + 1;
  }
}
