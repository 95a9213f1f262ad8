// router.explain(req): the outcome serveHTTP reaches, and each route's matcher verdicts.
import { expect } from 'chai';
import fc from 'fast-check';
import { currentRoute, RouteMatch, type Explanation, type RequestLike, type Router } from '../src/index.js';
import { MatchState } from '../src/route/route-match.js';
import { type Route, SubrouterMatcher } from '../src/route/route.js';
import { methodLists } from '../src/matchers/matchers.js';
import { RequestView } from '../src/matchers/request-view.js';
import { describeEngines } from './engines.js';
import { build, buildLater, requestArb, table } from './random-tables.js';
import { req } from './helpers.js';
import { served } from './fake-response.js';

const ok = () => undefined;

function verdicts(e: Explanation, routeIndex: number): string[] {
  return e.tried[routeIndex]!.verdicts.map((v) => `${v.ok ? 'ok' : 'NO'} ${v.detail}`);
}

/**
 * explain() of `method` to `/x` at the end of a chain of 300 `pathPrefix(prefix)` subrouters (each also
 * limited to `methods` when given).
 */
function explainChain(root: Router, prefix: string, method: string, methods?: string[]): Explanation {
  let r = root;
  for (let i = 0; i < 300; i++) {
    const route = r.pathPrefix(prefix);
    if (methods !== undefined) route.methods(...methods);
    r = route.subrouter();
  }
  r.handleFunc('/x', ok);
  return root.explain(req(method, prefix.repeat(300) + '/x'));
}

