// Random route tables and requests, from a grammar of the templates and matchers users write: shared by
// the differential test (index vs plain scan) and the tests that check every route of a table.
import fc from 'fast-check';
import { newRouter, type HandlerFunc, type RequestLike, type Router, type RouterOptions } from '../src/index.js';

export interface RouteSpec {
  path?: { prefix: boolean; segments: string[] };
  methods?: string[];
  host?: string;
  header?: string;
  query?: [string, string];
  func?: boolean;
  children?: RouteSpec[];
  handler: boolean;
}
export interface TableSpec {
  strictSlash: boolean;
  routes: RouteSpec[];
}

const segment = fc.constantFrom('a', 'b', 'users', 'x.y', '', '{id}', '{id:[0-9]+}', '{n:[a-z]+}', '{rest:.*}', 'p{v}', '{w:[^/]+}-{z}', 'v1');
const pathSpec = fc.record({ prefix: fc.boolean(), segments: fc.array(segment, { minLength: 0, maxLength: 3 }) });
const methodsSpec = fc.subarray(['GET', 'POST', 'PUT', 'DELETE'], { minLength: 0 });
// Routes with only a path and methods (which the index settles by itself) are the most common, as in
// real tables; the others mix in every other matcher kind.
const spec: fc.Arbitrary<RouteSpec> = fc.letrec<{ route: RouteSpec }>((tie) => ({
  route: fc.oneof(
    { weight: 2, arbitrary: fc.record({ path: pathSpec, methods: methodsSpec, children: fc.array(tie('route'), { maxLength: 2 }), handler: fc.boolean() }, { requiredKeys: ['path', 'handler'] }) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          path: pathSpec,
          methods: methodsSpec,
          host: fc.constantFrom('{h}.example', 'api.example', 'example.com:8080'),
          header: fc.constantFrom('X-A', 'X-B'),
          query: fc.tuple(fc.constantFrom('q', 'k'), fc.constantFrom('', '1', '{qv:[0-9]+}')),
          func: fc.boolean(),
          children: fc.array(tie('route'), { maxLength: 3 }),
          handler: fc.boolean(),
        },
        { requiredKeys: ['handler'] },
      ),
    },
  ),
})).route;
export const table: fc.Arbitrary<TableSpec> = fc.record({ strictSlash: fc.boolean(), routes: fc.array(spec, { minLength: 1, maxLength: 12 }) });

export const requestArb: fc.Arbitrary<RequestLike> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
    segments: fc.array(fc.constantFrom('a', 'b', 'users', 'x.y', '', '7', 'abc', 'p1', 'q-r', 'v1', '%2F'), { maxLength: 4 }),
    query: fc.constantFrom('', '?q=1', '?k=', '?q=abc', '?k=5&q=1'),
    host: fc.constantFrom('api.example', 'b.example:3000', 'example.com:8080', 'other'),
    headers: fc.subarray(['x-a', 'x-b', 'x-f']),
  })
  .map((r) => ({
    method: r.method,
    url: '/' + r.segments.join('/') + r.query,
    headers: { host: r.host, ...Object.fromEntries(r.headers.map((h) => [h, '1'])) },
  }));

let nextId = 0;
/** Builds the router a table describes; each route carries its id as metadata `id`. */
export function build(t: TableSpec, options: RouterOptions = {}): Router {
  nextId = 0;
  const r = newRouter(options).strictSlash(t.strictSlash);
  for (const s of t.routes) addRoute(r, s);
  return r;
}

function addRoute(r: Router, s: RouteSpec): void {
  const route = r.newRoute();
  const id = String(nextId++);
  route.metadata('id', id);
  try {
    if (s.host) route.host(s.host);
    if (s.path) {
      const tpl = '/' + s.path.segments.join('/');
      if (s.path.prefix) route.pathPrefix(tpl);
      else route.path(tpl);
    }
    if (s.methods) route.methods(...s.methods);
    if (s.header) route.headers(s.header, '');
    if (s.query) route.queries(...s.query);
    if (s.func) route.matcherFunc((req) => req.headers['x-f'] === undefined);
  } catch {
    // A random template may repeat a variable name: that route keeps what it got before the throw.
  }
  if (s.handler) route.handlerFunc(handlerFor(id));
  if (s.children && s.children.length > 0) {
    const sub = route.subrouter();
    for (const c of s.children) addRoute(sub, c);
  }
}

export const handlers = new Map<string, HandlerFunc>();
export function handlerFor(id: string): HandlerFunc {
  let h = handlers.get(id);
  if (!h) handlers.set(id, (h = (_req, res) => void res.end(`handler ${id}`)));
  return h;
}

