// `npm run bench:hostile`: time to answer ever larger hostile inputs (query pairs, header size, path
// length, and inputs shaped to make a backtracking matcher of a composed template take polynomial time),
// to check that the cost grows no faster than the input. Each input is measured at n, 2n and 4n (up to
// the limits: 8 KiB paths, a 64 KiB header, a 16 KiB request line); the table gives the cost at each size
// and its ratio to the size before, and per input the growth per doubling over the whole range (the
// geometric mean of the ratios, which a step in cache behaviour at one size does not dominate). Exits
// non-zero when that growth is over 2.5 (linear growth gives 2, quadratic 4).
import { IncomingMessage } from 'node:http';
import { newRouter, RouteMatch, type RequestLike } from '../src/index.js';

const router = newRouter();
const none = () => undefined;
router.handleFunc('/search', none).queries('q', '{q:[a-z]+}');
router.handleFunc('/big', none).headersRegexp('X-Big', '^b+$');
router.handleFunc('/nested', none).headersRegexp('X-Nested', '^(a+)+$');
router.handleFunc('/counted', none).headersRegexp('X-Counted', '[^x]{0,1000}x');
for (let i = 0; i < 1000; i++) router.handleFunc('/many', none).queries(`k${i}`, '{v}');
for (let i = 0; i < 1000; i++) router.handleFunc('/utf8', none).headersRegexp('X-U', `^zz${i}$`);

// A request as Node's server makes it: header values are its bytes as latin1 characters.
function nodeRequest(url: string, lines: string[]): RequestLike {
  const m = new IncomingMessage(null as never);
  m.method = 'GET';
  m.url = url;
  (m as unknown as { _addHeaderLines(h: string[], n: number): void })._addHeaderLines(lines, lines.length);
  return m as RequestLike;
}
router.pathPrefix('/files/').handlerFunc(none);
router.handleFunc('/archive/{year}-{month}-{day}', none);
router.handleFunc('/name/{name}.{ext}', none);
router.handleFunc('/num/{a}{b:[0-9]+}', none);
router.handleFunc('/alt/{v:(?:a|aa)+}', none);
router.host('{a}-{b}-{c}.example.com').path('/host').handlerFunc(none);
router.handleFunc('/date', none).queries('d', '{y}-{m}-{d}');

// Per size, the best of seven short runs, the sizes taken in turn within each round: the machine is
// shared, the least disturbed run is the truest, and a burst of load then hits every size alike.
function timesPerCall(reqs: RequestLike[]): number[] {
  const best = reqs.map(() => Infinity);
  for (let round = 0; round < 7; round++) {
    reqs.forEach((req, i) => (best[i] = Math.min(best[i]!, run(req, 20_000_000n))));
  }
  return best;
}

function run(req: RequestLike, budget: bigint): number {
  const m = new RouteMatch();
  const explain = (req as Explained)[EXPLAIN] === true;
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budget) {
    m.vars = {};
    if (explain) router.explain(req);
    else router.match(req, m);
    runs++;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / runs;
}

const get = (url: string, headers: Record<string, string> = {}): RequestLike => ({ method: 'GET', url, headers });
// A request timed through explain() (what the debug 404 page runs) instead of match().
const EXPLAIN = Symbol('explain');
type Explained = RequestLike & { [EXPLAIN]?: boolean };
const explained = (req: RequestLike): RequestLike => Object.assign(req, { [EXPLAIN]: true });

