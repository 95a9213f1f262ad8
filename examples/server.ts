// `npm start`: serves the example bookshop API and prints its route table and a few requests to try.
import { createServer } from 'node:http';
import { buildApp } from './app.js';
import type { Route } from '../src/index.js';

const port = Number(process.env.PORT ?? 8080);
const router = buildApp();

function describe(route: Route): string {
  const parts: string[] = [];
  const get = (f: () => string) => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  const methods = get(() => route.getMethods().join(','));
  const host = get(() => route.getHostTemplate());
  const path = get(() => route.getPathTemplate());
  const queries = route.getQueriesTemplates();
  parts.push((methods ?? 'ANY').padEnd(13));
  parts.push(`${host ?? ''}${path ?? ''}${queries.length ? '?' + queries.join('&') : ''}` || '(any)');
  if (route.getName()) parts.push(`name=${route.getName()}`);
  return parts.join(' ');
}

createServer(router.serveHTTP).listen(port, () => {
  console.log(`tsmux example listening on http://localhost:${port}\n\nRoutes:`);
  router.walk((route, _r, ancestors) => console.log('  ' + '  '.repeat(ancestors.length) + describe(route)));
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
`);
});
