// gorilla/mux's TestQueries table, TestMatcherFunc and TestBuildVarsFunc, re-expressed, plus the query
// lookup rules of reference section 2.6.
import { expect } from 'chai';
import { MuxError, RouteMatch } from '../src/index.js';
import { req, runCases } from './helpers.js';
import { describeEngines, R } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', () => {
const fooBar = () => R().queries('foo', 'bar', 'baz', 'ding');

describe('Route: queries', () => {
  runCases([
    { title: 'two literal pairs', route: fooBar, request: req('GET', 'http://localhost?foo=bar&baz=ding'), match: true, query: 'foo=bar&baz=ding', queriesTemplates: ['foo=bar', 'baz=ding'], queriesRegexp: ['^foo=bar$', '^baz=ding$'] },
    { title: 'with host and path', route: () => R().host('www.example.com').path('/api').queries('foo', 'bar', 'baz', 'ding'), request: req('GET', 'http://www.example.com/api?foo=bar&baz=ding'), match: true, query: 'foo=bar&baz=ding', pathTemplate: '/api', hostTemplate: 'www.example.com' },
    { title: 'request order does not matter', route: () => R().host('www.example.com').path('/api').queries('foo', 'bar', 'baz', 'ding'), request: req('GET', 'http://www.example.com/api?baz=ding&foo=bar'), match: true, query: 'foo=bar&baz=ding' },
    { title: 'one value differs', route: fooBar, request: req('GET', 'http://localhost?foo=bar&baz=dong'), match: false },
    { title: 'variable value', route: () => R().queries('foo', '{v1}'), request: req('GET', 'http://localhost?foo=bar'), match: true, vars: { v1: 'bar' }, query: 'foo=bar', queriesTemplates: ['foo={v1}'], queriesRegexp: ['^foo=(?<v0>.*)$'] },
    { title: 'two variable values', route: () => R().queries('foo', '{v1}', 'baz', '{v2}'), request: req('GET', 'http://localhost?foo=bar&baz=ding'), match: true, vars: { v1: 'bar', v2: 'ding' }, query: 'foo=bar&baz=ding', queriesRegexp: ['^foo=(?<v0>.*)$', '^baz=(?<v0>.*)$'] },
    { title: 'variable with pattern', route: () => R().queries('foo', '{v1:[0-9]+}'), request: req('GET', 'http://localhost?foo=10'), match: true, vars: { v1: '10' }, query: 'foo=10', queriesRegexp: ['^foo=(?<v0>[0-9]+)$'] },
    { title: 'variable with pattern, value does not fit', route: () => R().queries('foo', '{v1:[0-9]+}'), request: req('GET', 'http://localhost?foo=a'), match: false },
    { title: 'pattern with quantifier', route: () => R().queries('foo', '{v1:[0-9]{1}}'), request: req('GET', 'http://localhost?foo=1'), match: true, vars: { v1: '1' }, query: 'foo=1', queriesTemplates: ['foo={v1:[0-9]{1}}'] },
    { title: 'other keys are ignored', route: () => R().queries('foo', '{v1:[0-9]{1}}'), request: req('GET', 'http://localhost?bar=2&foo=1'), match: true, vars: { v1: '1' }, query: 'foo=1' },
    { title: 'quantifier, value too long', route: () => R().queries('foo', '{v1:[0-9]{1}}'), request: req('GET', 'http://localhost?foo=12'), match: false },
    { title: 'pattern with a non-capturing group', route: () => R().queries('foo', '{v1:[0-9]{1}(?:a|b)}'), request: req('GET', 'http://localhost?foo=1a'), match: true, vars: { v1: '1a' }, query: 'foo=1a', queriesRegexp: ['^foo=(?<v0>[0-9]{1}(?:a|b))$'] },
    { title: 'hyphenated name', route: () => R().queries('foo', '{v-1}'), request: req('GET', 'http://localhost?foo=bar'), match: true, vars: { 'v-1': 'bar' }, query: 'foo=bar' },
    { title: 'two hyphenated names', route: () => R().queries('foo', '{v-1}', 'baz', '{v-2}'), request: req('GET', 'http://localhost?foo=bar&baz=ding'), match: true, vars: { 'v-1': 'bar', 'v-2': 'ding' }, query: 'foo=bar&baz=ding' },
    { title: 'hyphenated name with pattern', route: () => R().queries('foo', '{v-1:[0-9]+}'), request: req('GET', 'http://localhost?foo=10'), match: true, vars: { 'v-1': '10' }, query: 'foo=10' },
    { title: 'hyphenated name, non-capturing group', route: () => R().queries('foo', '{v-1:[0-9]{1}(?:a|b)}'), request: req('GET', 'http://localhost?foo=1a'), match: true, vars: { 'v-1': '1a' }, query: 'foo=1a' },
    { title: 'empty value means the key is present', route: () => R().queries('foo', ''), request: req('GET', 'http://localhost?foo=bar'), match: true, query: 'foo=', queriesTemplates: ['foo='], queriesRegexp: ['^foo=.*$'] },
    { title: 'empty value, key absent', route: () => R().queries('foo', ''), request: req('GET', 'http://localhost'), match: false },
    { title: 'empty value, key with empty value', route: () => R().queries('foo', ''), request: req('GET', 'http://localhost?foo='), match: true, query: 'foo=' },
    { title: 'empty value, bare key', route: () => R().queries('foo', ''), request: req('GET', '/?foo'), match: true },
    { title: 'value must match whole', route: () => R().queries('foo', 'bar'), request: req('GET', 'http://localhost?foo=barfoo'), match: false },
    { title: 'variable, key absent', route: () => R().queries('foo', '{bar}'), request: req('GET', 'http://localhost'), match: false },
    { title: 'variable, empty value', route: () => R().queries('foo', '{bar}'), request: req('GET', 'http://localhost?foo='), match: true, vars: { bar: '' }, query: 'foo=' },
    { title: 'keys must be equal, not suffixes', route: fooBar, request: req('GET', 'http://localhost?fffoo=bar&baz=dingggg'), match: false },
    { title: 'values are decoded; built queries re-encoded', route: () => R().queries('foo', '{v1}'), request: req('GET', 'http://localhost?foo=%25bar%26%20%2F%3D%3F'), match: true, vars: { v1: '%bar& /=?' }, query: 'foo=%25bar%26+%2F%3D%3F' },
    // reference 2.6
    { title: 'the first occurrence of a key wins', route: () => R().queries('foo', '2'), request: req('GET', '/?foo=1&foo=2'), match: false },
    { title: 'keys are decoded', route: () => R().queries('foo', 'bar'), request: req('GET', '/?f%6Fo=bar'), match: true },
    { title: '+ is a space', route: () => R().queries('foo', '{v}'), request: req('GET', '/?foo=a+b'), match: true, vars: { v: 'a b' } },
    { title: 'percent-encoded digits', route: () => R().queries('foo', '{v}'), request: req('GET', '/?foo=%31%32'), match: true, vars: { v: '12' } },
    { title: 'a malformed pair is skipped', route: () => R().queries('foo', '{v}'), request: req('GET', '/?foo=%zz&foo=ok'), match: true, vars: { v: 'ok' } },
    { title: 'keys are case-sensitive', route: () => R().queries('foo', 'bar'), request: req('GET', '/?FOO=bar'), match: false },
    { title: '; separates pairs too', route: () => R().queries('foo', 'x'), request: req('GET', '/?a=1;foo=x'), match: true },
    { title: 'partial value template', route: () => R().queries('id', 'x{v}y'), request: req('GET', '/?id=xaby'), match: true, vars: { v: 'ab' }, query: 'id=xaby' },
    { title: 'the same key twice on one route never matches', route: () => R().queries('foo', 'bar').queries('foo', 'baz'), request: req('GET', '/?foo=bar&foo=baz'), match: false },
  ]);

  it('getQueries* throw on a standalone route without queries, and return [] on a router route', () => {
    expect(() => R().getQueriesTemplates()).to.throw(/doesn't have queries/);
    expect(() => R().getQueriesRegexp()).to.throw(/doesn't have queries/);
  });
});

describe('Route: matcherFunc', () => {
  const onHost = (r: { url?: string }) => (r.url ?? '').startsWith('http://aaa.bbb.ccc');
  runCases([
    { title: 'custom matcher passes', route: () => R().matcherFunc(onHost), request: req('GET', 'http://aaa.bbb.ccc'), match: true },
    { title: 'custom matcher fails', route: () => R().matcherFunc(onHost), request: req('GET', 'http://aaa.222.ccc'), match: false },
  ]);

  it('vars a matcher adds survive a match', () => {
    const route = R().path('/x').matcherFunc((_r, m) => {
      m.vars.injected = 'yes';
      return true;
    });
    const m = new RouteMatch();
    expect(route.match(req('GET', '/x'), m)).to.equal(true);
    expect(m.vars).to.deep.equal({ injected: 'yes' });
  });

  it('what a matcher wrote is taken back when the route fails later', () => {
    const route = R()
      .matcherFunc((_r, m) => {
        m.vars.injected = 'yes';
        return true;
      })
      .path('/x');
    const m = new RouteMatch();
    expect(route.match(req('GET', '/y'), m)).to.equal(false);
    expect(m.vars).to.deep.equal({});
  });
});

describe('Route: buildVarsFunc', () => {
  runCases([
    {
      title: 'on the route',
      route: () =>
        R()
          .path('/111/{v1:\\d}{v2:.*}')
          .buildVarsFunc((v) => ({ ...v, v1: '3', v2: 'a' })),
      request: req('GET', 'http://localhost/111/2'),
      match: true,
      vars: { v1: '2', v2: '' },
      path: '/111/3a',
      pathTemplate: '/111/{v1:\\d}{v2:.*}',
    },
    {
      title: 'on the route and its parent, the parent first',
      route: () =>
        R()
          .pathPrefix('/{v1:\\d}')
          .buildVarsFunc((v) => ({ ...v, v1: '2' }))
          .subrouter()
          .path('/{v2:\\w}')
          .buildVarsFunc((v) => ({ ...v, v2: 'b' })),
      request: req('GET', 'http://localhost/1/a'),
      match: true,
      vars: { v1: '1', v2: 'a' },
      path: '/2/b',
      pathTemplate: '/{v1:\\d}/{v2:\\w}',
    },
  ]);

  it('composes in registration order', () => {
    const calls: string[] = [];
    const route = R()
      .path('/{a}')
      .buildVarsFunc((v) => (calls.push('first'), { a: v.a + '1' }))
      .buildVarsFunc((v) => (calls.push('second'), { a: v.a + '2' }));
    expect(route.urlPath({ a: 'x' }).path).to.equal('/x12');
    expect(calls).to.deep.equal(['first', 'second']);
  });

  // Reported from outside: a function returning null gave a TypeError naming nothing. Go's nil map reads as
  // empty (gorilla then reports the missing variable); anything else not an object is refused.
  it('returning null or undefined leaves no variables (missing, naming the template); a non-object is refused', () => {
    const route = R().path('/b/{x}').name('b');
    route.buildVarsFunc(() => null as never);
    expect(() => route.url({ x: '1' })).to.throw(MuxError, 'mux: missing route variable "x" for template "/b/{x}"');
    // Chained: the next one is given no variables (gorilla's nil map), not null.
    const chained = R().path('/b/{x}').buildVarsFunc(() => null as never).buildVarsFunc((m) => ({ x: m.x ?? 'd' }));
    expect(chained.url({ x: '1' }).toString()).to.equal('/b/d');
    const other = R().path('/c/{x}').name('c').buildVarsFunc(() => 'x' as never);
    expect(() => other.url({ x: '1' })).to.throw(MuxError, /buildVarsFunc returned string, not an object of variables.*route "c"/);
  });
});
});
