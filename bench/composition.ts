// Composed gorilla-style apps beside find-my-way with the matching constraint: a host subrouter, a
// versioned prefix subrouter, a pathless header route first, 404 and 405 against a hit, serveHTTP with
// vars() against find-my-way's lookup(req, res); then registration, appending and subrouter depth.
import FindMyWay from 'find-my-way';
import { newRouter, RouteMatch, vars, type Router } from '../src/index.js';
import { do_not_optimize } from 'mitata';
import type { BenchRoute } from './adapters.js';
import { inTurns, median } from './timing.js';

type GoRoute = BenchRoute & { request: string };

const fmt = (ns: number) => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(1)} ns`);
const noop = () => undefined;
const HOST = 'api.example.com';

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`composition bench: ${what} does not answer as expected`);
}

// A loop over every sample request of a route set, through tsmux's match().
function tsmuxLoop(r: Router, routes: readonly GoRoute[], headers: Record<string, string>, prefix = '') {
  const reqs = routes.map((g) => ({ method: g.method, url: prefix + g.request, headers }));
  for (const q of reqs) must(r.match(q, new RouteMatch()), `tsmux ${q.method} ${q.url}`);
  return () => {
    for (let i = 0; i < reqs.length; i++) do_not_optimize(r.match(reqs[i]!, new RouteMatch()));
  };
}

export async function composition(github: readonly GoRoute[], quick: boolean): Promise<void> {
  const rows: [string, () => unknown, () => unknown, number, string][] = []; // name, tsmux, base, target, base name
  const add = (name: string, t: () => unknown, base: () => unknown, target: number, baseName = 'find-my-way') => {
    rows.push([name, t, base, target, baseName]);
  };

  // 1. The GitHub API under a host subrouter; find-my-way with a host constraint.
  {
    const r = newRouter();
    const api = r.host(HOST).subrouter();
    for (const g of github) api.handleFunc(g.gorilla, noop).methods(g.method);
    const f = FindMyWay();
    for (const g of github) f.on(g.method as 'GET', g.path, { constraints: { host: HOST } }, noop);
    const reqs = github.map((g) => ({ method: g.method as 'GET', path: g.request }));
    for (const q of reqs) must(f.find(q.method, q.path, { host: HOST }) !== null, `fmw ${q.path}`);
    add('GitHub API (203 routes) under host(api.example.com).subrouter(), all', tsmuxLoop(r, github, { host: HOST }), () => {
      for (let i = 0; i < reqs.length; i++) do_not_optimize(f.find(reqs[i]!.method, reqs[i]!.path, { host: HOST }));
    }, 1.0);
  }

  // 2. 50 routes under a versioned prefix subrouter; find-my-way with the same parameter and pattern.
  {
    const routes = github.slice(0, 50);
    const r = newRouter();
    const v = r.pathPrefix('/api/v{version:[0-9]+}').subrouter();
    for (const g of routes) v.handleFunc(g.gorilla, noop).methods(g.method);
    const f = FindMyWay();
    for (const g of routes) f.on(g.method as 'GET', '/api/v:version(^\\d+)' + g.path, noop);
    const reqs = routes.map((g) => ({ method: g.method as 'GET', path: '/api/v2' + g.request }));
    for (const q of reqs) must(f.find(q.method, q.path) !== null, `fmw ${q.path}`);
    const m = new RouteMatch();
    must(r.match({ method: 'GET', url: '/api/v2/authorizations/7', headers: {} }, m) && m.vars.version === '2' && m.vars.id === '7', 'tsmux vars');
    add("50 routes under pathPrefix('/api/v{version:[0-9]+}').subrouter(), all", tsmuxLoop(r, routes, {}, '/api/v2'), () => {
      for (let i = 0; i < reqs.length; i++) do_not_optimize(f.find(reqs[i]!.method, reqs[i]!.path));
    }, 1.0);
  }

  // 3. A pathless header route registered first, against the same table without it.
  {
    const plain = newRouter();
    for (const g of github) plain.handleFunc(g.gorilla, noop).methods(g.method);
    const withHeader = newRouter();
    withHeader.headers('X-Forwarded-Proto', 'http').handlerFunc(noop);
    for (const g of github) withHeader.handleFunc(g.gorilla, noop).methods(g.method);
    const headers = { 'x-forwarded-proto': 'https' };
    add('GitHub API with a pathless headers() route first, all (vs without it)', tsmuxLoop(withHeader, github, headers), tsmuxLoop(plain, github, headers), 1.3, 'without');
  }

  // 4. A 404 and a 405 (Allow computed) against a hit, on the GitHub table.
  {
    const r = newRouter();
    for (const g of github) r.handleFunc(g.gorilla, noop).methods(g.method);
    const hit = { method: 'GET', url: '/repos/o/r/issues/7', headers: {} };
    const miss = { method: 'GET', url: '/repos/o/r/issues/7/nothing', headers: {} };
    const wrongMethod = { method: 'DELETE', url: '/repos/o/r/issues/7', headers: {} };
    must(r.match(hit, new RouteMatch()) && !r.match(miss, new RouteMatch()), 'hit and 404');
    const m405 = new RouteMatch();
    must(!r.match(wrongMethod, m405) && m405.matchErr?.message === 'method is not allowed', '405');
    const hitFn = () => do_not_optimize(r.match(hit, new RouteMatch()));
    add('GitHub API: a 404 (vs a hit)', () => do_not_optimize(r.match(miss, new RouteMatch())), hitFn, 1.5, 'hit');
    add('GitHub API: a 405 with Allow (vs a hit)', () => do_not_optimize(r.match(wrongMethod, new RouteMatch())), hitFn, 2.0, 'hit');
  }

  // 5. serveHTTP with vars() in the handler against find-my-way's lookup(req, res) with the same handler.
  {
    const r = newRouter();
    let seen = '';
    for (const g of github) r.handleFunc(g.gorilla, (req) => void (seen = vars(req).owner ?? '')).methods(g.method);
    const f = FindMyWay();
    for (const g of github) f.on(g.method as 'GET', g.path, (_req, _res, params) => void (seen = params.owner ?? ''));
    const res = { statusCode: 200, setHeader: noop, getHeader: noop, removeHeader: noop, end: noop, write: noop, headersSent: false, writableEnded: false, on: noop, once: noop };
    const reqs = github.map((g) => ({ method: g.method, url: g.request, headers: { host: HOST } }));
    add('GitHub API through serveHTTP, handler reads vars() (vs fmw lookup(req, res)), all', () => {
      for (let i = 0; i < reqs.length; i++) do_not_optimize(r.serveHTTP(reqs[i] as never, res as never));
    }, () => {
      for (let i = 0; i < reqs.length; i++) do_not_optimize(f.lookup(reqs[i] as never, res as never));
    }, 1.0);
    do_not_optimize(seen);
  }

  console.log('\n### Composed apps (ratio: tsmux / the other column, median of alternating rounds; target in the last column)\n');
  console.log('| case | tsmux | other | ratio | target |\n|---|---:|---:|---:|---:|');
  for (const [name, t, base, target, baseName] of rows) {
    // A second of warm-up each: a route table just built ran up to ten times slower, and unevenly, for about
    // its first second of lookups (both routers, the ratio swinging between rounds), while the
    // collector grew the young generation and the optimising compiler caught up.
    const turns = inTurns([t, base], quick ? 9 : 21, 40, quick ? 150 : 1000);
    const ratio = turns.ratio(0, 1);
    console.log(`| ${name} | ${fmt(turns.ns[0]!)} | ${baseName}: ${fmt(turns.ns[1]!)} | ${ratio.toFixed(2)}× | ≤ ${target.toFixed(1)}× ${ratio <= target ? 'met' : 'missed'} |`);
  }
}

// ---- registration, appending, depth ----

// Median wall time of `fn` over `rounds` runs, in ms.
function timeMs(fn: () => void, rounds: number): number {
  return timeMsInTurns([fn], rounds)[0]!;
}

export function registration(): void {
  console.log('\n### Registration, appending and subrouter depth (median of several rounds)\n');
  console.log('| case | tsmux | other | ratio | target |\n|---|---:|---:|---:|---:|');
  const row = (name: string, t: number, other: string, o: number | undefined, target: string, met: boolean) =>
    console.log(`| ${name} | ${t.toFixed(2)} ms | ${other}${o === undefined ? '' : `: ${o.toFixed(2)} ms`} | ${o === undefined ? '' : `${(t / o).toFixed(2)}×`} | ${target} ${met ? 'met' : 'missed'} |`);

  // 10,000 routes (5,000 static, 5,000 parametric) and the first request.
  const n = 5000;
  const t10k = timeMs(() => {
    const r = newRouter();
    for (let i = 0; i < n; i++) {
      r.handleFunc(`/api/r${i}/items`, noop).methods('GET');
      r.handleFunc(`/api/r${i}/items/{id}`, noop).methods('GET');
    }
    must(r.match({ method: 'GET', url: `/api/r${n - 1}/items/7`, headers: {} }, new RouteMatch()), '10k');
  }, 5);
  const f10k = timeMs(() => {
    const f = FindMyWay();
    for (let i = 0; i < n; i++) {
      f.on('GET', `/api/r${i}/items`, noop);
      f.on('GET', `/api/r${i}/items/:id`, noop);
    }
    must(f.find('GET', `/api/r${n - 1}/items/7`) !== null, 'fmw 10k');
  }, 5);
  row('register 10,000 routes, then the first request', t10k, 'find-my-way', f10k, '≤ 1.0×', t10k <= f10k);

  const tAppend = appendTo50k();
  row('one route added to a 50,000-route table, then the next request', tAppend, '', undefined, '≤ 5 ms', tAppend <= 5);

  // Subrouters nested 100 and 400 deep (each a path prefix), routes at the bottom: registration, then a
  // hit and a miss. After a collection, so that neither depth pays for the garbage of the cases before it
  // (the 50,000-route table above made every collection during the depth runs slow). Each timing builds
  // the same number of levels (32 trees 100 deep, 8 trees 400 deep) and the depths take turns, after one
  // untimed turn: both allocate as much per timing, so each pays its share of the collections. (With as
  // many trees of each, a timing of 100-deep trees often fell between two collections and one of 400-deep
  // trees never did: the ratio swung between 1.6× and 5×.) The lone-run figure is printed too, without a
  // target.
  (globalThis as { gc?: () => void }).gc?.();
  const depth = (d: number, trees: number) => () => {
    for (let t = 0; t < trees; t++) {
      const root = newRouter();
      let r = root;
      let url = '';
      for (let i = 0; i < d; i++) {
        r = r.pathPrefix(`/l${i}`).subrouter();
        url += `/l${i}`;
      }
      r.handleFunc('/leaf/{id}', noop).methods('GET');
      r.handleFunc('/other', noop).methods('GET');
      must(root.match({ method: 'GET', url: url + '/leaf/7', headers: {} }, new RouteMatch()), 'depth hit');
      must(root.match({ method: 'GET', url: url + '/none', headers: {} }, new RouteMatch()) === false, 'depth miss');
    }
  };
  const sameLevels = [depth(100, 32), depth(400, 8)];
  for (const fn of sameLevels) fn();
  const [t100, t400] = timeMsInTurns(sameLevels, 15);
  const d100 = t100! / 32;
  const d400 = t400! / 8;
  row('path-prefix subrouters 400 deep (vs 100 deep): register, then a hit and a miss (per tree; 3,200 levels per timing)', d400, 'depth 100', d100, '≤ 4.0×', d400 <= 4 * d100);
  const [lone100, lone400] = timeMsInTurns([depth(100, 1), depth(400, 1)], 9);
  console.log(`| the same, one tree per timing | ${lone400!.toFixed(2)} ms | depth 100: ${lone100!.toFixed(2)} ms | ${(lone400! / lone100!).toFixed(2)}× | (no target) |`);

  // Segments of text and a variable (`{id:[0-9]+}v17`), each its own child of one node: placing them
  // once looked each one up among its siblings (20,000 took seconds). Four times the routes should
  // cost about four times as much (quadratic growth would give 16×).
  const mixed = (n: number) => () => {
    const r = newRouter();
    for (let i = 0; i < n; i++) r.handleFunc(`/x/{id:[0-9]+}v${i}`, noop).methods('GET');
    must(r.match({ method: 'GET', url: `/x/12v${n - 1}`, headers: {} }, new RouteMatch()), 'mixed segments');
  };
  const [m5k, m20k] = timeMsInTurns([mixed(5000), mixed(20_000)], 5);
  row('20,000 routes `/x/{id:[0-9]+}v<i>` under one node (vs 5,000): register, then the first request', m20k!, '5,000', m5k, '≤ 5.0×', m20k! <= 5 * m5k!);
}

// One route added to a 50,000-route table, and the next request (its own function: the table is garbage
// once it returns).
function appendTo50k(): number {
  const big = newRouter();
  for (let i = 0; i < 25_000; i++) {
    big.handleFunc(`/big/r${i}/items`, noop).methods('GET');
    big.handleFunc(`/big/r${i}/items/{id}`, noop).methods('GET');
  }
  big.match({ method: 'GET', url: '/big/r1/items', headers: {} }, new RouteMatch());
  let k = 0;
  return timeMs(() => {
    big.handleFunc(`/late/r${k}/{id}`, noop).methods('GET');
    must(big.match({ method: 'GET', url: `/late/r${k++}/9`, headers: {} }, new RouteMatch()), 'append');
  }, 9);
}

// Medians of wall times in ms, the functions run one after the other in each round.
function timeMsInTurns(fns: (() => void)[], rounds: number): number[] {
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      times[i]!.push(performance.now() - t0);
    });
  }
  return times.map(median);
}
