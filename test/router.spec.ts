// Router: factories, configuration copies, names, walk, the 404/405 rule and middleware assembly.
// Re-expresses gorilla's TestRouteMatchers, TestNamedRoutes, TestNameMultipleCalls, TestWalk*,
// TestSubrouterHeader, TestNoMatchMethodErrorHandler, TestMultipleDefinitionOfSamePath*, TestErrMatchNotFound,
// TestMatchedRouteName, TestSubRouting, Test_copyRouteConf and TestGetVarNames.
import { expect } from 'chai';
import { ErrMethodMismatch, ErrNotFound, fromConnect, MuxError, Route, RouteMatch, Router, SkipRouter, type HandlerFunc, type Middleware } from '../src/index.js';
import { allowedMethods } from '../src/route/route-match.js';
import { req, reqHost } from './helpers.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {
const noop: HandlerFunc = () => undefined;

function matchOf(r: Router, request: ReturnType<typeof req>) {
  const m = new RouteMatch();
  const ok = r.match(request, m);
  return { ok, m };
}

describe('Router: matching a route with every matcher kind (TestRouteMatchers)', () => {
  const router = newRouter();
  router
    .newRoute()
    .host('{var1}.google.com')
    .path('/{var2:[a-z]+}/{var3:[0-9]+}')
    .queries('foo', 'bar')
    .methods('GET')
    .schemes('https')
    .headers('x-requested-with', 'XMLHttpRequest');
  router
    .newRoute()
    .host('www.{var4}.com')
    .pathPrefix('/foo/{var5:[a-z]+}/{var6:[0-9]+}')
    .queries('baz', 'ding')
    .methods('POST')
    .schemes('http')
    .headers('Content-Type', 'application/json');

  const first = { scheme: 'https', host: 'www.google.com', path: '/product/42', query: '?foo=bar', method: 'GET', headers: { 'X-Requested-With': 'XMLHttpRequest' } as Record<string, string> };
  const second = { scheme: 'http', host: 'www.google.com', path: '/foo/product/42/path/that/is/ignored', query: '?baz=ding', method: 'POST', headers: { 'Content-Type': 'application/json' } as Record<string, string> };
  type Parts = typeof first;
  const send = (p: Parts) => matchOf(router, req(p.method, `${p.scheme}://${p.host}${p.path}${p.query}`, p.headers));

  const cases: [string, Parts, Partial<Parts>, Record<string, string> | null][] = [
    ['first route, all fit', first, {}, { var1: 'www', var2: 'product', var3: '42' }],
    ['first route, scheme', first, { scheme: 'http' }, null],
    ['first route, host', first, { host: 'www.mygoogle.com' }, null],
    ['first route, path', first, { path: '/product/notdigits' }, null],
    ['first route, query', first, { query: '?foo=baz' }, null],
    ['first route, method', first, { method: 'POST' }, null],
    ['first route, header', first, { headers: {} }, null],
    ['second route, all fit', second, {}, { var4: 'google', var5: 'product', var6: '42' }],
    ['second route, scheme', second, { scheme: 'https' }, null],
    ['second route, host', second, { host: 'sub.google.com' }, null],
    ['second route, path', second, { path: '/bar/product/42' }, null],
    ['second route, query', second, { query: '?foo=baz' }, null],
    ['second route, method', second, { method: 'GET' }, null],
    ['second route, header', second, { headers: {} }, null],
  ];
  for (const [title, base, change, vars] of cases) {
    it(title, () => {
      const { ok, m } = send({ ...base, ...change });
      expect(ok).to.equal(vars !== null);
      expect(m.vars).to.deep.equal(vars ?? {});
      if (vars) expect(m.route).to.be.instanceOf(Route);
    });
  }
});

