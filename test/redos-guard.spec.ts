import { expect } from 'chai';
import { MuxError, newRouter, Route } from '../src/index.js';

describe('ReDoS guard (recheck)', function () {
  this.timeout(20000);
  const evil = ['(?:a+)+$', '(?:a|aa)+', '(?:.*a){12}', '(a+)+$', '(a|aa)+', '(.*a){12}', '\\d+\\d+', '(?:x+x+)+y'];
  for (const pattern of evil) {
    it(`rejects {v:${pattern}} at registration, naming it`, () => {
      expect(() => new Route().path(`/p/{v:${pattern}}`)).to.throw(MuxError, `unsafe regular expression "${pattern}"`);
    });
  }

  it('says why and how to opt out', () => {
    expect(() => new Route().path('/{v:(?:a|aa)+}')).to.throw(MuxError, /exponential backtracking.*allowUnsafeRegex/);
    expect(() => new Route().path('/{v:(?:.*a){12}}')).to.throw(MuxError, /polynomial backtracking/);
  });

  it('checks query and host templates and headersRegexp too', () => {
    expect(() => new Route().queries('q', '{q:(?:a|aa)+}')).to.throw(MuxError, /unsafe regular expression/);
    expect(() => new Route().host('{h:(?:a|aa)+}.example')).to.throw(MuxError, /unsafe regular expression/);
    expect(() => new Route().headersRegexp('X-Id', '^(a+)+$')).to.throw(MuxError, /unsafe regular expression "\^\(a\+\)\+\$" in headersRegexp for header "X-Id"/);
  });

  it('{ allowUnsafeRegex: true } accepts them, for subrouters too', () => {
    const r = newRouter({ allowUnsafeRegex: true });
    expect(() => r.path('/{v:(?:a|aa)+}')).not.to.throw();
    expect(() => r.pathPrefix('/s').subrouter().path('/{v:(?:x+x+)+y}')).not.to.throw();
    expect(() => r.headersRegexp('X', '(?:a+)+$')).not.to.throw();
    // A capturing group is still refused: it would shift the variables.
    expect(() => r.path('/{v:(a+)+}')).to.throw(MuxError, /capture groups/);
  });

  it('default patterns and gorilla\'s test patterns pass', () => {
    const patterns = [
      '[0-9]{3}', '[a-z]{3}', '[a-z]{2}(?:b|c)', '(?:23|4)', 'a|(?:b/c)', '[0-9]+', '(?i:daily|mini|variety)',
      '\\d{4,4}-\\d{2,2}-\\d{2,2}', '[0-9]*', '[a-z]*', 'a|b/c', '[0-9]{1}', '[0-9]{1}(?:a|b)', '.*', '\\d', '\\w',
      '[a-z][a-z][a-z]', '[0-9][0-9][0-9]', 'a{2}', 'a{2,}', 'a{2,3}', '\\w{3,}', '\\d{2,}', '[0-9]*?', 'v[0-9]+',
    ];
    for (const p of patterns) expect(() => new Route().path(`/x/{v:${p}}`), p).not.to.throw();
    expect(() => new Route().host('{v}.example').path('/{a}/{b}').queries('q', '{q}')).not.to.throw();
  });
});
