// tsmux mounted in an Express 5 app, and Connect middleware (cors, helmet, morgan, express.json()) on
// tsmux routes through fromConnect.
import { expect } from 'chai';
import cors from 'cors';
import express, { type NextFunction as ExpressNext, type Request as ExpressRequest, type Response as ExpressResponse } from 'express';
import helmet from 'helmet';
import morgan from 'morgan';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fromConnect, MuxError, vars, type Router } from '../src/index.js';
import { describeEngines } from './engines.js';
import { withServer } from './server-helpers.js';

async function withApp(app: express.Express, fn: (base: string) => Promise<void>): Promise<void> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describeEngines('Mounted in Express 5 (serveHTTP with next)', (make) => {
  function app(r: Router): { app: express.Express; errors: unknown[] } {
    const errors: unknown[] = [];
    const a = express();
    a.use(r.serveHTTP);
    a.get('/after', (_req, res) => void res.send('express after'));
    a.post('/users/{:id}', (_req, res) => void res.send('express post'));
    a.use((err: unknown, _req: ExpressRequest, res: ExpressResponse, _next: ExpressNext) => {
      errors.push(err);
      res.status(502).send('express error handler');
    });
    return { app: a, errors };
  }

  it('tsmux answers its routes; what it does not match (404) reaches later Express routes', async () => {
    const r = make();
    r.handleFunc('/users/{id:[0-9]+}', (req, res) => void res.end(`tsmux user ${vars(req).id}`)).methods('GET');
    await withApp(app(r).app, async (base) => {
      expect(await (await fetch(`${base}/users/42`)).text()).to.equal('tsmux user 42');
      expect(await (await fetch(`${base}/after`)).text()).to.equal('express after');
      const nowhere = await fetch(`${base}/nowhere`);
      expect(nowhere.status).to.equal(404);
      expect(await nowhere.text()).to.not.equal('404 page not found\n');
    });
  });

  it("a handler throwing undefined, or 'route', reaches Express's error handler (not its 404 or its next route)", async () => {
    const r = make();
    r.handleFunc('/throws-undefined', () => {
      throw undefined;
    });
    r.handleFunc('/throws-route', () => Promise.reject('route'));
    const { app: a, errors } = app(r);
    await withApp(a, async (base) => {
      for (const path of ['/throws-undefined', '/throws-route']) {
        const res = await fetch(`${base}${path}`);
        expect([res.status, await res.text()], path).to.deep.equal([502, 'express error handler']);
      }
    });
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['mux: a handler or middleware threw undefined', 'mux: a handler or middleware threw route']);
  });

  it('a 405 falls through too: Express answers the method tsmux refused', async () => {
    const r = make();
    r.handleFunc('/users/{id}', (_req, res) => void res.end('tsmux')).methods('GET');
    await withApp(app(r).app, async (base) => {
      const res = await fetch(`${base}/users/7`, { method: 'POST' });
      expect(res.status).to.equal(200);
      expect(await res.text()).to.equal('express post');
    });
  });

  it('a handler error goes to Express\'s error handler, unless an errorHandler is set', async () => {
    const r = make();
    const boom = new Error('boom');
    r.handleFunc('/sync', () => {
      throw boom;
    });
    r.handleFunc('/async', async () => {
      await Promise.resolve();
      throw boom;
    });
    const { app: a, errors } = app(r);
    await withApp(a, async (base) => {
      expect((await fetch(`${base}/sync`)).status).to.equal(502);
      expect((await fetch(`${base}/async`)).status).to.equal(502);
      expect(errors).to.deep.equal([boom, boom]);
      r.errorHandler = (_err, _req, res) => void res.writeHead(503).end('tsmux error handler');
      const res = await fetch(`${base}/sync`);
      expect(res.status).to.equal(503);
      expect(errors).to.have.length(2);
    });
  });

  it("a rejection that a Go-style middleware dropped reaches Express's error handler, as other errors do", async () => {
    const r = make();
    // next(req, res) called and its promise not returned: the async handler's rejection is dropped.
    r.use((next) => (req, res) => void next(req, res));
    const boom = new Error('dropped');
    r.handleFunc('/dropped', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw boom;
    });
    const { app: a, errors } = app(r);
    await withApp(a, async (base) => {
      const res = await fetch(`${base}/dropped`);
      expect([res.status, await res.text()]).to.deep.equal([502, 'express error handler']);
    });
    expect(errors).to.deep.equal([boom]);
  });

  it('a notFoundHandler of the router still answers (it was asked for)', async () => {
    const r = make();
    r.notFoundHandler = (_req, res) => void res.writeHead(404).end('tsmux not found');
    await withApp(app(r).app, async (base) => {
      expect(await (await fetch(`${base}/after`)).text()).to.equal('tsmux not found');
    });
  });

  it('mounted under a path, tsmux matches the rest of it', async () => {
    const r = make();
    r.handleFunc('/v/{x}', (req, res) => void res.end(vars(req).x));
    const a = express();
    a.use('/api', r.serveHTTP);
    await withApp(a, async (base) => {
      expect(await (await fetch(`${base}/api/v/1`)).text()).to.equal('1');
    });
  });

  it('mounted under a path, redirects keep the mount point (Express strips it from req.url)', async () => {
    const r = make().strictSlash(true);
    r.handleFunc('/users/{id}/', (_req, res) => void res.end('user'));
    const a = express();
    a.use('/api/v1', r.serveHTTP);
    await withApp(a, async (base) => {
      const strict = await fetch(`${base}/api/v1/users/7?x=1`, { redirect: 'manual' });
      expect([strict.status, strict.headers.get('location')]).to.deep.equal([301, '/api/v1/users/7/?x=1']);
      const unclean = await fetch(`${base}/api/v1/users//8/`, { redirect: 'manual' });
      expect([unclean.status, unclean.headers.get('location')]).to.deep.equal([301, '/api/v1/users/8/']);
      expect(await (await fetch(`${base}/api/v1/users/7/`)).text()).to.equal('user');
    });
  });
});

