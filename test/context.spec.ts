import { expect } from 'chai';
import { currentRoute, currentRouter, newRouter, setURLVars, vars } from '../src/index.js';

describe('Request context', () => {
  it('vars() is {} for a request the router never saw', () => {
    expect(vars({})).to.deep.equal({});
    expect(currentRoute({})).to.equal(undefined);
    expect(currentRouter({})).to.equal(undefined);
  });

  it('setURLVars sets vars for testing a handler (ExampleSetURLVars), without visible properties', () => {
    const req = { method: 'GET', url: '/foo', headers: {} };
    const same = setURLVars(req, { foo: 'bar' });
    expect(same).to.equal(req);
    expect(vars(req).foo).to.equal('bar');
    expect(Object.keys(req)).to.deep.equal(['method', 'url', 'headers']);
    expect(JSON.stringify(req)).to.equal('{"method":"GET","url":"/foo","headers":{}}');
    const frozen = Object.freeze({ url: '/' });
    expect(vars(setURLVars(frozen, { a: '1' }))).to.deep.equal({ a: '1' });
  });

  it('serveHTTP records vars, route and router on a new request, a frozen one, one set by setURLVars, and one served again', async () => {
    const r = newRouter();
    const seen: unknown[] = [];
    const route = r.handleFunc('/users/{id}', (req) => void seen.push([vars(req), currentRoute(req), currentRouter(req)]));
    const res = { statusCode: 200, setHeader: () => undefined, end: () => undefined } as never;
    const fresh = { method: 'GET', url: '/users/1', headers: {} };
    const frozen = Object.freeze({ method: 'GET', url: '/users/2', headers: {} });
    const preset = setURLVars({ method: 'GET', url: '/users/3', headers: {} }, { x: 'y' });
    for (const req of [fresh, frozen, preset]) await r.serveHTTP(req as never, res);
    fresh.url = '/users/4';
    await r.serveHTTP(fresh as never, res);
    expect(seen).to.deep.equal([1, 2, 3, 4].map((id) => [{ id: String(id) }, route, r]));
    expect([vars(fresh), vars(frozen), vars(preset)]).to.deep.equal([{ id: '4' }, { id: '2' }, { id: '3' }]);
    expect(Object.keys(fresh)).to.deep.equal(['method', 'url', 'headers']);
  });
});

// A handler factory whose handlers log where they are and the vars they see, then end the response.
function varsLog() {
  const seen: string[] = [];
  const show = (where: string) => (req: object, res: { end(): void }) => {
    seen.push(`${where} ${JSON.stringify(vars(req))}`);
    res.end();
  };
  return { seen, show };
}

