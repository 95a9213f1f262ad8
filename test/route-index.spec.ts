// The route index settles routes that only a path and methods decide, in the trie, without evaluating
// them; anything else is left to the routes' own evaluation. (The differential spec checks that answers
// never change; these check which routes the index settles by itself.)
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CompiledWalk, emitChunk, HOT_WINDOW } from '../src/dispatch/index/compiled-walk.js';
import { allowedMethods, newRouter, RouteMatch, type Router } from '../src/index.js';
import { RouteIndex } from '../src/dispatch/index/route-index.js';
import { evaluations } from './helpers.js';
import { RequestLookup } from '../src/dispatch/lookup.js';
import { RouteRegexp } from '../src/template/template.js';

function lookup(r: Router, method: string, url: string): RouteMatch | undefined {
  const m = new RouteMatch();
  return r.match({ method, url, headers: { host: 'example.com' } }, m) ? m : undefined;
}

const h = () => undefined;

describe('Route index: what it settles by itself', () => {
  it('whole-segment variables are checked segment by segment, patterns included', () => {
    const r = newRouter();
    const num = r.handleFunc('/u/{id:[0-9]+}', h).methods('GET');
    const any = r.handleFunc('/u/{name}/{tab}', h);
    let found: (RouteMatch | undefined)[] = [];
    const calls = evaluations(() => (found = [lookup(r, 'GET', '/u/12'), lookup(r, 'GET', '/u/bob/x')]));
    expect(calls).to.equal(0);
    expect(found[0]?.route).to.equal(num);
    expect(found[0]?.vars).to.deep.equal({ id: '12' });
    expect(found[1]?.route).to.equal(any);
    expect(found[1]?.vars).to.deep.equal({ name: 'bob', tab: 'x' });
    // `/u/ab` fails the pattern: nothing matches, and the index tells the 404 without evaluating anything.
    expect(evaluations(() => expect(lookup(r, 'GET', '/u/ab')).to.equal(undefined))).to.equal(0);
  });

  it('a last variable spanning the rest of the path takes it all, and needs its slash', () => {
    const r = newRouter();
    r.handleFunc('/static/{rest:.*}', h);
    let found: (RouteMatch | undefined)[] = [];
    const calls = evaluations(() => (found = [lookup(r, 'GET', '/static/css/a.css'), lookup(r, 'GET', '/static/')]));
    expect(calls).to.equal(0);
    expect(found.map((m) => m?.vars)).to.deep.equal([{ rest: 'css/a.css' }, { rest: '' }]);
    expect(lookup(r, 'GET', '/static')).to.equal(undefined);
  });

  it('a static path keeps registration order over a literal route registered later', () => {
    const r = newRouter();
    const byVar = r.handleFunc('/u/{id}', h).methods('GET');
    const literal = r.handleFunc('/u/new', h);
    expect(lookup(r, 'GET', '/u/new')?.route).to.equal(byVar);
    expect(lookup(r, 'GET', '/u/new')?.vars).to.deep.equal({ id: 'new' });
    expect(lookup(r, 'POST', '/u/new')?.route).to.equal(literal);
    expect(lookup(r, 'POST', '/u/new')?.vars).to.deep.equal({});
  });

  it('a request target is looked up whole only when no static path holds `?` or `%`', () => {
    const r = newRouter();
    const question = r.handleFunc('/a?b', h);
    const a = r.handleFunc('/a', h);
    const percent = r.handleFunc('/100%', h);
    // `/a?b` is the path `/a` with the query `b`; the template `/a?b` needs an encoded `?`.
    expect(lookup(r, 'GET', '/a?b')?.route).to.equal(a);
    expect(lookup(r, 'GET', '/a%3Fb')?.route).to.equal(question);
    expect(lookup(r, 'GET', '/100%')).to.equal(undefined);
    expect(lookup(r, 'GET', '/100%25')?.route).to.equal(percent);
  });

  it('a route with a host registered earlier is checked first in the trie, and may win', () => {
    const r = newRouter();
    const hosted = r.host('example.com').path('/a/{id}').handlerFunc(h);
    const plain = r.handleFunc('/a/{id}', h);
    let m: RouteMatch | undefined;
    expect(evaluations(() => (m = lookup(r, 'GET', '/a/1')))).to.equal(0);
    expect(m?.route).to.equal(hosted);
    const other = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/a/1', headers: { host: 'other.org' } }, other)).to.equal(true);
    expect(other.route).to.equal(plain);
  });

  // Reported from outside: a 404 among routes with a host template checked each host three times (the
  // literal path's checks, again through find, and once more for 404 vs 405), where the scan checks it
  // once: a request with an unknown Host cost the index three times the scan's time.
  it('a 404 among routes with a host template checks each host once, as the scan does', () => {
    const tests = (index: boolean, url: string, method = 'GET') => {
      const r = newRouter({ index });
      for (let i = 0; i < 50; i++) r.host(`{s}.d${i}.com`).path('/x').handlerFunc(h);
      r.host('{s}.q.com').path('/x').queries('k', '1').handlerFunc(h);
      r.handleFunc('/x', h).methods('POST');
      let calls = 0;
      const test = RouteRegexp.prototype.test;
      RouteRegexp.prototype.test = function (this: RouteRegexp, input: string) {
        calls++;
        return test.call(this, input);
      };
      const m = new RouteMatch();
      try {
        r.match({ method, url, headers: { host: 'a.dz.com' } }, m);
      } finally {
        RouteRegexp.prototype.test = test;
      }
      return [calls, m.matchErr?.message];
    };
    for (const [url, method] of [['/x', 'GET'], ['/x?k=1', 'GET'], ['/x', 'PUT']] as const) {
      const [indexed, scanned] = [tests(true, url, method), tests(false, url, method)];
      // (The scan also tests the last route's path template, which the index's trie checks.)
      expect(indexed[1], `${method} ${url}`).to.equal(scanned[1]);
      expect(indexed[0], `${method} ${url}`).to.be.at.most(scanned[0] as number).and.at.least(51);
    }
  });

  // Reported from outside: appending a route reset the cached answer of every literal path, so adding a
  // route before each request to a table of 10,000 literal paths cost 1.3 ms a request (12 µs steady).
  it('appending a route does work independent of how many literal paths have cached answers, which stay right', () => {
    const r = newRouter();
    for (let i = 0; i < 2000; i++) r.handleFunc(`/s${i}`, h).methods('POST');
    for (let i = 0; i < 2000; i++) r.match({ method: 'GET', url: `/s${i}`, headers: {} }, new RouteMatch());
    let sets = 0;
    let compiled = 0;
    const set = Map.prototype.set;
    Map.prototype.set = function (this: Map<unknown, unknown>, k: unknown, v: unknown) {
      sets++;
      return set.call(this, k, v);
    };
    // Working out a literal path's answers compiled the root's chunk (2,000 children) after each append.
    const compile = CompiledWalk.prototype.compile;
    CompiledWalk.prototype.compile = function (this: CompiledWalk, node) {
      compiled++;
      compile.call(this, node);
    };
    let m = new RouteMatch();
    try {
      const added = r.handleFunc('/s5', h).methods('GET');
      expect(r.match({ method: 'GET', url: '/s5', headers: {} }, m)).to.equal(true);
      expect(m.route).to.equal(added);
      r.handleFunc('/t', h);
      expect(r.match({ method: 'GET', url: '/s7', headers: {} }, new RouteMatch())).to.equal(false);
    } finally {
      Map.prototype.set = set;
      CompiledWalk.prototype.compile = compile;
    }
    expect([sets < 100, compiled]).to.deep.equal([true, 0]);
    // Every cached answer is worked out again: another literal path still says 405, with its own Allow.
    m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/s6', headers: {} }, m)).to.equal(false);
    expect(allowedMethods(m)).to.deep.equal(['POST']);
  });

  it('a static path\'s remembered answer follows handlers, middleware, methods and routes changed after it was served', () => {
    const r = newRouter();
    const served: string[] = [];
    const handler = (name: string) => () => void served.push(name);
    const get = r.handleFunc('/a', handler('first')).methods('GET');
    const run = (method: string) => {
      const m = lookup(r, method, '/a');
      m?.handler?.({} as never, {} as never);
      return m?.route;
    };
    expect(run('GET')).to.equal(get);
    expect(run('GET')).to.equal(get);
    get.handlerFunc(handler('second'));
    run('GET');
    r.use((next) => (req, res) => {
      served.push('middleware');
      return next(req, res);
    });
    run('GET');
    expect(served).to.deep.equal(['first', 'first', 'second', 'middleware', 'second']);
    // Another method has its own answer; a route appended for it wins there, and GET keeps its own.
    expect(run('POST')).to.equal(undefined);
    const post = r.handleFunc('/a', handler('post')).methods('POST');
    expect(run('POST')).to.equal(post);
    expect(run('GET')).to.equal(get);
    // A route that gains a method list after being served answers no more for the method it now refuses.
    get.methods('PUT');
    expect(run('GET')).to.equal(undefined);
    const m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/a', headers: {} }, m)).to.equal(false);
    expect(m.matchErr?.message).to.equal('method is not allowed');
    expect(allowedMethods(m)).to.deep.equal(['POST']);
  });

  it('a route with other matchers registered later does not stop the index', () => {
    const r = newRouter();
    const plain = r.handleFunc('/a/{id}', h);
    r.host('example.com').path('/a/{id}').handlerFunc(h);
    let m: RouteMatch | undefined;
    expect(evaluations(() => (m = lookup(r, 'GET', '/a/1')))).to.equal(0);
    expect(m?.route).to.equal(plain);
  });

  it('a subrouter route under a path prefix is settled when its template extends the prefix', () => {
    const r = newRouter();
    const route = r.pathPrefix('/api/').subrouter().handleFunc('/users/{id}', h).methods('GET');
    let m: RouteMatch | undefined;
    // The subrouter is flattened into the root's index: nothing is evaluated.
    const calls = evaluations(() => (m = lookup(r, 'GET', '/api/users/7')));
    expect(calls).to.equal(0);
    expect(m?.route).to.equal(route);
    expect(m?.vars).to.deep.equal({ id: '7' });
  });

  it('a 405 or a query-blocked 404 under nested subrouters is told by the index, as nested evaluation tells it', () => {
    const answer = (r: Router, method: string, url: string) => {
      const m = new RouteMatch();
      const ok = r.match({ method, url, headers: {} }, m);
      return { ok, err: m.matchErr?.message, allow: [...allowedMethods(m)] };
    };
    const build = (index: boolean) => {
      const r = newRouter({ index });
      // Allow lists the methods in the order of the routes that allow them, as the same routes without
      // subrouters would: PUT from the first, then GET (each level narrows, keeping that order).
      const s0 = r.pathPrefix('/').methods('GET', 'PUT').subrouter();
      s0.pathPrefix('/').subrouter().handleFunc('/', h).methods('PUT');
      s0.handleFunc('/', h);
      // A query failing below blocks the 405 of a route failing on its methods only at the level above.
      const q = r.pathPrefix('/q').subrouter();
      q.handleFunc('/x', h).methods('POST');
      q.pathPrefix('/x').queries('k', '{k:[0-9]+}').subrouter().handleFunc('', h).methods('GET');
      // Four levels, each with its own methods.
      let deep = r.pathPrefix('/d').methods('GET', 'HEAD', 'PUT').subrouter();
      for (const methods of [['PUT', 'GET'], ['GET', 'PUT', 'PATCH'], ['PUT']]) deep = deep.pathPrefix('/e').methods(...methods).subrouter();
      deep.handleFunc('/f', h).methods('PUT', 'GET');
      return r;
    };
    const indexed = build(true);
    const scanned = build(false);
    for (const [method, url] of [['POST', '/'], ['DELETE', '/q/x'], ['DELETE', '/q/x?k=1'], ['POST', '/d/e/e/e/f'], ['GET', '/d/e/e/e/f'], ['PUT', '/d/e/e/e/f']]) {
      let got: ReturnType<typeof answer> | undefined;
      const calls = evaluations(() => (got = answer(indexed, method!, url!)));
      expect(got, `${method} ${url}`).to.deep.equal(answer(scanned, method!, url!));
      expect(calls, `${method} ${url}: routes evaluated`).to.equal(0);
    }
    expect(answer(indexed, 'POST', '/').allow).to.deep.equal(['PUT', 'GET']);
  });

  it('an inherited prefix the template does not extend still has to match (gorilla trims only one level of slashes)', () => {
    const r = newRouter();
    // The template becomes `/a/x` (`/a//` trimmed, then `/x`), which never has the prefix `/a//`.
    const sub = r.pathPrefix('/a//').subrouter();
    sub.handleFunc('/x', h);
    expect(lookup(r, 'GET', '/a/x')).to.equal(undefined);
    // Asked directly, the subrouter's route still checks the prefix it inherited.
    expect(lookup(sub, 'GET', '/a/x')).to.equal(undefined);
    const extended = r.pathPrefix('/b/').subrouter();
    extended.handleFunc('/x', h);
    expect(lookup(extended, 'GET', '/b/x')).to.not.equal(undefined);
  });

  it('a strict-slash redirect is left to the route, which builds it', () => {
    const r = newRouter().strictSlash(true);
    const route = r.handleFunc('/dir/', h);
    const m = lookup(r, 'GET', '/dir?x=1');
    expect(m?.route).to.equal(route);
    expect(m?.handler).to.not.equal(h);
    expect(lookup(r, 'GET', '/dir/')?.handler).to.equal(h);
  });

  it('variables are added to the vars the caller passed', () => {
    const r = newRouter();
    r.handleFunc('/p/{id}', h);
    const m = new RouteMatch();
    m.vars = { kept: 'yes' };
    expect(r.match({ method: 'GET', url: '/p/9', headers: {} }, m)).to.equal(true);
    expect(m.vars).to.deep.equal({ kept: 'yes', id: '9' });
  });
});

