// Request hosts that are not hosts: 400 from serveHTTP (as Go's server answers before gorilla sees the
// request), and no host template matches them.
import { expect } from 'chai';
import { connect as h2connect, createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { RouteMatch, vars, type RequestLike, type Router } from '../src/index.js';
import { served } from './fake-response.js';
import { isValidHost } from '../src/matchers/request-view.js';
import { describeEngines } from './engines.js';
import { http2Request } from './helpers.js';
import { withServer } from './server-helpers.js';
import { selfSignedCert } from './tls-cert.js';

const BAD_HOSTS = ['a/b.example.com', 'x@2130706433#.example.com', 'a?b.example.com', 'a#b.example.com', 'a\\b.example.com', 'a b.example.com', 'a\u00ffb.example.com', 'a{b}.example.com', 'example.com:80a', '[::1', '[zz::1]', '[::1]x'];
const GOOD_HOSTS = ['example.com', 'api.example.com:8080', 'example.com:', '127.0.0.1', '[::1]', '[::1]:8080', '[fe80::1%25eth0]', '[v1.fe]', 'a%2Eb.example.com', "a!$&'()*+,;=b.example.com", ''];

describe('isValidHost', () => {
  for (const h of GOOD_HOSTS) it(`${JSON.stringify(h)} is a host`, () => expect(isValidHost(h)).to.equal(true));
  for (const h of BAD_HOSTS) it(`${JSON.stringify(h)} is not a host`, () => expect(isValidHost(h)).to.equal(false));
});

describeEngines('Request hosts', (make) => {
  function app() {
    const r = make();
    r.host('{sub}.example.com').path('/').handlerFunc((req, res) => void res.end(`sub=${vars(req).sub}`));
    // The attack of the report: a handler that redirects to a URL built from the request's host.
    r.host('{sub}.example.com').path('/go').name('go').handlerFunc((req, res) => {
      res.statusCode = 302;
      res.setHeader('Location', r.get('go')!.url({ sub: vars(req).sub! }).toString());
      res.end();
    });
    r.handleFunc('/any', (_req, res) => void res.end('any'));
    return r;
  }

  for (const host of BAD_HOSTS.filter((h) => h.startsWith('a') || h.startsWith('x'))) {
    it(`Host: ${JSON.stringify(host)} gets 400 from serveHTTP, also for a route without a host`, async () => {
      await withServer(app(), async (s) => {
        for (const path of ['/', '/go', '/any']) {
          const out = await s.socket(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
          expect(out.split('\r\n')[0], path).to.equal('HTTP/1.1 400 Bad Request');
        }
      });
    });
  }

  it('valid hosts are served; the host variable is read', async () => {
    await withServer(app(), async (s) => {
      const out = await s.socket('GET / HTTP/1.1\r\nHost: api.example.com:8080\r\nConnection: close\r\n\r\n');
      expect(out.split('\r\n')[0]).to.equal('HTTP/1.1 200 OK');
      expect(out.endsWith('sub=api')).to.equal(true);
      const go = await s.socket('GET /go HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n');
      expect(go).to.match(/\r\nLocation: http:\/\/api\.example\.com\/go\r\n/);
    });
  });

  it('an absolute-form authority that is not a host gets 400; a valid one with userinfo is served', async () => {
    await withServer(app(), async (s) => {
      const bad = await s.socket('GET http://a\\b.example.com/any HTTP/1.1\r\nHost: ok.example.com\r\nConnection: close\r\n\r\n');
      expect(bad.split('\r\n')[0]).to.equal('HTTP/1.1 400 Bad Request');
      const badHeader = await s.socket('GET http://ok.example.com/any HTTP/1.1\r\nHost: a/b\r\nConnection: close\r\n\r\n');
      expect(badHeader.split('\r\n')[0], 'the Host header is checked too').to.equal('HTTP/1.1 400 Bad Request');
      const good = await s.socket('GET http://user@api.example.com/ HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n');
      expect(good.split('\r\n')[0]).to.equal('HTTP/1.1 200 OK');
      expect(good.endsWith('sub=api')).to.equal(true);
    });
  });

  // Found by the gorilla oracle: Go's server refuses an absolute-form host with an escaped ASCII byte
  // ("invalid URL escape"), which tsmux served as the host `%41.example.com`.
  it('an absolute-form authority with an escaped ASCII byte gets 400, as Go answers it; %25 and a Host header with one do not', async () => {
    await withServer(app(), async (s) => {
      const status = async (line: string, host: string) =>
        (await s.socket(`GET ${line} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).split('\r\n')[0];
      expect(await status('http://%41.example.com/any', 'ok.example.com')).to.equal('HTTP/1.1 400 Bad Request');
      expect(await status('http://api.example.com%2e/any', 'ok.example.com')).to.equal('HTTP/1.1 400 Bad Request');
      expect(await status('http://a%25b.example.com/any', 'ok.example.com')).to.not.equal('HTTP/1.1 400 Bad Request');
      expect(await status('/any', '%41.example.com')).to.not.equal('HTTP/1.1 400 Bad Request');
      // Inside an IPv6 zone Go accepts an escape of what a host may hold as it is, and a space; no other.
      for (const zone of ['en%30', 'en%20', 'en%3A', 'en%25']) {
        expect(await status(`http://[fe80::1%25${zone}]/any`, 'ok.example.com'), zone).to.not.equal('HTTP/1.1 400 Bad Request');
      }
      for (const zone of ['en%2F', 'en%00', 'en%C3%A9', 'en%40']) {
        expect(await status(`http://[fe80::1%25${zone}]/any`, 'ok.example.com'), zone).to.equal('HTTP/1.1 400 Bad Request');
      }
      // Found from outside: an escape in the address itself, or a zone after a bare `%` (Node's isIPv6
      // takes it; Go reads a malformed escape), was served.
      for (const host of ['[::1%41]', '[fe80::%41%25en]', '[fe80::1%en]', '[fe80::1%lo0]:80']) {
        expect(await status(`http://${host}/any`, 'ok.example.com'), host).to.equal('HTTP/1.1 400 Bad Request');
      }
    });
  });

  // Found from outside: gorilla routes an absolute-form request on Go's URL.Host, whose escapes url.Parse
  // decoded; tsmux kept them.
  it('an absolute-form host is routed on decoded, as Go decodes it; checked as sent', async () => {
    const r = make();
    r.host('é.example.com').path('/').handlerFunc(() => undefined);
    r.host('{h:.*}').path('/h').handlerFunc(() => undefined);
    expect(r.match({ method: 'GET', url: 'http://%C3%A9.example.com/', headers: {} }, new RouteMatch())).to.equal(true);
    for (const [sent, decoded] of [['a%25b', 'a%b'], ['[fe80::1%25en%30]', '[fe80::1%en0]'], ['%FF.example', '%FF.example']]) {
      const m = new RouteMatch();
      expect(r.match({ method: 'GET', url: `http://${sent}/h`, headers: {} }, m), sent).to.equal(true);
      expect(m.vars.h, sent).to.equal(decoded);
    }
    expect((await served(r, { method: 'GET', url: 'http://%C3%A9.example.com/', headers: { host: 'x' } })).status).to.equal(200);
  });

  // An HTTP/2 server for `r` over TLS; `get` sends a GET / with these headers and answers `status body`,
  // or 'reset' when Node refuses the stream.
  async function withHttp2(r: Router, test: (get: (headers: Record<string, string>) => Promise<string>) => Promise<void>): Promise<void> {
    const tls = selfSignedCert();
    const server = createSecureServer(tls, r.serveHTTP as never);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = h2connect(`https://127.0.0.1:${(server.address() as AddressInfo).port}`, { ca: tls.cert });
    const get = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const q = client.request({ ':path': '/', ...headers });
        let status = '';
        let body = '';
        q.on('response', (h) => (status = String(h[':status'])));
        q.setEncoding('utf8');
        q.on('data', (c: string) => (body += c));
        q.on('end', () => resolve(`${status} ${body}`));
        q.on('error', () => resolve('reset'));
        q.end();
      });
    try {
      await test(get);
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('HTTP/2: an :authority that is not a host never reaches a handler (400 from serveHTTP, or a reset from Node)', async function () {
    this.timeout(20000);
    await withHttp2(app(), async (get) => {
      expect(await get({ ':authority': 'api.example.com' })).to.equal('200 sub=api');
      expect(await get({ ':authority': 'x@2130706433.example.com' })).to.equal('400 400 Bad Request\n');
      expect(await get({ ':authority': 'a\\b.example.com' })).to.be.oneOf(['400 400 Bad Request\n', 'reset']);
      expect(await get({ ':authority': 'a/b.example.com' })).to.be.oneOf(['400 400 Bad Request\n', 'reset']);
    });
  });

  // Reported from outside: tsmux reads Host before :authority, Go's HTTP/2 server the other way round, so
  // a front end that checked :authority let a second `host` header choose the admin route.
  it('HTTP/2: a Host header naming another authority than :authority gets 400 (RFC 9113 §8.3.1)', async function () {
    this.timeout(20000);
    const r = make();
    r.host('admin.example.com').handlerFunc((_req, res) => void res.end('admin'));
    r.handleFunc('/', (_req, res) => void res.end('public'));
    await withHttp2(r, async (get) => {
      expect(await get({ ':authority': 'www.example.com', host: 'admin.example.com' })).to.equal('400 400 Bad Request\n');
      expect(await get({ ':authority': 'www.example.com' })).to.equal('200 public');
      expect(await get({ ':authority': 'admin.example.com', host: 'admin.example.com' })).to.equal('200 admin');
      // (Go reads :authority, tsmux Host: even a difference of case would choose another route.)
      expect(await get({ ':authority': 'ADMIN.example.com', host: 'admin.example.com' })).to.equal('400 400 Bad Request\n');
    });
    // The same through match() and serveHTTP on request objects: no host template matches such a request.
    const both = { method: 'GET', url: '/', headers: { host: 'admin.example.com', ':authority': 'www.example.com' } };
    const m = new RouteMatch();
    expect(r.match(both, m)).to.equal(true);
    expect(m.route?.getPathTemplate()).to.equal('/');
    expect((await served(r, both)).status).to.equal(400);
  });

  // Found from outside: a middleware setting req.headers.host over HTTP/2 (a forwarded host) got 400: the
  // Host-is-:authority check read the header it had set, not the one the client sent.
  it('HTTP/2: a Host a middleware set (a forwarded host) is routed on, not refused as another authority', async function () {
    this.timeout(20000);
    const r = make();
    r.host('admin.example.com').handlerFunc((_req, res) => void res.end('admin'));
    r.handleFunc('/', (_req, res) => void res.end('public'));
    const front = {
      serveHTTP: (req: Http2ServerRequest, res: Http2ServerResponse) => {
        const forwarded = req.headers['x-forwarded-host'];
        if (typeof forwarded === 'string') req.headers.host = forwarded;
        return r.serveHTTP(req, res);
      },
    };
    await withHttp2(front as unknown as Router, async (get) => {
      expect(await get({ ':authority': 'www.example.com', 'x-forwarded-host': 'admin.example.com' })).to.equal('200 admin');
      expect(await get({ ':authority': 'www.example.com', 'x-forwarded-host': 'a/b' })).to.equal('400 400 Bad Request\n');
      // What the client sent is still checked.
      expect(await get({ ':authority': 'www.example.com', host: 'admin.example.com', 'x-forwarded-host': 'www.example.com' })).to.equal('400 400 Bad Request\n');
    });
  });

  // Found by review: explain() threw when a middleware had deleted req.headers.host of an HTTP/2 request
  // whose client sent a Host other than its :authority, and named the middleware's value otherwise.
  it('HTTP/2: explain() names the Host the client sent when it is not the :authority, whatever a middleware did to it', () => {
    const r = make();
    r.handleFunc('/', () => undefined);
    const request = (headers: Record<string, string>) => http2Request('/', 'www.example.com', headers, ['host', 'evil.example.com']);
    for (const headers of [{}, { host: 'admin.example.com' }] as Record<string, string>[]) {
      const e = r.explain(request(headers));
      expect([e.outcome, e.reason], JSON.stringify(headers)).to.deep.equal(['badRequest', 'its Host header "evil.example.com" is not its :authority "www.example.com"']);
    }
  });

  it('two Host headers get 400, as Go answers them ("too many Host headers"), whatever the route', async () => {
    const r = app();
    r.handleFunc('/public', (_req, res) => void res.end('public')).headers('Host', 'public.example.com');
    await withServer(r, async (s) => {
      for (const path of ['/', '/any', '/public']) {
        for (const [first, second] of [['admin.example.com', 'public.example.com'], ['api.example.com', 'api.example.com']]) {
          const out = await s.socket(`GET ${path} HTTP/1.1\r\nHost: ${first}\r\nX-A: 1\r\nhost: ${second}\r\nConnection: close\r\n\r\n`);
          expect(out.split('\r\n')[0], `${path} ${first} ${second}`).to.equal('HTTP/1.1 400 Bad Request');
        }
      }
      const one = await s.socket('GET /public HTTP/1.1\r\nHost: public.example.com\r\nConnection: close\r\n\r\n');
      expect(one.endsWith('public')).to.equal(true);
    });
    // A request object with raw lines and no headers object: the same answer as with one.
    const bare = { method: 'GET', url: '/any', rawHeaders: ['Host', 'a.example.com', 'Host', 'b.example.com'] } as unknown as RequestLike;
    expect((await served(r, bare)).status).to.equal(400);
  });

  it('match(): no host template matches a host that is not a host (Host, :authority, absolute form)', () => {
    const r = app();
    const requests = [
      { method: 'GET', url: '/', headers: { host: 'a/b.example.com' } },
      { method: 'GET', url: '/', headers: { ':authority': 'x@2130706433#.example.com' } },
      { method: 'GET', url: 'http://a\\b.example.com/', headers: {} },
      { method: 'GET', url: '/', headers: { host: 'a\r\nb.example.com' } },
    ];
    for (const req of requests) {
      const m = new RouteMatch();
      expect(r.match(req, m), JSON.stringify(req)).to.equal(false);
      expect(m.vars).to.deep.equal({});
    }
    const m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/', headers: { ':authority': 'api.example.com' } }, m)).to.equal(true);
    expect(m.vars).to.deep.equal({ sub: 'api' });
  });

  it('an absent host still matches what it matched before', () => {
    const r = make();
    r.host('{h:.*}').path('/').handlerFunc(() => undefined);
    const m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/', headers: {} }, m)).to.equal(true);
    expect(m.vars).to.deep.equal({ h: '' });
  });
});