describeEngines('explain', (make) => {
  it('a match: the route, its vars, and the routes tried before it with what each compared', () => {
    const r = make();
    r.handleFunc('/users/{id:[0-9]+}', ok).methods('GET', 'PUT').name('user');
    r.handleFunc('/users/{name}', ok).methods('POST');
    r.handleFunc('/never', ok);
    const e = r.explain(req('POST', '/users/abc'));
    expect(e.outcome).to.equal('match');
    expect(e.route!.getPathTemplate()).to.equal('/users/{name}');
    expect(e.vars).to.deep.equal({ name: 'abc' });
    expect(e.tried.map((t) => t.ok)).to.deep.equal([false, true]);
    expect(verdicts(e, 0)).to.deep.equal([
      'NO path: "/users/{id:[0-9]+}" vs "/users/abc": var id "abc" does not match [0-9]+',
      'NO methods: GET,PUT vs POST',
    ]);
    expect(verdicts(e, 1)).to.deep.equal(['ok path: "/users/{name}" vs "/users/abc": name="abc"', 'ok methods: POST vs POST']);
  });

  it('405 with its Allow, 404, and the text where a literal path differs', () => {
    const r = make();
    r.handleFunc('/books', ok).methods('GET');
    r.handleFunc('/books', ok).methods('PUT', 'GET');
    const e405 = r.explain(req('DELETE', '/books'));
    expect(e405.outcome).to.equal('methodNotAllowed');
    expect(e405.status).to.equal(405);
    expect(e405.allow).to.deep.equal(['GET', 'PUT']);
    const e404 = r.explain(req('GET', '/bookz'));
    expect(e404.outcome).to.equal('notFound');
    expect(e404.status).to.equal(404);
    expect(verdicts(e404, 0)[0]).to.equal('NO path: "/books" vs "/bookz": the text differs at "z"');
    expect(e404.tried).to.have.length(2);
  });

  it('host, schemes, headers, headersRegexp, queries and custom matchers say what they compared', () => {
    const r = make();
    r.newRoute()
      .host('{sub:[a-z]+}.example.com')
      .schemes('https')
      .headers('X-Version', '2', 'X-Key', '')
      .headersRegexp('Accept', 'json$')
      .queries('page', '{page:[0-9]+}', 'sort', '')
      .matcherFunc(() => true)
      .handlerFunc(ok);
    r.newRoute()
      .matcherFunc(function fromOffice() {
        return false;
      })
      .handlerFunc(ok);
    const e = r.explain({
      method: 'GET',
      url: 'http://api.example.com/x?page=abc',
      headers: { host: 'api.example.com', 'x-version': '1', accept: 'text/html' },
    });
    expect(e.outcome).to.equal('notFound');
    expect(verdicts(e, 0)).to.deep.equal([
      'ok host: "{sub:[a-z]+}.example.com" vs "api.example.com": sub="api"',
      'NO schemes: https vs http',
      'NO headers: X-Version="2" vs "1"; X-Key (any value) vs (absent)',
      'NO headersRegexp: Accept~/json$/ vs "text/html"',
      'NO queries: "page={page:[0-9]+}" vs "page=abc": var page "abc" does not match [0-9]+',
      'NO queries: "sort=" vs (no "sort" in the query)',
      'NO custom: not called, an earlier matcher failed',
    ]);
    expect(e.tried[0]!.verdicts.at(-1)).to.include({ skipped: true });
    expect(verdicts(e, 1)).to.deep.equal(['NO custom: matcherFunc fromOffice returned false']);
  });

  it('replays each subrouter once: a custom matcher 200 levels down is called once by the replay, not once per level above it', () => {
    const r = make();
    let sub = r;
    for (let i = 0; i < 200; i++) sub = sub.pathPrefix(`/l${i}`).subrouter();
    let calls = 0;
    sub.handleFunc('/leaf', ok).matcherFunc(() => (calls++, true));
    const url = Array.from({ length: 200 }, (_, i) => `/l${i}`).join('') + '/leaf';
    const e = r.explain(req('GET', url));
    expect(e.outcome).to.equal('match');
    expect(e.tried).to.have.length(201);
    // One call decides the outcome (as serving would), one is the replay's verdict.
    expect(calls).to.equal(2);
    expect(e.tried[200]!.verdicts.filter((v) => v.inherited)).to.have.length(200);
  });

  it('lists subrouter routes one level deeper, inherited matchers marked, and skips what dispatch never enters', () => {
    const r = make();
    r.host('admin.localhost').subrouter().handleFunc('/', ok);
    const api = r.pathPrefix('/api').subrouter();
    api.handleFunc('/a', ok).methods('GET');
    api.handleFunc('/b', ok).methods('GET');
    const e = r.explain(req('GET', '/api/b'));
    expect(e.outcome).to.equal('match');
    expect(e.route!.getPathTemplate()).to.equal('/api/b');
    expect(e.tried.map((t) => [t.depth, t.ok, t.route.conf.path?.template])).to.deep.equal([
      [0, false, undefined],
      [0, true, '/api'],
      [1, false, '/api/a'],
      [1, true, '/api/b'],
    ]);
    expect(e.tried[0]!.verdicts[1]).to.include({ kind: 'subrouter', ok: false, skipped: true });
    expect(e.tried[1]!.verdicts.map((v) => v.kind)).to.deep.equal(['pathPrefix', 'subrouter']);
    expect(e.tried[3]!.verdicts[0]).to.include({ kind: 'pathPrefix', ok: true, inherited: true });
  });

  it('redirects: a path that is not clean, and a strict-slash route, each with its Location', () => {
    const r = make().strictSlash(true);
    r.handleFunc('/a/', ok);
    const clean = r.explain(req('GET', '/x/../a/?q=1'));
    expect(clean).to.include({ outcome: 'redirect', status: 301, location: '/a/?q=1' });
    expect(clean.tried).to.deep.equal([]);
    const slash = r.explain(req('GET', '/a?q=1'));
    expect(slash).to.include({ outcome: 'redirect', status: 301, location: '/a/?q=1' });
    expect(slash.route!.getPathTemplate()).to.equal('/a/');
  });

  // Reported from outside: explain() threw on a method that is not a string, and the debug page answered
  // 500 for it and for a request without a headers object (match() and serveHTTP answer them 405/404).
  it('a hand-made request with a method that is no string, or no headers object, is explained and answered', async () => {
    const r = make({ debug: true });
    r.handleFunc('/x', ok).methods('GET');
    const odd = { method: 5, url: '/x', headers: {} } as unknown as RequestLike;
    expect(r.explain(odd)).to.include({ outcome: 'methodNotAllowed', status: 405 });
    expect(r.explain(odd).toString().split('\n')[0]).to.equal('5 "http:///x"');
    expect((await served(r, odd)).status).to.equal(405);
    const bare = (method: string, url: string) => ({ method, url, headers: null }) as unknown as RequestLike;
    expect((await served(r, bare('POST', '/x'))).status).to.equal(405);
    expect((await served(r, bare('GET', '/y'))).status).to.equal(404);
  });

  it('400 for a host that is not a host, and the asterisk-form target as serveHTTP answers it', async () => {
    const r = make();
    r.handleFunc('/a', ok).methods('GET', 'PUT');
    r.handleFunc('/b', ok).methods('POST', 'GET');
    const host = r.explain({ method: 'GET', url: '/a', headers: { host: 'a b' } });
    expect(host).to.include({ outcome: 'badRequest', status: 400, reason: 'the host "a b" is not a valid host' });
    // The other two reasons a host is refused are named as such.
    const both = r.explain({ method: 'GET', url: '/a', headers: { host: 'a.example', ':authority': 'b.example' } });
    expect(both).to.include({ outcome: 'badRequest', status: 400, reason: 'its Host header "a.example" is not its :authority "b.example"' });
    const twice = r.explain({ method: 'GET', url: '/a', headers: { host: 'a.example' }, rawHeaders: ['Host', 'a.example', 'Host', 'b.example'] } as RequestLike);
    expect(twice).to.include({ outcome: 'badRequest', status: 400, reason: 'the request has two Host header lines' });
    const star = r.explain({ method: 'OPTIONS', url: '*', headers: { host: 'h' } });
    expect(star).to.include({ outcome: 'asterisk', status: 200 });
    expect(star.allow).to.deep.equal(['GET', 'PUT', 'POST']);
    expect((await served(r, { method: 'OPTIONS', url: '*', headers: { host: 'h' } })).headers.allow).to.equal(star.allow!.join(', '));
    expect(star.toString()).to.contain('=> 200 OK (Allow: GET, PUT, POST)');
    expect(r.explain({ method: 'GET', url: '*', headers: { host: 'h' } })).to.include({ outcome: 'badRequest', status: 400 });
  });

  it('400 for a malformed path, 414 for a path or a variable too long', () => {
    const r = make({ maxPathLength: 20, maxParamLength: 3 });
    r.handleFunc('/{v}', ok);
    expect(r.explain(req('GET', '/%zz'))).to.include({ outcome: 'badRequest', status: 400 });
    expect(r.explain(req('GET', '/' + 'a'.repeat(30)))).to.include({ outcome: 'uriTooLong', status: 414 });
    const long = r.explain(req('GET', '/abcd'));
    expect(long).to.include({ outcome: 'uriTooLong', status: 414 });
    expect(long.reason).to.match(/maxParamLength/);
  });

  it("a route without a handler, and the router's own notFound and methodNotAllowed handlers", () => {
    const r = make();
    r.path('/nohandler');
    r.handleFunc('/m', ok).methods('GET');
    expect(r.explain(req('GET', '/nohandler')).reason).to.match(/matched but has no handler/);
    // After a route that failed on its method: 405 with its Allow, naming the route without a handler.
    r.path('/m');
    const after = r.explain(req('PUT', '/m'));
    expect(after).to.include({ outcome: 'methodNotAllowed', status: 405 });
    expect(after.allow).to.deep.equal(['GET']);
    expect(after.route?.getPathTemplate()).to.equal('/m');
    expect(after.reason).to.equal('route with path "/m" matched but has no handler, and routes before it matched all but their methods');
    r.notFoundHandler = ok;
    r.methodNotAllowedHandler = ok;
    const nf = r.explain(req('GET', '/zzz'));
    expect(nf).to.include({ outcome: 'notFound' });
    expect(nf.reason).to.match(/notFoundHandler/);
    const mna = r.explain(req('POST', '/m'));
    expect(mna.outcome).to.equal('methodNotAllowed');
    expect(mna.allow).to.deep.equal(['GET']);
  });

  it('a long request: each route shows its input cut after 200 characters, and an almost-fitting template is still explained', () => {
    const r = make();
    for (let i = 0; i < 50; i++) r.handleFunc(`/r${i}/{a}-{b}`, ok);
    r.handleFunc('/archive/{year}-{month}-{day}.html', ok);
    const dashes = '-'.repeat(4000);
    const e = r.explain(req('GET', `/archive/${dashes}/`));
    expect(e.outcome).to.equal('notFound');
    const last = verdicts(e, 50)[0]!;
    expect(last).to.equal(`NO path: "/archive/{year}-{month}-{day}.html" vs "/archive/${'-'.repeat(191)}"… (and 3,810 more characters): the text differs at "${'-'.repeat(200)}"… (and 3,799 more characters)`);
    // The path is shown whole once (the request line), not once per route.
    expect(e.toString().length).to.be.below(4000 + 51 * 700);
  });

  // Reported from outside: the methods and schemes verdicts showed the method and the absolute-form
  // scheme whole, once per route, so a 15 KB request made a 1.5 MB debug page from 100 routes.
  it('a long method or absolute-form scheme is cut after 200 characters in each verdict too', () => {
    const r = make();
    for (let i = 0; i < 20; i++) r.handleFunc(`/r${i}`, ok).methods('GET').schemes('https');
    const scheme = 'a'.repeat(8000);
    const e = r.explain({ method: 'M'.repeat(8000), url: `${scheme}://x/r3`, headers: {} });
    const tried = e.tried.find((t) => t.route.getPathTemplate() === '/r3')!;
    const detail = (kind: string) => tried.verdicts.find((v) => v.kind === kind)!.detail;
    expect(detail('methods')).to.equal(`methods: GET vs "${'M'.repeat(200)}"… (and 7,800 more characters)`);
    expect(detail('schemes')).to.equal(`schemes: https vs "${'a'.repeat(200)}"… (and 7,800 more characters)`);
    for (const t of e.tried) for (const v of t.verdicts) expect(v.detail.length, v.detail.slice(0, 40)).to.be.below(600);
  });

  it('toString shows the request, the outcome and every verdict, escaping control characters', () => {
    const r = make();
    r.handleFunc('/users/{id:[0-9]+}', ok).methods('GET').name('user');
    const text = r.explain({ method: 'GET', url: '/users/%1B[31mred', headers: { host: 'h' } }).toString();
    expect(text).to.contain('=> 404 Not Found: no route matched');
    expect(text).to.contain('GET /users/{id:[0-9]+} (user)');
    expect(text).to.contain('NO path: "/users/{id:[0-9]+}" vs "/users/\\x1b[31mred": var id "\\x1b[31mred" does not match [0-9]+');
    expect(text).not.to.contain('\u001b');
  });

  // Reported from outside: the text repeated every inherited verdict on every route below, each indented by
  // its depth (cubic: 87 MB at 400 levels, and a RangeError past a string's maximum length at 800).
  it('toString of a tree 300 subrouters deep stays small: long runs of inherited verdicts take one line, indentation stops growing', () => {
    const e = explainChain(make(), '/a', 'GET');
    expect(e.outcome).to.equal('match');
    expect(e.tried[299]!.verdicts.filter((v) => v.inherited)).to.have.length(299);
    // A built-in matcher's verdict is one object on every route that shows it (made per route, the
    // inherited verdicts of such a tree were most of explain()'s time: 0.4 s at 800 levels, now 0.1 s).
    expect(new Set(e.tried.slice(1).map((t) => t.verdicts[0])).size).to.equal(1);
    // Shared, so frozen: changing one route's verdict cannot change another's.
    expect(Object.isFrozen(e.tried[1]!.verdicts[0])).to.equal(true);
    const text = e.toString();
    expect(text.length).to.be.below(1_000_000);
    expect(text).to.contain('    ok 299 inherited matchers (as on the routes above)');
    expect(text).to.contain(`${'  '.repeat(17)}MATCH (depth 299) ANY ${'/a'.repeat(100)}… (and 401 more characters)`);
    // A short run is still shown verdict by verdict.
    expect(text).to.match(/\n {8}ok pathPrefix: "\/a" vs "[/a]+"… \(and 402 more characters\) \(inherited\)\n/);
  });

  // Found from outside: a run of inherited verdicts was folded only when they all passed, so a method
  // failing at every level kept the text cubic in the depth (52 MB at 400 levels), and JSON was never folded.
  it('a tree 300 deep failing a method at every level: text and JSON both stay small, the run counted with its failures', () => {
    const e = explainChain(make(), '/a', 'POST', ['GET']);
    expect([e.outcome, e.allow]).to.deep.equal(['methodNotAllowed', ['GET']]);
    expect(e.toString().length).to.be.below(1_500_000);
    expect(e.toString()).to.contain('    NO 598 inherited matchers, 299 failing (as on the routes above)');
    const json = JSON.stringify(e);
    expect(json.length).to.be.below(1_500_000);
    const last = (JSON.parse(json) as { tried: { verdicts: { kind: string; ok: boolean; detail: string }[] }[] }).tried[300]!;
    expect(last.verdicts[0]).to.deep.equal({ kind: 'inherited', ok: false, detail: '600 inherited matchers, 300 failing (as on the routes above)', inherited: true });
  });

  // Found from outside: each route's label and prefix verdict held its whole template, every prefix above
  // it included, so the text, JSON and debug page still grew with the square of the depth (21 MB at 2,000).
  it('a tree 300 deep of long prefixes: each template is cut after 200 characters where an explanation shows it', () => {
    const e = explainChain(make(), '/abcdefghij', 'GET');
    expect(e.outcome).to.equal('match');
    for (const out of [e.toString(), JSON.stringify(e)]) expect(out.length).to.be.below(600_000);
    expect(e.toString()).to.contain(`ANY ${'/abcdefghij'.repeat(18)}/a… (and 3,102 more characters)`);
    // The route itself keeps its template whole.
    expect(e.route!.getPathTemplate()).to.have.length(3302);
  });

  // Reported from outside: JSON.stringify threw on the routes' links to their routers ("circular structure").
  it('JSON.stringify writes the explanation with each route as its label', () => {
    const r = make();
    r.handleFunc('/users/{id}', ok).methods('GET').name('user');
    r.pathPrefix('/api').subrouter().handleFunc('/b', ok).methods('POST');
    const json = JSON.parse(JSON.stringify(r.explain(req('POST', '/api/b')))) as Record<string, unknown>;
    expect(json).to.deep.include({ outcome: 'match', route: 'POST /api/b', vars: {} });
    expect((json.tried as { route: string; depth: number }[]).map((t) => [t.route, t.depth])).to.deep.equal([
      ['GET /users/{id} (user)', 0],
      ['ANY /api*', 0],
      ['POST /api/b', 1],
    ]);
    expect(Object.keys(r.explain(req('GET', '/nothing')))).not.to.include('toJSON');
  });

  // Reported from outside: the first line printed the request's method as it came.
  it('toString escapes the method on its first line too (a hand-made or HTTP/2 request may carry anything)', () => {
    const r = make();
    r.handleFunc('/a', ok).methods('GET');
    const text = r.explain({ method: 'G\u001b[2JET', url: '/a', headers: { host: 'h' } }).toString();
    expect(text.split('\n')[0]).to.equal('"G\\x1b[2JET" "http://h/a"');
    expect(text).not.to.contain('\u001b');
  });

  it('runs no handler and no middleware', () => {
    const r = make();
    let calls = 0;
    r.use((next) => (q, s) => {
      calls++;
      return next(q, s);
    });
    r.handleFunc('/x', () => calls++);
    expect(r.explain(req('GET', '/x')).outcome).to.equal('match');
    expect(calls).to.equal(0);
  });
});

