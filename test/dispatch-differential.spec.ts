// The route index must never change an answer: random route tables and random requests, served by the
// indexed router and by a plain in-order scan of every route (the reference), must agree on match,
// route, vars, 404/405, Allow and redirects.
import { expect } from 'chai';
import fc from 'fast-check';
import { newRouter, Route, RouteMatch, type RequestLike, type Router } from '../src/index.js';
import { build, buildLater, handlerFor, handlers, requestArb, table } from './random-tables.js';
import { RouteIndex } from '../src/dispatch/index/route-index.js';
import { RequestLookup } from '../src/dispatch/lookup.js';
import { RequestView } from '../src/matchers/request-view.js';
import { allowedMethods } from '../src/route/route-match.js';

function answer(r: Router, request: RequestLike) {
  const m = new RouteMatch();
  const ok = r.match(request, m);
  return {
    ok,
    route: m.route?.getMetadataValueOr('id', 'none'),
    vars: m.vars,
    // (deep.equal ignores key order; the index once set a mixed segment's or the host's variables last.)
    varOrder: Object.keys(m.vars).join(','),
    err: m.matchErr?.message,
    allow: allowedMethods(m),
    handler: m.handler === undefined ? 'none' : [...handlers.entries()].find(([, h]) => h === m.handler)?.[0] ?? 'other',
  };
}

async function served(r: Router, request: RequestLike) {
  const res = { statusCode: 200, headers: {} as Record<string, string>, body: '', headersSent: false, writableEnded: false,
    setHeader(k: string, v: string) { this.headers[k.toLowerCase()] = v; },
    removeHeader(k: string) { delete this.headers[k.toLowerCase()]; },
    write(b: string) { this.body += b; return true; },
    end(b?: string) { this.body += b ?? ''; this.writableEnded = true; this.headersSent = true; } };
  await r.serveHTTP(request as never, res as never);
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

describe('Dispatch: the index agrees with the plain in-order scan (newRouter({ index: false }))', function () {
  this.timeout(300000);

  // 3,000 + 2,000 + 500 random tables per run, each with requests before and after routes are added.
  it('on match(): route, vars, matchErr, Allow and handler, also after routes are added', () =>
    fc.assert(
      fc.property(table, fc.array(requestArb, { minLength: 1, maxLength: 6 }), fc.array(requestArb, { maxLength: 3 }), (t, requests, after) => {
        const indexed = build(t);
        const reference = build(t, { index: false });
        for (const request of requests) {
          expect(answer(indexed, request), `${request.method} ${request.url}`).to.deep.equal(answer(reference, request));
        }
        buildLater(indexed, t);
        buildLater(reference, t);
        for (const request of [...after, ...requests.slice(0, 1)]) {
          expect(answer(indexed, request), `after: ${request.method} ${request.url}`).to.deep.equal(answer(reference, request));
        }
      }),
      { numRuns: 3000 },
    ));

  it('on serveHTTP: status, Location, Allow and body (redirects included)', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(requestArb, { minLength: 1, maxLength: 5 }), async (t, requests) => {
        const indexed = build(t);
        const reference = build(t, { index: false });
        buildLater(indexed, t);
        buildLater(reference, t);
        for (const request of requests) {
          expect(await served(indexed, request), `${request.method} ${request.url}`).to.deep.equal(await served(reference, request));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('with the trie walked by the interpreter (where generating code is not allowed) as with generated code', () =>
    fc.assert(
      fc.property(table, fc.array(requestArb, { minLength: 1, maxLength: 6 }), (t, requests) => {
        const router = build(t);
        const interpreted = new RouteIndex(router, { generateCode: false });
        // Every chunk compiled the first time a search enters it.
        const eager = new RouteIndex(router, { compileAfter: 1 });
        for (const request of requests) {
          const view = new RequestView(request);
          if (view.malformed) continue;
          const m = new RouteMatch();
          const found = interpreted.find(RequestLookup.of(view, request), m);
          const compiled = new RouteMatch();
          const direct = eager.find(RequestLookup.of(view, request), compiled);
          expect({ found, route: m.route, vars: m.vars }, `${request.method} ${request.url}`).to.deep.equal({ found: direct, route: compiled.route, vars: compiled.vars });
        }
      }),
      { numRuns: 500 },
    ));

  it('keeps working when routes are added or changed after requests were served', () => {
    const r = newRouter();
    r.handleFunc('/a/{id}', handlerFor('late-1'));
    const probe = { method: 'GET', url: '/a/static', headers: {} };
    expect(answer(r, probe).handler).to.equal('late-1');
    const r2 = newRouter();
    r2.handleFunc('/a/static', handlerFor('late-2'));
    expect(answer(r2, probe).handler).to.equal('late-2');
    // A route appended later never overtakes an earlier one, but is found when nothing earlier matches.
    r.handleFunc('/a/static', handlerFor('late-2'));
    expect(answer(r, probe).handler).to.equal('late-1');
    r.handleFunc('/b', handlerFor('late-3'));
    expect(answer(r, { method: 'GET', url: '/b', headers: {} }).handler).to.equal('late-3');
    // A route given its path after it was indexed is re-indexed.
    const route = r.newRoute();
    expect(answer(r, { method: 'GET', url: '/c', headers: {} }).ok).to.equal(true);
    route.path('/d').handlerFunc(handlerFor('late-4'));
    expect(answer(r, { method: 'GET', url: '/c', headers: {} }).ok).to.equal(false);
    expect(answer(r, { method: 'GET', url: '/d', headers: {} }).handler).to.equal('late-4');
    // A subrouter's 404 handler set after requests were served takes effect.
    const sub = r.pathPrefix('/s').subrouter();
    expect(answer(r, { method: 'GET', url: '/s/x', headers: {} }).ok).to.equal(false);
    sub.notFoundHandler = handlerFor('late-5');
    expect(answer(r, { method: 'GET', url: '/s/x', headers: {} }).handler).to.equal('late-5');
  });

  it('a Route used directly still matches without any table', () => {
    const route = new Route().path('/x/{id}');
    expect(route.match({ method: 'GET', url: '/x/1', headers: {} }, new RouteMatch())).to.equal(true);
  });
});
