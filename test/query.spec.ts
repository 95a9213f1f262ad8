import { expect } from 'chai';
import { findFirstQueryKey } from '../src/url/query.js';

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
  ];
  for (const [query, want] of table) {
    it(query, () => {
      for (const [key, value] of Object.entries(want)) expect(findFirstQueryKey(query, key), key).to.equal(value);
      expect(findFirstQueryKey(query, 'missing')).to.equal(undefined);
    });
  }
});
