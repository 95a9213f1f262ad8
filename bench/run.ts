// `npm run bench`: tsmux beside find-my-way, hono's RegExpRouter, rou3, @koa/router and express 5's
// router, in one run. Prints markdown tables of ns/op with the ratio to find-my-way. Every adapter is
// checked to return the right route and params before it is timed. `--quick` times less;
// `--no-e2e` skips the node:http end-to-end part; `--only=hono,go,composition,registration,gorilla,scaling,heap,e2e` runs those parts.
import { bench, do_not_optimize, run } from 'mitata';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { newRouter } from '../src/index.js';
import { type Adapter, type BenchRoute, findMyWay, peers, tsmux } from './adapters.js';
import { composition, registration } from './composition.js';
import { endToEnd } from './e2e.js';
import { inTurns } from './timing.js';

// The route sets live in bench/data (the compiled script runs from build/bench).
const data = fileURLToPath(new URL('../../bench/data/', import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const part = (name: string) => (only === undefined || only.includes(name)) && !(name === 'e2e' && process.argv.includes('--no-e2e'));

interface Case {
  name: string;
  requests: { method: string; path: string; id: number; params?: Record<string, string> }[];
}

// ---- route sets ----

const hono = JSON.parse(readFileSync(data + 'hono-router-benchmark.json', 'utf8')) as {
  routes: { method: string; path: string }[];
  cases: { name: string; method: string; path: string; params?: Record<string, string> }[];
};
const honoRoutes: BenchRoute[] = hono.routes.map((r) => ({
  ...r,
  gorilla: r.path.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{rest:.*}'),
}));
const routeId = (routes: BenchRoute[], method: string, path: string) => {
  const id = routes.findIndex((r) => r.method === method && new RegExp('^' + r.path.replace(/:\w+/g, '[^/]+').replace(/\*$/, '.*') + '$').test(path));
  if (id < 0) throw new Error(`no route for ${method} ${path}`);
  return id;
};
const honoCases: Case[] = hono.cases.map((c) => ({
  name: c.name,
  requests: [{ method: c.method, path: c.path, id: routeId(honoRoutes, c.method, c.path), params: c.params ?? (c.path.includes('*') ? undefined : {}) }],
}));
honoCases.forEach((c) => c.name === 'wildcard' && (c.requests[0]!.params = undefined));
honoCases.push({ name: 'all together', requests: honoCases.flatMap((c) => c.requests) });

const go = JSON.parse(readFileSync(data + 'go-routing-benchmark-routes.json', 'utf8')) as Record<string, (BenchRoute & { request: string })[]>;
const goParams = (route: BenchRoute & { request: string }) => {
  const t = route.path.split('/');
  const v = route.request.split('/');
  return Object.fromEntries(t.flatMap((s, i) => (s.startsWith(':') ? [[s.slice(1), v[i]!]] : [])));
};
const goSets = Object.entries(go).map(([name, routes]) => ({
  name,
  routes: routes as BenchRoute[],
  all: { name: 'all', requests: routes.map((r, id) => ({ method: r.method, path: r.request, id, params: goParams(r) })) } as Case,
}));

// ---- checking and timing ----

function check(built: ReturnType<Adapter['build']>, c: Case): string | undefined {
  for (const rq of c.requests) {
    const found = built.decode(built.find(rq.method, rq.path));
    if (!found) return `${rq.method} ${rq.path}: no route`;
    if (found.id !== rq.id) return `${rq.method} ${rq.path}: route ${found.id}, expected ${rq.id}`;
    const sorted = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (rq.params && sorted(found.params) !== sorted(rq.params)) {
      return `${rq.method} ${rq.path}: params ${JSON.stringify(found.params)}, expected ${JSON.stringify(rq.params)}`;
    }
  }
  return undefined;
}

type Results = Map<string, Map<string, { ns: number; ratio: number | undefined }>>; // case → router → ns/op, ratio to find-my-way

// Every adapter that answers a case correctly is timed on it, all of them in turns (see timing.ts); the
// ratio to find-my-way is the median of the rounds' ratios.
async function timeAll(title: string, routes: BenchRoute[], cases: Case[], adapters: Adapter[]): Promise<Results> {
  const built = adapters.map((adapter) => [adapter, adapter.build(routes)] as const);
  const results: Results = new Map();
  for (const c of cases) {
    const timed: [string, () => unknown][] = [];
    for (const [adapter, b] of built) {
      const problem = check(b, c);
      if (problem) {
        console.error(`${title}: ${adapter.name} fails "${c.name}": ${problem} (left out)`);
        continue;
      }
      const reqs = c.requests;
      const find = b.find;
      const { method, path } = reqs[0]!;
      timed.push([
        adapter.name,
        reqs.length === 1
          ? () => find(method, path)
          : () => {
              for (let i = 0; i < reqs.length; i++) do_not_optimize(find(reqs[i]!.method, reqs[i]!.path));
            },
      ]);
    }
    const turns = inTurns(timed.map(([, fn]) => fn), quick ? 5 : 15, quick ? 10 : 30);
    const base = timed.findIndex(([name]) => name === findMyWay.name);
    results.set(c.name, new Map(timed.map(([name], k) => [name, { ns: turns.ns[k]!, ratio: base === -1 ? undefined : turns.ratio(k, base) }])));
  }
  return results;
}

function table(title: string, results: Results, routers: string[]): void {
  console.log(`\n### ${title}\n`);
  console.log(`| case | ${routers.join(' | ')} |`);
  console.log(`|---|${routers.map(() => '---:').join('|')}|`);
  for (const [c, byRouter] of results) {
    const cells = routers.map((r) => {
      const got = byRouter.get(r);
      if (got === undefined) return 'n/a';
      return got.ratio !== undefined ? `${fmt(got.ns)} (${got.ratio.toFixed(2)}×)` : fmt(got.ns);
    });
    console.log(`| ${c} | ${cells.join(' | ')} |`);
  }
}

const fmt = (ns: number) => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(1)} ns`);

// ---- gorilla/mux's own bench_test.go cases (tsmux only; gorilla's Go figures for reference) ----

async function gorillaCases(): Promise<void> {
  const noop = () => undefined;
  const res = { statusCode: 200, setHeader: noop, end: noop, write: noop, headersSent: false, removeHeader: noop };
  const serve = (r: ReturnType<typeof newRouter>, method: string, url: string) => r.serveHTTP({ method, url, headers: {} } as never, res as never);
  const mux = newRouter();
  mux.handleFunc('/v1/{v1}', noop);
  const simple = newRouter();
  simple.handleFunc('/status', noop);
  const omit = newRouter().omitRouteFromContext(true);
  omit.handleFunc('/status', noop);
  const alt = newRouter();
  alt.handleFunc('/v1/{v1:(?:a|b)}', noop);
  const many = newRouter();
  many.handleFunc('/v1/{v1}/{v2}/{v3}/{v4}/{v5}', noop);
  const rows: [string, string, () => unknown][] = [
    ['BenchmarkMux', '978 ns', () => serve(mux, 'GET', '/v1/anything')],
    ['BenchmarkMuxSimple/default', '360 ns', () => serve(simple, 'GET', '/status')],
    ['BenchmarkMuxSimple/omit route from ctx', '232 ns', () => serve(omit, 'GET', '/status')],
    ['BenchmarkMuxAlternativeInRegexp (2 requests)', '1124 ns', () => (serve(alt, 'GET', '/v1/a'), serve(alt, 'GET', '/v1/b'))],
    ['BenchmarkManyPathVariables (match + 404)', '1530 ns', () => (serve(many, 'GET', '/v1/1/2/3/4/5'), serve(many, 'GET', '/v1/1/2/3/4'))],
  ];
  // Timed synchronously, as Go's ServeHTTP runs: with these synchronous handlers serveHTTP has answered
  // when it returns (its promise is settled already). Awaiting it timed a turn of the microtask queue
  // as well, which moved the figures by hundreds of ns from run to run.
  for (const [name, , fn] of rows) bench(name, () => do_not_optimize(fn()));
  const out = (await run({ format: 'quiet', throw: true } as never)) as { benchmarks: { alias: string; runs: { stats?: { avg: number } }[] }[] };
  console.log('\n### gorilla/mux bench_test.go cases (serveHTTP; gorilla: Go 1.19, 2-core Xeon)\n');
  console.log('| case | tsmux | gorilla/mux |\n|---|---:|---:|');
  for (const [name, gorilla] of rows) {
    const b = out.benchmarks.find((x) => x.alias === name)!;
    console.log(`| ${name} | ${fmt(b.runs[0]!.stats!.avg)} | ${gorilla} |`);
  }
}

// ---- scaling with the number of routes ----

async function scaling(): Promise<void> {
  const sizes = [10, 100, 1000, 10_000];
  const adapters = [tsmux, findMyWay, peers.find((p) => p.name === 'rou3')!, peers.find((p) => p.name === 'hono RegExpRouter')!];
  console.log('\n### Scaling: lookups of the last registered route, lookups spread over every route, and registration time\n');
  console.log('| router | routes | register | static lookup | parametric lookup | parametric, every route in turn |\n|---|---:|---:|---:|---:|---:|');
  const rows: [string, number, number][] = [];
  for (const adapter of adapters) {
    for (const n of sizes) {
      const routes: BenchRoute[] = [];
      for (let i = 0; i < n; i++) {
        routes.push({ method: 'GET', path: `/api/r${i}/items`, gorilla: `/api/r${i}/items` });
        routes.push({ method: 'GET', path: `/api/r${i}/items/:id`, gorilla: `/api/r${i}/items/{id}` });
      }
      const t0 = performance.now();
      const built = adapter.build(routes);
      built.find('GET', '/warm'); // routers that build lazily do it on the first lookup
      const register = performance.now() - t0;
      const stat = `/api/r${n - 1}/items`;
      const param = `/api/r${n - 1}/items/42`;
      if (built.decode(built.find('GET', stat))?.id !== 2 * n - 2 || built.decode(built.find('GET', param))?.id !== 2 * n - 1) {
        console.error(`scaling: ${adapter.name} returns the wrong route at ${n} routes (left out)`);
        continue;
      }
      bench(`${adapter.name}\u0000${n}\u0000static`, () => do_not_optimize(built.find('GET', stat)));
      bench(`${adapter.name}\u0000${n}\u0000param`, () => do_not_optimize(built.find('GET', param)));
      // Every parametric route in turn, in a scattered order (7919 is prime: i * 7919 mod n visits each once).
      const spread = Array.from({ length: n }, (_, i) => `/api/r${(i * 7919) % n}/items/${i}`);
      let k = 0;
      bench(`${adapter.name}\u0000${n}\u0000spread`, () => {
        const url = spread[k]!;
        k = k + 1 === n ? 0 : k + 1;
        return do_not_optimize(built.find('GET', url));
      });
      rows.push([adapter.name, n, register]);
    }
  }
  const out = (await run({ format: 'quiet', throw: true } as never)) as { benchmarks: { alias: string; runs: { stats?: { avg: number } }[] }[] };
  const ns = (name: string, n: number, kind: string) => out.benchmarks.find((b) => b.alias === `${name}\u0000${n}\u0000${kind}`)!.runs[0]!.stats!.avg;
  for (const [name, n, register] of rows) {
    const ratio = (kind: string) => (n === 10 ? '' : ` (${(ns(name, n, kind) / ns(name, 10, kind)).toFixed(2)}× of 20 routes)`);
    console.log(`| ${name} | ${n * 2} | ${register.toFixed(1)} ms | ${fmt(ns(name, n, 'static'))}${ratio('static')} | ${fmt(ns(name, n, 'param'))}${ratio('param')} | ${fmt(ns(name, n, 'spread'))}${ratio('spread')} |`);
  }
}

// ---- heap of the GitHub route table ----

function heap(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log('\n(heap: run with node --expose-gc to measure)');
    return;
  }
  const github = goSets.find((s) => s.name === 'github')!.routes;
  console.log('\n### Heap of the GitHub route table (203 routes), per router instance\n');
  console.log('| router | heap | vs find-my-way |\n|---|---:|---:|');
  const copies = 50;
  const sizes = new Map<string, number>();
  for (const adapter of peers) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const keep = [];
    for (let i = 0; i < copies; i++) {
      const built = adapter.build(github);
      built.find('GET', '/user'); // build lazy structures (tsmux's index, hono's matcher)
      keep.push(built);
    }
    gc();
    sizes.set(adapter.name, (process.memoryUsage().heapUsed - before) / copies);
    do_not_optimize(keep);
  }
  const base = sizes.get(findMyWay.name)!;
  for (const [name, size] of sizes) console.log(`| ${name} | ${(size / 1024).toFixed(0)} KiB | ${(size / base).toFixed(2)}× |`);
}

// ---- main ----

console.log(`# tsmux benchmarks\n\nNode ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${new Date().toISOString().slice(0, 10)}`);
const names = peers.map((p) => p.name);
if (part('hono')) table('hono / delvedor router benchmark (12 routes)', await timeAll('hono', honoRoutes, honoCases, peers), names);
if (part('go')) {
  const goResults: Results = new Map();
  for (const set of goSets) {
    const r = await timeAll(set.name, set.routes, [set.all], peers);
    goResults.set(`${set.name} (${set.routes.length} routes), all`, r.get('all')!);
  }
  table('Go routing benchmark route sets: every route\'s sample request in one loop', goResults, names);
}
if (part('composition')) await composition(go.github!, quick);
if (part('registration')) registration();
if (part('gorilla')) await gorillaCases();
if (part('scaling')) await scaling();
if (part('heap')) heap();
if (part('e2e')) await endToEnd(quick ? 3 : 5);
