// A server for the end-to-end benchmark: `node e2e-server.js <kind> [workers]`; sends its port to the
// parent. With more than one worker, the process is a node:cluster primary whose workers share the port.
import express from 'express';
import cluster from 'node:cluster';
import FindMyWay from 'find-my-way';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newRouter, vars } from '../src/index.js';

function listener(kind: string): RequestListener {
  switch (kind) {
    case 'tsmux': {
      const r = newRouter();
      r.handleFunc('/user', (_q, res) => void res.end('user')).methods('GET');
      r.handleFunc('/user/{id}', (q, res) => void res.end(`user ${vars(q).id}`)).methods('GET');
      return r.serveHTTP;
    }
    case 'find-my-way': {
      const r = FindMyWay({ defaultRoute: (_q, res) => void ((res.statusCode = 404), res.end()) });
      r.on('GET', '/user', (_q, res) => void res.end('user'));
      r.on('GET', '/user/:id', (_q, res, params) => void res.end(`user ${params.id}`));
      return (q, res) => r.lookup(q, res);
    }
    case 'express': {
      const app = express();
      app.get('/user', (_q, res) => void res.end('user'));
      app.get('/user/:id', (q, res) => void res.end(`user ${q.params.id}`));
      return app as unknown as RequestListener;
    }
    default:
      return (q: IncomingMessage, res: ServerResponse) => {
        if (q.url === '/user') return void res.end('user');
        const m = /^\/user\/([^/]+)$/.exec(q.url ?? '');
        if (m) return void res.end(`user ${m[1]}`);
        res.statusCode = 404;
        res.end();
      };
  }
}

const workers = Number(process.argv[3] ?? 1);
if (workers > 1 && cluster.isPrimary) {
  // Workers listening on port 0 share one port, chosen by the primary.
  let listening = 0;
  cluster.on('listening', (_worker, address) => ++listening === workers && process.send!(address.port));
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill();
    process.exit(0);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const server = createServer(listener(process.argv[2] ?? 'node:http'));
  server.listen(0, '127.0.0.1', () => cluster.isPrimary && process.send!((server.address() as AddressInfo).port));
}
