// Serving over node:http2 (TLS): serveHTTP is passed to createSecureServer as it is, without a cast.
import { expect } from 'chai';
import { connect, createSecureServer, type ClientHttp2Session, type Http2ServerRequest, type Http2ServerResponse, type OutgoingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { vars, type Router } from '../src/index.js';
import { describeEngines } from './engines.js';
import { selfSignedCert } from './tls-cert.js';

interface H2Response {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function request(session: ClientHttp2Session, headers: OutgoingHttpHeaders): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers);
    let status = 0;
    let got: Record<string, unknown> = {};
    let body = '';
    stream.on('response', (h) => {
      status = Number(h[':status']);
      got = { ...h };
    });
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (body += c));
    stream.on('end', () => resolve({ status, headers: got, body }));
    stream.on('error', reject);
    stream.end();
  });
}

async function withHttp2(
  router: Router,
  fn: (send: (headers: OutgoingHttpHeaders) => Promise<H2Response>) => Promise<void>,
  listener: (req: Http2ServerRequest, res: Http2ServerResponse) => unknown = router.serveHTTP,
): Promise<void> {
  const { key, cert } = selfSignedCert();
  const server = createSecureServer({ key, cert }, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const session = connect(`https://127.0.0.1:${(server.address() as AddressInfo).port}`, { ca: cert });
  try {
    await fn((headers) => request(session, headers));
  } finally {
    session.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

describeEngines('HTTP/2 (createSecureServer(options, router.serveHTTP))', (make) => {
  it('matches hosts on :authority, schemes as https, and answers 405 with Allow and clean-path redirects', async function () {
    this.timeout(20000);
    const r = make();
    r.host('{sub}.example.com').path('/who').handlerFunc((req, res) => void res.end(`sub=${vars(req).sub} v=${req.httpVersion}`));
    r.handleFunc('/items/{id:[0-9]+}', (req, res) => void res.end(`item ${vars(req).id}`)).methods('GET', 'PUT').schemes('https');
    await withHttp2(r, async (send) => {
      const who = await send({ ':path': '/who', ':authority': 'api.example.com' });
      expect([who.status, who.body]).to.deep.equal([200, 'sub=api v=2.0']);
      expect((await send({ ':path': '/who', ':authority': 'example.org' })).status).to.equal(404);
      const item = await send({ ':path': '/items/42' });
      expect([item.status, item.body]).to.deep.equal([200, 'item 42']);
      const refused = await send({ ':path': '/items/42', ':method': 'DELETE' });
      expect(refused.status).to.equal(405);
      expect(refused.headers.allow).to.equal('GET, PUT');
      const moved = await send({ ':path': '/x/../items/7' });
      expect(moved.status).to.equal(301);
      expect(moved.headers.location).to.equal('/items/7');
    });
  });

  // Found by the gorilla oracle (Go's HTTP/2 server keeps the values apart): Node joins a header sent
  // twice into "a, b" in req.headers, so neither value matched.
  // Reported from outside (attacker): Node gives an HTTP/2 :path's bytes as latin1 characters, which tsmux
  // read as text: raw UTF-8 missed the literal route (404), variables came out as mojibake, invalid UTF-8
  // passed where its escaped form is a 400, and a clean-path redirect escaped the bytes twice.
  it('a path with raw UTF-8 bytes reads as the UTF-8 it is, as its escaped form does; invalid UTF-8 is a 400', async function () {
    this.timeout(20000);
    const r = make();
    r.handleFunc('/café', (_req, res) => void res.end('literal'));
    r.handleFunc('/files/{name}', (req, res) => void res.end(`name=${vars(req).name}`));
    r.handleFunc('/q', (req, res) => void res.end(`q=${vars(req).q}`)).queries('q', '{q}');
    // (The client writes a header's string as latin1 bytes: these are the UTF-8 bytes of the text.)
    const raw = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    await withHttp2(r, async (send) => {
      const answer = async (path: string) => {
        const res = await send({ ':path': path, ':authority': 'example.com' });
        return [res.status, res.headers.location ?? '', res.body];
      };
      expect(await answer(raw('/café'))).to.deep.equal([200, '', 'literal']);
      expect(await answer(raw('/files/é'))).to.deep.equal([200, '', 'name=é']);
      expect(await answer(raw('/files/日本'))).to.deep.equal(await answer('/files/%E6%97%A5%E6%9C%AC'));
      expect(await answer('/files/\u00ff')).to.deep.equal([400, '', '400 Bad Request\n']);
      expect(await answer(raw('//café'))).to.deep.equal([301, '/caf%C3%A9', '']);
      expect(await answer(raw('/q?q=é'))).to.deep.equal([200, '', 'q=é']);
    });
  });

  // Found in review: the path's characters were read as bytes also after a middleware set `req.url` to
  // text (`/café`: 400; a lone surrogate: a URIError, 500).
  it('a url a middleware set is text, as over HTTP/1: only the path as it came is read as bytes', async function () {
    this.timeout(20000);
    const r = make();
    r.handleFunc('/café', (_req, res) => void res.end('literal'));
    r.handleFunc('/x/{v}', (req, res) => void res.end(`v=${vars(req).v}`));
    const rewrites: Record<string, string> = { '/a': '/café', '/b': '/x/\uD800', '/c': '/x/é' };
    await withHttp2(
      r,
      async (send) => {
        expect((await send({ ':path': '/a' })).body).to.equal('literal');
        expect((await send({ ':path': '/b' })).status).to.equal(200);
        expect((await send({ ':path': '/c' })).body).to.equal('v=é');
      },
      (req, res) => {
        req.url = rewrites[req.url] ?? req.url;
        return r.serveHTTP(req, res);
      },
    );
  });

  it('a header sent twice keeps its values apart, as over HTTP/1; a value outside ASCII is read as UTF-8', async function () {
    this.timeout(20000);
    const r = make();
    r.headers('X-D', 'b').path('/').handlerFunc((_q, res) => void res.end('headers b'));
    r.headersRegexp('X-E', '^b$').path('/').handlerFunc((_q, res) => void res.end('regexp b'));
    r.headers('X-U', 'é').path('/').handlerFunc((_q, res) => void res.end('utf-8'));
    r.path('/').handlerFunc((_q, res) => void res.end('none'));
    await withHttp2(r, async (send) => {
      expect((await send({ ':path': '/', 'x-d': ['a', 'b'] })).body).to.equal('headers b');
      expect((await send({ ':path': '/', 'x-e': ['a', 'b'] })).body).to.equal('regexp b');
      expect((await send({ ':path': '/', 'x-d': 'a, b' })).body).to.equal('none');
      // Node's client writes a header string as latin1 bytes: the UTF-8 bytes of é, as latin1 characters.
      expect((await send({ ':path': '/', 'x-u': Buffer.from('é').toString('latin1') })).body).to.equal('utf-8');
    });
  });
});
