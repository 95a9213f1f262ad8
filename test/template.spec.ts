import { expect } from 'chai';
import { MuxError, Route } from '../src/index.js';
import { cachedVariableCount, parseTemplate, RouteRegexp, VARIABLE_CACHE_SIZE } from '../src/template/template.js';

describe('Templates: parsing', () => {
  it('splits text and variables; braces nest', () => {
    expect(parseTemplate('/a/{id:[0-9]{3}}/b{x}', 'path')).to.deep.equal([
      { text: '/a/' },
      { name: 'id', pattern: '[0-9]{3}' },
      { text: '/b' },
      { name: 'x', pattern: '[^/]+' },
    ]);
  });

  it('default patterns by kind', () => {
    expect(parseTemplate('{v}', 'path')).to.deep.equal([{ name: 'v', pattern: '[^/]+' }]);
    expect(parseTemplate('{v}', 'prefix')).to.deep.equal([{ name: 'v', pattern: '[^/]+' }]);
    expect(parseTemplate('{v}', 'host')).to.deep.equal([{ name: 'v', pattern: '[^.]+' }]);
    expect(parseTemplate('{v}', 'query')).to.deep.equal([{ name: 'v', pattern: '.*' }]);
  });

  it('the name ends at the first colon; the pattern may hold more', () => {
    expect(parseTemplate('/{t:a:b}', 'path')).to.deep.equal([{ text: '/' }, { name: 't', pattern: 'a:b' }]);
    expect(RouteRegexp.fromTemplate('/{t:a:b}', 'path').source).to.equal('^/(?<v0>a:b)$');
  });

  it('escapes literal text', () => {
    const rr = RouteRegexp.fromTemplate('/a.b+c(d)/{x}', 'path');
    expect(rr.source).to.equal('^/a\\.b\\+c\\(d\\)/(?<v0>[^/]+)$');
    expect(rr.test('/a.b+c(d)/y')).to.equal(true);
    expect(rr.test('/aXb+c(d)/y')).to.equal(false);
  });

  const malformed: [string, string | RegExp][] = [
    ['/{}', 'mux: missing name or pattern in "{}"'],
    ['/{:.}', 'mux: missing name or pattern in "{:.}"'],
    ['/{a:}', 'mux: missing name or pattern in "{a:}"'],
    ['/{:abc}', 'mux: missing name or pattern in "{:abc}"'],
    ['/{id:abc(}', 'mux: error compiling regex for "{id:abc(}" in "/{id:abc(}"'],
    ['/{a', 'mux: unbalanced braces in "/{a"'],
    ['/a}', 'mux: unbalanced braces in "/a}"'],
    ['/{a}}', 'mux: unbalanced braces in "/{a}}"'],
    ['/{type:(promo|special)}/{promoId}.json', 'contains capture groups in its regexp'],
    ['/{x:(?<named>a)}', 'contains capture groups'],
    ['/{a}/{a}', 'mux: duplicated route variable "a"'],
    ['/{x:[z-a]}', /error compiling regex for "\{x:\[z-a\]\}"/],
  ];
  for (const [tpl, message] of malformed) {
    it(`rejects ${tpl} at registration`, () => {
      expect(() => new Route().path(tpl)).to.throw(MuxError, message);
    });
  }

  it('rejects a path not starting with a slash, for path and prefix', () => {
    expect(() => new Route().path('abc')).to.throw(MuxError, 'mux: path must start with a slash, got "abc"');
    expect(() => new Route().pathPrefix('abc')).to.throw(MuxError, 'mux: path must start with a slash, got "abc"');
  });

  it('rejects a non-string template and a malformed header regexp, naming them', () => {
    expect(() => new Route().path(42 as never)).to.throw(MuxError, /template must be a string/);
    expect(() => new Route().headersRegexp('Accept', '(')).to.throw(MuxError, /header "Accept"/);
    // (Reported from outside: the pattern and the route were not named.)
    expect(() => new Route().path('/hr').name('hrn').headersRegexp('X-A', '[a-')).to.throw(MuxError, /"\[a-" for header "X-A" \(route "hrn".*\)/);
    expect(() => new Route().headers('a')).to.throw(MuxError, /multiple of 2, got \["a"\]/);
    expect(() => new Route().queries('a', 'b', 'c')).to.throw(MuxError, /multiple of 2/);
  });

  // gorilla's TestNewRegexp: quantifiers in variables
  const quantifiers: [string, [string, string[] | null][]][] = [
    ['/{foo:a{2}}', [['/a', null], ['/aa', ['aa']], ['/aaa', null], ['/aaaa', null]]],
    ['/{foo:a{2,}}', [['/a', null], ['/aa', ['aa']], ['/aaa', ['aaa']], ['/aaaa', ['aaaa']]]],
    ['/{foo:a{2,3}}', [['/a', null], ['/aa', ['aa']], ['/aaa', ['aaa']], ['/aaaa', null]]],
    ['/{foo:[a-z]{3}}/{bar:[a-z]{2}}', [['/a', null], ['/ab', null], ['/abc', null], ['/abcd', null], ['/abc/ab', ['abc', 'ab']], ['/abc/abc', null], ['/abcd/ab', null]]],
    ['/{foo:\\w{3,}}/{bar:\\d{2,}}', [['/a', null], ['/ab', null], ['/abc', null], ['/abc/1', null], ['/abc/12', ['abc', '12']], ['/abcd/12', ['abcd', '12']], ['/abcd/123', ['abcd', '123']]]],
  ];
  for (const [tpl, paths] of quantifiers) {
    it(`quantifiers: ${tpl}`, () => {
      const rr = RouteRegexp.fromTemplate(tpl, 'path');
      for (const [path, want] of paths) {
        const vars: Record<string, string> = {};
        expect(rr.test(path), path).to.equal(want !== null);
        if (want) {
          rr.extract(path, vars);
          expect(Object.values(vars)).to.deep.equal(want);
        }
      }
    });
  }

  it('query templates: key lookup and the empty-value pattern', () => {
    expect(RouteRegexp.fromTemplate('foo=', 'query').source).to.equal('^foo=.*$');
    expect(RouteRegexp.fromTemplate('foo={v}', 'query').queryKey).to.equal('foo');
  });

  it('host templates with a colon anywhere match the port exactly', () => {
    expect(RouteRegexp.fromTemplate('{h}.example.com', 'host').wildcardHostPort).to.equal(true);
    expect(RouteRegexp.fromTemplate('example.com:{p}', 'host').wildcardHostPort).to.equal(false);
  });
});

