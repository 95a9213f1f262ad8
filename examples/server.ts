// `npm start`: serves the example bookshop API and prints its route table and a few requests to try.
import { createServer } from 'node:http';
import { buildApp } from './app.js';

const port = Number(process.env.PORT ?? 8080);
// DEBUG_ROUTES=1: 404 and 405 answers explain which matcher of each route failed (development only).
const debug = process.env.DEBUG_ROUTES === '1';
const router = buildApp({ debug });

createServer(router.serveHTTP).listen(port, () => {
  console.log(`tsmux example listening on http://localhost:${port}${debug ? ' (debug pages on)' : ''}\n`);
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
});