describeEngines('An Express app or router as a route handler', (make) => {
  it('serves what it routes; its next() is a 404 and its next(err) goes to the errorHandler (not the vars as next)', async () => {
    const r = make();
    const legacy = express();
    legacy.get('/legacy/ping', (_req, res) => void res.send('legacy pong'));
    legacy.get('/legacy/fail', (_req, _res, next) => next(new Error('legacy failed')));
    const errors: unknown[] = [];
    r.errorHandler = (err, _req, res) => {
      errors.push(err);
      res.statusCode = 503;
      res.end('tsmux error handler');
    };
    r.pathPrefix('/legacy').handler(legacy);
    const sub = express.Router();
    // (Outside an app, an Express router's response has no res.send.)
    sub.get('/routed/here', (_req, res) => void res.end('express router'));
    r.pathPrefix('/routed').handler(sub);
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/legacy/ping')).text()).to.equal('legacy pong');
      const missing = await s.fetch('/legacy/missing');
      expect(missing.status).to.equal(404);
      expect(await missing.text()).to.equal('404 page not found\n');
      const failed = await s.fetch('/legacy/fail');
      expect(failed.status).to.equal(503);
      expect((errors[0] as Error).message).to.equal('legacy failed');
      expect(await (await s.fetch('/routed/here')).text()).to.equal('express router');
      expect((await s.fetch('/routed/else')).status).to.equal(404);
    });
  });
});