// Reported from outside: the cache of compiled variable patterns outlived every router and kept each
// pattern ever registered (an app rebuilding its routers from changing config grew by hundreds of MB).
describe('Templates: the cache of compiled patterns', () => {
  it('keeps the patterns used last, not every pattern ever seen', () => {
    for (let i = 0; i < VARIABLE_CACHE_SIZE * 3; i++) new Route().path(`/t/{id:(?:a|b)*x${i}}`);
    expect(cachedVariableCount()).to.be.at.most(VARIABLE_CACHE_SIZE);
  });

  it('a pattern in use stays cached while others come and go, and every route still matches', () => {
    const hot = RouteRegexp.fromTemplate('/h/{id:[0-9]+z}', 'path');
    for (let i = 0; i < VARIABLE_CACHE_SIZE * 2; i++) {
      new Route().path(`/t/{id:(?:c|d)*y${i}}`);
      // Used again on every turn: always among the last used.
      RouteRegexp.fromTemplate('/h/{id:[0-9]+z}', 'path');
    }
    const again = RouteRegexp.fromTemplate('/h/{id:[0-9]+z}', 'path');
    expect(again.validatorOf('id')).to.equal(hot.validatorOf('id'));
    expect(again.test('/h/12z')).to.equal(true);
    expect(new Route().path('/t/{id:(?:c|d)*y0}').getPathRegexp()).to.be.a('string');
  });
});