describe('Router: factories and configuration', () => {
  it('each factory appends a new route; router-level host() does not configure the router', () => {
    const r = newRouter();
    r.host('api.example');
    r.handleFunc('/', noop);
    let count = 0;
    r.walk(() => void count++);
    expect(count).to.equal(2);
    // The handler-less host route wins for its host (404), other hosts reach "/" (gorilla #530).
    expect(matchOf(r, reqHost('GET', '/', 'api.example')).m.handler).to.equal(undefined);
    expect(matchOf(r, reqHost('GET', '/', 'other.example')).m.handler).to.be.a('function');
  });

  it('every factory exists and returns a Route', () => {
    const r = newRouter();
    const made = [
      r.newRoute(),
      r.handle('/a', { serveHTTP: noop }),
      r.handleFunc('/b', noop),
      r.path('/c'),
      r.pathPrefix('/d'),
      r.host('h'),
      r.methods('GET'),
      r.schemes('https'),
      r.headers('a', 'b'),
      r.headersRegexp('a', 'b'),
      r.queries('a', 'b'),
      r.matcherFunc(() => true),
      r.buildVarsFunc((v) => v),
      r.name('n'),
    ];
    for (const route of made) expect(route).to.be.instanceOf(Route);
  });

  it('a factory call that throws leaves no route behind', () => {
    const r = newRouter();
    expect(() => r.handleFunc('/{', noop)).to.throw(MuxError);
    let count = 0;
    r.walk(() => void count++);
    expect(count).to.equal(0);
  });

  it('copies strictSlash, useEncodedPath and inherited matchers into later routes (copyRouteConf)', () => {
    const r = newRouter().strictSlash(true).useEncodedPath();
    const sub = r.host('{h}.example').methods('GET').subrouter();
    const route = sub.path('/x/');
    expect(route.getPathRegexp()).to.equal('^/x[/]?$');
    expect(route.getHostTemplate()).to.equal('{h}.example');
    expect(route.getMethods()).to.deep.equal(['GET']);
    expect(matchOf(r, reqHost('GET', '/x%2F', 'a.example')).ok).to.equal(false);
    expect(matchOf(r, reqHost('GET', '/x/', 'a.example')).m.vars).to.deep.equal({ h: 'a' });
  });

  it('a subrouter\'s routes do not change the parent route\'s configuration', () => {
    const r = newRouter();
    const parent = r.pathPrefix('/api');
    parent.subrouter().path('/users').methods('GET');
    expect(parent.getPathTemplate()).to.equal('/api');
    expect(() => parent.getMethods()).to.throw(/doesn't have methods/);
  });

  it('a second subrouter() returns the same Router', () => {
    const route = newRouter().pathPrefix('/p');
    const a = route.subrouter();
    const b = route.subrouter();
    expect(a).to.equal(b);
    a.path('/one');
    b.path('/two');
    const r = newRouter();
    const shared = r.pathPrefix('/p').subrouter();
    r.pathPrefix('/p').subrouter();
    shared.handleFunc('/one', noop);
    expect(matchOf(r, req('GET', '/p/one')).ok).to.equal(true);
  });

  it('rejects unknown redirect statuses and bad options', () => {
    expect(() => newRouter().redirectStatus(303 as never)).to.throw(MuxError, /301, 302, 307 or 308/);
    expect(() => newRouter({ maxPathLength: 0 })).to.throw(MuxError, /maxPathLength/);
  });

  it('accepts a Router as a handler object', () => {
    const inner = newRouter();
    const outer = newRouter();
    expect(() => outer.handle('/x', inner)).not.to.throw();
    expect(() => outer.handle('/y', 42 as never)).to.throw(MuxError, /handler/);
  });
});

describe('Router: named routes', () => {
  it('names from every level of the tree are visible everywhere (TestNamedRoutes)', () => {
    const r1 = newRouter();
    for (const n of ['a', 'b', 'c']) r1.newRoute().name(n);
    const r2 = r1.newRoute().subrouter();
    for (const n of ['d', 'e', 'f']) r2.newRoute().name(n);
    const r3 = r2.newRoute().subrouter();
    for (const n of ['g', 'h', 'i']) r3.newRoute().name(n);
    r3.name('j');
    for (const n of 'abcdefghij') {
      expect(r1.get(n), n).to.be.instanceOf(Route);
      expect(r3.getRoute(n)).to.equal(r1.get(n));
    }
    expect(r1.get('zz')).to.equal(undefined);
  });

  it('a route is named once (TestNameMultipleCalls)', () => {
    const r = newRouter();
    const route = r.newRoute().name('foo');
    expect(() => route.name('bar')).to.throw(MuxError, 'mux: route already has name "foo", can\'t set "bar"');
    expect(route.getName()).to.equal('foo');
    expect(r.get('bar')).to.equal(undefined);
  });

  it('a name belongs to one route', () => {
    const r = newRouter();
    r.path('/a').name('x');
    expect(() => r.path('/b').name('x')).to.throw(MuxError, 'mux: route name "x" is already used by route "x" with path "/a"; asked for by route with path "/b"');
    expect(r.get('x')!.getPathTemplate()).to.equal('/a');
  });

  it('handlers and functions given to the router or a route are checked when given, not at the first request', () => {
    const r = newRouter();
    expect(() => (r.notFoundHandler = 5 as never)).to.throw(MuxError, 'mux: notFoundHandler must be a function or an object with serveHTTP(req, res), got number');
    expect(() => (r.methodNotAllowedHandler = 'x' as never)).to.throw(MuxError, 'methodNotAllowedHandler must be a function');
    expect(() => r.path('/p').buildVarsFunc(5 as never)).to.throw(MuxError, 'mux: buildVarsFunc must be a function, got number (route with path "/p")');
    // Middleware: which argument, what it was, and whose use() it was given to.
    expect(() => r.use(() => (h) => h, null as never)).to.throw(MuxError, 'mux: router.use: middleware 2 must be a function (next) => handler, got null');
    expect(() => r.pathPrefix('/api').subrouter().use('x' as never)).to.throw(MuxError, 'mux: router.use on the subrouter of route with path "/api": middleware 1 must be a function (next) => handler, got string');
    expect(() => r.path('/q').use(undefined as never)).to.throw(MuxError, 'mux: middleware must be a function (next) => handler, got undefined (route with path "/q")');
    // Reported by a new user: an Express middleware given to use() failed every request ("next is not a
    // function", a 500) and nothing pointed to fromConnect.
    function logger(_req: unknown, _res: unknown, next: () => void) {
      next();
    }
    expect(() => r.use(logger as never)).to.throw(MuxError, 'mux: router.use, middleware 1: function "logger" declares 3 parameters, like an Express or Connect middleware (req, res, next); a middleware takes the next handler and returns a handler: wrap it with fromConnect(fn)');
    expect(() => r.path('/e').use((h) => h, ((_e: unknown, _q: unknown, _s: unknown, n: () => void) => n()) as never)).to.throw(MuxError, /^mux: use on route with path "\/e": a function declares 4 parameters, .*fromConnect\(fn\)$/);
    expect(() => r.use(fromConnect(logger))).not.to.throw();
    // Found in review: the middleware before a refused one stayed added.
    const before: string[] = [];
    const counted: Middleware = (next) => (q, s) => (before.push('ran'), next(q, s));
    const fresh = newRouter();
    fresh.handleFunc('/x', noop).use(counted);
    expect(() => fresh.use(counted, logger as never)).to.throw(MuxError);
    expect(() => fresh.get('nothing')?.use(counted)).not.to.throw();
    const route = fresh.handleFunc('/y', noop);
    expect(() => route.use(counted, 5 as never)).to.throw(MuxError);
    for (const path of ['/x', '/y']) {
      const m = new RouteMatch();
      expect(fresh.match(req('GET', path), m)).to.equal(true);
      m.handler!(undefined as never, undefined as never);
    }
    // Only /x's own middleware ran: neither use() that threw added anything.
    expect(before).to.deep.equal(['ran']);
    // Still accepted: functions, handler objects, and undefined to restore the defaults.
    r.notFoundHandler = { serveHTTP: (_q, s) => void s.end('nf') };
    r.notFoundHandler = undefined;
    expect(r.notFoundHandler).to.equal(undefined);
  });

  it('the matched route carries its name (TestMatchedRouteName)', () => {
    const r = newRouter();
    const route = r.newRoute().path('/products/').name('stock');
    const { ok, m } = matchOf(r, req('GET', 'http://www.example.com/products/'));
    expect(ok).to.equal(true);
    expect(m.route).to.equal(route);
    expect(m.route!.getName()).to.equal('stock');
  });

  it('a subrouter route builds with its parent host (TestSubRouting)', () => {
    const r = newRouter();
    const route = r.newRoute().host('www.example.com').subrouter().newRoute().path('/products/').name('products');
    expect(matchOf(r, req('GET', 'http://www.example.com/products/')).m.route).to.equal(route);
    expect(r.get('products')!.url().toString()).to.equal('http://www.example.com/products/');
  });
});

describe('Router: walk', () => {
  it('visits routes depth-first, SkipRouter skips a mounted router (TestWalkSingleDepth)', () => {
    const [r0, r1, r2] = [newRouter(), newRouter(), newRouter()];
    r0.path('/g');
    r0.path('/o');
    r0.path('/d').handler(r1);
    r0.path('/r').handler(r2);
    r0.path('/a');
    for (const p of ['/z', '/i', '/l', '/l']) r1.path(p);
    for (const p of ['/i', '/l', '/l']) r2.path(p);
    const seen: [string, number][] = [];
    r0.walk((route, _router, ancestors) => {
      if (route.getPathTemplate() === '/d') throw SkipRouter;
      seen.push([route.getPathTemplate(), ancestors.length]);
    });
    expect(seen).to.deep.equal([['/g', 0], ['/o', 0], ['/r', 0], ['/i', 1], ['/l', 1], ['/l', 1], ['/a', 0]]);
  });

  it('walks a tree 5,000 subrouters deep (the recursive walk overflowed the stack from about 4,000 levels)', () => {
    const root = newRouter();
    let r = root;
    for (let i = 0; i < 5000; i++) r = r.pathPrefix('/a').subrouter();
    const leaf = r.handleFunc('/x', () => undefined);
    let visits = 0;
    let last: [Route, Router, Route[]] | undefined;
    root.walk((route, router, ancestors) => {
      visits++;
      last = [route, router, ancestors];
    });
    expect(visits).to.equal(5001);
    expect(last![0]).to.equal(leaf);
    expect(last![1]).to.equal(r);
    expect(last![2]).to.have.length(5000);
    expect(last![2][0]).to.equal(root.routeList[0]);
  });

  it('SkipRouter skips the subtree of the route it is thrown for, and only that', () => {
    const r = newRouter();
    const a = r.pathPrefix('/a').subrouter();
    const a1 = a.pathPrefix('/1').subrouter();
    a1.path('/deep');
    a.path('/2');
    r.path('/b').subrouter().path('/c');
    const walked = (skip: string) => {
      const seen: string[] = [];
      r.walk((route) => {
        const tpl = route.getPathTemplate();
        seen.push(tpl);
        if (tpl === skip) throw SkipRouter;
      });
      return seen;
    };
    expect(walked('')).to.deep.equal(['/a', '/a/1', '/a/1/deep', '/a/2', '/b', '/b/c']);
    expect(walked('/a/1')).to.deep.equal(['/a', '/a/1', '/a/2', '/b', '/b/c']);
    expect(walked('/a')).to.deep.equal(['/a', '/b', '/b/c']);
  });

  it('a router serving as a handler inside itself is walked once, not without end (the walk recursed until the stack overflowed)', () => {
    const r = newRouter();
    r.path('/first');
    r.path('/self').handler(r);
    r.path('/last');
    const seen: [string, number][] = [];
    r.walk((route, _router, ancestors) => void seen.push([route.getPathTemplate(), ancestors.length]));
    expect(seen).to.deep.equal([['/first', 0], ['/self', 0], ['/last', 0]]);
  });

  it('a router mounted as the handler of two routes is walked under each', () => {
    const shared = newRouter();
    shared.path('/s');
    const r = newRouter();
    r.path('/one').handler(shared);
    r.path('/two').handler(shared);
    const seen: string[] = [];
    r.walk((route, _router, ancestors) => void seen.push(ancestors.map((a) => a.getPathTemplate()).concat(route.getPathTemplate()).join(' > ')));
    expect(seen).to.deep.equal(['/one', '/one > /s', '/two', '/two > /s']);
  });

  it('passes the chain of parent routes (TestWalkNested)', () => {
    const router = newRouter();
    const gRoute = router.path('/g');
    const oRoute = gRoute.subrouter().pathPrefix('/o');
    const rRoute = oRoute.subrouter().pathPrefix('/r');
    const iRoute = rRoute.subrouter().pathPrefix('/i');
    const l1Route = iRoute.subrouter().pathPrefix('/l');
    const l2Route = l1Route.subrouter().pathPrefix('/l');
    l2Route.subrouter().path('/a');
    const expected: [string, Route[]][] = [
      ['/g', []],
      ['/g/o', [gRoute]],
      ['/g/o/r', [gRoute, oRoute]],
      ['/g/o/r/i', [gRoute, oRoute, rRoute]],
      ['/g/o/r/i/l', [gRoute, oRoute, rRoute, iRoute]],
      ['/g/o/r/i/l/l', [gRoute, oRoute, rRoute, iRoute, l1Route]],
      ['/g/o/r/i/l/l/a', [gRoute, oRoute, rRoute, iRoute, l1Route, l2Route]],
    ];
    const seen: [string, Route[]][] = [];
    router.walk((route, _r, ancestors) => void seen.push([route.getPathTemplate(), ancestors]));
    expect(seen.length).to.equal(expected.length);
    seen.forEach(([tpl, anc], i) => {
      expect(tpl).to.equal(expected[i]![0]);
      expect(anc).to.have.ordered.members(expected[i]![1]);
    });
  });

  it('visits every route of nested subrouters and passes the owning router (TestWalkSubrouters)', () => {
    const router = newRouter();
    const g = router.path('/g').subrouter();
    const o = g.pathPrefix('/o').subrouter();
    o.methods('GET');
    o.methods('PUT');
    const seen: [string, Router][] = [];
    router.walk((route, owner) => void seen.push([route.getPathTemplate(), owner]));
    expect(seen.map((s) => s[0])).to.deep.equal(['/g', '/g/o', '/g/o', '/g/o']);
    expect(seen.map((s) => s[1])).to.deep.equal([router, g, o, o]);
  });

  it('another throw stops the walk and propagates (TestWalkErrorRoute)', () => {
    const router = newRouter();
    router.path('/g');
    router.path('/h');
    const boom = new Error('error');
    let calls = 0;
    expect(() =>
      router.walk(() => {
        calls++;
        throw boom;
      }),
    ).to.throw(boom);
    expect(calls).to.equal(1);
  });
});

describe('Router: 404 and 405 (the deliberate differences)', () => {
  it('405 when a route fails only on its method, with the allowed methods (TestNoMatchMethodErrorHandler)', () => {
    const r = newRouter();
    r.handleFunc('/', noop).methods('GET', 'POST');
    const { ok, m } = matchOf(r, req('PUT', 'http://localhost/'));
    expect(ok).to.equal(false);
    expect(m.matchErr).to.equal(ErrMethodMismatch);
    expect(allowedMethods(m)).to.deep.equal(['GET', 'POST']);
    r.handleFunc('/', noop).methods('PUT');
    const again = matchOf(r, req('PUT', 'http://localhost/'));
    expect(again.ok).to.equal(true);
    expect(again.m.matchErr).to.equal(undefined);
  });

  it('a route accepting the method that fails only on queries makes it 404 (TestMultipleDefinitionOfSamePathWithDifferentMethods)', () => {
    const r = newRouter();
    r.handleFunc('/api', noop).methods('POST');
    r.handleFunc('/api', noop).queries('time', '{time:[0-9]+}').methods('GET');
    expect(matchOf(r, req('POST', 'http://localhost/api')).m.matchErr).to.equal(undefined);
    const bad = matchOf(r, req('GET', 'http://localhost/api?time=-4'));
    expect(bad.ok).to.equal(false);
    expect(bad.m.matchErr).to.equal(ErrNotFound);
    expect(matchOf(r, req('PUT', '/api')).m.matchErr).to.equal(ErrMethodMismatch);
    expect(matchOf(r, req('PUT', '/api?time=5')).m.matchErr).to.equal(ErrMethodMismatch);
  });

  it('the answer does not depend on the order of unrelated routes (gorilla #739, #751)', () => {
    for (const order of ['before', 'after']) {
      const r = newRouter();
      if (order === 'before') r.queries('x', '1').path('/b');
      r.handleFunc('/a', noop).methods('GET');
      if (order === 'after') r.queries('x', '1').path('/b');
      const { m } = matchOf(r, req('POST', '/a'));
      expect(m.matchErr, order).to.equal(ErrMethodMismatch);
    }
  });

  it('a lone Route.match failing on its queries gives ErrNotFound, also when its method fails too (gorilla\'s Route.Match)', () => {
    const cases = [
      ['both fail', req('POST', '/a'), ErrNotFound],
      ['the query fails', req('GET', '/a?q=2'), ErrNotFound],
      ['the method fails', req('POST', '/a?q=1'), ErrMethodMismatch],
      ['the path fails', req('POST', '/b'), undefined],
    ] as const;
    for (const route of [() => new Route().path('/a').methods('GET').queries('q', '1'), () => new Route().path('/a').queries('q', '1').methods('GET')]) {
      for (const [what, request, err] of cases) {
        const m = new RouteMatch();
        expect(route().match(request, m), what).to.equal(false);
        expect(m.matchErr, what).to.equal(err);
      }
    }
  });

  it('a method mismatch and another failure in the same route is a 404', () => {
    const r = newRouter();
    r.handleFunc('/a', noop).methods('GET').headers('X-Key', 'k');
    expect(matchOf(r, req('POST', '/a')).m.matchErr).to.equal(ErrNotFound);
  });

  it('all of a route\'s matchers count, not only those before the first failure', () => {
    const r = newRouter();
    r.newRoute().methods('GET').path('/a').handlerFunc(noop);
    expect(matchOf(r, req('POST', '/b')).m.matchErr).to.equal(ErrNotFound);
    expect(matchOf(r, req('POST', '/a')).m.matchErr).to.equal(ErrMethodMismatch);
  });

  // Reported from outside: Allow took only the failing method lists, so it named methods another list of
  // the same route refuses (GET to methods(GET) above methods(PUT) gave Allow: PUT).
  it('Allow names only methods every method list of the route accepts, inherited ones included (empty when none)', () => {
    for (const index of [true, false]) {
      const r = newRouter({ index });
      r.methods('GET').subrouter().handleFunc('/x', noop).methods('PUT');
      r.handleFunc('/y', noop).methods('GET', 'PUT').methods('PUT', 'POST');
      for (const [method, url, allow] of [['GET', '/x', []], ['PUT', '/x', []], ['GET', '/y', ['PUT']], ['DELETE', '/y', ['PUT']]] as const) {
        const { m } = matchOf(r, req(method, url));
        expect(m.matchErr, `${index} ${method} ${url}`).to.equal(ErrMethodMismatch);
        expect(allowedMethods(m), `${index} ${method} ${url}`).to.deep.equal(allow);
        expect(r.explain(req(method, url)).allow, `explain ${index} ${method} ${url}`).to.deep.equal(allow);
      }
    }
  });

  it('Allow lists methods in registration order without duplicates', () => {
    const r = newRouter();
    r.handleFunc('/x', noop).methods('PUT', 'GET');
    r.handleFunc('/x', noop).methods('GET', 'DELETE');
    r.handleFunc('/y', noop).methods('PATCH');
    expect(allowedMethods(matchOf(r, req('POST', '/x')).m)).to.deep.equal(['PUT', 'GET', 'DELETE']);
  });

  it('a later route that matches clears an earlier method mismatch (TestMultipleDefinitionOfSamePathWithDifferentQueries)', () => {
    const r = newRouter();
    r.handleFunc('/api', noop).queries('foo', '{foo:[0-9]+}').methods('GET');
    r.handleFunc('/api', noop).queries('bar', '{bar:[0-9]+}').methods('GET');
    const { ok, m } = matchOf(r, req('GET', '/api?bar=4'));
    expect(ok).to.equal(true);
    expect(m.matchErr).to.equal(undefined);
    expect(m.vars).to.deep.equal({ bar: '4' });
  });

  it('subrouters follow the same rule (TestMethodNotAllowedSubrouterWithSeveralRoutes)', () => {
    const r = newRouter();
    const sub = r.pathPrefix('/v1').subrouter();
    sub.handleFunc('/api', noop).methods('GET');
    sub.handleFunc('/api/{id}', noop).methods('GET');
    const { m } = matchOf(r, req('PUT', '/v1/api'));
    expect(m.matchErr).to.equal(ErrMethodMismatch);
    expect(allowedMethods(m)).to.deep.equal(['GET']);
  });

  it('a query-only failure inside a subrouter keeps a sibling\'s 405 a 404', () => {
    const r = newRouter();
    r.handleFunc('/a', noop).methods('POST');
    r.pathPrefix('/').subrouter().handleFunc('/a', noop).methods('GET').queries('q', '{q}');
    expect(matchOf(r, req('GET', '/a')).m.matchErr).to.equal(ErrNotFound);
    expect(matchOf(r, req('GET', '/a?q=1')).ok).to.equal(true);
  });

  // Found by the gorilla oracle: methods() called on a route after its subrouter() were left out of the
  // 404/405 decision for the subrouter's routes (which do not inherit them, but must pass them too).
  it('methods a route gains after subrouter() count for its subrouter\'s routes in 404 vs 405 and Allow', () => {
    const r = newRouter();
    const p = r.newRoute();
    const s = p.subrouter();
    s.queries('k', '1').handlerFunc(noop);
    s.methods('PATCH').handlerFunc(noop);
    p.methods('PUT');
    // The query route does not accept OPTIONS either (its parent wants PUT): it does not block the 405.
    const options = matchOf(r, req('OPTIONS', '/?k=2')).m;
    expect([options.matchErr, allowedMethods(options)]).to.deep.equal([ErrMethodMismatch, []]);
    expect(matchOf(r, req('PUT', '/?k=1')).ok).to.equal(true);

    const r2 = newRouter();
    const prefix = r2.pathPrefix('/a');
    const sub = prefix.subrouter();
    sub.path('/b').methods('GET', 'HEAD').handlerFunc(noop);
    prefix.methods('GET', 'DELETE');
    // HEAD passes the inner route but not its parent; DELETE passes the parent but not the inner route.
    for (const method of ['HEAD', 'DELETE']) expect(allowedMethods(matchOf(r2, req(method, '/a/b')).m), method).to.deep.equal(['GET']);
    sub.path('/b').methods('DELETE').handlerFunc(noop);
    expect(allowedMethods(matchOf(r2, req('HEAD', '/a/b')).m)).to.deep.equal(['GET', 'DELETE']);
    expect(matchOf(r2, req('DELETE', '/a/b')).ok).to.equal(true);
    expect(r2.explain(req('HEAD', '/a/b')).allow).to.deep.equal(['GET', 'DELETE']);
    expect(r2.explain(req('HEAD', '/a/b')).tried[1]!.verdicts[0]!.detail).to.equal('methods: GET,DELETE vs HEAD (an enclosing route\'s, added after subrouter())');
  });

  // Found by the gorilla oracle: the subrouter's Allow, narrowed by its route's methods, took that
  // route's order (PUT, HEAD) instead of its routes' registration order (HEAD from the first, then PUT).
  it('a 405 under a subrouter of a route with methods lists Allow in its routes\' registration order', () => {
    const r = newRouter();
    const s = r.pathPrefix('/p').methods('PUT', 'HEAD').subrouter();
    s.handleFunc('/b', noop).methods('POST', 'HEAD');
    s.handleFunc('/b', noop).methods('HEAD', 'PUT');
    expect(allowedMethods(matchOf(r, req('PATCH', '/p/b')).m)).to.deep.equal(['HEAD', 'PUT']);
    expect(r.explain(req('PATCH', '/p/b')).allow).to.deep.equal(['HEAD', 'PUT']);
  });

  it('subrouters of unrelated paths give 404 (TestSubrouterNotFound)', () => {
    const r = newRouter();
    r.path('/a').subrouter().handleFunc('/thing', noop).methods('GET');
    r.path('/b').subrouter().handleFunc('/something', noop).methods('GET');
    expect(matchOf(r, req('PUT', '/not-present')).m.matchErr).to.equal(ErrNotFound);
  });

  it('matchErr is ErrNotFound, also when a subrouter notFoundHandler answers (TestErrMatchNotFound)', () => {
    const r = newRouter();
    r.handleFunc('/', noop);
    const s = r.pathPrefix('/sub/').subrouter();
    s.handleFunc('/', noop);
    let res = matchOf(r, req('GET', '/sub/whatever'));
    expect(res.ok).to.equal(false);
    expect(res.m.matchErr).to.equal(ErrNotFound);
    s.notFoundHandler = noop;
    const sm = new RouteMatch();
    expect(s.match(req('GET', '/sub/whatever'), sm)).to.equal(true);
    expect(sm.matchErr).to.equal(ErrNotFound);
    res = matchOf(r, req('GET', '/sub/whatever'));
    expect(res.ok).to.equal(true);
    expect(res.m.matchErr).to.equal(ErrNotFound);
    expect(res.m.handler).to.equal(noop);
  });

  it('a subrouter with notFoundHandler stops later siblings (gorilla #432 kept)', () => {
    const r = newRouter();
    const sub = r.pathPrefix('/s').subrouter();
    sub.notFoundHandler = noop;
    const later: HandlerFunc = () => 'later';
    r.handleFunc('/s/x', later);
    expect(matchOf(r, req('GET', '/s/x')).m.handler).to.equal(noop);
  });

  it('a subrouter with a header condition wins for requests with it (TestSubrouterHeader)', () => {
    const r = newRouter();
    const func1: HandlerFunc = () => 'func1';
    r.headers('SomeSpecialHeader', '').subrouter().handleFunc('/', func1).name('func1');
    r.handleFunc('/', noop).name('func2');
    const { ok, m } = matchOf(r, req('GET', 'http://localhost/', { SomeSpecialHeader: 'foo' }));
    expect(ok).to.equal(true);
    expect(m.route!.getName()).to.equal('func1');
    expect(m.handler!(undefined as never, undefined as never)).to.equal('func1');
    expect(matchOf(r, req('GET', 'http://localhost/')).m.route!.getName()).to.equal('func2');
  });

  it('a route without a handler that matches wins, with no handler (404 when served)', () => {
    const r = newRouter();
    r.path('/x');
    r.handleFunc('/x', noop);
    const { ok, m } = matchOf(r, req('GET', '/x'));
    expect(ok).to.equal(true);
    expect(m.handler).to.equal(undefined);
  });

  // Found by the gorilla oracle: gorilla's ServeHTTP answers 405 when the route that matched has no
  // handler and an earlier route failed on its method (gorilla #530: `r.host(...)` alone); tsmux gave 404.
  it('a route without a handler that wins after a method mismatch: 405 with the earlier routes\' Allow', () => {
    const r = newRouter();
    r.handleFunc('/users', noop).methods('GET');
    r.host('api.example.com');
    r.handleFunc('/users', noop).methods('POST');
    const { ok, m } = matchOf(r, reqHost('POST', '/users', 'api.example.com'));
    expect([ok, m.route?.getHostTemplate(), m.handler, m.matchErr]).to.deep.equal([true, 'api.example.com', undefined, ErrMethodMismatch]);
    // (The POST route after it is not tried: it lists nothing.)
    expect(allowedMethods(m)).to.deep.equal(['GET']);
    // Another host: the POST route matches.
    expect(matchOf(r, reqHost('POST', '/users', 'other.example')).m.handler).to.equal(noop);
    // A route that fails on its path before it says nothing: a plain 404.
    const plain = matchOf(r, reqHost('POST', '/elsewhere', 'api.example.com'));
    expect([plain.ok, plain.m.matchErr]).to.deep.equal([true, undefined]);
  });

  it('a route without a handler that wins: the routes after it do not count, and a query failure keeps it a 404', () => {
    const r = newRouter();
    r.path('/x');
    r.handleFunc('/x', noop).methods('GET');
    expect(matchOf(r, req('PUT', '/x')).m.matchErr).to.equal(undefined);
    const q = newRouter();
    q.handleFunc('/x', noop).methods('GET');
    q.handleFunc('/x', noop).methods('PUT').queries('k', 'v');
    q.path('/x');
    expect(matchOf(q, req('PUT', '/x')).m.matchErr).to.equal(undefined);
    expect(matchOf(q, req('DELETE', '/x')).m.matchErr).to.equal(ErrMethodMismatch);
    // (The PUT route failed on its method and its query: it says nothing.)
    expect(allowedMethods(matchOf(q, req('DELETE', '/x')).m)).to.deep.equal(['GET']);
  });

  it('a route without a handler that wins in a subrouter: the routes before it there and above count', () => {
    const r = newRouter();
    r.handleFunc('/s/a', noop).methods('PATCH');
    const s = r.pathPrefix('/s').subrouter();
    s.handleFunc('/a', noop).methods('GET');
    s.path('/a');
    const { ok, m } = matchOf(r, req('POST', '/s/a'));
    expect([ok, m.handler, m.matchErr]).to.deep.equal([true, undefined, ErrMethodMismatch]);
    expect(allowedMethods(m)).to.deep.equal(['PATCH', 'GET']);
    // The route holding the subrouter has a handler: it answers (gorilla), nothing to settle.
    const h: HandlerFunc = () => 'parent';
    const withHandler = newRouter();
    const t = withHandler.pathPrefix('/s').handlerFunc(h).subrouter();
    t.handleFunc('/a', noop).methods('GET');
    t.path('/a');
    const served = matchOf(withHandler, req('POST', '/s/a'));
    expect([served.m.handler, served.m.matchErr]).to.deep.equal([h, undefined]);
  });

  it('a path with a malformed percent-encoding matches nothing', () => {
    const r = newRouter();
    const route = r.handleFunc('/a/{x}', noop);
    const { ok, m } = matchOf(r, req('GET', '/a/%zz'));
    expect([ok, m.matchErr]).to.deep.equal([false, ErrNotFound]);
    expect(route.match(req('GET', '/a/%zz'), new RouteMatch())).to.equal(false);
  });

  it('buildOnly routes never match but build URLs', () => {
    const r = newRouter();
    const route = r.handleFunc('/x/{id}', noop).buildOnly().name('x');
    expect(matchOf(r, req('GET', '/x/1')).ok).to.equal(false);
    expect(route.url('id', '1').toString()).to.equal('/x/1');
  });

  it('leaves no stale route, handler or vars from a failed subrouter branch', () => {
    const r = newRouter();
    const parent = r.pathPrefix('/p');
    parent.subrouter().handleFunc('/{id}', () => 'stale');
    parent.headers('X-Only', 'yes');
    const fallback: HandlerFunc = () => 'fallback';
    r.pathPrefix('/p').handlerFunc(fallback);
    const { ok, m } = matchOf(r, req('GET', '/p/7'));
    expect(ok).to.equal(true);
    expect(m.handler).to.equal(fallback);
    expect(m.vars).to.deep.equal({});
  });

  it('leaves no stale vars written by an inherited custom matcher of a subrouter route that failed', () => {
    const r = newRouter();
    // The custom matcher is inherited by the subrouter's routes: /b calls it, then fails on its path.
    const sub = r.pathPrefix('/a').matcherFunc((_req, m) => ((m.vars.tried = (m.vars.tried ?? '') + 'x'), true)).subrouter();
    sub.handleFunc('/b', noop).methods('POST');
    const c = sub.handleFunc('/c', noop);
    const { ok, m } = matchOf(r, req('GET', '/a/c'));
    expect(ok).to.equal(true);
    expect(m.route).to.equal(c);
    // One write survives: the matching route's (the failed /b's was taken back).
    expect(m.vars).to.deep.equal({ tried: 'x' });
  });
});

describe('Router: middleware assembly on match', () => {
  const trace: string[] = [];
  const mw = (name: string): Middleware => (next) => (rq, rs) => {
    trace.push(name);
    return next(rq, rs);
  };

  it('orders root → subrouter → route → handler, first added outermost', () => {
    trace.length = 0;
    const root = newRouter();
    root.use(mw('root1'), mw('root2'));
    const sub = root.pathPrefix('/api').subrouter();
    sub.use(mw('sub1'));
    sub.handleFunc('/x', () => trace.push('handler')).use(mw('route1'), mw('route2'));
    const { m } = matchOf(root, req('GET', '/api/x'));
    m.handler!(undefined as never, undefined as never);
    expect(trace).to.deep.equal(['root1', 'root2', 'sub1', 'route1', 'route2', 'handler']);
  });

  it('route middleware runs even after an earlier route failed on its method', () => {
    trace.length = 0;
    const r = newRouter();
    r.handleFunc('/a', noop).methods('POST');
    r.handleFunc('/a', () => trace.push('handler')).methods('GET').use(mw('route'));
    matchOf(r, req('GET', '/a')).m.handler!(undefined as never, undefined as never);
    expect(trace).to.deep.equal(['route', 'handler']);
  });

  it('middleware registered after the routes still applies; none wraps a custom notFoundHandler', () => {
    trace.length = 0;
    const r = newRouter();
    r.handleFunc('/a', () => trace.push('handler'));
    r.use(mw('late'));
    r.notFoundHandler = () => trace.push('404');
    matchOf(r, req('GET', '/a')).m.handler!(undefined as never, undefined as never);
    matchOf(r, req('GET', '/zz')).m.handler!(undefined as never, undefined as never);
    expect(trace).to.deep.equal(['late', 'handler', '404']);
  });

  it('getHandler is raw, getHandlerWithMiddlewares wraps only route middleware', () => {
    trace.length = 0;
    const h: HandlerFunc = () => trace.push('h');
    const route = new Route().handlerFunc(h).use(mw('a'));
    expect(route.getHandler()).to.equal(h);
    route.getHandlerWithMiddlewares()!(undefined as never, undefined as never);
    expect(trace).to.deep.equal(['a', 'h']);
    expect(new Route().use(mw('x')).getHandlerWithMiddlewares()).to.equal(undefined);
  });
});

describe('Route: variable names and metadata', () => {
  it('getVarNames lists host, path then query variables (TestGetVarNames)', () => {
    const route = newRouter()
      .host('{domain}')
      .path('/{group}/{item_id}')
      .queries('some_data1', '{some_data1}')
      .queries('some_data2_and_3', '{some_data2}.{some_data3}');
    expect(route.getVarNames()).to.deep.equal(['domain', 'group', 'item_id', 'some_data1', 'some_data2', 'some_data3']);
    expect(new Route().getVarNames()).to.deep.equal([]);
  });

  it('rejects a variable used twice, in any order (TestVariableNames)', () => {
    expect(() => new Route().host('{arg1}.domain.com').path('/{arg1}/{arg2:[0-9]+}')).to.throw(MuxError, 'duplicated route variable "arg1"');
    expect(() => new Route().path('/{a}').queries('q', '{a}')).to.throw(MuxError, /duplicated route variable "a"/);
    expect(() => new Route().queries('q', '{a}').path('/{a}')).to.throw(MuxError, /duplicated route variable "a"/);
    expect(() => new Route().path('/{a}/{a}')).to.throw(MuxError, 'duplicated route variable "a" in "/{a}/{a}"');
    expect(() => new Route().queries('x', '{a}', 'y', '{a}')).to.throw(MuxError, /duplicated route variable "a"/);
    // Found by the gorilla oracle: across two queries() calls, and a subrouter's route against its
    // parent's queries, the second value silently replaced the first (the engines even disagreed).
    expect(() => new Route().queries('x', '{a}').queries('y', '{a}')).to.throw(MuxError, 'duplicated route variable "a" in "y={a}" and "x={a}"');
    const r = newRouter();
    const child = r.newRoute().queries('x', '{b}').subrouter().handleFunc('/s', () => undefined);
    expect(() => child.queries('y', '{b}')).to.throw(MuxError, 'duplicated route variable "b"');
    expect(r.match({ method: 'GET', url: '/s?x=1&y=2', headers: {} }, new RouteMatch()), 'the route never matches, as in gorilla').to.equal(false);
  });

  it('metadata: set, read, contains, fallback, and ErrMetadataKeyNotFound (TestRouteMetadata)', async () => {
    const { ErrMetadataKeyNotFound } = await import('../src/index.js');
    const route = new Route().metadata('key', 'value').metadata(42, null);
    expect(route.getMetadata().get('key')).to.equal('value');
    expect(route.metadataContains('key')).to.equal(true);
    expect(route.metadataContains('nope')).to.equal(false);
    expect(route.getMetadataValue('key')).to.equal('value');
    expect(route.getMetadataValue(42)).to.equal(null);
    expect(() => route.getMetadataValue('nope')).to.throw(ErrMetadataKeyNotFound);
    expect(route.getMetadataValueOr('nope', 'fb')).to.equal('fb');
    expect(route.getMetadataValueOr(42, 'fb')).to.equal(null);
  });

  it('metadata is not inherited by subrouter routes', () => {
    const parent = newRouter().pathPrefix('/p').metadata('k', 1);
    expect(parent.subrouter().path('/c').metadataContains('k')).to.equal(false);
  });
});
});