describeEngines('fromConnect', (make) => {
  it('cors answers a preflight itself, ending the chain; other requests get its headers and go on', async () => {
    const r = make();
    let handled = 0;
    r.use(fromConnect(cors({ origin: 'https://app.example', methods: ['GET', 'PUT'] })));
    r.handleFunc('/items/{id}', (_req, res) => {
      handled++;
      res.end('item');
    }).methods('GET', 'PUT', 'OPTIONS');
    await withServer(r, async (s) => {
      const pre = await s.fetch('/items/1', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT' },
      });
      expect(pre.status).to.equal(204);
      expect(pre.headers.get('access-control-allow-origin')).to.equal('https://app.example');
      expect(pre.headers.get('access-control-allow-methods')).to.equal('GET,PUT');
      expect(handled).to.equal(0);
      const get = await s.fetch('/items/1', { headers: { origin: 'https://app.example' } });
      expect(await get.text()).to.equal('item');
      expect(get.headers.get('access-control-allow-origin')).to.equal('https://app.example');
      expect(handled).to.equal(1);
    });
  });

  it('helmet sets its headers on a route, and the handler answers', async () => {
    const r = make();
    r.handleFunc('/h', (_req, res) => void res.end('ok')).use(fromConnect(helmet()));
    r.handleFunc('/plain', (_req, res) => void res.end('ok'));
    await withServer(r, async (s) => {
      const res = await s.fetch('/h');
      expect(await res.text()).to.equal('ok');
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('content-security-policy')).to.be.a('string');
      expect((await s.fetch('/plain')).headers.get('content-security-policy')).to.equal(null);
    });
  });

  it('morgan logs the request when its response is done', async () => {
    const r = make();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    r.use(fromConnect(morgan(':method :url :status', { stream })));
    r.handleFunc('/logged/{n}', (_req, res) => void res.writeHead(201).end());
    await withServer(r, async (s) => {
      await s.fetch('/logged/3');
    });
    expect(lines).to.deep.equal(['GET /logged/3 201\n']);
  });

  it('express.json() parses the body for the handler, and its errors go to the error path', async () => {
    const r = make();
    r.use(fromConnect(express.json()));
    r.handleFunc('/echo', (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ got: (req as { body?: unknown }).body }));
    }).methods('POST');
    const errors: unknown[] = [];
    r.errorHandler = (err, _req, res) => {
      errors.push(err);
      res.writeHead(400).end('bad json');
    };
    await withServer(r, async (s) => {
      const res = await s.fetch('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
      expect(await res.json()).to.deep.equal({ got: { a: [1, 2] } });
      const bad = await s.fetch('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
      expect(bad.status).to.equal(400);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(SyntaxError);
    });
  });

  // Reported by an Express-migration audit: without an errorHandler, a malformed JSON body got 500 and a
  // stack trace on stderr, where Express answers the body parser's 400 (413 for a body too large).
  it("without an errorHandler, an error's own client error status answers (a body parser's 400 and 413), unlogged; any other is a logged 500", async () => {
    const r = make();
    r.use(fromConnect(express.json({ limit: 10 })));
    r.handleFunc('/echo', (_req, res) => void res.end('ok')).methods('POST');
    r.handleFunc('/teapot', () => {
      throw Object.assign(new Error('short and stout'), { statusCode: 418 });
    });
    r.handleFunc('/unavailable', () => {
      throw Object.assign(new Error('down'), { status: 503 });
    });
    // Found in review: the error's headers (RFC 9110 wants Allow with a 405), and a statusCode beside a
    // status that is no error status, as Express reads them.
    r.handleFunc('/not-allowed', () => {
      throw Object.assign(new Error('no'), { status: 405, headers: { Allow: 'GET, HEAD' } });
    });
    r.handleFunc('/mixed', () => {
      throw Object.assign(new Error('mixed'), { status: 302, statusCode: 400 });
    });
    r.handleFunc('/redirect-status', () => {
      throw Object.assign(new Error('not an error status'), { status: 302 });
    });
    r.handleFunc('/hostile', () => {
      throw Object.defineProperty(new Error('getter'), 'status', {
        get() {
          throw new Error('no');
        },
      });
    });
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      await withServer(r, async (s) => {
        const post = (body: string) => s.fetch('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const bad = await post('{nope');
        expect([bad.status, await bad.text()]).to.deep.equal([400, '400 Bad Request\n']);
        expect((await post('{"a":"0123456789"}')).status).to.equal(413);
        expect((await post('{}')).status).to.equal(200);
        const teapot = await s.fetch('/teapot');
        expect([teapot.status, await teapot.text()]).to.deep.equal([418, "418 I'm a Teapot\n"]);
        expect((await s.fetch('/unavailable')).status).to.equal(500);
        const notAllowed = await s.fetch('/not-allowed');
        expect([notAllowed.status, notAllowed.headers.get('allow')]).to.deep.equal([405, 'GET, HEAD']);
        expect((await s.fetch('/mixed')).status).to.equal(400);
        expect((await s.fetch('/redirect-status')).status).to.equal(500);
        expect((await s.fetch('/hostile')).status).to.equal(500);
      });
    } finally {
      process.stderr.write = write;
    }
    const logged = written.join('').split('tsmux: error serving ').slice(1).map((e) => e.split(':')[0]);
    expect(logged).to.deep.equal(['GET /unavailable', 'GET /redirect-status', 'GET /hostile']);
  });

  it('next(err) and a throw are handled as thrown errors; next() after both is ignored', async () => {
    const r = make();
    const seen: unknown[] = [];
    const failing = new Error('from connect');
    r.handleFunc('/next-err', (_req, res) => void res.end('not reached')).use(
      fromConnect((_req, _res, next) => {
        next(failing);
        next();
      }),
    );
    r.handleFunc('/throws', (_req, res) => void res.end('not reached')).use(
      fromConnect(function throwing() {
        throw failing;
      }),
    );
    r.errorHandler = (err, _req, res) => {
      seen.push(err);
      res.writeHead(500).end('handled');
    };
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/next-err')).text()).to.equal('handled');
      expect(await (await s.fetch('/throws')).text()).to.equal('handled');
    });
    expect(seen).to.deep.equal([failing, failing]);
  });

  it('an asynchronous next() continues the chain, and serveHTTP settles after the handler', async () => {
    const r = make();
    const order: string[] = [];
    r.use(fromConnect((_req, _res, next) => void setImmediate(() => (order.push('mw'), next()))));
    r.handleFunc('/a', async (_req, res) => {
      await Promise.resolve();
      order.push('handler');
      res.end('a');
    });
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/a')).text()).to.equal('a');
    });
    expect(order).to.deep.equal(['mw', 'handler']);
  });

  it('refuses what is not a function with a MuxError', () => {
    expect(() => fromConnect(42 as never)).to.throw(MuxError, /fromConnect needs a function/);
  });
});