describeEngines('explain agrees with serveHTTP on random tables', (make) => {
  // What serveHTTP answered, as an explanation's outcome: a subrouter's own notFound and
  // methodNotAllowed handlers (`handler nf<id>`, `handler mna<id>`) answer misses.
  const outcomeOf = (status: number, body: string) =>
    status === 200
      ? body.startsWith('handler nf') ? 'notFound' : body.startsWith('handler mna') ? 'methodNotAllowed' : 'match'
      : ({ 301: 'redirect', 404: 'notFound', 405: 'methodNotAllowed', 400: 'badRequest' } as Record<number, string>)[status];

  async function agree(r: Router, request: RequestLike): Promise<void> {
    const e = r.explain(request);
    const servedRequest = { ...request, headers: { ...request.headers } };
    const s = await served(r, servedRequest);
    const where = `${request.method} ${request.url} ${JSON.stringify(request.headers)}`;
    expect(e.outcome, where).to.equal(outcomeOf(s.status, s.body));
    if (e.outcome === 'match') {
      expect(e.route, where).to.equal(currentRoute(servedRequest as never));
      expect(e.tried.filter((x) => x.ok).at(-1)?.route, where).to.equal(e.route);
      const m = new RouteMatch();
      r.match(request, m);
      expect(e.vars, where).to.deep.equal(m.vars);
    }
    if (e.outcome === 'redirect') expect(e.location, where).to.equal(s.headers.location);
    if (e.outcome === 'methodNotAllowed' && s.status === 405) expect(e.allow!.join(', '), where).to.equal(s.headers.allow);
    // Each subrouter verdict of the replay is what dispatching that subrouter answers (its routes held to
    // the methods the routes above gained after subrouter(), as dispatch holds them).
    const chain: Route[] = [];
    for (const t of e.tried) {
      chain.length = t.depth;
      chain.push(t.route);
      const v = t.verdicts.find((x) => x.kind === 'subrouter' && !x.skipped);
      if (v === undefined) continue;
      const state = new MatchState();
      const late = chain.flatMap((route) => {
        const items = route.conf.matchers.items();
        return methodLists(items.slice(items.findIndex((m) => m instanceof SubrouterMatcher) + 1));
      });
      if (late.length > 0) state.enclosingMethods = late;
      const sub = new RouteMatch();
      const dispatched = t.route.subrouterOrUndefined!.dispatchNested(new RequestView(request), request, sub, state);
      expect(v.ok, `${where}: subrouter of ${t.route.describe()}`).to.equal(dispatched);
      if (!dispatched && state.methodNotAllowed) expect(v.detail, where).to.equal(`subrouter: routes matched all but their methods (${state.allowed.join(',')})`);
      else if (!dispatched) expect(v.detail, where).to.equal(state.queryBlocked ? 'subrouter: routes matched all but their queries' : 'subrouter: no route matched');
    }
  }

  it('outcome, route, vars, Location and Allow, also after routes are added', async function () {
    this.timeout(120000);
    await fc.assert(
      fc.asyncProperty(table, fc.array(requestArb, { minLength: 1, maxLength: 6 }), async (t, requests) => {
        const r = build(t, optionsOf(make));
        for (const request of requests) await agree(r, request);
        buildLater(r, t);
        for (const request of requests) await agree(r, request);
      }),
      { numRuns: 300 },
    );
  });
});

// The engine options a describeEngines suite runs with, read back from a router it makes.
function optionsOf(make: () => Router) {
  return { index: make().conf.options.index };
}

describeEngines('explain: a strict-slash redirect above a subrouter that answers misses', (make) => {
  it('reports the redirect serveHTTP answers, not the notFoundHandler it overrides (a random table found it)', async () => {
    const r = make().strictSlash(true);
    r.path('/');
    const sub = r.path('/{a}{b:[0-9]+}/a').subrouter();
    // `/{a}{b}/a/` under strict slash: `/v1/a` matches it, with a redirect to `/v1/a/`.
    const inner = sub.path('/').subrouter();
    inner.path('/').subrouter().pathPrefix('/');
    inner.notFoundHandler = (_req, res) => void res.end('nf');
    const request = { method: 'GET', url: '/v1/a', headers: { host: 'api.example' } };
    const answer = await served(r, request);
    expect([answer.status, answer.headers.location]).to.deep.equal([301, '/v1/a/']);
    const e = r.explain(request);
    expect([e.outcome, e.location]).to.deep.equal(['redirect', '/v1/a/']);
  });
});
