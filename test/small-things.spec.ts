// use() chaining, implicitHead, allowedMethods(req) and the stderr log of unhandled errors.
import { expect } from 'chai';
import { allowedMethods, newRouter, RouteMatch, type Middleware, type Router } from '../src/index.js';
import { describeEngines } from './engines.js';
import { req } from './helpers.js';
import { MatchState } from '../src/route/route-match.js';
import { withServer } from './server-helpers.js';

const ok = (body: string) => (_req: unknown, res: { end(s: string): void }) => void res.end(body);

/** Runs `fn` with process.stderr.write captured; returns what was written. */
async function captureStderr(fn: () => Promise<void>): Promise<string> {
  const original = process.stderr.write;
  let out = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = original;
  }
  return out;
}

describe('Router.use', () => {
  it('returns the router, so configuration chains after it', () => {
    const mw: Middleware = (next) => next;
    const r = newRouter();
    const chained: Router = r.use(mw).strictSlash(true);
    expect(chained).to.equal(r);
  });
});

describeEngines('implicitHead', (make) => {
  it('is off by default: HEAD on a GET route is a 405 that allows GET only', async () => {
    const r = make();
    r.handleFunc('/a', ok('a')).methods('GET');
    const m = new RouteMatch();
    expect(r.match(req('HEAD', '/a'), m)).to.equal(false);
    expect(allowedMethods(m)).to.deep.equal(['GET']);
    await withServer(r, async (s) => {
      const res = await s.fetch('/a', { method: 'HEAD' });
      expect(res.status).to.equal(405);
      expect(res.headers.get('allow')).to.equal('GET');
    });
  });

  it('on: a route whose methods include GET matches HEAD, and Allow lists HEAD', async () => {
    const r = make().implicitHead(true);
    r.handleFunc('/a', ok('a')).methods('GET');
    r.handleFunc('/b', ok('b')).methods('POST');
    r.handleFunc('/c/{id}', ok('c')).methods('get', 'PUT');
    expect(r.get('x')).to.equal(undefined);
    const m = new RouteMatch();
    expect(r.match(req('HEAD', '/a'), m)).to.equal(true);
    expect(r.match(req('HEAD', '/c/7'), new RouteMatch())).to.equal(true);
    const refused = new RouteMatch();
    expect(r.match(req('HEAD', '/b'), refused)).to.equal(false);
    expect(allowedMethods(refused)).to.deep.equal(['POST']);
    await withServer(r, async (s) => {
      const head = await s.fetch('/a', { method: 'HEAD' });
      expect(head.status).to.equal(200);
      const put = await s.fetch('/c/7', { method: 'DELETE' });
      expect(put.status).to.equal(405);
      expect(put.headers.get('allow')).to.equal('GET, PUT, HEAD');
    });
  });

  it('is inherited by subrouters, like strictSlash, and applies to routes created afterwards', () => {
    const r = make();
    r.handleFunc('/before', ok('')).methods('GET');
    r.implicitHead(true);
    r.pathPrefix('/api').subrouter().handleFunc('/x', ok('')).methods('GET');
    expect(r.match(req('HEAD', '/before'), new RouteMatch())).to.equal(false);
    expect(r.match(req('HEAD', '/api/x'), new RouteMatch())).to.equal(true);
    expect(r.match(req('HEAD', '/api/x'), new RouteMatch())).to.equal(true);
  });

  it('returns the router and can be turned off again', () => {
    const r = make();
    expect(r.implicitHead(true).implicitHead(false)).to.equal(r);
    r.handleFunc('/a', ok('')).methods('GET');
    expect(r.match(req('HEAD', '/a'), new RouteMatch())).to.equal(false);
  });
});

