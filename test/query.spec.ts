import { expect } from 'chai';
import fc from 'fast-check';
import { findFirstQueryKey, QueryReader } from '../src/url/query.js';
import { RequestView } from '../src/matchers/request-view.js';
import { queryUnescape } from '../src/url/url-escape.js';

// gorilla's Test_findFirstQueryKey compares with Go's url.ParseQuery; these are the same queries with the
// first value Go gives for each key, written out.
describe('findFirstQueryKey', () => {
  const table: [string, Record<string, string>][] = [
    ['a=1&b=2', { a: '1', b: '2' }],
    ['a=1&a=2&a=banana', { a: '1' }],
    ['ascii=%3Ckey%3A+0x90%3E', { ascii: '<key: 0x90>' }],
    ['a=1;b=2', { a: '1', b: '2' }],
    ['a=1&a=2;a=banana', { a: '1' }],
    ['a==', { a: '=' }],
    ['a=%2&a=ok', { a: 'ok' }],
    ['a=20&%20%3F&=%23+%25&a=30', { a: '20', ' ?': '', '': '# %' }],
    ['a=xxxxxxxxxxxxxxxx&b=YYYYYYYYYYYYYYY&c=ppppppppppppppppppp&f=ttttttttttttttttt&a=uuuuuuuuuuuuu', { a: 'xxxxxxxxxxxxxxxx', b: 'YYYYYYYYYYYYYYY', c: 'ppppppppppppppppppp', f: 'ttttttttttttttttt' }],
    ['&&a=1&&', { a: '1' }],
    ['%E2%98%BA=smile', { '☺': 'smile' }],
    // Go compares a key's bytes: one that is not UTF-8 is no key a template names, not even U+FFFD
    // (reported from outside: ?%FF=evil&%EF%BF%BD=good gave "evil"). Values are read with U+FFFD.
    ['%FF=evil&%EF%BF%BD=good&%C0=x&v=%FF', { '\uFFFD': 'good', v: '\uFFFD' }],
  ];
  for (const [query, want] of table) {
    it(query, () => {
      for (const [key, value] of Object.entries(want)) expect(findFirstQueryKey(query, key), key).to.equal(value);
      expect(findFirstQueryKey(query, 'missing')).to.equal(undefined);
      // Looking for a key it does not hold, a reader reads the whole query: every key, first value each.
      const reader = new QueryReader(query);
      expect(reader.get('missing')).to.equal(undefined);
      expect(Object.fromEntries(reader.values)).to.deep.equal(want);
    });
  }
});

// Reported from outside: every query matcher scanned the whole raw query again, so a table of a thousand
// query routes made a 16 KiB query of junk pairs cost half a second per request. A request's view now
// reads its query on from where the last lookup stopped, remembering the pairs it passed.
describe('Query values read through a request view', () => {
  const piece = fc.constantFrom('a', 'b', 'k', '', '=', '%', '%2', '%41', '+', '%3D', '&', ';', '1', '%FF', '%E2%98%BA', 'x y');
  const query = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
  const key = fc.constantFrom('a', 'b', 'k', 'A', '', ' ', '=', '☺', 'missing');

  // gorilla's findFirstQueryKey, written out the plain way: split, then the first pair whose key and
  // value both unescape.
  const reference = (q: string, k: string) => {
    for (const pair of q.split(/[&;]/)) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (queryUnescape(eq === -1 ? pair : pair.slice(0, eq), true) !== k) continue;
      const value = queryUnescape(eq === -1 ? '' : pair.slice(eq + 1));
      if (value !== undefined) return value;
    }
    return undefined;
  };

  it('give gorilla\'s answer for every key, whatever was asked before (the query read on as far as needed)', () => {
    fc.assert(
      fc.property(query, fc.array(key, { minLength: 1, maxLength: 5 }), (q, keys) => {
        const view = new RequestView({ method: 'GET', url: '/p?' + q, headers: {} });
        for (const k of keys) expect(view.queryValue(k), `${k} in ${q}`).to.equal(reference(q, k));
        expect(findFirstQueryKey(q, keys[0]!)).to.equal(reference(q, keys[0]!));
      }),
      { numRuns: 2000 },
    );
  });
});
