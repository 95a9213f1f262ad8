// Misbehaving code is contained: an errorHandler that does not end the response, a write after end(),
// a middleware that returns no handler. Over real servers (HTTP/1.1 and HTTP/2), on both engines.
import { expect } from 'chai';
import { connect as h2connect, createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { MuxError, RouteMatch, type HandlerFunc, type Middleware, type Router } from '../src/index.js';
import { describeEngines } from './engines.js';
import { withServer } from './server-helpers.js';
import { selfSignedCert } from './tls-cert.js';

const ok: HandlerFunc = (_req, res) => void res.end('ok');

interface Answer {
  status: number;
  body: string;
}

// One request over HTTP/2 (a fresh session each time), GET unless said otherwise.
function h2get(port: number, ca: string, path: string, method = 'GET'): Promise<Answer> {
  const client = h2connect(`https://127.0.0.1:${port}`, { ca });
  return new Promise<Answer>((resolve, reject) => {
    const r = client.request({ ':path': path, ':method': method });
    let status = 0;
    let body = '';
    r.on('response', (h) => (status = Number(h[':status'])));
    r.setEncoding('utf8');
    r.on('data', (c: string) => (body += c));
    r.on('end', () => resolve({ status, body }));
    r.on('error', reject);
    r.end();
  }).finally(() => client.close());
}

async function withH2Server<T>(router: Router, tls: { key: string; cert: string }, fn: (get: (path: string, method?: string) => Promise<Answer>) => Promise<T>): Promise<T> {
  const server: Http2SecureServer = createSecureServer(tls, router.serveHTTP as never);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await fn((path, method) => h2get(port, tls.cert, path, method));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describeEngines('Contained: an errorHandler that does not end the response', (make) => {
  let tls: { key: string; cert: string };
  before(function () {
    this.timeout(20000);
    tls = selfSignedCert();
  });

  function app(): { router: Router; seen: string[] } {
    const router = make();
    const seen: string[] = [];
    router.handleFunc('/late', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('after headers');
    });
    router.handleFunc('/early', () => {
      throw new Error('before headers');
    });
    router.errorHandler = (err, req, res) => {
      seen.push(`${req.url}: ${(err as Error).message}`);
      // Starts an answer for /early, and ends neither.
      if (req.url === '/early') {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.write('sorry');
      }
    };
    return { router, seen };
  }

  // /early: the errorHandler started the answer and left it open: it is ended. /late: the handler failed
  // after its headers went out: the response was cut short, and is closed, not passed off as complete.
  it('HTTP/1.1: the router ends the response the errorHandler left open; one cut short is closed', async () => {
    const { router, seen } = app();
    await withServer(router, async (s) => {
      const early = await s.raw('GET', '/early');
      expect({ status: early.status, body: early.body }).to.deep.equal({ status: 503, body: 'sorry' });
      const late = await s.socket('GET /late HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(late).to.match(/^HTTP\/1\.1 200 /);
      expect(late).to.contain('partial');
      expect(late.endsWith('0\r\n\r\n'), 'no closing chunk').to.equal(false);
    });
    expect(seen).to.deep.equal(['/early: before headers', '/late: after headers']);
  });

  it('HTTP/2: the router ends the response the errorHandler left open; a stream cut short is reset', async () => {
    const { router, seen } = app();
    await withH2Server(router, tls, async (get) => {
      expect(await get('/early')).to.deep.equal({ status: 503, body: 'sorry' });
      const late = await get('/late').then(
        () => 'ended',
        (err: { code?: string }) => err.code,
      );
      expect(late).to.equal('ERR_HTTP2_STREAM_ERROR');
    });
    expect(seen).to.deep.equal(['/early: before headers', '/late: after headers']);
  });
});

describeEngines('Contained: a write after end()', (make) => {
  const twice: Middleware = (next) => (req, res) => {
    next(req, res);
    return next(req, res);
  };

  it('a middleware calling next twice does not crash the process; the error goes to the errorHandler', async () => {
    const router = make();
    router.handleFunc('/x', ok).use(twice);
    router.handleFunc('/ok', (_req, res) => void res.end('still serving'));
    let reported!: (e: unknown) => void;
    const error = new Promise<unknown>((resolve) => (reported = resolve));
    let calls = 0;
    router.errorHandler = (err, _req, res) => {
      calls++;
      reported(err);
      // Writing to the ended response again raises another 'error': it must not loop back here.
      res.end('again');
    };
    await withServer(router, async (s) => {
      const res = await s.raw('GET', '/x');
      expect([res.status, res.body]).to.deep.equal([200, 'ok']);
      expect((await error as { code?: string }).code).to.equal('ERR_STREAM_WRITE_AFTER_END');
      expect((await s.raw('GET', '/ok')).body).to.equal('still serving');
    });
    expect(calls).to.equal(1);
  });

  it('HTTP/2: a write after end() (Node resets the stream) reaches the errorHandler too, and nothing crashes', async function () {
    this.timeout(20000);
    const router = make();
    router.handleFunc('/x', (_req, res) => {
      res.end('ok');
      res.write('more');
    });
    router.handleFunc('/ok', (_req, res) => void res.end('still serving'));
    let reported!: (e: unknown) => void;
    const error = new Promise<unknown>((resolve) => (reported = resolve));
    router.errorHandler = (err) => reported(err);
    await withH2Server(router, selfSignedCert(), async (get) => {
      await get('/x').catch(() => undefined); // the stream is reset: the client may see an error
      expect((await error as { code?: string }).code).to.equal('ERR_STREAM_WRITE_AFTER_END');
      expect(await get('/ok')).to.deep.equal({ status: 200, body: 'still serving' });
    });
  });

  // Reported from outside: HTTP/2 ends a HEAD response's stream with its headers, so a GET handler's body
  // (which HTTP/1 drops quietly), or tsmux's own 404 text, was reported as a write after end().
  it('HTTP/2: a HEAD request whose handler writes a body is not an error (nor is the 404 text)', async function () {
    this.timeout(20000);
    const router = make().implicitHead(true);
    router.handleFunc('/page', (_req, res) => void res.end('a body HEAD does not send')).methods('GET');
    const reported: unknown[] = [];
    router.errorHandler = (err, _req, res) => {
      reported.push(err);
      res.end();
    };
    await withH2Server(router, selfSignedCert(), async (get) => {
      expect(await get('/page', 'HEAD')).to.deep.equal({ status: 200, body: '' });
      expect(await get('/nope', 'HEAD')).to.deep.equal({ status: 404, body: '' });
      expect(await get('/page')).to.deep.equal({ status: 200, body: 'a body HEAD does not send' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(reported).to.deep.equal([]);
  });

  it('without an errorHandler the error is logged to stderr', async () => {
    const router = make();
    router.handleFunc('/x', ok).use(twice);
    const original = process.stderr.write;
    let logged!: (text: string) => void;
    const log = new Promise<string>((resolve) => (logged = resolve));
    process.stderr.write = ((chunk: string | Uint8Array) => (logged(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await withServer(router, async (s) => {
        expect((await s.raw('GET', '/x')).body).to.equal('ok');
        const text = await log;
        expect(text).to.match(/^tsmux: error serving GET \/x: /);
        expect(text).to.include('ERR_STREAM_WRITE_AFTER_END');
      });
    } finally {
      process.stderr.write = original;
    }
  });
});

// Reported from outside: a Go-style middleware calls next(req, res) and returns nothing, so the promise of
// an async handler behind it was dropped and its rejection ended the process (an unhandled rejection).
describeEngines('Contained: a rejection that a middleware dropped', (make) => {
  const goStyle: Middleware = (next) => (req, res) => {
    res.setHeader('X-Request-Id', '1');
    void next(req, res);
  };
  const rejecting: HandlerFunc = async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (res.getHeader('X-Fail') === undefined) throw new Error('no such user');
  };

  // Runs `fn` with the process's unhandled rejections collected instead of ending it.
  async function noUnhandled(fn: () => Promise<void>): Promise<unknown[]> {
    const seen: unknown[] = [];
    const listener = (err: unknown) => seen.push(err);
    process.on('unhandledRejection', listener);
    try {
      await fn();
      await new Promise((resolve) => setTimeout(resolve, 30));
    } finally {
      process.off('unhandledRejection', listener);
    }
    return seen;
  }

  for (const where of ['router', 'route'] as const) {
    it(`on a ${where}: the rejection goes to the errorHandler once, and the request gets its 500`, async () => {
      const router = make();
      const route = router.handleFunc('/users/{id}', rejecting);
      if (where === 'router') router.use(goStyle);
      else route.use(goStyle);
      const reported: unknown[] = [];
      router.errorHandler = (err, _req, res) => {
        reported.push(err);
        res.statusCode = 500;
        res.end('caught');
      };
      const unhandled = await noUnhandled(() =>
        withServer(router, async (s) => {
          const res = await s.raw('GET', '/users/0');
          expect([res.status, res.body, res.headers['x-request-id']]).to.deep.equal([500, 'caught', '1']);
        }),
      );
      expect(unhandled).to.deep.equal([]);
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(['no such user']);
    });
  }

  it('a middleware that awaits next and answers the error itself keeps it: nothing is reported', async () => {
    const router = make();
    router.use((next) => async (req, res) => {
      try {
        await next(req, res);
      } catch (err) {
        res.statusCode = 503;
        res.end(`handled: ${(err as Error).message}`);
      }
    });
    router.handleFunc('/late', rejecting);
    // Rejected before the middleware's await takes it (an async function throwing at once).
    router.handleFunc('/early', async () => {
      throw new Error('at once');
    });
    const reported: unknown[] = [];
    router.errorHandler = (err) => void reported.push(err);
    await withServer(router, async (s) => {
      expect((await s.raw('GET', '/late')).body).to.equal('handled: no such user');
      expect((await s.raw('GET', '/early')).body).to.equal('handled: at once');
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(reported).to.deep.equal([]);
  });

  it('a middleware that returns next\'s promise: reported once, by serveHTTP', async () => {
    const router = make();
    router.use((next) => (req, res) => next(req, res));
    router.use((next) => async (req, res) => {
      await next(req, res);
    });
    router.handleFunc('/users/{id}', rejecting);
    const reported: unknown[] = [];
    router.errorHandler = (err, _req, res) => {
      reported.push(err);
      res.statusCode = 500;
      res.end();
    };
    await withServer(router, async (s) => {
      expect((await s.raw('GET', '/users/0')).status).to.equal(500);
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(reported).to.have.length(1);
  });
});

describeEngines('Contained: a middleware that returns no handler', (make) => {
  function forgetful(next: Parameters<Middleware>[0]): ReturnType<Middleware> {
    void next; // forgets to return a handler
    return undefined as never;
  }

  for (const where of ['router', 'route', 'subrouter'] as const) {
    it(`on a ${where}: a MuxError naming it, answered 500 through the error path`, async () => {
      const router = make();
      if (where === 'router') router.use(forgetful);
      const parent = where === 'subrouter' ? router.pathPrefix('/s').subrouter() : router;
      if (where === 'subrouter') parent.use(forgetful);
      const route = parent.handleFunc(where === 'subrouter' ? '/x' : '/s/x', ok);
      if (where === 'route') route.use(forgetful);
      const errors: unknown[] = [];
      router.errorHandler = (err, _req, res) => {
        errors.push(err);
        res.statusCode = 500;
        res.end('from errorHandler');
      };
      await withServer(router, async (s) => {
        const res = await s.raw('GET', '/s/x');
        expect([res.status, res.body]).to.deep.equal([500, 'from errorHandler']);
      });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(MuxError);
      expect((errors[0] as Error).message).to.match(/middleware "forgetful", number 1 added with use\(\) on .*returned undefined instead of a handler function/);
      if (where === 'route') expect((errors[0] as Error).message).to.include('path "/s/x"');
      const m = new RouteMatch();
      expect(() => router.match({ method: 'GET', url: '/s/x', headers: {} }, m)).to.throw(MuxError, /forgetful/);
    });
  }

  it('without an errorHandler: the default 500', async () => {
    const router = make();
    router.handleFunc('/x', ok).use(() => null as never);
    await withServer(router, async (s) => {
      const res = await s.raw('GET', '/x');
      expect([res.status, res.body]).to.deep.equal([500, '500 Internal Server Error\n']);
    });
  });
});
