// Middleware and CORSMethodMiddleware over a real server: gorilla's middleware_test.go re-expressed.
import { expect } from 'chai';
import { corsMethodMiddleware, type HandlerFunc, type Middleware } from '../src/index.js';
import { withServer } from './server-helpers.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {
const text = (s: string): HandlerFunc => (_req, res) => void res.end(s);
const writes = (s: string): Middleware => (next) => (req, res) => (res.write(s), next(req, res));

function counter(): { calls: number; mw: Middleware } {
  const c: { calls: number; mw: Middleware } = { calls: 0, mw: (next) => (req, res) => (c.calls++, next(req, res)) };
  return c;
}

describe('Middleware', () => {
  it('runs on matches only: not for 404, not for 405; route middleware too (TestMiddleware)', async () => {
    const r = newRouter();
    r.handleFunc('/', text('')).methods('GET');
    const c = counter();
    r.use(c.mw);
    await withServer(r, async (s) => {
      await s.fetch('/');
      expect(c.calls).to.equal(1);
      await s.fetch('/not/found');
      expect(c.calls).to.equal(1);
      await s.fetch('/', { method: 'POST' });
      expect(c.calls).to.equal(1);
      r.use(c.mw);
      await s.fetch('/');
      expect(c.calls).to.equal(3);
      r.handleFunc('/route', text('')).use(c.mw);
      await s.fetch('/route');
      expect(c.calls).to.equal(6);
    });
  });

  it('subrouter middleware runs for its routes only (TestMiddlewareSubrouter)', async () => {
    const r = newRouter();
    r.handleFunc('/', text(''));
    const sub = r.pathPrefix('/sub').subrouter();
    sub.handleFunc('/x', text(''));
    const c = counter();
    sub.use(c.mw);
    await withServer(r, async (s) => {
      await s.fetch('/');
      expect(c.calls).to.equal(0);
      await s.fetch('/sub/');
      expect(c.calls).to.equal(0);
      await s.fetch('/sub/x');
      expect(c.calls).to.equal(1);
      await s.fetch('/sub/not/found');
      expect(c.calls).to.equal(1);
      r.use(c.mw);
      await s.fetch('/');
      expect(c.calls).to.equal(2);
      await s.fetch('/sub/x');
      expect(c.calls).to.equal(4);
    });
  });

  it('writes in order: router middleware, route middleware, handler (TestMiddlewareExecution)', async () => {
    const r = newRouter();
    r.handleFunc('/', text('Logic\n'));
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/')).text()).to.equal('Logic\n');
      r.use(writes('Middleware\n'));
      expect(await (await s.fetch('/')).text()).to.equal('Middleware\nLogic\n');
      r.handleFunc('/route', text('Logic\n')).use(writes('Route Middleware\n'));
      expect(await (await s.fetch('/route')).text()).to.equal('Middleware\nRoute Middleware\nLogic\n');
    });
  });

  it('does not wrap 404/405 answers, default or custom, at any level (TestMiddlewareNotFound*, TestMiddlewareMethodMismatch*)', async () => {
    const r = newRouter();
    r.handleFunc('/', text('Logic\n')).methods('GET');
    const sub = r.pathPrefix('/sub/').subrouter();
    sub.handleFunc('/', text('Logic\n')).methods('GET');
    r.use(writes('Middleware\n'));
    await withServer(r, async (s) => {
      const bodies = async () => [
        await (await s.fetch('/notfound')).text(),
        await (await s.fetch('/', { method: 'POST' })).text(),
        await (await s.fetch('/sub/notfound')).text(),
        await (await s.fetch('/sub/', { method: 'POST' })).text(),
      ];
      for (const b of await bodies()) expect(b).not.to.contain('Middleware');
      r.notFoundHandler = text('Custom 404');
      r.methodNotAllowedHandler = text('Custom 405');
      sub.notFoundHandler = text('Sub 404');
      expect(await bodies()).to.deep.equal(['Custom 404', 'Custom 405', 'Sub 404', 'Custom 405']);
    });
  });

  it('awaits async middleware before the handler and the response', async () => {
    const r = newRouter();
    const order: string[] = [];
    r.use((next) => async (req, res) => {
      order.push('before');
      await new Promise((ok) => setTimeout(ok, 5));
      await next(req, res);
      order.push('after');
    });
    r.handleFunc('/', async (_req, res) => {
      order.push('handler');
      res.end('done');
    });
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/')).text()).to.equal('done');
      await new Promise((ok) => setTimeout(ok, 5));
      expect(order).to.deep.equal(['before', 'handler', 'after']);
    });
  });

  it('wraps strict-slash redirects with router middleware only', async () => {
    const r = newRouter().strictSlash(true);
    const routerCount = counter();
    const routeCount = counter();
    r.use(routerCount.mw);
    r.handleFunc('/x/', text('x')).use(routeCount.mw);
    await withServer(r, async (s) => {
      expect((await s.fetch('/x')).status).to.equal(301);
      expect([routerCount.calls, routeCount.calls]).to.deep.equal([1, 0]);
    });
  });
});

