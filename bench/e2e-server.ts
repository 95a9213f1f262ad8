// A server for the end-to-end benchmark: `node e2e-server.js <kind>`; sends its port to the parent.
import express from 'express';
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

const server = createServer(listener(process.argv[2] ?? 'node:http'));
server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
