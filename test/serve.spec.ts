// serveHTTP over a real node:http server: default responses, redirects, context, and gorilla's serving-level
// tests (Test301Redirect, TestSkipClean, TestMethodsSubrouter*, TestSubrouterErrorHandling,
// TestSubrouterCustomMethodNotAllowed, TestRouterInContext, TestPopulateContext, TestContextMiddleware).
import { expect } from 'chai';
import { currentRoute, currentRouter, vars, type HandlerFunc, type Router } from '../src/index.js';
import { connect as h2connect, createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { withServer } from './server-helpers.js';
import { served } from './fake-response.js';
import { selfSignedCert } from './tls-cert.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
const text = (s: string): HandlerFunc => (_req, res) => void res.end(s);
describeEngines('', (newRouter) => {
const methodHandler = (m: string): HandlerFunc => text(m);

describe('serveHTTP: default responses', () => {
  it('404 is Go\'s NotFound: body, content type, nosniff', async () => {
    const r = newRouter();
    r.handleFunc('/', text('root'));
    await withServer(r, async (s) => {
      const res = await s.fetch('/missing');
      expect(res.status).to.equal(404);
      expect(await res.text()).to.equal('404 page not found\n');
      expect(res.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    });
  });

  it('405 has an empty body and an Allow header (TestMethodNotAllowed)', async () => {
    const r = newRouter();
    r.handleFunc('/thing', text('ok')).methods('GET');
    r.handleFunc('/thing', text('ok')).methods('PATCH', 'GET');
    r.handleFunc('/something', text('ok')).methods('DELETE');
    await withServer(r, async (s) => {
      const res = await s.fetch('/thing', { method: 'PUT' });
      expect(res.status).to.equal(405);
      expect(await res.text()).to.equal('');
      expect(res.headers.get('allow')).to.equal('GET, PATCH');
    });
  });

  it('a matched route without a handler answers 404', async () => {
    const r = newRouter();
    r.path('/x');
    await withServer(r, async (s) => expect((await s.fetch('/x')).status).to.equal(404));
  });

  it('a matched route without a handler after a route that failed on its method answers 405 with Allow (gorilla #530)', async () => {
    const r = newRouter();
    r.handleFunc('/users', text('users')).methods('GET', 'HEAD');
    r.host('{any}');
    await withServer(r, async (s) => {
      const res = await s.fetch('/users', { method: 'POST' });
      expect([res.status, res.headers.get('allow'), await res.text()]).to.deep.equal([405, 'GET, HEAD', '']);
      expect((await s.fetch('/users')).status).to.equal(200);
      expect((await s.fetch('/other')).status).to.equal(404);
    });
  });

  it("another router's serveHTTP as a route's handler answers its own 404 (its third parameter is next, not the vars)", async () => {
    const inner = newRouter();
    inner.handleFunc('/api/users', text('users'));
    const r = newRouter();
    // (From JavaScript: TypeScript already refuses it, the third parameters differ.)
    r.pathPrefix('/api').handlerFunc(inner.serveHTTP as never);
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/api/users')).text()).to.equal('users');
      const missing = await s.fetch('/api/missing');
      expect([missing.status, await missing.text()]).to.deep.equal([404, '404 page not found\n']);
    });
    expect(inner.serveHTTP).to.equal(inner.serveHTTP);
  });

  it('serveHTTP is bound and its promise settles after an async handler finished', async () => {
    const r = newRouter();
    const order: string[] = [];
    r.handleFunc('/slow', async (_req, res) => {
      await new Promise((ok) => setTimeout(ok, 10));
      order.push('handler done');
      res.end('slow');
    });
    const { serveHTTP } = r;
    const fakeRes = { end: () => undefined, headersSent: false, setHeader: () => undefined };
    await serveHTTP({ method: 'GET', url: '/slow', headers: {} } as never, fakeRes as never);
    order.push('serveHTTP settled');
    expect(order).to.deep.equal(['handler done', 'serveHTTP settled']);
  });
});

describe('serveHTTP: path cleaning', () => {
  it('redirects to the clean path and keeps the query (Test301Redirect)', async () => {
    const r = newRouter();
    r.handleFunc('/api/', text('api')).name('func2');
    r.handleFunc('/', text('root')).name('func1');
    await withServer(r, async (s) => {
      const rel = await s.raw('GET', '//api/?abc=def');
      expect(rel.status).to.equal(301);
      expect(rel.headers.location).to.equal('/api/?abc=def');
      expect(rel.body).to.equal('');
      expect(rel.headers['content-type']).to.equal(undefined);
      const abs = await s.raw('GET', 'http://localhost//api/?abc=def');
      expect(abs.headers.location).to.equal('http://localhost/api/?abc=def');
    });
  });

  const cleaned: [string, string][] = [
    ['/a/./b', '/a/b'],
    ['/a/../b/', '/b/'],
    ['/../x', '/x'],
    ['/a//b', '/a/b'],
    ['/a/%2Fb', '/a/b'],
    ['/%2F%2Fevil.example', '/evil.example'],
    ['/..//evil.example', '/evil.example'],
    ['//evil.example/..', '/'],
  ];
  for (const [from, to] of cleaned) {
    it(`${from} redirects to ${to}, for any method`, async () => {
      const r = newRouter();
      await withServer(r, async (s) => {
        for (const method of ['GET', 'POST']) {
          const res = await s.raw(method, from);
          expect(res.status).to.equal(301);
          expect(res.headers.location).to.equal(to);
        }
      });
    });
  }

  // The index proves most matched paths clean from their route's segments instead of testing the whole
  // path: each of these would be matched as sent, and cleaning changes all but the ones served.
  it('a path cleaning changes is redirected even where a route would match it as sent', async () => {
    const r = newRouter();
    r.handleFunc('/u/{name}', text('user'));
    r.handleFunc('/a/{x}/b', text('axb'));
    r.handleFunc('/e/{v:[a-z]*}/z', text('empty'));
    r.handleFunc('/p/{a}-{b}', text('pair'));
    r.handleFunc('/static/{rest:.*}', text('static'));
    r.handleFunc('/x/./y', text('literal dot'));
    r.handleFunc('/x/./{id}', text('dot then variable'));
    r.handleFunc('/d//{id}', text('double slash then variable'));
    r.handleFunc('/.well-known/{f}', text('well-known'));
    const slash = newRouter().strictSlash(true);
    slash.handleFunc('/s/', text('slash'));
    slash.handleFunc('/t/{id}', text('t'));
    slash.handleFunc('/w/{id}/', text('w'));
    const cases: [Router, string, number, string][] = [
      [r, '/u/.', 301, '/u'],
      [r, '/u/..', 301, '/'],
      [r, '/u/.x', 200, 'user'],
      [r, '/u/x.', 200, 'user'],
      [r, '/a/./b', 301, '/a/b'],
      [r, '/a/../b', 301, '/b'],
      [r, '/e//z', 301, '/e/z'],
      [r, '/e/q/z', 200, 'empty'],
      [r, '/p/.-x', 200, 'pair'],
      [r, '/static/a//b', 301, '/static/a/b'],
      [r, '/static/a/./b?q=1', 301, '/static/a/b?q=1'],
      [r, '/static/.x', 200, 'static'],
      [r, '/x/./y', 301, '/x/y'],
      [r, '/x/./1', 301, '/x/1'],
      [r, '/d//1', 301, '/d/1'],
      [r, '/nothing/../u/x', 301, '/u/x'],
      [r, '/.well-known/a', 200, 'well-known'],
      [r, '/.well-known/..', 301, '/'],
      [slash, '/s//', 301, '/s/'],
      [slash, '/s/', 200, 'slash'],
      [slash, '/t/1/', 301, '/t/1'],
      [slash, '/t/./', 301, '/t/'],
      [slash, '/t/1//', 301, '/t/1/'],
      [slash, '/w/1/', 200, 'w'],
      [slash, '/w/1//', 301, '/w/1/'],
    ];
    for (const [router, target, status, answer] of cases) {
      const res = await served(router, { method: 'GET', url: target, headers: { host: 'example.com' } });
      expect([target, res.status, status === 301 ? res.headers.location : res.body]).to.deep.equal([target, status, answer]);
    }
  });

  it('skipClean(true) serves the path as sent (TestSkipClean)', async () => {
    const r = newRouter().skipClean(true);
    r.handleFunc('/api/', text('api'));
    r.handleFunc('/fetch/{rest:.*}', (req, res) => void res.end(vars(req).rest));
    await withServer(r, async (s) => {
      const res = await s.raw('GET', '//api/?abc=def');
      expect(res.headers.location).to.equal(undefined);
      expect(res.status).to.equal(404);
      expect((await s.raw('GET', '/fetch/http://xkcd.com/534/')).body).to.equal('http://xkcd.com/534/');
    });
  });

  it('useEncodedPath: redirects keep the encoding and never double-encode', async () => {
    const r = newRouter().useEncodedPath();
    await withServer(r, async (s) => {
      expect((await s.raw('GET', '/a//b%2Fc')).headers.location).to.equal('/a/b%2Fc');
      expect((await s.raw('GET', '/a/./b%20c?x=%41')).headers.location).to.equal('/a/b%20c?x=%41');
    });
  });

  // Reported from outside: API.md says useEncodedPath keeps the request's own encoding where Go would
  // escape again; `|`, `"` and `{` were escaped as Go does.
  it('useEncodedPath: a variable keeps `|`, `"`, `{` and `%2F` as sent; its redirect escapes them, on the origin', async () => {
    const r = newRouter().useEncodedPath().strictSlash(true);
    r.handleFunc('/g/{x}', (q, s) => void s.end(vars(q).x));
    r.handleFunc('/f/{rest:.*}/', text('f'));
    await withServer(r, async (s) => {
      expect((await s.raw('GET', '/g/a|b"c{d}')).body).to.equal('a|b"c{d}');
      expect((await s.raw('GET', '/g/a|b%2Fc')).body).to.equal('a|b%2Fc');
      expect((await s.raw('GET', '/f/a|b%2F"c')).headers.location).to.equal('/f/a%7Cb%2F%22c/');
      expect((await s.raw('GET', '/f/\\evil.example')).headers.location).to.equal('/f/%5Cevil.example/');
    });
    // Found by review: a `#` kept as sent made the rest of the Location a fragment.
    const hash = await served(r, { method: 'GET', url: '/f/a#b', headers: { host: 'h' } });
    expect([hash.status, hash.headers.location]).to.deep.equal([301, '/f/a%23b/']);
  });

  it('redirectStatus sets the status of clean-path and strict-slash redirects', async () => {
    const r = newRouter().redirectStatus(308).strictSlash(true);
    r.handleFunc('/x/', text('x'));
    await withServer(r, async (s) => {
      expect((await s.raw('POST', '/a//b')).status).to.equal(308);
      const strict = await s.raw('POST', '/x');
      expect(strict.status).to.equal(308);
      expect(strict.headers.location).to.equal('/x/');
    });
  });
});

describe('serveHTTP: strictSlash', () => {
  it('redirects like Go\'s http.Redirect: HTML body for GET, none for POST; vars kept', async () => {
    const r = newRouter().strictSlash(true);
    r.handleFunc('/users/{id}/', text('user'));
    await withServer(r, async (s) => {
      const get = await s.fetch('/users/7?tab=1');
      expect(get.status).to.equal(301);
      expect(get.headers.get('location')).to.equal('/users/7/?tab=1');
      expect(get.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(await get.text()).to.equal('<a href="/users/7/?tab=1">Moved Permanently</a>.\n\n');
      const post = await s.fetch('/users/7', { method: 'POST' });
      expect(post.status).to.equal(301);
      expect(post.headers.get('content-type')).to.equal(null);
      expect(await post.text()).to.equal('');
      expect(await (await s.fetch('/users/7/')).text()).to.equal('user');
    });
  });

  it('PathPrefix never redirects; a subrouter root "/" redirects from the bare prefix', async () => {
    const r = newRouter().strictSlash(true);
    r.pathPrefix('/static/').handlerFunc(text('static'));
    r.pathPrefix('/foo').subrouter().handleFunc('/', text('foo root'));
    await withServer(r, async (s) => {
      expect((await s.fetch('/static/logo.png')).status).to.equal(200);
      const foo = await s.fetch('/foo');
      expect(foo.status).to.equal(301);
      expect(foo.headers.get('location')).to.equal('/foo/');
    });
  });

  it('useEncodedPath: strict-slash redirects keep %2F (gorilla #439)', async () => {
    const r = newRouter().strictSlash(true).useEncodedPath();
    r.handleFunc('/v/{x}/', text('v'));
    await withServer(r, async (s) => {
      expect((await s.fetch('/v/a%2Fb')).headers.get('location')).to.equal('/v/a%2Fb/');
    });
  });

  it('a redirect never leaves the origin, whatever the path', async () => {
    const r = newRouter().strictSlash(true).skipClean(true);
    r.handleFunc('/{rest:.*}/', text('x'));
    await withServer(r, async (s) => {
      for (const [target, location] of [
        // Cleaned as Go's http.Redirect cleans a relative Location: the slashes collapse.
        ['//evil.example', '/evil.example/'],
        ['/\\evil.example', '/%5Cevil.example/'],
        ['/%5Cevil.example', '/%5Cevil.example/'],
        ['/%2F%2Fevil.example', '/evil.example/'],
      ]) {
        const res = await s.raw('GET', target!);
        expect(res.status, target).to.equal(301);
        expect(res.headers.location, target).to.equal(location);
      }
    });
  });

  it('no CR, LF or NUL from the request reaches the Location header', async () => {
    const r = newRouter().strictSlash(true).skipClean(true);
    r.handleFunc('/{rest:[\\s\\S]*}/', text('x'));
    const cleaner = newRouter();
    for (const [router, target] of [[r, '/a%0D%0ASet-Cookie:%20x=1%00?q=%0D%0A'], [cleaner, '/a%0D%0ASet-Cookie:%20x=1%00//b?q=%0D%0A']] as const) {
      await withServer(router, async (s) => {
        const res = await s.raw('GET', target);
        expect(res.status).to.equal(301);
        expect(res.headers['set-cookie']).to.equal(undefined);
        expect(res.headers.location).not.to.match(/[\r\n\0]/);
        expect(res.headers.location).to.match(/^\/a%0D%0ASet-Cookie/);
      });
    }
  });
});

describe('serveHTTP: subrouters with methods (TestMethodsSubrouter*)', () => {
  type Case = [string, string, number, string];
  async function check(r: Router, cases: Case[]) {
    await withServer(r, async (s) => {
      for (const [method, path, status, expected] of cases) {
        const res = await s.raw(method, path);
        expect(res.status, `${method} ${path}`).to.equal(status);
        if (status === 200) expect(res.body, `${method} ${path}`).to.equal(expected);
        if (status === 301) expect(res.headers.location).to.equal(expected);
        if (status === 405) expect(res.body).to.equal('');
      }
    });
  }

  it('catch-all', async () => {
    const r = newRouter();
    r.methods('PATCH').subrouter().pathPrefix('/').handlerFunc(methodHandler('PUT'));
    r.methods('GET').subrouter().handleFunc('/foo', methodHandler('GET'));
    r.methods('POST').subrouter().handleFunc('/foo', methodHandler('POST'));
    r.methods('DELETE').subrouter().handleFunc('/foo', methodHandler('DELETE'));
    await check(r, [
      ['GET', '/foo', 200, 'GET'],
      ['POST', '/foo', 200, 'POST'],
      ['DELETE', '/foo', 200, 'DELETE'],
      ['PUT', '/foo', 405, ''],
    ]);
  });

  it('strict slash', async () => {
    const r = newRouter();
    const sub = r.pathPrefix('/').subrouter();
    sub.strictSlash(true).path('/foo').methods('GET').subrouter().handleFunc('', methodHandler('GET'));
    sub.strictSlash(true).path('/foo/').methods('PUT').subrouter().handleFunc('/', methodHandler('PUT'));
    sub.strictSlash(true).path('/foo/').methods('POST').subrouter().handleFunc('/', methodHandler('POST'));
    await check(r, [
      ['POST', 'http://localhost/foo/', 200, 'POST'],
      ['GET', 'http://localhost/foo', 200, 'GET'],
      ['POST', 'http://localhost/foo', 301, 'http://localhost/foo/'],
      ['GET', 'http://localhost/foo/', 301, 'http://localhost/foo'],
      ['DELETE', 'http://localhost/foo', 405, ''],
    ]);
  });

  it('path prefix', async () => {
    const r = newRouter();
    r.pathPrefix('/1').methods('POST').subrouter().handleFunc('/2', methodHandler('POST'));
    r.pathPrefix('/1').methods('DELETE').subrouter().handleFunc('/2', methodHandler('DELETE'));
    r.pathPrefix('/1').methods('PUT').subrouter().handleFunc('/2', methodHandler('PUT'));
    r.pathPrefix('/1').methods('POST').subrouter().handleFunc('/2', methodHandler('POST2'));
    await check(r, [
      ['POST', '/1/2', 200, 'POST'],
      ['DELETE', '/1/2', 200, 'DELETE'],
      ['PUT', '/1/2', 200, 'PUT'],
      ['PATCH', '/1/2', 405, ''],
    ]);
  });

  it('subrouter of subrouter', async () => {
    const r = newRouter();
    const sub = r.pathPrefix('/1').subrouter();
    sub.methods('POST').subrouter().handleFunc('/2', methodHandler('POST'));
    sub.methods('GET').subrouter().handleFunc('/2', methodHandler('GET'));
    sub.methods('PATCH').subrouter().handleFunc('/2', methodHandler('PATCH'));
    sub.handleFunc('/2', methodHandler('PUT')).subrouter().methods('PUT');
    sub.handleFunc('/2', methodHandler('POST2')).subrouter().methods('POST');
    await check(r, [
      ['POST', '/1/2', 200, 'POST'],
      ['GET', '/1/2', 200, 'GET'],
      ['PATCH', '/1/2', 200, 'PATCH'],
      ['PUT', '/1/2', 200, 'PUT'],
      ['DELETE', '/1/2', 405, ''],
    ]);
  });

  it('path variables', async () => {
    const r = newRouter();
    r.methods('GET').subrouter().handleFunc('/foo', methodHandler('GET'));
    r.methods('POST').subrouter().handleFunc('/{any}', methodHandler('POST'));
    r.methods('DELETE').subrouter().handleFunc('/1/{any}', methodHandler('DELETE'));
    r.methods('PUT').subrouter().handleFunc('/1/{any}', methodHandler('PUT'));
    await check(r, [
      ['GET', '/foo', 200, 'GET'],
      ['POST', '/foo', 200, 'POST'],
      ['DELETE', '/1/foo', 200, 'DELETE'],
      ['PUT', '/1/foo', 200, 'PUT'],
      ['PATCH', '/1/foo', 405, ''],
    ]);
  });
});

describe('serveHTTP: custom 404 and 405 handlers', () => {
  it('a subrouter notFoundHandler wins over the router\'s (TestSubrouterErrorHandling)', async () => {
    const r = newRouter();
    r.notFoundHandler = text('super');
    r.pathPrefix('/bign8').subrouter().notFoundHandler = text('sub');
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/bign8/was/here')).text()).to.equal('sub');
      expect(await (await s.fetch('/elsewhere')).text()).to.equal('super');
    });
  });

  // Reported from outside: a subrouter's errorHandler was ignored (the root's answered, or the default 500).
  it('a subrouter errorHandler takes the errors of its routes, the innermost first; others go to the router\'s', async () => {
    for (const omit of [false, true]) {
      const r = newRouter().omitRouteFromContext(omit);
      const boom: HandlerFunc = () => {
        throw new Error('boom');
      };
      const answer = (who: string) => (err: unknown, _req: unknown, res: { statusCode: number; end(s: string): void }) => {
        res.statusCode = 502;
        res.end(`${who}: ${(err as Error).message}`);
      };
      r.errorHandler = answer('root');
      r.handleFunc('/boom', boom);
      const api = r.pathPrefix('/api').subrouter();
      api.errorHandler = answer('api');
      api.handleFunc('/boom', boom);
      const v1 = api.pathPrefix('/v1').subrouter();
      v1.handleFunc('/boom', boom);
      const deep = v1.pathPrefix('/deep').subrouter();
      deep.errorHandler = answer('deep');
      deep.handleFunc('/boom', async () => {
        throw new Error('async boom');
      });
      await withServer(r, async (s) => {
        expect(await (await s.fetch('/boom')).text()).to.equal('root: boom');
        expect(await (await s.fetch('/api/boom')).text()).to.equal('api: boom');
        expect(await (await s.fetch('/api/v1/boom')).text(), 'the nearest one above').to.equal('api: boom');
        expect(await (await s.fetch('/api/v1/deep/boom')).text()).to.equal('deep: async boom');
      });
    }
  });

  it('router and subrouter methodNotAllowedHandler (TestSubrouterCustomMethodNotAllowed)', async () => {
    const custom = (msg: string): HandlerFunc => (_req, res) => {
      res.statusCode = 405;
      res.end(msg);
    };
    const r = newRouter();
    r.handleFunc('/test', text('ok')).methods('GET');
    r.methodNotAllowedHandler = custom('custom router handler');
    const sub = r.pathPrefix('/sub').subrouter();
    sub.handleFunc('/test', text('ok')).methods('GET');
    sub.methodNotAllowedHandler = { serveHTTP: custom('custom sub router handler') };
    await withServer(r, async (s) => {
      for (const [path, msg] of [['/test', 'custom router handler'], ['/sub/test', 'custom sub router handler']]) {
        const res = await s.fetch(path!, { method: 'PUT' });
        expect(res.status).to.equal(405);
        expect(await res.text()).to.equal(msg);
      }
    });
  });

  it('two catch-all subrouters: each route gets its own subrouter\'s middleware (TestMiddlewareOnMultiSubrouter)', async () => {
    const r = newRouter();
    const first = r.pathPrefix('/').subrouter();
    const second = r.pathPrefix('/').subrouter();
    r.notFoundHandler = text('404 not found');
    first.handleFunc('/first', text(''));
    second.handleFunc('/second', text(''));
    first.use((next) => (req, res) => (res.write('first'), next(req, res)));
    second.use((next) => (req, res) => (res.write('second'), next(req, res)));
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/first')).text()).to.equal('first');
      expect(await (await s.fetch('/second')).text()).to.equal('second');
      expect(await (await s.fetch('/second/not-exist')).text()).to.equal('404 not found');
    });
  });
});

