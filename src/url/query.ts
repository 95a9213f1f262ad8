import { queryUnescape } from './url-escape.js';

/**
 * The decoded value of the first `key` in a raw query string, `undefined` when absent. Pairs are split on
 * `&` and `;`; keys and values are unescaped (`+` is a space); a pair that does not unescape is skipped.
 * A key without `=` has the value `""`. (gorilla's findFirstQueryKey.)
 */
export function findFirstQueryKey(rawQuery: string, key: string): string | undefined {
  return new QueryReader(rawQuery).get(key);
}

/**
 * A request's query read as far as its lookups need, once: each key asked for is found by reading on from
 * where the last lookup stopped, remembering every pair passed on the way. A request that many query
 * matchers read (a thousand query routes once scanned 16 KiB of junk pairs a thousand times: half a
 * second) reads its query once; one whose keys come first stops there.
 */
export class QueryReader {
  /** The first decodable value of each decodable key read so far. */
  readonly values = new Map<string, string>();
  /** Where reading goes on (past the end: all of it is read). */
  private next = 0;

  constructor(private readonly raw: string) {}

  /** findFirstQueryKey's answer for `key` (a key absent from the query reads all of it). */
  get(key: string): string | undefined {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    const raw = this.raw;
    const n = raw.length;
    while (this.next <= n) {
      const start = this.next;
      let end = start;
      while (end < n) {
        const c = raw.charCodeAt(end);
        if (c === 38 /* & */ || c === 59 /* ; */) break;
        end++;
      }
      this.next = end + 1;
      if (end === start) continue;
      const pair = raw.slice(start, end);
      const eq = pair.indexOf('=');
      // (A key whose bytes are not UTF-8 is no key a template names: skipped, as Go compares bytes.)
      const name = queryUnescape(eq === -1 ? pair : pair.slice(0, eq), true);
      if (name === undefined || this.values.has(name)) continue;
      const value = queryUnescape(eq === -1 ? '' : pair.slice(eq + 1));
      if (value === undefined) continue;
      this.values.set(name, value);
      if (name === key) return value;
    }
    return undefined;
  }
}