describeEngines('allowedMethods(req)', (make) => {
  it('gives a custom methodNotAllowedHandler the methods the default 405 would list', async () => {
    const r = make();
    r.handleFunc('/p', ok('')).methods('GET');
    r.handleFunc('/p', ok('')).methods('PUT', 'GET');
    r.handleFunc('/other', ok('')).methods('DELETE');
    r.methodNotAllowedHandler = (rq, res) => {
      res.statusCode = 405;
      res.setHeader('Allow', allowedMethods(rq).join(', '));
      res.end(JSON.stringify(allowedMethods(rq)));
    };
    await withServer(r, async (s) => {
      const res = await s.fetch('/p', { method: 'POST' });
      expect(res.status).to.equal(405);
      expect(await res.json()).to.deep.equal(['GET', 'PUT']);
    });
  });

  it('works in a subrouter\'s own methodNotAllowedHandler', async () => {
    const r = make();
    const sub = r.pathPrefix('/s').subrouter();
    sub.handleFunc('/x', ok('')).methods('PATCH');
    sub.methodNotAllowedHandler = (rq, res) => void res.end(allowedMethods(rq).join(','));
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/s/x')).text()).to.equal('PATCH');
    });
  });

  it('is [] for a request that was not refused for its method', async () => {
    const r = make();
    let seen: string[] | undefined;
    r.handleFunc('/a', (rq, res) => {
      seen = allowedMethods(rq);
      res.end();
    });
    await withServer(r, async (s) => {
      await s.fetch('/a');
    });
    expect(seen).to.deep.equal([]);
    expect(allowedMethods({})).to.deep.equal([]);
  });

  // Reported from outside: routers served one after another (Express's app.use(r1.serveHTTP);
  // app.use(r2.serveHTTP)) left the first one's 405 methods on the request for the second one's handler.
  it('is [] in the handler of a router served after another refused the request for its method', async () => {
    const r1 = make();
    r1.handleFunc('/items/{id}', ok('')).methods('POST');
    const r2 = make();
    let seen: string[] | undefined;
    r2.handleFunc('/items/{id}', (rq, res) => {
      seen = allowedMethods(rq);
      res.end();
    }).methods('GET');
    const rq = req('GET', '/items/5') as never;
    const res = { statusCode: 200, setHeader() {}, getHeader() {}, end() {} } as never;
    let passed: string[] | undefined;
    await r1.serveHTTP(rq, res, () => {
      passed = allowedMethods(rq);
      void r2.serveHTTP(rq, res);
    });
    expect(passed).to.deep.equal(['POST']);
    expect(seen).to.deep.equal([]);
    // A router that matches nothing leaves no 405 methods of another behind either.
    const r3 = make();
    await r1.serveHTTP(rq, res, () => void r3.serveHTTP(rq, res, () => void (passed = allowedMethods(rq))));
    expect(passed).to.deep.equal([]);
  });
});

describeEngines('Errors without an errorHandler', (make) => {
  it('are written to stderr with their stack, and answered 500', async () => {
    const r = make();
    r.handleFunc('/boom', () => {
      throw new Error('kaboom-sync');
    });
    r.handleFunc('/later', async () => {
      await Promise.resolve();
      throw new Error('kaboom-async');
    });
    const statuses: number[] = [];
    const err = await captureStderr(() =>
      withServer(r, async (s) => {
        statuses.push((await s.fetch('/boom')).status, (await s.fetch('/later')).status);
      }),
    );
    expect(statuses).to.deep.equal([500, 500]);
    expect(err).to.match(/GET \/boom: Error: kaboom-sync\n\s+at /);
    expect(err).to.match(/GET \/later: Error: kaboom-async\n\s+at /);
  });

  it('are not written when an errorHandler answers', async () => {
    const r = make();
    r.handleFunc('/boom', () => {
      throw new Error('handled');
    });
    r.errorHandler = (_e, _rq, res) => void res.writeHead(503).end();
    let status = 0;
    const err = await captureStderr(() =>
      withServer(r, async (s) => {
        status = (await s.fetch('/boom')).status;
      }),
    );
    expect(status).to.equal(503);
    expect(err).to.not.include('handled');
  });
});

// Reported from outside: the Allow list was deduplicated with Array.includes, so a path with thousands
// of routes of distinct methods made each 405 quadratic. Past a few methods a Set keeps the list.
describe('MatchState: the Allow list past a few methods', () => {
  it('keeps registration order without duplicates, below and above the switch to a Set', () => {
    const state = new MatchState();
    const lists = Array.from({ length: 40 }, (_, i) => [`M${i % 25}`, `M${(i * 7) % 25}`]);
    for (const list of lists) state.addAllowed(list);
    const expected: string[] = [];
    for (const list of lists) for (const m of list) if (!expected.includes(m)) expected.push(m);
    expect(state.allowed).to.deep.equal(expected);
    expect(state.allowed).to.have.length(25);
  });
});
