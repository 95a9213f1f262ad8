// gorilla's TestSchemeMatchers: the same router answers by scheme on a plain and on a TLS server.
import { expect } from 'chai';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCert } from './tls-cert.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('Schemes over real servers (TestSchemeMatchers)', function () {
  this.timeout(20000);
  const router = newRouter();
  router.handleFunc('/', (_req, res) => void res.end('hello http world')).schemes('http');
  router.handleFunc('/', (_req, res) => void res.end('hello https world')).schemes('https');

  it('a plain server is http', async () => {
    const server = createHttpServer(router.serveHTTP);
    const port = await listen(server);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect([res.status, await res.text()]).to.deep.equal([200, 'hello http world']);
    } finally {
      server.close();
    }
  });

  it('a TLS server is https', async () => {
    const { key, cert } = selfSignedCert();
    const server = createHttpsServer({ key, cert }, router.serveHTTP);
    const port = await listen(server);
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const r = httpsRequest({ host: '127.0.0.1', port, path: '/', ca: cert }, (res) => {
          let b = '';
          res.on('data', (c: Buffer) => (b += c));
          res.on('end', () => resolve(`${res.statusCode} ${b}`));
        });
        r.on('error', reject);
        r.end();
      });
      expect(body).to.equal('200 hello https world');
    } finally {
      server.close();
    }
  });
});
});