describe('serveHTTP: request context', () => {
  it('vars, currentRoute (the leaf route) and currentRouter (the serving router)', async () => {
    const r = newRouter();
    const sub = r.host('{sub}.example').subrouter();
    const leaf = sub.handleFunc('/users/{id:[0-9]+}', (req, res) => {
      res.end(JSON.stringify({ vars: vars(req), leaf: currentRoute(req) === leaf, router: currentRouter(req) === r }));
    });
    await withServer(r, async (s) => {
      const res = await s.raw('GET', '/users/42', { host: 'api.example' });
      expect(JSON.parse(res.body)).to.deep.equal({ vars: { sub: 'api', id: '42' }, leaf: true, router: true });
    });
  });

  it('vars() is {} on a route without variables; vars survive middleware that swaps nothing (TestContextMiddleware)', async () => {
    const r = newRouter();
    r.handleFunc('/static', (req, res) => void res.end(JSON.stringify(vars(req))));
    r.handle('/path/{foo}', {
      serveHTTP: (req, res) => void res.end(vars(req).foo),
    }).use((next) => async (req, res) => {
      await new Promise((ok) => setTimeout(ok, 1));
      return next(req, res);
    });
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/static')).text()).to.equal('{}');
      expect(await (await s.fetch('/path/bar')).text()).to.equal('bar');
    });
  });

  it('routes by name from the router in context; omitRouterFromContext (TestRouterInContext)', async () => {
    const r = newRouter();
    r.handleFunc('/r1', (req, res) => void res.end(currentRouter(req)!.get('r2')!.url().toString())).name('r1');
    r.handleFunc('/r2', (req, res) => void res.end(currentRouter(req) ? 'have-router' : 'no-router')).name('r2');
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/r1')).text()).to.equal('/r2');
      expect(await (await s.fetch('/r2')).text()).to.equal('have-router');
      r.omitRouterFromContext(true);
      expect(await (await s.fetch('/r2')).text()).to.equal('no-router');
    });
  });

  const populate: [string, string, boolean, string, 'static' | 'dynamic' | 'none'][] = [
    ['no vars', '/static', false, '', 'static'],
    ['empty var', '/dynamic/', false, '', 'dynamic'],
    ['a var', '/dynamic/foo', false, 'foo', 'dynamic'],
    ['omit route, /static', '/static', true, '', 'none'],
    ['omit route, /dynamic/', '/dynamic/', true, '', 'none'],
  ];
  for (const [title, path, omit, wantVar, wantRoute] of populate) {
    it(`populates the context: ${title} (TestPopulateContext)`, async () => {
      const r = newRouter().omitRouteFromContext(omit);
      const staticRoute = r.handleFunc('/static', report);
      const dynamicRoute = r.handleFunc('/dynamic/{x:.*}', report);
      function report(req: Parameters<HandlerFunc>[0], res: Parameters<HandlerFunc>[1]) {
        const route = currentRoute(req);
        res.end(JSON.stringify([vars(req).x ?? '', route === staticRoute ? 'static' : route === dynamicRoute ? 'dynamic' : 'none']));
      }
      await withServer(r, async (s) => {
        expect(await (await s.fetch(path)).json()).to.deep.equal([wantVar, wantRoute]);
      });
    });
  }

  it('a subrouter notFoundHandler sees the parent route as currentRoute; the root one sees none', async () => {
    const r = newRouter();
    const parent = r.pathPrefix('/s');
    parent.subrouter().notFoundHandler = (req, res) => void res.end(String(currentRoute(req) === parent));
    r.notFoundHandler = (req, res) => void res.end(String(currentRoute(req)));
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/s/x')).text()).to.equal('true');
      expect(await (await s.fetch('/zz')).text()).to.equal('undefined');
    });
  });
});
});