const series: [string, number[], (n: number) => RequestLike][] = [
  ['query pairs (key last)', [2500, 5000, 10_000], (n) => get('/search?' + Array.from({ length: n - 1 }, (_, i) => `k${i}=v${i}`).join('&') + '&q=found')],
  // Pairs whose keys decodeURIComponent would throw on (a malformed escape, bytes that are not UTF-8):
  // a throw costs microseconds, so these cost 30-50 times the plain pairs above until keys were checked first.
  ['query pairs, malformed escapes (%&%&…)', [2500, 5000, 10_000], (n) => get('/search?' + '%&'.repeat(n))],
  ['query pairs, non-UTF-8 escapes (%FF=&…)', [2500, 5000, 10_000], (n) => get('/search?' + '%FF=&'.repeat(n))],
  // A thousand query routes on one path: each once scanned the whole query again (16 KiB: 0.4 s).
  ['query bytes, 1,000 query routes, junk pairs (x&x&…)', [4000, 8000, 16_000], (n) => get('/many?' + 'x&'.repeat(n / 2))],
  // A thousand headersRegexp routes reading a header outside ASCII: each once decoded it again (16 KiB: 0.3 s).
  ['header bytes outside ASCII (UTF-8 é…), 1,000 headersRegexp routes', [16_384, 32_768, 65_536], (n) => nodeRequest('/utf8', ['X-U', '\u00c3\u00a9'.repeat(n / 2)])],
  ['header bytes, ^b+$', [16_384, 32_768, 65_536], (n) => get('/big', { 'x-big': 'b'.repeat(n) })],
  ['header bytes, ^(a+)+$ (a…ab)', [16_384, 32_768, 65_536], (n) => get('/nested', { 'x-nested': 'a'.repeat(n - 1) + 'b' })],
  // Searched for at every position, a long count once read up to 1,000 characters from each on V8
  // (linear growth, but 12 µs per byte).
  ['header bytes, [^x]{0,1000}x (no x)', [16_384, 32_768, 65_536], (n) => get('/counted', { 'x-counted': 'a'.repeat(n) })],
  ['path bytes, prefix', [2048, 4096, 8192], (n) => get('/files/' + 'a/'.repeat(n / 2 - 4))],
  ['path /archive/{year}-{month}-{day}, dashes + /', [2000, 4000, 8000], (n) => get('/archive/' + '-'.repeat(n) + '/')],
  ['path /archive/{year}-{month}-{day}, dashes (match)', [2000, 4000, 8000], (n) => get('/archive/' + '-'.repeat(n))],
  ['path /name/{name}.{ext}, a.a.… + /', [2000, 4000, 8000], (n) => get('/name/' + 'a.'.repeat(n / 2) + '/')],
  ['path /num/{a}{b:[0-9]+}, digits + x', [2000, 4000, 8000], (n) => get('/num/' + '1'.repeat(n) + 'x')],
  ['path /alt/{v:(?:a|aa)+}, a… + b', [2000, 4000, 8000], (n) => get('/alt/' + 'a'.repeat(n) + 'b')],
  ['host {a}-{b}-{c}.example.com, dashes (match)', [16_384, 32_768, 65_536], (n) => ({ method: 'GET', url: '/host', headers: { host: '-'.repeat(n) + '.example.com' } })],
  ['host {a}-{b}-{c}.example.com, dashes + .example.com.x', [16_384, 32_768, 65_536], (n) => ({ method: 'GET', url: '/host', headers: { host: '-'.repeat(n) + '.example.com.x' } })],
  // explain() finds where a request parts from each template with a loose copy of it (every variable
  // `(.*?)`): on a backtracking RegExp four variables and 512 dashes took a second, now it runs on re2js.
  ['explain() /archive/{year}-{month}-{day}, dashes + /', [1000, 2000, 4000], (n) => explained(get('/archive/' + '-'.repeat(n) + '/'))],
  ['query d={y}-{m}-{d}, dashes + %0A', [4000, 8000, 16_000], (n) => get('/date?d=' + '-'.repeat(n) + '%0A')],
];

// Warm up: every input once at its smallest size, so that compilation is not counted in the first row.
for (const [, sizes, make] of series) run(make(sizes[0]!), 20_000_000n);

const LIMIT = 2.5;
let failed = false;
console.log('| input | n | cost at n | ns per unit | cost ratio to n/2 |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, sizes, make] of series) {
  let previous = 0;
  const costs = timesPerCall(sizes.map(make));
  for (const [i, size] of sizes.entries()) {
    const cost = costs[i]!;
    const ratio = previous === 0 ? undefined : cost / previous;
    console.log(`| ${name} | ${size} | ${fmt(cost)} | ${(cost / size).toFixed(2)} | ${ratio === undefined ? '—' : `${ratio.toFixed(2)}×`} |`);
    previous = cost;
  }
  const growth = Math.pow(costs[costs.length - 1]! / costs[0]!, 1 / Math.log2(sizes[sizes.length - 1]! / sizes[0]!));
  if (growth > LIMIT) failed = true;
  console.log(`| ${name} | growth per doubling | | | **${growth.toFixed(2)}×** |`);
}
if (failed) {
  console.log(`FAILED: some cost grows faster than its input (over ${LIMIT}× per doubling)`);
  process.exitCode = 1;
}

function fmt(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}
