import { expect } from 'chai';
import { cleanPath } from '../src/url/clean-path.js';

describe('cleanPath', () => {
  const table: [string, string][] = [
    ['', '/'],
    ['/', '/'],
    ['a', '/a'],
    ['/a/.', '/a'],
    ['/a/..', '/'],
    ['/../a', '/a'],
    ['/a/./b/', '/a/b/'],
    ['//', '/'],
    ['/a//', '/a/'],
    ['*', '/*'],
    ['/api/.', '/api'],
    ['//api/', '/api/'],
    ['/a/b/../../../c', '/c'],
    ['/a/..b/.c', '/a/..b/.c'],
    ['///evil.example', '/evil.example'],
    ['/..//evil.example', '/evil.example'],
    ['/a/b', '/a/b'],
  ];
  for (const [input, want] of table) {
    it(`${JSON.stringify(input)} → ${want}`, () => expect(cleanPath(input)).to.equal(want));
  }

  it('is idempotent on the table', () => {
    for (const [input] of table) expect(cleanPath(cleanPath(input))).to.equal(cleanPath(input));
  });
});