describe('Route index: a pathless header route first', () => {
  it('is checked on the request alone: no view of the request is made for it (its method is read once)', () => {
    const r = newRouter();
    r.headers('X-Forwarded-Proto', 'http').handlerFunc(h).name('redirect');
    r.handleFunc('/users', h).methods('GET').name('users');
    r.handleFunc('/users/{id}', h).methods('GET').name('user');
    for (const [url, proto, name] of [['/users', 'https', 'users'], ['/users/7', 'https', 'user'], ['/users', 'http', 'redirect'], ['/users/7', 'http', 'redirect']]) {
      let methodReads = 0;
      const req = { url, headers: { 'x-forwarded-proto': proto }, get method() { methodReads++; return 'GET'; } };
      const m = new RouteMatch();
      expect(r.match(req, m), url).to.equal(true);
      expect(m.route?.getName(), `${url} ${proto}`).to.equal(name);
      // match() reads it once; a RequestView made for the header check would read it again.
      expect(methodReads, `${url} ${proto}: reads of req.method`).to.equal(1);
    }
  });

  it('header names of any spelling, `__proto__` and digits included, give the scan\'s answers', () => {
    const make = (index: boolean) => {
      const r = newRouter({ index });
      for (const name of ['__proto__', '1', 'X-Custom', 'constructor']) r.headers(name, 'v').handlerFunc(h).name(name);
      r.handleFunc('/{any}', h).name('any');
      return r;
    };
    const indexed = make(true);
    const scanned = make(false);
    const requests: Record<string, unknown>[] = [{}, { x: 'v' }, { 'x-custom': 'v' }, { '1': 'v' }, { constructor: 'v' }, { 'x-custom': ['w', 'v'] }, JSON.parse('{"__proto__": "v"}') as Record<string, unknown>];
    for (const headers of requests) {
      const ask = (r: Router) => {
        const m = new RouteMatch();
        return r.match({ method: 'GET', url: '/p', headers: headers as Record<string, string> }, m) ? m.route?.getName() : undefined;
      };
      expect(ask(indexed), JSON.stringify(headers)).to.equal(ask(scanned));
    }
    const m = new RouteMatch();
    expect(indexed.match({ method: 'GET', url: '/p', headers: { 'x-custom': 'v' } }, m) && m.route?.getName()).to.equal('X-Custom');
  });
});

