// Random route tables and requests, from a grammar of the templates and matchers users write: shared by
// the differential test (index vs plain scan) and the tests that check every route of a table.
import fc from 'fast-check';
import { expressPath, newRouter, type HandlerFunc, type RequestLike, type Router, type RouterOptions } from '../src/index.js';

export interface RouteSpec {
  path?: { prefix: boolean; segments: string[]; express?: string };
  methods?: string[];
  host?: string;
  scheme?: boolean;
  header?: [string, string, boolean];
  query?: [string, string];
  func?: boolean;
  buildOnly?: boolean;
  children?: RouteSpec[];
  /** The subrouter answers misses itself: 'notFound', 'methodNotAllowed' or both. */
  subHandlers?: ('notFound' | 'methodNotAllowed')[];
  /** Methods the route gains after its subrouter was made (its subrouter's routes do not inherit them). */
  lateMethods?: string[];
  handler: boolean;
}
export interface TableSpec {
  strictSlash: boolean;
  routes: RouteSpec[];
  /** Routes added after the first requests were served. */
  later: RouteSpec[];
}

// Path segments: literals, whole-segment variables whose patterns stay in their segment or may span `/`
// (class ranges and negations that include it, Unicode and Perl classes, alternation, lazy and bounded
// quantifiers), assertions, several variables in one segment, and tails. `#` becomes a number making names unique.
const segment = fc.constantFrom(
  'a', 'b', 'users', 'x.y', '', 'v1', '.h', '.',
  '{id#}', '{id#:[0-9]+}', '{n#:[a-z]+}', '{w#:[^/]+}', '{d#:\\d+}', '{u#:\\pL+}', '{ww#:\\w+}',
  '{r#:[ -~]+}', '{p#:[+-0]+}', '{q#:[^a]+}', '{dot#:[^.]+}', '{s#:\\S+}', '{sp#:\\s*}',
  '{k#:a|bc}', '{k#:(?:x|y)+}', '{lz#:.*?}', '{b#:[a-z]{1,2}}', '{bq#:[0-9]{2}}', '{rest#:.*}',
  'p{v#}', '{w#:[^/]+}-{z#}', '{a#}.{e#}', '{y#}-{m#}-{dd#}', '{a#}{b#:[0-9]+}',
  // Assertions look at the whole path around the variable, not at its segment alone.
  '{as#:^a}', '{ae#:(?m)a$}', 'x{xb#:\\ba}', '{bb#:a\\b}',
);
const pathSpec = fc.oneof(
  { weight: 6, arbitrary: fc.record({ prefix: fc.boolean(), segments: fc.array(segment, { minLength: 0, maxLength: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      prefix: fc.boolean(),
      segments: fc.constant([] as string[]),
      express: fc.constantFrom('/users/:id#', '/files/*rest#', '/a{/:opt#}', '/x/:lo#-:hi#', '/b/c'),
    }),
  },
);
// (In any order: Allow lists methods in the order of the routes and lists that allow them.)
const methodsSpec = fc.shuffledSubarray(['GET', 'POST', 'PUT', 'DELETE'], { minLength: 0 });
const other = {
  host: fc.constantFrom('{h#}.example', 'api.example', 'example.com:8080', '{sub#}.example.com:{port#:[0-9]+}', '{any#:[a-z.]+}', 'API.example'),
  scheme: fc.boolean(),
  header: fc.tuple(fc.constantFrom('X-A', 'X-B'), fc.constantFrom('', '1'), fc.boolean()),
  query: fc.tuple(fc.constantFrom('q', 'k'), fc.constantFrom('', '1', '{qv#:[0-9]+}', '{qs#}')),
  func: fc.boolean(),
};
// Routes with only a path and methods are the most common, as in real tables; the others mix in every
// other matcher kind, pathless routes, build-only routes and subrouters (three deep, some answering
// misses with handlers of their own).
const spec: fc.Arbitrary<RouteSpec> = fc.letrec<{ route: RouteSpec }>((tie) => ({
  route: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    {
      weight: 3,
      arbitrary: fc.record(
        { path: pathSpec, methods: methodsSpec, children: fc.array(tie('route'), { maxLength: 2 }), handler: fc.boolean() },
        { requiredKeys: ['path', 'handler'] },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          path: pathSpec,
          methods: methodsSpec,
          ...other,
          buildOnly: fc.boolean(),
          children: fc.array(tie('route'), { maxLength: 3 }),
          subHandlers: fc.subarray(['notFound', 'methodNotAllowed'] as const),
          lateMethods: methodsSpec,
          handler: fc.boolean(),
        },
        { requiredKeys: ['handler'] },
      ),
    },
  ),
})).route;
export const table: fc.Arbitrary<TableSpec> = fc.record({
  strictSlash: fc.boolean(),
  routes: fc.array(spec, { minLength: 1, maxLength: 10 }),
  later: fc.array(spec, { maxLength: 3 }),
});

