import { createServer, request as httpRequest, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Router } from '../src/index.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real node:http server on 127.0.0.1, port 0, serving `router`. */
export class TestServer {
  private constructor(
    readonly server: Server,
    readonly base: string,
    readonly port: number,
  ) {}

  static async start(router: Router, options: ServerOptions = {}): Promise<TestServer> {
    const server = createServer(options, router.serveHTTP);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestServer(server, `http://127.0.0.1:${port}`, port);
  }

  /** fetch, never following redirects. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(this.base + path, { redirect: 'manual', ...init });
  }

  /** Sends the request target exactly as given (fetch would resolve dot segments first). */
  raw(method: string, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const r = httpRequest({ host: '127.0.0.1', port: this.port, method, path: target, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      r.on('error', reject);
      r.end();
    });
  }

  /** Writes bytes on a socket and returns what comes back: for request lines http.request refuses to send. */
  socket(bytes: string | Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = connect(this.port, '127.0.0.1', () => s.end(bytes));
      let out = '';
      s.setEncoding('latin1');
      s.on('data', (c: string) => (out += c));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Runs `fn` against a server for `router`, then closes it. */
export async function withServer<T>(router: Router, fn: (s: TestServer) => Promise<T>, options?: ServerOptions): Promise<T> {
  const s = await TestServer.start(router, options);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
