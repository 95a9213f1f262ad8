// Typed vars: routes written with literal templates give their handlers typed variables, and their URL
// builders check the names at compile time. Compiles under `tsc --init` defaults (strict,
// noUncheckedIndexedAccess, exactOptionalPropertyTypes) with no `!` and no cast.
// Run it: `npm run build:test && node build/examples/typed-vars.js` prints what it served.
import { createServer, get as httpGet } from 'node:http';
import { expressPath, newRouter, vars } from '../src/index.js';

const r = newRouter();
const api = r.host('{tenant}.localhost').pathPrefix('/api/{version:v[0-9]+}').subrouter();

// `v` is { tenant: string; version: string; id: string }: no `undefined` to check, and `v.idd` does not compile.
const book = api
  .handleFunc('/books/{id:[0-9]{1,6}}', (_req, res, v) => {
    res.end(`tenant=${v.tenant} version=${v.version} book=${v.id}`);
  })
  .methods('GET')
  .name('book');

// Express-style paths are typed too; a parameter in an optional group is optional.
r.handleFunc(expressPath('/docs/:page{/:section}'), (_req, res, v) => {
  res.end(`page=${v.page} section=${v.section ?? '(none)'}`);
});

// A handler written apart from its route names its template for `vars`.
function showUser(req: Parameters<typeof vars>[0], res: { end(s: string): void }): void {
  const { user } = vars<'/users/{user}'>(req);
  res.end(`user=${user.toUpperCase()}`);
}
r.handleFunc('/users/{user}', showUser);

// One-object URL building: a missing or misspelled name is a compile error.
const link = book.url({ tenant: 'acme', version: 'v2', id: '42' }).toString();

/** GET over node:http, with a Host header (fetch cannot set one). */
function get(port: number, path: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(`${res.statusCode ?? 0} ${body}`));
    }).on('error', reject);
  });
}

const server = createServer(r.serveHTTP);
server.listen(0, '127.0.0.1', async () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a TCP port');
  console.log(link);
  const probes: { path: string; host: string }[] = [
    { path: '/api/v2/books/42', host: 'acme.localhost' },
    { path: '/docs/routing/templates', host: 'localhost' },
    { path: '/docs/routing', host: 'localhost' },
    { path: '/users/ada', host: 'localhost' },
  ];
  for (const { path, host } of probes) console.log(await get(address.port, path, host));
  server.close();
});
