// `npm start`: serves the example bookshop API and prints its route table and a few requests to try.
// `WORKERS=n npm start` serves it from n processes sharing the port (node:cluster); `WORKERS=auto` starts
// one per core.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { buildApp } from './app.js';

const port = Number(process.env.PORT ?? 8080);
// DEBUG_ROUTES=1: 404 and 405 answers explain which matcher of each route failed (development only).
const debug = process.env.DEBUG_ROUTES === '1';
const router = buildApp({ debug });

/** The number of worker processes WORKERS asks for: 1 when unset, one per core for `auto`. */
function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WORKERS must be a positive integer or "auto", got "${value}"`);
  return n;
}

function banner(workers: number): void {
  const processes = workers > 1 ? ` (${workers} worker processes)` : '';
  console.log(`tsmux example listening on http://localhost:${port}${processes}${debug ? ' (debug pages on)' : ''}\n`);
  console.log(router.printRoutes().trimEnd());
  const base = `http://localhost:${port}`;
  console.log(`
Try:
  curl ${base}/
  curl ${base}/api/v1/books
  curl ${base}/api/v1/books/2
  curl -i ${base}/api/v1/books/1/
  curl -i -X DELETE ${base}/api/v1/books/1
  curl -i -X OPTIONS ${base}/api/v1/books
  curl "${base}/api/v1/search?q=node"
  curl -X POST -d '{"title":"Gorilla","author":"Mux"}' ${base}/api/v1/books
  curl -H 'Host: admin.localhost' ${base}/
  curl ${base}/static/hello.txt
  curl -i --path-as-is ${base}/api/v1/../v1/books
  curl -i ${base}/debug/crash
  curl ${base}/openapi.json
  DEBUG_ROUTES=1 npm start, then: curl -H 'Accept: text/html' ${base}/api/v1/nope
`);
}

const workers = workerCount(process.env.WORKERS);
if (workers > 1 && cluster.isPrimary) {
  let stopping = false;
  const listened = new Set<number>();
  const stop = (code: number) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill();
    process.exit(code);
  };
  cluster.on('listening', (worker) => {
    listened.add(worker.id);
    if (listened.size === workers) banner(workers);
  });
  // A worker that dies after it served is replaced, so the server keeps its size; one that dies before
  // listening (the port is taken...) stops them all. A signal stops them all.
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!listened.has(worker.id)) {
      console.error(`worker ${worker.process.pid} exited (${signal ?? code}) before listening; stopping`);
      return stop(1);
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => stop(0));
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  createServer(router.serveHTTP).listen(port, () => cluster.isPrimary && banner(1));
}