// Reported from outside: a Router mounted as another's handler recorded its match on the shared request,
// so after `await next()` the outer middleware read the inner router's vars and route. gorilla gives the
// mounted router a request of its own; here what the outer router recorded is put back when it is done.
describe('Request context: a router mounted as a handler', () => {
  for (const kind of ['sync', 'async', 'throwing'] as const) {
    it(`the enclosing middleware reads its own vars and route again after the mounted router (${kind} handler)`, async () => {
      const outer = newRouter();
      const inner = newRouter();
      const seen: string[] = [];
      const show = (req: object) => `${JSON.stringify(vars(req))} ${currentRoute(req)?.getName()} ${currentRouter(req) === outer ? 'outer' : 'inner'}`;
      outer.use((next) => async (req, res) => {
        seen.push(`before ${show(req)}`);
        await next(req, res);
        seen.push(`after ${show(req)}`);
      });
      outer.pathPrefix('/api/{version}').handler(inner).name('outerRoute');
      inner.handleFunc('/api/{v}/users/{id}', async (req, res) => {
        seen.push(`inner ${show(req)}`);
        if (kind === 'async') await Promise.resolve();
        if (kind === 'throwing') throw new Error('inner failed');
        res.end();
      }).name('innerRoute');
      inner.errorHandler = (_err, req, res) => {
        seen.push(`inner errorHandler ${show(req)}`);
        res.end();
      };
      const res = { statusCode: 200, headersSent: false, writableEnded: false, setHeader() {}, getHeader() {}, removeHeader() {}, end() { this.writableEnded = true; }, on() {} };
      await outer.serveHTTP({ url: '/api/v2/users/7', method: 'GET', headers: { host: 'a' } } as never, res as never);
      expect(seen).to.deep.equal([
        'before {"version":"v2"} outerRoute outer',
        'inner {"v":"v2","id":"7"} innerRoute inner',
        ...(kind === 'throwing' ? ['inner errorHandler {"v":"v2","id":"7"} innerRoute inner'] : []),
        'after {"version":"v2"} outerRoute outer',
      ]);
    });
  }

  // Reported from outside (gorilla oracle): gorilla stores a match's variables in the request context only
  // when there are some, so a mounted router's route without variables, or its notFoundHandler, sees the
  // variables of the route it is mounted on; tsmux showed `{}`.
  it('a match without variables in the mounted router keeps the enclosing route\'s variables', async () => {
    const outer = newRouter();
    const inner = newRouter();
    const { seen, show } = varsLog();
    inner.use((next) => (req, res) => {
      seen.push(`middleware ${JSON.stringify(vars(req))}`);
      return next(req, res);
    });
    inner.handleFunc('/in/static', show('static'));
    inner.handleFunc('/in/{b}', show('own'));
    inner.notFoundHandler = show('notFound');
    outer.pathPrefix('/in/{a}').handler(inner);
    for (const url of ['/in/static', '/in/q', '/in/q/zz']) {
      const res = { statusCode: 200, headersSent: false, writableEnded: false, setHeader() {}, getHeader() {}, removeHeader() {}, end() { this.writableEnded = true; }, on() {} };
      await outer.serveHTTP({ url, method: 'GET', headers: { host: 'a' } } as never, res as never);
    }
    expect(seen).to.deep.equal([
      'middleware {"a":"static"}',
      'static {"a":"static"}',
      'middleware {"b":"q"}',
      'own {"b":"q"}',
      'notFound {"a":"q"}',
    ]);
  });

  // Reported from outside (review): only `handler(inner)` was seen as mounting; a router called from a
  // route's handler function (gorilla's usual StripPrefix-style mounting) lost the enclosing variables, and
  // the enclosing route's record was not put back after it.
  for (const kind of ['sync', 'async'] as const) {
    it(`a router called from a route's handler function is mounted there too (${kind} handler)`, async () => {
      const outer = newRouter();
      const inner = newRouter();
      const { seen, show } = varsLog();
      inner.handleFunc('/in/static', show('static'));
      inner.handleFunc('/in/{b}', show('own'));
      inner.notFoundHandler = show('notFound');
      outer.pathPrefix('/in/{a}').handlerFunc(async (req, res) => {
        if (kind === 'async') await Promise.resolve();
        await inner.serveHTTP(req as never, res as never);
        seen.push(`after ${JSON.stringify(vars(req))} ${currentRouter(req) === outer ? 'outer' : 'inner'}`);
      });
      const request = (url: string) => ({ url, method: 'GET', headers: { host: 'a' } });
      const res = () => ({ statusCode: 200, headersSent: false, writableEnded: false, setHeader() {}, getHeader() {}, removeHeader() {}, end() { this.writableEnded = true; }, on() {} });
      for (const url of ['/in/static', '/in/q', '/in/q/zz']) await outer.serveHTTP(request(url) as never, res() as never);
      // The same request object served again once its router is done: nothing of the first match is kept.
      const again = request('/in/static');
      await inner.serveHTTP(again as never, res() as never);
      await inner.serveHTTP(again as never, res() as never);
      expect(seen).to.deep.equal([
        'static {"a":"static"}',
        'after {"a":"static"} outer',
        'own {"b":"q"}',
        'after {"a":"q"} outer',
        'notFound {"a":"q"}',
        'after {"a":"q"} outer',
        'static {}',
        'static {}',
      ]);
    });
  }
});

