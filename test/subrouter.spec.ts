// gorilla/mux's TestSubRouter, TestStrictSlash, TestUseEncodedPath and TestSubrouterMatching, re-expressed.
import { expect } from 'chai';
import { Route, RouteMatch, type Router } from '../src/index.js';
import { req, reqHost, runCases } from './helpers.js';
import { describeEngines, R } from './engines.js';
/** The part of ServerResponse a redirect handler uses. */
function fakeResponse() {
  return {
    statusCode: 200,
    headers: {} as Record<string, string>,
    body: '',
    setHeader(k: string, v: string) {
      this.headers[k.toLowerCase()] = v;
    },
    end(b?: string) {
      this.body += b ?? '';
    },
  };
}

// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {

describe('Subrouters: inherited matchers and templates', () => {
  const sub1 = () => R().host('{v1:[a-z]+}.google.com').subrouter();
  const sub2 = () => R().pathPrefix('/foo/{v1}').subrouter();
  const sub3 = () => R().pathPrefix('/foo').subrouter();
  const sub4 = () => R().pathPrefix('/foo/bar').subrouter();
  const sub5 = () => R().pathPrefix('/{category}').subrouter();
  runCases([
    { title: 'host variable of the parent, path of the child', route: () => sub1().path('/{v2:[a-z]+}'), request: req('GET', 'http://aaa.google.com/bbb'), match: true, vars: { v1: 'aaa', v2: 'bbb' }, host: 'aaa.google.com', path: '/bbb', pathTemplate: '/{v2:[a-z]+}', hostTemplate: '{v1:[a-z]+}.google.com' },
    { title: 'parent host does not fit', route: () => sub1().path('/{v2:[a-z]+}'), request: req('GET', 'http://111.google.com/111'), match: false },
    { title: 'path templates concatenate', route: () => sub2().path('/baz/{v2}'), request: req('GET', 'http://localhost/foo/bar/baz/ding'), match: true, vars: { v1: 'bar', v2: 'ding' }, path: '/foo/bar/baz/ding', pathTemplate: '/foo/{v1}/baz/{v2}' },
    { title: 'concatenated path, request too short', route: () => sub2().path('/baz/{v2}'), request: req('GET', 'http://localhost/foo/bar'), match: false },
    { title: 'child "/" under a prefix', route: () => sub3().path('/'), request: req('GET', 'http://localhost/foo/'), match: true, path: '/foo/', pathTemplate: '/foo/' },
    { title: 'child "" is the prefix itself', route: () => sub3().path(''), request: req('GET', 'http://localhost/foo'), match: true, path: '/foo', pathTemplate: '/foo' },
    { title: 'child "/" under a two-segment prefix', route: () => sub4().path('/'), request: req('GET', 'http://localhost/foo/bar/'), match: true, path: '/foo/bar/', pathTemplate: '/foo/bar/' },
    { title: 'child "" under a two-segment prefix', route: () => sub4().path(''), request: req('GET', 'http://localhost/foo/bar'), match: true, path: '/foo/bar', pathTemplate: '/foo/bar' },
    { title: 'child "/" under a variable prefix', route: () => sub5().path('/'), request: req('GET', 'http://localhost/baz/'), match: true, vars: { category: 'baz' }, path: '/baz/', pathTemplate: '/{category}/' },
    { title: 'child "" under a variable prefix', route: () => sub5().path(''), request: req('GET', 'http://localhost/baz'), match: true, vars: { category: 'baz' }, path: '/baz', pathTemplate: '/{category}' },
    { title: 'parent method does not fit', route: () => R().methods('POST').pathPrefix('/foo').subrouter().path('/'), request: req('GET', 'http://localhost/foo/'), match: false },
    { title: 'parent method fits', route: () => R().methods('POST').pathPrefix('/foo').subrouter().path('/'), request: req('POST', 'http://localhost/foo/'), match: true, path: '/foo/', pathTemplate: '/foo/' },
    { title: 'parent scheme does not fit', route: () => R().schemes('https').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/'), match: false },
    { title: 'parent scheme fits', route: () => R().schemes('http').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/'), match: true, path: '/' },
    { title: 'parent header absent', route: () => R().headers('X-Forwarded-Proto', 'https').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/'), match: false },
    { title: 'parent header value differs', route: () => R().headers('X-Forwarded-Proto', 'https').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/', { 'X-Forwarded-Proto': 'http' }), match: false },
    { title: 'parent header fits', route: () => R().headers('X-Forwarded-Proto', 'https').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/', { 'X-Forwarded-Proto': 'https' }), match: true, path: '/' },
    { title: 'parent query value differs', route: () => R().queries('key', 'foobar').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/?key=notfoobar'), match: false },
    { title: 'parent query fits', route: () => R().queries('key', 'foobar').subrouter().pathPrefix('/'), request: req('GET', 'http://localhost/?key=foobar'), match: true, path: '/' },
    { title: 'scheme of the parent builds', route: () => R().schemes('ftp').host('google.com').subrouter().path('/'), request: req('GET', 'ftp://google.com/'), match: true, scheme: 'ftp', host: 'google.com', path: '/', hostTemplate: 'google.com' },
    { title: 'scheme of the child wins for building', route: () => R().schemes('https', 'ftp').host('google.com').subrouter().schemes('ftp').path('/'), request: req('GET', 'ftp://google.com/'), match: true, scheme: 'ftp', host: 'google.com', path: '/' },
  ]);
});

describe('Subrouters: chaining and subrouting agree (TestSubrouterMatching)', () => {
  type Build = (r: Router) => void;
  const table: [string, Build, Build, [string, ReturnType<typeof req>, boolean][]][] = [
    ['pathPrefix', (r) => r.pathPrefix('/before').pathPrefix('/after'), (r) => r.pathPrefix('/before').subrouter().pathPrefix('/after'), [
      ['final prefix alone', req('GET', '/after'), false],
      ['parent prefix alone', req('GET', '/before'), false],
      ['appended', req('GET', '/before/after'), true],
      ['appended, as prefix', req('GET', '/before/after/1234'), true],
    ]],
    ['path', (r) => r.path('/before').path('/after'), (r) => r.path('/before').subrouter().path('/after'), [
      ['child path alone', req('GET', '/after'), false],
      ['parent path alone', req('GET', '/before'), false],
      ['appended, as prefix', req('GET', '/before/after/1234'), false],
      ['appended', req('GET', '/before/after'), false],
    ]],
    ['host', (r) => r.host('before.com').host('after.com'), (r) => r.host('before.com').subrouter().host('after.com'), [
      ['before', reqHost('GET', '/', 'before.com'), false],
      ['other', reqHost('GET', '/', 'other.com'), false],
      ['after', reqHost('GET', '/', 'after.com'), false],
    ]],
    ['queries, different keys', (r) => r.queries('foo', 'bar').queries('cricket', 'baseball'), (r) => r.queries('foo', 'bar').subrouter().queries('cricket', 'baseball'), [
      ['all', req('GET', '/?foo=bar&cricket=baseball'), true],
      ['all and more', req('GET', '/?foo=bar&cricket=baseball&something=else'), true],
      ['none', req('GET', '/'), false],
      ['some', req('GET', '/?cricket=baseball'), false],
    ]],
    ['queries, same key', (r) => r.queries('foo', 'bar').queries('foo', 'baz'), (r) => r.queries('foo', 'bar').subrouter().queries('foo', 'baz'), [
      ['old value', req('GET', '/?foo=bar'), false],
      ['other value', req('GET', '/?foo=bak'), false],
      ['none', req('GET', '/'), false],
      ['new value', req('GET', '/?foo=baz'), false],
    ]],
    ['headers, different keys', (r) => r.headers('foo', 'bar').headers('cricket', 'baseball'), (r) => r.headers('foo', 'bar').subrouter().headers('cricket', 'baseball'), [
      ['all', req('GET', '/', { foo: 'bar', cricket: 'baseball' }), true],
      ['all and more', req('GET', '/', { foo: 'bar', cricket: 'baseball', something: 'else' }), true],
      ['none', req('GET', '/'), false],
      ['some', req('GET', '/', { cricket: 'baseball' }), false],
    ]],
    ['headers, same key', (r) => r.headers('foo', 'bar').headers('foo', 'baz'), (r) => r.headers('foo', 'bar').subrouter().headers('foo', 'baz'), [
      ['old value', req('GET', '/', { foo: 'bar' }), false],
      ['other value', req('GET', '/', { foo: 'bak' }), false],
      ['none', req('GET', '/'), false],
      ['new value', req('GET', '/', { foo: 'baz' }), false],
    ]],
    ['methods', (r) => r.methods('POST').methods('GET'), (r) => r.methods('POST').subrouter().methods('GET'), [
      ['first', req('POST', '/'), false],
      ['other', req('HEAD', '/'), false],
      ['second', req('GET', '/'), false],
    ]],
    ['schemes', (r) => r.schemes('http').schemes('https'), (r) => r.schemes('http').subrouter().schemes('https'), [
      ['second', req('GET', 'https://www.example.com/'), false],
      ['first', req('GET', 'http://www.example.com/'), false],
      ['other', req('GET', 'ftp://www.example.com/'), false],
    ]],
  ];
  for (const [name, standard, viaSubrouter, requests] of table) {
    for (const [what, request, expected] of requests) {
      it(`${name}: ${what} → ${expected ? 'match' : 'no match'} both ways`, () => {
        for (const build of [standard, viaSubrouter]) {
          const r = newRouter();
          build(r);
          expect(r.match(request, new RouteMatch())).to.equal(expected);
        }
      });
    }
  }
});

describe('strictSlash', () => {
  const strict = () => newRouter().strictSlash(true);
  runCases([
    { title: 'redirects a path without the slash', route: () => strict().newRoute().path('/111/'), request: req('GET', 'http://localhost/111'), match: true, path: '/111/', redirect: true, pathRegexp: '^/111[/]?$' },
    { title: 'no redirect for the path with the slash', route: () => strict().newRoute().path('/111/'), request: req('GET', 'http://localhost/111/'), match: true, path: '/111/' },
    { title: 'redirects a path with an extra slash', route: () => strict().newRoute().path('/111'), request: req('GET', 'http://localhost/111/'), match: true, path: '/111', redirect: true, pathRegexp: '^/111[/]?$' },
    { title: 'no redirect for the path without the slash', route: () => strict().newRoute().path('/111'), request: req('GET', 'http://localhost/111'), match: true, path: '/111' },
    { title: 'subrouters inherit it', route: () => strict().newRoute().pathPrefix('/static/').subrouter().path('/images/'), request: req('GET', 'http://localhost/static/images'), match: true, path: '/static/images/', redirect: true },
    { title: 'pathPrefix ignores it', route: () => strict().newRoute().pathPrefix('/static/'), request: req('GET', 'http://localhost/static/logo.png'), match: true, path: '/static/' },
  ]);

  it('is copied into routes created afterwards only', () => {
    const r = newRouter();
    const before = r.path('/a/');
    r.strictSlash(true);
    const after = r.path('/b/');
    expect(before.getPathRegexp()).to.equal('^/a/$');
    expect(after.getPathRegexp()).to.equal('^/b[/]?$');
  });

  it('keeps vars on the redirecting match and redirects to the other form (TestRedirectSlash)', async () => {
    for (const [tpl, url, location] of [
      ['/{arg1}/{arg2:[0-9]+}/', 'http://localhost/foo/123', 'http://localhost/foo/123/'],
      ['/{arg1}/{arg2:[0-9]+}', 'http://localhost/foo/123/', 'http://localhost/foo/123'],
    ] as const) {
      const route = strictRoute(tpl);
      const m = new RouteMatch();
      expect(route.match(req('GET', url), m)).to.equal(true);
      expect(m.vars).to.deep.equal({ arg1: 'foo', arg2: '123' });
      const res = fakeResponse();
      await m.handler!(req('GET', url) as never, res as never);
      expect(res.statusCode).to.equal(301);
      expect(res.headers.location).to.equal(location);
    }
  });
});

function strictRoute(tpl: string): Route {
  return newRouter().strictSlash(true).path(tpl);
}

describe('useEncodedPath', () => {
  const encoded = () => newRouter().useEncodedPath();
  runCases([
    { title: 'an encoded slash stays inside one variable', route: () => encoded().newRoute().path('/v1/{v1}/v2'), request: req('GET', 'http://localhost/v1/1%2F2/v2'), match: true, vars: { v1: '1%2F2' }, path: '/v1/1%2F2/v2', pathTemplate: '/v1/{v1}/v2' },
    { title: 'an encoded slash does not split segments', route: () => encoded().newRoute().path('/v1/1/2/v2'), request: req('GET', 'http://localhost/v1/1%2F2/v2'), match: false },
    { title: 'vars keep their encoding', route: () => encoded().newRoute().path('/a/{x}'), request: req('GET', '/a/%41%20b'), match: true, vars: { x: '%41%20b' } },
    { title: 'routes created before useEncodedPath match the decoded path', route: () => { const r = newRouter(); const route = r.path('/a/{x}'); r.useEncodedPath(); return route; }, request: req('GET', '/a/b%2Fc'), match: false },
  ]);
});
});
