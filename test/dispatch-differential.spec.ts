// The route index must never change an answer: random route tables and random requests, served by the
// indexed router and by a plain in-order scan of every route (the reference), must agree on match,
// route, vars, 404/405, Allow and redirects.
import { expect } from 'chai';
import fc from 'fast-check';
import { newRouter, Route, RouteMatch, type RequestLike, type Router } from '../src/index.js';
import { build, handlerFor, handlers, requestArb, table } from './random-tables.js';
import { allowedMethods } from '../src/route/route-match.js';

function answer(r: Router, request: RequestLike) {
  const m = new RouteMatch();
  const ok = r.match(request, m);
  return {
    ok,
    route: m.route?.getMetadataValueOr('id', 'none'),
    vars: m.vars,
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

describe('Dispatch: the index agrees with a plain in-order scan', function () {
  this.timeout(120000);

  const agreesOnMatch = (numRuns: number) =>
    fc.assert(
      fc.property(table, fc.array(requestArb, { minLength: 1, maxLength: 8 }), (t, requests) => {
        const indexed = build(t);
        const reference = build(t, { index: false });
        for (const request of requests) {
          expect(answer(indexed, request), `${request.method} ${request.url}`).to.deep.equal(answer(reference, request));
        }
      }),
      { numRuns },
    );

  it('on match, route, vars, matchErr and Allow', () => agreesOnMatch(1500));

  it('on served status, Location, Allow and body (redirects included)', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(requestArb, { minLength: 1, maxLength: 5 }), async (t, requests) => {
        const indexed = build(t);
        const reference = build(t, { index: false });
        for (const request of requests) {
          expect(await served(indexed, request), `${request.method} ${request.url}`).to.deep.equal(await served(reference, request));
        }
      }),
      { numRuns: 800 },
    );
  });

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
  });

  it('a Route used directly still matches without any table', () => {
    const route = new Route().path('/x/{id}');
    expect(route.match({ method: 'GET', url: '/x/1', headers: {} }, new RouteMatch())).to.equal(true);
  });
});