describe('Route index: a plain-text host subrouter', () => {
  it('is checked on the Host header alone when it is exactly the template (no view of the request made)', () => {
    const make = (index: boolean) => {
      const r = newRouter({ index });
      const api = r.host('api.example.com').subrouter();
      api.handleFunc('/users/{id}', h).methods('GET').name('user');
      api.handleFunc('/users', h).methods('GET').name('users');
      r.host('{sub}.example.com').path('/users/{id}').handlerFunc(h).name('other-host');
      return r;
    };
    const indexed = make(true);
    const scanned = make(false);
    let methodReads = 0;
    const req = { url: '/users/7', headers: { host: 'api.example.com' }, get method() { methodReads++; return 'GET'; } };
    const m = new RouteMatch();
    expect(indexed.match(req, m) && m.route?.getName()).to.equal('user');
    // match() reads it once; a RequestView made for the host check would read it again.
    expect(methodReads).to.equal(1);
    // Other hosts, a port, an absolute-form target, an :authority beside Host, a host that is not one:
    // the full check, with the scan's answers.
    const cases: [string, Record<string, string>][] = [
      ['/users/7', { host: 'api.example.com' }], ['/users', { host: 'api.example.com' }], ['/users/7', { host: 'API.example.com' }],
      ['/users/7', { host: 'api.example.com:8080' }], ['/users/7', { host: 'www.example.com' }], ['/users/7', {}],
      ['http://api.example.com/users/7', { host: 'other.com' }], ['http://other.com/users/7', { host: 'api.example.com' }],
      ['/users/7', { host: 'api.example.com', ':authority': 'www.example.com' }], ['/users/7', { host: 'api.example.com', ':authority': 'a/b' }],
      ['/users/7', { ':authority': 'api.example.com' }], ['/users/7', { host: 'a b' }],
    ];
    for (const [url, headers] of cases) {
      const ask = (r: Router) => {
        const got = new RouteMatch();
        return r.match({ method: 'GET', url, headers }, got) ? [got.route?.getName(), got.vars] : [got.matchErr?.message];
      };
      expect(ask(indexed), `${url} ${JSON.stringify(headers)}`).to.deep.equal(ask(scanned));
    }
  });
});