const requestSegment = fc.constantFrom('a', 'xa', 'b', 'users', 'x.y', '', '7', '42', 'abc', 'bc', 'xy', 'p1', 'q-r', 'v1', '%2F', '+', '-', 'b.c', '%C3%BCn', '%20', 'a-b-c', '1a', 'x', '.', '..', '.h');
export const requestArb: fc.Arbitrary<RequestLike> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
    segments: fc.array(requestSegment, { maxLength: 4 }),
    query: fc.constantFrom('', '?q=1', '?k=', '?q=abc', '?k=5&q=1', '?k=a%0Db'),
    host: fc.constantFrom('api.example', 'b.example:3000', 'example.com:8080', 'other', 'x.y.example', 'a.example.com:99', 'API.example'),
    absolute: fc.constantFrom('', '', 'http', 'https'),
    headers: fc.subarray(['x-a', 'x-b', 'x-f']),
  })
  .map((r) => {
    const path = '/' + r.segments.join('/') + r.query;
    return {
      method: r.method,
      url: r.absolute === '' ? path : `${r.absolute}://${r.host}${path}`,
      headers: { host: r.host, ...Object.fromEntries(r.headers.map((h) => [h, '1'])) },
    };
  });

let nextId = 0;
/** Builds the router a table describes; each route carries its id as metadata `id`. */
export function build(t: TableSpec, options: RouterOptions = {}): Router {
  nextId = 0;
  const r = newRouter(options).strictSlash(t.strictSlash);
  for (const s of t.routes) addRoute(r, s);
  return r;
}

/** Adds the routes a table adds after the first requests. */
export function buildLater(r: Router, t: TableSpec): void {
  nextId = count(t.routes);
  for (const s of t.later) addRoute(r, s);
}

function count(specs: readonly RouteSpec[]): number {
  return specs.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
}

// `#` in a template becomes the route's id, so that variable names are unique within a route.
function named(tpl: string, id: string, position: number): string {
  return tpl.replace(/#/g, `_${id}_${position}`);
}

function addRoute(r: Router, s: RouteSpec): void {
  const route = r.newRoute();
  const id = String(nextId++);
  route.metadata('id', id);
  try {
    if (s.host) route.host(named(s.host, id, 0));
    if (s.scheme) route.schemes('https');
    if (s.path) {
      const tpl = s.path.express !== undefined ? expressPath(named(s.path.express, id, 0)) : '/' + s.path.segments.map((seg, i) => named(seg, id, i + 1)).join('/');
      if (s.path.prefix) route.pathPrefix(tpl);
      else route.path(tpl);
    }
    if (s.methods) route.methods(...s.methods);
    if (s.header) {
      if (s.header[2]) route.headersRegexp(s.header[0], s.header[1] === '' ? '' : `^${s.header[1]}$`);
      else route.headers(s.header[0], s.header[1]);
    }
    if (s.query) route.queries(s.query[0], named(s.query[1], id, 9));
    // A custom matcher may write to the match (gorilla's MatcherFunc gets it): what a route that then
    // fails wrote must not stay, whichever engine tried it.
    if (s.func) route.matcherFunc((req, m) => ((m.vars.f = id), req.headers['x-f'] === undefined));
    if (s.buildOnly) route.buildOnly();
  } catch {
    // A random template may be refused: that route then never matches (as gorilla keeps the error on it).
  }
  if (s.handler) route.handlerFunc(handlerFor(id));
  if (s.children && s.children.length > 0) {
    const sub = route.subrouter();
    for (const c of s.children) addRoute(sub, c);
    if (s.subHandlers?.includes('notFound')) sub.notFoundHandler = handlerFor(`nf${id}`);
    if (s.subHandlers?.includes('methodNotAllowed')) sub.methodNotAllowedHandler = handlerFor(`mna${id}`);
    if (s.lateMethods) route.methods(...s.lateMethods);
  }
}

export const handlers = new Map<string, HandlerFunc>();
export function handlerFor(id: string): HandlerFunc {
  let h = handlers.get(id);
  if (!h) handlers.set(id, (h = (_req, res) => void res.end(`handler ${id}`)));
  return h;
}
