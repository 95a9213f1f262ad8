// gorilla's TestSchemeMatchers: the same router answers by scheme on a plain and on a TLS server.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {  } from '../src/index.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {
/** A self-signed certificate for 127.0.0.1, made with the openssl command line. */
function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsmux-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