describe('corsMethodMiddleware (TestCORSMethodMiddleware)', () => {
  const preflight = { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'Authorization', Origin: 'http://example.com' };
  const cases: [string, (r: ReturnType<typeof newRouter>) => void, string, string, Record<string, string>, string | null, string][] = [
    ['no header without an OPTIONS matcher', (r) => r.handleFunc('/foo', text('a')).methods('GET', 'PUT', 'PATCH'), 'GET', '/foo', {}, null, 'a'],
    ['set on a non-OPTIONS request', (r) => { r.handleFunc('/foo', text('a')).methods('GET', 'PUT', 'PATCH'); r.handleFunc('/foo', text('b')).methods('OPTIONS'); }, 'GET', '/foo', {}, 'GET,PUT,PATCH,OPTIONS', 'a'],
    ['set without preflight headers', (r) => { r.handleFunc('/foo', text('a')).methods('GET', 'PUT', 'PATCH'); r.handleFunc('/foo', text('b')).methods('OPTIONS'); }, 'OPTIONS', '/foo', {}, 'GET,PUT,PATCH,OPTIONS', 'b'],
    ['not set when a matching route has no methods', (r) => r.handleFunc('/foo', text('a')), 'OPTIONS', '/foo', {}, null, 'a'],
    ['set on a valid preflight', (r) => { r.handleFunc('/foo', text('a')).methods('GET', 'PUT', 'PATCH'); r.handleFunc('/foo', text('b')).methods('OPTIONS'); }, 'OPTIONS', '/foo', preflight, 'GET,PUT,PATCH,OPTIONS', 'b'],
    ['methods of other paths are left out', (r) => { r.handleFunc('/foo', text('c')).methods('DELETE'); r.handleFunc('/foo/bar', text('a')).methods('GET', 'PUT', 'PATCH'); r.handleFunc('/foo/bar', text('b')).methods('OPTIONS'); }, 'OPTIONS', '/foo/bar', preflight, 'GET,PUT,PATCH,OPTIONS', 'b'],
  ];
  for (const [title, register, method, path, headers, header, body] of cases) {
    it(title, async () => {
      const r = newRouter();
      register(r);
      r.use(corsMethodMiddleware(r));
      await withServer(r, async (s) => {
        const res = await s.fetch(path, { method, headers });
        expect(res.headers.get('access-control-allow-methods')).to.equal(header);
        expect(await res.text()).to.equal(body);
      });
    });
  }

  it('works on a subrouter given the subrouter (TestCORSMethodMiddlewareSubrouter)', async () => {
    const r = newRouter().strictSlash(true);
    const sub = r.pathPrefix('/test').subrouter();
    sub.handleFunc('/hello', text('a')).methods('GET', 'OPTIONS', 'POST');
    sub.handleFunc('/hello/{name}', text('b')).methods('GET', 'OPTIONS');
    sub.use(corsMethodMiddleware(sub));
    await withServer(r, async (s) => {
      expect((await s.fetch('/test/hello/asdf')).headers.get('access-control-allow-methods')).to.equal('GET,OPTIONS');
    });
  });
});
});