describe('Route index: generated code', () => {
  // Wide nodes (more children than are compared inline), deep subtrees (split into several functions)
  // and variables with patterns; every route has a probe, plus probes that match nothing.
  function bigTable(): { router: Router; probes: [string, string, string | undefined][] } {
    const router = newRouter();
    const probes: [string, string, string | undefined][] = [];
    const add = (tpl: string, method: string, probe: string) => {
      router.handleFunc(tpl, h).methods(method).name(`${method} ${tpl}`);
      probes.push([method, probe, `${method} ${tpl}`]);
    };
    for (let i = 0; i < 90; i++) {
      add(`/wide/w${i}`, 'GET', `/wide/w${i}`);
      add(`/wide/w${i}/{id:[0-9]+}`, 'GET', `/wide/w${i}/${i}`);
      add(`/deep/a${i % 7}/b${i % 5}/{x}/c${i}/end`, 'PUT', `/deep/a${i % 7}/b${i % 5}/v/c${i}/end`);
      add(`/files${i % 3}/{dir}/r${i}/{rest:.*}`, 'GET', `/files${i % 3}/d/r${i}/e/f`);
      probes.push(['GET', `/wide/w${i}/x${i}`, undefined], ['PUT', `/deep/a${i % 7}/b${i % 5}/v/c${i + 90}/end`, undefined]);
    }
    return { router, probes };
  }

  // Each probe through an index engine of the router's tree, with or without generated code.
  function answers(generate: boolean) {
    const { router, probes } = bigTable();
    // Generated code from the first search on, or none at all.
    const engine = new RouteIndex(router, { generateCode: generate, compileAfter: 1 });
    expect(engine.generatesCode).to.equal(generate);
    return probes.map(([method, url, expected]) => {
      let m: RouteMatch | undefined = new RouteMatch();
      // A route the index should settle, but misses, is still found by evaluating: count evaluations.
      const evaluated = evaluations(() => {
        if (engine.find(new RequestLookup({ method, url, headers: {} }, method, url), m!) !== true) m = undefined;
      });
      return { url, expected, got: m?.route?.getName(), vars: m?.vars, evaluated: expected !== undefined && evaluated > 0 };
    });
  }

  it('big tables give the same answers with and without generated code, each the expected route', () => {
    const generated = answers(true);
    expect(generated).to.deep.equal(answers(false));
    for (const a of generated) {
      expect(a.got, a.url).to.equal(a.expected);
      expect(a.evaluated, `${a.url} settled by the index`).to.equal(false);
    }
  });

  it('a big trie is compiled where requests go, chunk by chunk (no size past which the fast path is dropped)', () => {
    const r = newRouter();
    // 50 × 50 inline children and 2,500 leaves: many more nodes than one function holds.
    for (let i = 0; i < 2500; i++) r.handleFunc(`/x${i % 50}/y${Math.floor(i / 50)}/{id:[0-9]+}`, h).name(`r${i}`);
    const engine = new RouteIndex(r);
    const find = (url: string) => {
      const m = new RouteMatch();
      return engine.find(new RequestLookup({ method: 'GET', url, headers: {} }, 'GET', url), m) === true ? m : undefined;
    };
    const root = engine.trie();
    expect(root.compiled, 'nothing compiled before a request').to.equal(undefined);
    expect(find('/x7/y49/12')?.route?.getName()).to.equal('r2457');
    expect(find('/x7/y49/12')?.vars).to.deep.equal({ id: '12' });
    expect(root.compiled, 'the root chunk, entered twice').to.be.a('function');
    const x7 = root.children!.find((n) => n.segment === 'x7')!;
    const x8 = root.children!.find((n) => n.segment === 'x8')!;
    expect(x7.chunk?.compiled ?? root.compiled, 'the chunk holding /x7').to.be.a('function');
    expect(x8.chunk === x8 ? x8.compiled : 'inlined', 'a chunk never entered is not compiled').to.be.oneOf([undefined, 'inlined']);
    expect(find('/x7/y49/ab')).to.equal(undefined);
    // Appending a route recompiles the chunks it changed when they are next entered.
    r.handleFunc('/x7/late', h).name('late');
    expect(lookup(r, 'GET', '/x7/late')?.route?.getName()).to.equal('late');
    expect(engine.find(new RequestLookup({ method: 'GET', url: '/x7/late', headers: {} }, 'GET', '/x7/late'), new RouteMatch())).to.not.equal(true);
  });

  it('emits the code its snapshot shows (one function per chunk, literals chosen by a switch where they differ, then the variable child)', () => {
    const r = newRouter();
    r.handleFunc('/a', h).methods('GET');
    r.handleFunc('/a/{id:[0-9]+}', h);
    r.handleFunc('/bb/c', h);
    r.handleFunc('/v{n}/x', h);
    r.handleFunc('/s/{rest:.*}', h);
    const engine = new RouteIndex(r);
    const { source, frontier } = emitChunk(engine.trie());
    expect(frontier.length, 'chunks after the first').to.equal(1);
    const file = fileURLToPath(new URL('../../test/snapshots/compiled-walk.js.txt', import.meta.url));
    if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(file, source);
    expect(source).to.equal(readFileSync(file, 'utf8'));
  });

  it('checks up to four mixed segments of a node in line and more through the search, with the scan\'s answers', () => {
    for (const count of [3, 6]) {
      const kinds = ['{a}.json', 'x{a}', '{a}.xml', 'y{a}', '{a}-{b}', '{a}.txt'].slice(0, count);
      const make = (index: boolean) => {
        const r = newRouter({ index });
        kinds.forEach((k, i) => r.handleFunc(`/f/${k}/end`, h).name(`k${i}`));
        r.handleFunc('/f/{any}/end', h).name('any');
        return r;
      };
      const indexed = make(true);
      const scanned = make(false);
      const urls = ['/f/q.json/end', '/f/xq/end', '/f/q.xml/end', '/f/yq/end', '/f/p-q/end', '/f/q.txt/end', '/f/zz/end', '/f/.json/end', '/f/x/end'];
      // Three rounds: the chunk is compiled after its second entry, so the last rounds run generated code.
      for (let round = 0; round < 3; round++) {
        for (const url of urls) {
          const a = lookup(indexed, 'GET', url);
          const b = lookup(scanned, 'GET', url);
          expect([a?.route?.getName(), a?.vars], `${count} patterns, ${url}, round ${round}`).to.deep.equal([b?.route?.getName(), b?.vars]);
        }
      }
    }
  });

  it('compares short literals by code unit in generated code: 😁 is not 😀 (same first unit), é is not e', () => {
    const r = newRouter();
    for (const text of ['😀', '😀x', 'é', 'ab', 'a', 'abcd', 'abce', 'username', 'usernamf', 'user😀name']) r.handleFunc(`/${text}/end`, h).name(text);
    r.handleFunc('/{other}/end', h).name('other');
    // Three rounds: the last ones run the generated code.
    for (let round = 0; round < 3; round++) {
      for (const [url, name] of [['/😀/end', '😀'], ['/😁/end', 'other'], ['/😀x/end', '😀x'], ['/😀y/end', 'other'], ['/é/end', 'é'], ['/e/end', 'other'], ['/ab/end', 'ab'], ['/ac/end', 'other'], ['/abcd/end', 'abcd'], ['/abce/end', 'abce'], ['/abcf/end', 'other'], ['/a/end', 'a'], ['/username/end', 'username'], ['/usernamf/end', 'usernamf'], ['/usernamg/end', 'other'], ['/xsername/end', 'other'], ['/user😀name/end', 'user😀name'], ['/user😁name/end', 'other'], ['/usernam/end', 'other']]) {
        expect(lookup(r, 'GET', url)?.route?.getName(), `${url}, round ${round}`).to.equal(name);
      }
    }
  });

  it('literals sharing a long prefix are told apart where they differ, not tried in turn (organizations-0 to -27)', () => {
    const make = (index: boolean) => {
      const r = newRouter({ index });
      for (let i = 0; i < 28; i++) r.handleFunc(`/organizations-${i}/x`, h).name(`o${i}`);
      for (const text of ['organizations', 'organizations-', 'organization', 'o']) r.handleFunc(`/${text}/x`, h).name(text);
      r.handleFunc('/{other}/x', h).name('other');
      return r;
    };
    const indexed = make(true);
    const scanned = make(false);
    const engine = new RouteIndex(indexed);
    const { source } = emitChunk(engine.trie());
    // One switch at the first position where the texts differ (after `organizations-`), a second one
    // after `organizations-1` and `-2`: the winner is then compared once.
    expect(source).to.include('switch (path.charCodeAt(s + 14))');
    expect(source).to.include('switch (path.charCodeAt(s + 15))');
    const segments = ['organizations-0', 'organizations-9', 'organizations-10', 'organizations-27', 'organizations-28', 'organizations-2',
      'organizations-5', 'organizations-', 'organizations', 'organization', 'organizationsx0', 'Organizations-1', 'o', 'organizations-1x', 'x'];
    // Three rounds: the last ones run the generated code.
    for (let round = 0; round < 3; round++) {
      for (const segment of segments) {
        const url = `/${segment}/x`;
        expect(lookup(indexed, 'GET', url)?.route?.getName(), `${url}, round ${round}`).to.equal(lookup(scanned, 'GET', url)?.route?.getName());
      }
    }
    expect(lookup(indexed, 'GET', '/organizations-27/x')?.route?.getName()).to.equal('o27');
    expect(lookup(indexed, 'GET', '/organizations-2/x')?.route?.getName()).to.equal('o2');
    expect(lookup(indexed, 'GET', '/organizations-28/x')?.route?.getName()).to.equal('other');
  });

  it('a chunk that few searches enter stays interpreted (3,000 paths requested in turn); one that becomes popular is compiled', () => {
    const r = newRouter();
    // 3,000 literal children of the root: each child starts a chunk of its own.
    for (let i = 0; i < 3000; i++) r.handleFunc(`/r${i}/x/{id}`, h).name(`r${i}`);
    const engine = new RouteIndex(r);
    const find = (url: string) => {
      const m = new RouteMatch();
      return engine.find(new RequestLookup({ method: 'GET', url, headers: {} }, 'GET', url), m) === true ? m : undefined;
    };
    for (let pass = 0; pass < 3; pass++) {
      for (let i = 0; i < 3000; i++) expect(find(`/r${i}/x/${pass}`)?.route?.getName()).to.equal(`r${i}`);
    }
    const root = engine.trie();
    const child = (i: number) => root.bySegment!.get(`r${i}`)!;
    expect(root.compiled, 'the root, which every search enters').to.be.a('function');
    expect(child(7).chunk).to.equal(child(7));
    expect(child(7).compiled, 'a chunk entered by one search in 3,000').to.equal(undefined);
    // Requested on its own for a while: within a window it takes more than one search in HOT_SHARE.
    for (let k = 0; k < HOT_WINDOW; k++) expect(find(`/r7/x/${k}`)?.vars).to.deep.equal({ id: String(k) });
    expect(child(7).compiled, 'the same chunk, now entered by most searches').to.be.a('function');
    expect(find('/r7/x/last')?.route?.getName()).to.equal('r7');
    expect(child(8).compiled).to.equal(undefined);
  });

  it('random sets of literals sharing prefixes (and surrogate pairs, and the empty segment): the generated switches give the scan\'s answers', () => {
    let seed = 20261122;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = ['a', 'b', 'é', '😀', '-', '0'];
    const word = () => {
      let s = '';
      for (let n = 1 + Math.floor(rnd() * 10); n > 0; n--) s += alphabet[Math.floor(rnd() * (rnd() < 0.8 ? 2 : alphabet.length))];
      return s;
    };
    for (let t = 0; t < 120; t++) {
      // Sometimes the empty segment too (`//x`): the literal that ends before any other differs.
      const words = [...new Set([...(rnd() < 0.3 ? [''] : []), ...Array.from({ length: 1 + Math.floor(rnd() * 80) }, word)])];
      const withAny = rnd() < 0.5;
      const make = (index: boolean) => {
        const r = newRouter({ index });
        words.forEach((w, i) => r.handleFunc(`/${w}/x`, h).name(`w${i}`));
        if (withAny) r.handleFunc('/{any}/x', h).name('any');
        return r;
      };
      const indexed = make(true);
      const scanned = make(false);
      // Each word, cut short, grown, and with one character changed; and other words.
      const changed = (w: string) => {
        const chars = Array.from(w);
        chars[Math.floor(rnd() * chars.length)] = alphabet[Math.floor(rnd() * alphabet.length)]!;
        return chars.join('');
      };
      const probes = [...words, ...words.map((w) => Array.from(w).slice(0, -1).join('')), ...words.map((w) => w + 'a'), ...words.map(changed), ...words.map(changed), ...Array.from({ length: 20 }, word)];
      // Three rounds: the last ones run the generated code.
      for (let round = 0; round < 3; round++) {
        for (const p of probes) {
          const url = `/${encodeURIComponent(p)}/x`;
          expect(lookup(indexed, 'GET', url)?.route?.getName(), `table ${t}, ${p}, round ${round}`).to.equal(lookup(scanned, 'GET', url)?.route?.getName());
        }
      }
    }
  });

  it('chunks of the same shape emit the same code (one shared function), each bounded by its own nodes\' orders', () => {
    const make = (index: boolean) => {
      const r = newRouter({ index });
      for (let i = 0; i < 60; i++) {
        r.handleFunc(`/api/r${i}/items/{id}`, h).name(`r${i}`);
        // A catch-all registered among them wins for the routes registered after it.
        if (i === 29) r.handleFunc('/api/{any}/items/{id}', h).name('any');
      }
      return r;
    };
    const indexed = make(true);
    const scanned = make(false);
    const engine = new RouteIndex(indexed);
    // Emitting the root's chunk marks where the next chunks start (each child of the wide node).
    emitChunk(engine.trie());
    const api = engine.trie().children!.find((n) => n.segment === 'api')!;
    const r7 = api.bySegment!.get('r7')!;
    const r40 = api.bySegment!.get('r40')!;
    expect(r7.chunk).to.equal(r7);
    expect(r40.chunk).to.equal(r40);
    expect(emitChunk(r7).source, 'the same code for /api/r7 and /api/r40').to.equal(emitChunk(r40).source);
    // Requested in turn, many times: the chunks are compiled, and each keeps its own order bound.
    for (let round = 0; round < 40; round++) {
      for (const i of [7, 40, 29, 30, 0, 59]) {
        const url = `/api/r${i}/items/${round}`;
        expect(lookup(indexed, 'GET', url)?.route?.getName(), `${url}`).to.equal(lookup(scanned, 'GET', url)?.route?.getName());
      }
    }
    expect(lookup(indexed, 'GET', '/api/r40/items/1')?.route?.getName()).to.equal('any');
    expect(lookup(indexed, 'GET', '/api/r7/items/1')?.route?.getName()).to.equal('r7');
  });

  it('works where the platform forbids generating code (--disallow-code-generation-from-strings)', () => {
    const index = new URL('../src/index.js', import.meta.url).href;
    const script = `
      import { newRouter, RouteMatch } from ${JSON.stringify(index)};
      const r = newRouter();
      r.handleFunc('/u/{id:[0-9]+}/{rest:.*}', () => 1).name('u');
      r.handleFunc('/s', () => 1).name('s');
      const got = ['/u/7/a/b', '/s', '/u/x/y'].map((url) => {
        const m = new RouteMatch();
        return r.match({ method: 'GET', url, headers: {} }, m) ? [m.route.getName(), m.vars] : null;
      });
      let blocked = false;
      try { new Function('return 1'); } catch { blocked = true; }
      console.log(JSON.stringify({ blocked, got }));`;
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).to.equal('');
    expect(JSON.parse(run.stdout)).to.deep.equal({ blocked: true, got: [['u', { id: '7', rest: 'a/b' }], ['s', {}], null] });
  });

  it('variable names reach the generated code as string literals, whatever they hold', () => {
    const r = newRouter();
    const odd = 'a"b\\c\u2028`${x}`';
    r.handleFunc(`/q/{${odd}}/{rest:.*}`, h);
    expect(lookup(r, 'GET', '/q/1/2/3')?.vars).to.deep.equal({ [odd]: '1', rest: '2/3' });
  });
});
