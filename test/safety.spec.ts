// What a router must survive: throwing and rejecting handlers, middleware and matchers, malformed
// paths, and over-long input. The server keeps serving and no rejection goes unhandled.
import { expect } from 'chai';
import { SkipRouter, type HandlerFunc, type Router } from '../src/index.js';
import { withServer } from './server-helpers.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {
const ok: HandlerFunc = (_req, res) => void res.end('ok');

function failingRouter(): Router {
  const r = newRouter();
  r.handleFunc('/ok', ok);
  r.handleFunc('/throw', () => {
    throw new Error('sync boom');
  });
  r.handleFunc('/reject', async () => {
    await Promise.resolve();
    throw new Error('async boom');
  });
  r.handleFunc('/late', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new Error('after headers');
  });
  r.handleFunc('/mw', ok).use(() => {
    throw new Error('middleware boom');
  });
  r.handleFunc('/mw-async', ok).use((next) => async (req, res) => {
    await Promise.resolve();
    if (req.url) throw new Error('async middleware boom');
    return next(req, res);
  });
  r.matcherFunc((req) => {
    if (req.url === '/matcher') throw new Error('matcher boom');
    return false;
  });
  return r;
}

describe('Safety: errors never crash the server', () => {
  let unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  for (const path of ['/throw', '/reject', '/mw', '/mw-async', '/matcher']) {
    it(`${path}: 500 when nothing was sent, then the server keeps serving`, async () => {
      await withServer(failingRouter(), async (s) => {
        const res = await s.fetch(path);
        expect(res.status).to.equal(500);
        expect(await res.text()).to.equal('500 Internal Server Error\n');
        expect(await (await s.fetch('/ok')).text()).to.equal('ok');
      });
      await new Promise((done) => setImmediate(done));
      expect(unhandled).to.deep.equal([]);
    });
  }

  it('a thrown value String() cannot convert (no prototype, revoked Proxy, throwing stack) is a 500, not a crash', async () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const badStack = new Error('bad stack');
    Object.defineProperty(badStack, 'stack', {
      get() {
        throw Object.create(null);
      },
    });
    const values: unknown[] = [Object.create(null), revoked.proxy, badStack];
    const r = newRouter();
    r.handleFunc('/ok', ok);
    values.forEach((v, i) => {
      r.handleFunc(`/throw/${i}`, () => {
        throw v;
      });
      r.handleFunc(`/reject/${i}`, () => Promise.reject(v));
    });
    r.matcherFunc((req) => {
      if (req.url === '/matcher') throw Object.create(null);
      return false;
    });
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      await withServer(r, async (s) => {
        for (const path of [...values.flatMap((_, i) => [`/throw/${i}`, `/reject/${i}`]), '/matcher']) {
          expect((await s.fetch(path)).status, path).to.equal(500);
        }
        const broken = newRouter();
        broken.handleFunc('/x', () => {
          throw Object.create(null);
        });
        broken.errorHandler = () => {
          throw revoked.proxy;
        };
        await withServer(broken, async (b) => expect((await b.fetch('/x')).status).to.equal(500));
        expect(await (await s.fetch('/ok')).text()).to.equal('ok');
      });
    } finally {
      process.stderr.write = write;
    }
    await new Promise((done) => setImmediate(done));
    expect(unhandled).to.deep.equal([]);
    expect(written.join('')).to.include('tsmux: error serving GET /throw/0: [object Object]');
    // A custom matcher that throws when explain() replays it (not when dispatch called it): a verdict.
    const e = newRouter();
    let calls = 0;
    e.newRoute().path('/matcher').matcherFunc(() => {
      if (++calls > 1) throw Object.create(null);
      return false;
    });
    expect(e.explain({ method: 'GET', url: '/matcher', headers: {} }).toString()).to.include('matcherFunc threw "[object Object]"');
  });

  // Reported from outside: ending a response cut short passed a truncated body off as complete (a clean
  // chunked end), and short of its Content-Length left the next response on a keep-alive connection read
  // as the rest of its body. The connection is closed instead, as Go's server and Express do.
  it('a throw after the headers went out closes the connection: the body is not passed off as complete', async () => {
    const r = failingRouter();
    r.handleFunc('/sized', (_req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('abc');
      throw new Error('after three of ten bytes');
    });
    await withServer(r, async (s) => {
      const chunked = await s.socket('GET /late HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(chunked).to.match(/^HTTP\/1\.1 200 /);
      expect(chunked).to.contain('partial');
      expect(chunked.endsWith('0\r\n\r\n'), 'no closing chunk').to.equal(false);
      // Pipelined: the second answer is never read as the rest of the first body.
      const sized = await s.socket('GET /sized HTTP/1.1\r\nHost: x\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(sized).to.match(/\r\n\r\nabc$/);
    });
  });

  // Reported from outside: a router mounted as a handler inside itself recursed until the stack ran out,
  // and the 500 was written at the deepest frame, where it overflowed again: the request hung.
  // Reported from outside: under mocha (Error.stackTraceLimit is Infinity) each such request wrote thousands
  // of stack lines to stderr.
  it('a router mounted inside itself answers 500 (the stack runs out), keeps serving, and logs a bounded stack', async () => {
    const r = newRouter();
    r.pathPrefix('/self').handler(r);
    r.handleFunc('/ok', ok);
    const written: string[] = [];
    const write = process.stderr.write;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity;
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      await withServer(r, async (s) => {
        for (let i = 0; i < 2; i++) expect((await s.raw('GET', '/self')).status).to.equal(500);
        expect((await s.raw('GET', '/ok')).body).to.equal('ok');
      });
    } finally {
      process.stderr.write = write;
      Error.stackTraceLimit = limit;
    }
    const logged = written.join('').split('tsmux: error serving ').slice(1);
    expect(logged).to.have.length(2);
    for (const entry of logged) {
      expect(entry).to.match(/^GET \/self: RangeError: Maximum call stack size exceeded\n/);
      expect(entry.split('\n').length).to.be.at.most(52);
      expect(entry).to.match(/\n {4}\.\.\. \([\d,]+ more lines\)\n$/);
    }
  });

  it('errorHandler receives the error and answers', async () => {
    const r = failingRouter();
    const seen: string[] = [];
    r.errorHandler = (err, req, res) => {
      seen.push(`${req.url}: ${(err as Error).message}`);
      res.statusCode = 503;
      res.end('custom');
    };
    await withServer(r, async (s) => {
      const res = await s.fetch('/reject');
      expect([res.status, await res.text()]).to.deep.equal([503, 'custom']);
    });
    expect(seen).to.deep.equal(['/reject: async boom']);
  });

  it('an errorHandler that throws, or sends nothing, falls back to 500', async () => {
    for (const handler of [
      () => {
        throw new Error('handler broke too');
      },
      () => undefined,
    ]) {
      const r = failingRouter();
      r.errorHandler = handler;
      await withServer(r, async (s) => expect((await s.fetch('/throw')).status).to.equal(500));
    }
  });
});