describeEngines('serveHTTP: OPTIONS * (asterisk-form)', (make) => {
  function app() {
    const r = make();
    r.handleFunc('/a', text('a')).methods('GET', 'POST');
    r.handleFunc('/b', text('b')).methods('put', 'GET');
    r.handleFunc('/any', text('any'));
    const sub = r.pathPrefix('/api').methods('DELETE').subrouter();
    sub.handleFunc('/x', text('x')).methods('PATCH');
    const mounted = make();
    mounted.handleFunc('/m', text('m')).methods('OPTIONS');
    r.pathPrefix('/mounted').handler(mounted);
    r.pathPrefix('/').handlerFunc(text('catch-all'));
    return r;
  }

  it('OPTIONS * is 200 with an Allow of every method of the tree, never redirected', async () => {
    await withServer(app(), async (s) => {
      const out = await s.socket('OPTIONS * HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n');
      expect(out.split('\r\n')[0]).to.equal('HTTP/1.1 200 OK');
      expect(out).to.match(/\r\nAllow: GET, POST, PUT, DELETE, PATCH, OPTIONS\r\n/);
      expect(out).to.not.match(/\r\nLocation:/i);
      expect(out.endsWith('\r\n\r\n'), 'no body').to.equal(true);
    });
  });

  // The list is kept between requests (walking a large tree for each OPTIONS * was a cost anyone could
  // impose): it must follow every change that adds a method, wherever in the tree it is made.
  it('OPTIONS * follows routes added or changed after it was answered, in subrouters and mounted routers too', async () => {
    const r = make();
    const route = r.handleFunc('/a', text('a')).methods('GET');
    const sub = r.pathPrefix('/api').subrouter();
    const mounted = make();
    r.pathPrefix('/m').handler(mounted);
    const holder = r.pathPrefix('/later').handlerFunc(text('later'));
    // Counts the walks of the tree (what each OPTIONS * once did).
    let walks = 0;
    const walk = r.walk.bind(r);
    r.walk = (fn) => (walks++, walk(fn));
    await withServer(r, async (s) => {
      const allow = async () => /\r\nAllow: ([^\r]*)\r\n/.exec(await s.socket('OPTIONS * HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n'))![1];
      expect(await allow()).to.equal('GET');
      expect(await allow()).to.equal('GET');
      expect(walks, 'the tree is walked once while nothing changes').to.equal(1);
      route.methods('GET', 'POST');
      expect(await allow(), 'a route changed').to.equal('GET, POST');
      r.handleFunc('/b', text('b')).methods('PUT');
      expect(await allow(), 'a route added').to.equal('GET, POST, PUT');
      sub.handleFunc('/x', text('x')).methods('PATCH');
      expect(await allow(), 'in a subrouter (registered before /b: walk order)').to.equal('GET, POST, PATCH, PUT');
      mounted.handleFunc('/y', text('y')).methods('DELETE');
      expect(await allow(), 'in a mounted router').to.equal('GET, POST, PATCH, DELETE, PUT');
      const other = make();
      other.handleFunc('/z', text('z')).methods('OPTIONS');
      holder.handler(other);
      expect(await allow(), 'a router mounted later').to.equal('GET, POST, PATCH, DELETE, OPTIONS, PUT');
    });
  });

  it('other methods with * get 400', async () => {
    await withServer(app(), async (s) => {
      for (const method of ['GET', 'POST', 'HEAD']) {
        const out = await s.socket(`${method} * HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n`);
        expect(out.split('\r\n')[0], method).to.equal('HTTP/1.1 400 Bad Request');
      }
    });
  });

  it('a router without method matchers sends an empty Allow', async () => {
    const r = make();
    r.handleFunc('/', text('root'));
    await withServer(r, async (s) => {
      const out = await s.socket('OPTIONS * HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n');
      expect(out.split('\r\n')[0]).to.equal('HTTP/1.1 200 OK');
      expect(out).to.match(/\r\nAllow: \r\n/);
    });
  });

  it('HTTP/2: OPTIONS with :path * gets 200 and the Allow', async function () {
    this.timeout(20000);
    const tls = selfSignedCert();
    const server = createSecureServer(tls, app().serveHTTP as never);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = h2connect(`https://127.0.0.1:${(server.address() as AddressInfo).port}`, { ca: tls.cert });
    try {
      const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const r = client.request({ ':method': 'OPTIONS', ':path': '*' });
        r.on('response', resolve);
        r.on('error', reject);
        r.resume();
        r.end();
      });
      expect([headers[':status'], headers.allow, headers.location]).to.deep.equal([200, 'GET, POST, PUT, DELETE, PATCH, OPTIONS', undefined]);
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describeEngines('serveHTTP: redirect Locations as gorilla and Go write them', (make) => {
  it("a strict-slash Location is cleaned as Go's http.Redirect cleans it", async () => {
    const r = make().strictSlash(true).skipClean(true);
    r.handleFunc('/a/{rest:.*}/', text('a'));
    await withServer(r, async (s) => {
      const res = await s.raw('GET', '/a/./b/../c//d?x=1');
      expect([res.status, res.headers.location]).to.deep.equal([301, '/a/c/d/?x=1']);
    });
  });

  it('an empty template never gives an empty Location', async () => {
    const r = make().strictSlash(true);
    r.handleFunc('', text('empty'));
    await withServer(r, async (s) => {
      const res = await s.raw('GET', '/?q=1');
      expect([res.status, res.headers.location]).to.deep.equal([301, '/?q=1']);
    });
  });

  it('the clean-path redirect copies the query as sent', async () => {
    const r = make();
    r.handleFunc('/api/', text('api'));
    await withServer(r, async (s) => {
      const res = await s.raw('GET', '//api/?a="|{}<>^`\\&b=%41%zz');
      expect([res.status, res.headers.location]).to.deep.equal([301, '/api/?a="|{}<>^`\\&b=%41%zz']);
    });
  });

  it('the strict-slash body escapes the Location as Go does (&amp; &lt; &gt; &#34; &#39;)', async () => {
    const r = make().strictSlash(true);
    r.handleFunc('/a/', text('a'));
    await withServer(r, async (s) => {
      const res = await s.raw('GET', `/a?x=1&y="<'>"`);
      expect(res.headers.location).to.equal(`/a/?x=1&y="<'>"`);
      expect(res.body).to.equal('<a href="/a/?x=1&amp;y=&#34;&lt;&#39;&gt;&#34;">Moved Permanently</a>.\n\n');
    });
  });

  it('CR, LF and NUL never reach a Location: Node refuses them in the request line, and a hand-made request gets them escaped', async () => {
    const r = make().strictSlash(true);
    r.handleFunc('/api/', text('api'));
    await withServer(r, async (s) => {
      for (const q of ['a\rb', 'a\nb', 'a\u0000b']) {
        const out = await s.socket(`GET //api/?${q} HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n`);
        expect(out.split('\r\n')[0], JSON.stringify(q)).to.equal('HTTP/1.1 400 Bad Request');
        expect(out).to.not.match(/Set-Cookie/i);
      }
    });
    for (const url of ['//api/?a\r\nSet-Cookie: x=1\u0000é€', '/api?a\r\nSet-Cookie: x=1\u0000é€']) {
      const headers: Record<string, unknown> = {};
      const res = {
        statusCode: 200,
        headersSent: false,
        setHeader: (k: string, v: unknown) => void (headers[k.toLowerCase()] = v),
        end: () => undefined,
      };
      await r.serveHTTP({ method: 'GET', url, headers: {} } as never, res as never);
      expect(res.statusCode, url).to.equal(301);
      expect(headers.location, url).to.equal('/api/?a%0D%0ASet-Cookie%3A%20x%3D1%00%C3%A9%E2%82%AC'.replace('%3A', ':').replace('%3D', '='));
    }
  });
});
