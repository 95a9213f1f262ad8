import { queryUnescape } from './url-escape.js';

/**
 * The decoded value of the first `key` in a raw query string, `undefined` when absent. Pairs are split on
 * `&` and `;`; keys and values are unescaped (`+` is a space); a pair that does not unescape is skipped.
 * A key without `=` has the value `""`. (gorilla's findFirstQueryKey.)
 */
export function findFirstQueryKey(rawQuery: string, key: string): string | undefined {
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
      const rawKey = eq === -1 ? pair : pair.slice(0, eq);
      // An encoded key is never shorter than its decoded form.
      if (rawKey.length >= key.length && queryUnescape(rawKey) === key) {
        const value = queryUnescape(eq === -1 ? '' : pair.slice(eq + 1));
        if (value !== undefined) return value;
      }
    }
    start = end + 1;
  }
  return undefined;
}