describe('Safety: malformed and over-long requests', () => {
  it('a malformed percent-encoding in the path is 400', async () => {
    const r = newRouter();
    r.handleFunc('/{x}', ok);
    await withServer(r, async (s) => {
      for (const target of ['/%zz', '/a%', '/%E0%A4%A', '/%FF']) {
        const res = await s.raw('GET', target);
        expect(res.status, target).to.equal(400);
      }
    });
  });

  it('a path longer than maxPathLength is 414 (default 8 KiB)', async () => {
    const r = newRouter();
    r.pathPrefix('/').handlerFunc(ok);
    const small = newRouter({ maxPathLength: 16 });
    small.pathPrefix('/').handlerFunc(ok);
    await withServer(r, async (s) => {
      expect((await s.raw('GET', '/' + 'a'.repeat(8191))).status).to.equal(200);
      expect((await s.raw('GET', '/' + 'a'.repeat(8192))).status).to.equal(414);
    });
    await withServer(small, async (s) => {
      expect((await s.raw('GET', '/' + 'a'.repeat(15))).status).to.equal(200);
      expect((await s.raw('GET', '/' + 'a'.repeat(16))).status).to.equal(414);
    });
  });

  it('a variable longer than maxParamLength is 414 after one dispatch: a custom matcher runs once', async () => {
    const r = newRouter({ maxParamLength: 3 });
    let calls = 0;
    r.handleFunc('/u/{id}', (_req, res) => void res.end('u')).matcherFunc(() => (calls++, true));
    await withServer(r, async (s) => {
      expect((await s.fetch('/u/123456')).status).to.equal(414);
      expect(calls).to.equal(1);
    });
  });

  it('a variable value longer than maxParamLength is 414; no cap by default', async () => {
    const capped = newRouter({ maxParamLength: 10 });
    capped.handleFunc('/u/{id}', ok);
    const uncapped = newRouter();
    uncapped.handleFunc('/u/{id}', ok);
    await withServer(capped, async (s) => {
      expect((await s.fetch('/u/' + 'x'.repeat(10))).status).to.equal(200);
      expect((await s.fetch('/u/' + 'x'.repeat(11))).status).to.equal(414);
    });
    await withServer(uncapped, async (s) => expect((await s.fetch('/u/' + 'x'.repeat(5000))).status).to.equal(200));
  });

  it('subrouters inherit the router options', async () => {
    const r = newRouter({ maxParamLength: 3 });
    r.pathPrefix('/api').subrouter().handleFunc('/{id}', ok);
    await withServer(r, async (s) => expect((await s.fetch('/api/abcd')).status).to.equal(414));
  });
});