// Reported from outside (an audit of mounting): what a request's context shows, and which errorHandler
// takes an error, when routers serve the same request one inside another or one after another.
describe('Request context: routers serving one request in turn or nested', () => {
  const res = () => ({ statusCode: 200, headersSent: false, writableEnded: false, setHeader() {}, getHeader() {}, removeHeader() {}, end() { this.writableEnded = true; }, on() {} });
  const request = (url: string) => ({ url, method: 'GET', headers: { host: 'a' } });
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('a request served again once its router is done keeps nothing of the first match, however the router was mounted', async () => {
    for (const mount of ['router', 'serveHTTP'] as const) {
      const outer = newRouter();
      const inner = newRouter();
      const seen: string[] = [];
      inner.handleFunc('/in/s', (req, res) => void (seen.push(JSON.stringify(vars(req))), res.end()));
      outer.pathPrefix('/in/{a}').handler((mount === 'router' ? inner : inner.serveHTTP) as never);
      const q = request('/in/s');
      await outer.serveHTTP(q as never, res() as never);
      await inner.serveHTTP(q as never, res() as never);
      expect(seen, mount).to.deep.equal(['{"a":"s"}', '{}']);
    }
  });

  it('a router a custom notFoundHandler falls back to puts the 404\'s record back when it is done', async () => {
    const outer = newRouter();
    const fallback = newRouter();
    const seen: string[] = [];
    fallback.handleFunc('/f/{id}', (req, res) => void (seen.push(`fallback ${JSON.stringify(vars(req))}`), res.end())).name('fbRoute');
    outer.notFoundHandler = async (req, res) => {
      await fallback.serveHTTP(req as never, res as never);
      seen.push(`after ${JSON.stringify(vars(req))} ${currentRoute(req)?.getName()} ${currentRouter(req) === outer ? 'outer' : 'other'}`);
    };
    await outer.serveHTTP(request('/f/9') as never, res() as never);
    expect(seen).to.deep.equal(['fallback {"id":"9"}', 'after {} undefined outer']);
  });

  it('an error in a mounted router goes to its errorHandler; one of the enclosing handler to the enclosing router\'s', async () => {
    const outer = newRouter();
    const inner = newRouter();
    const taken: string[] = [];
    outer.errorHandler = (err, _req, res) => void (taken.push(`outer ${(err as Error).message}`), res.end());
    inner.errorHandler = (err, _req, res) => void (taken.push(`inner ${(err as Error).message}`), res.end());
    inner.path('/in/x').matcherFunc(() => {
      throw new Error('matcher');
    }).handlerFunc((_req, res) => void res.end());
    inner.handleFunc('/in/slow', async (_req, res) => {
      await tick();
      res.end();
    });
    outer.pathPrefix('/in/x').handler(inner);
    outer.pathPrefix('/in/slow').handlerFunc((req, res) => {
      // Not awaited: the enclosing handler fails while the mounted router's handler is still running.
      void inner.serveHTTP(req as never, res as never);
      throw new Error('enclosing');
    });
    await outer.serveHTTP(request('/in/x') as never, res() as never);
    await outer.serveHTTP(request('/in/slow') as never, res() as never);
    await tick();
    await tick();
    expect(taken).to.deep.equal(['inner matcher', 'outer enclosing']);
  });

  it('variables given with setURLVars stay for a route without variables, and give way to one with', async () => {
    const r = newRouter();
    const seen: string[] = [];
    const show = (req: object, res: { end(): void }) => void (seen.push(JSON.stringify(vars(req))), res.end());
    r.handleFunc('/s', show);
    r.handleFunc('/v/{id}', show);
    await r.serveHTTP(setURLVars(request('/s'), { x: 'y' }) as never, res() as never);
    await r.serveHTTP(setURLVars(request('/v/1'), { x: 'y' }) as never, res() as never);
    expect(seen).to.deep.equal(['{"x":"y"}', '{"id":"1"}']);
  });
});