describe('Safety: walk() visits the tree as it was when it started', () => {
  it('a callback that registers routes terminates and visits only the routes that existed', () => {
    const r = newRouter();
    r.handleFunc('/a', ok);
    const sub = r.pathPrefix('/s').subrouter();
    sub.handleFunc('/b', ok);
    const seen: string[] = [];
    r.walk((route) => {
      seen.push(route.getPathTemplate());
      if (seen.length > 10) throw new Error('walk visits the routes its callback registers: it would never end');
      r.handleFunc(`/new${seen.length}`, ok);
      sub.handleFunc(`/new${seen.length}`, ok);
    });
    expect(seen).to.deep.equal(['/a', '/s', '/s/b']);
    let after = 0;
    r.walk(() => void after++);
    expect(after).to.equal(3 + 2 * 3);
  });

  it('SkipRouter still skips the subrouter of the route it was thrown for, and only it', () => {
    const r = newRouter();
    const s1 = r.pathPrefix('/s1').subrouter();
    s1.handleFunc('/x', ok);
    s1.pathPrefix('/deep').subrouter().handleFunc('/y', ok);
    const s2 = r.pathPrefix('/s2').subrouter();
    s2.handleFunc('/z', ok);
    const seen: string[] = [];
    r.walk((route) => {
      seen.push(route.getPathTemplate());
      if (route.getPathTemplate() === '/s1') throw SkipRouter;
    });
    expect(seen).to.deep.equal(['/s1', '/s2', '/s2/z']);
  });
});
// Reported from outside: r.handleFunc(...) adds the route, then a chained matcher call throws (a refused
// pattern, odd pairs); an app catching the error was left with the route serving without that condition.
// gorilla keeps the error on the route and never matches it.
describe('Safety: a route whose matcher call threw never matches (fails closed)', () => {
  const calls: [string, (r: ReturnType<Router['handleFunc']>) => unknown][] = [
    ['headersRegexp with a backreference', (route) => route.headersRegexp('X-Token', '^(secret)\\1$')],
    ['queries with a refused pattern', (route) => route.queries('k', '{v:(a)}')],
    ['headers with odd pairs', (route) => route.headers('X-Token')],
    ['a malformed host template', (route) => route.host('{h')],
    ['a malformed path template', (route) => route.path('/a/{b')],
    ['matcherFunc without a function', (route) => route.matcherFunc(null as never)],
  ];
  for (const [title, call] of calls) {
    it(`${title}: 404 for the route, the next route still answers, no URL is built, explain says why`, async () => {
      const r = newRouter();
      const admin = r.handleFunc('/admin', (_req, res) => void res.end('admin')).name('admin');
      expect(() => call(admin)).to.throw(Error);
      r.handleFunc('/other', ok);
      await withServer(r, async (s) => {
        expect((await s.raw('GET', '/admin', { 'x-token': 'secretsecret' })).status).to.equal(404);
        expect((await s.raw('GET', '/other')).body).to.equal('ok');
      });
      expect(() => admin.url()).to.throw(Error, 'builds no URL');
      const tried = r.explain({ method: 'GET', url: '/admin', headers: {} }).tried[0]!;
      expect(tried.verdicts.map((v) => v.kind)).to.deep.equal(['refused']);
    });
  }
});
});
