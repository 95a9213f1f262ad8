// Typed templates. The type assertions are checked when the suite is compiled (a failing one, or an
// unused @ts-expect-error, fails `tsc`); the runtime cases check the handler's third argument.
import { expect } from 'chai';
import {
  expressPath,
  newRouter,
  Route,
  RouteMatch,
  setURLVars,
  vars,
  type ExpressPath,
  type Middleware,
  type VarsOf,
} from '../src/index.js';
import { describeEngines } from './engines.js';
import { req } from './helpers.js';
import { withServer } from './server-helpers.js';

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// ---- VarsOf: gorilla templates ----
assertType<Equal<VarsOf<'/users/{id:[0-9]+}/{tab}'>, { id: string; tab: string }>>();
assertType<Equal<VarsOf<'/static'>, {}>>();
assertType<Equal<VarsOf<'/v/{v:[0-9]{3}}/{w:[a-z]{1,2}}/end'>, { v: string; w: string }>>();
assertType<Equal<VarsOf<'/x/{a:(?:[0-9]{2}){1,3}}-{b}'>, { a: string; b: string }>>();
assertType<Equal<VarsOf<'{sub}.example.com:{port:[0-9]+}'>, { sub: string; port: string }>>();
assertType<Equal<VarsOf<'/files/{path:.*}'>, { path: string }>>();
assertType<Equal<VarsOf<'{year}-{month}-{day}'>, { year: string; month: string; day: string }>>();
assertType<Equal<VarsOf<string>, Record<string, string>>>();

// ---- VarsOf: Express paths ----
assertType<Equal<VarsOf<ExpressPath<'/users/:id'>>, { id: string }>>();
assertType<Equal<VarsOf<ExpressPath<'/files/*rest'>>, { rest: string }>>();
assertType<Equal<VarsOf<ExpressPath<'/a/:x.:ext{/:opt}'>>, { x: string; ext: string; opt?: string }>>();
assertType<Equal<VarsOf<ExpressPath<'/q/:"quoted name"/:b_2'>>, { 'quoted name': string; b_2: string }>>();
assertType<Equal<VarsOf<ExpressPath<'/lit\\:eral/:v'>>, { v: string }>>();
// Names outside ASCII, as path-to-regexp reads them (Unicode identifiers).
assertType<Equal<VarsOf<ExpressPath<'/u/:café/:名前.json'>>, { café: string; 名前: string }>>();
// ... and a symbol outside ASCII ends a name, as there (a review found '€' and '→' taken into names).
assertType<Equal<VarsOf<ExpressPath<'/p/:amount€/:from→:to/:a\u00a0x'>>, { amount: string; from: string; to: string; a: string }>>();
// A template chosen at run time: the variables of one of the templates, not of both.
assertType<Equal<VarsOf<'/a/{x}' | '/b/{y}'>, { x: string } | { y: string }>>();
assertType<Equal<VarsOf<ExpressPath>, Record<string, string>>>();
assertType<Equal<ReturnType<typeof expressPath<'/u/:id'>>, ExpressPath<'/u/:id'>>>();

// ---- routes accumulate host, path, queries and subrouter prefixes (compiled, never run) ----
export function typeChecks(): void {
  const r = newRouter();
  const sub = r.host('{tenant}.example.com').pathPrefix('/api/{version:v[0-9]+}').subrouter();
  const route = sub
    .handleFunc('/users/{id:[0-9]+}', (_req, _res, v) => {
      assertType<Equal<typeof v, { tenant: string; version: string; id: string }>>();
      // @ts-expect-error a typo in a var name is a compile error
      void v.idd;
    })
    .queries('page', '{page:[0-9]+}');
  route.handlerFunc((_req, _res, v) => {
    assertType<Equal<typeof v, { tenant: string; version: string; id: string; page: string }>>();
  });
  route.url({ tenant: 't', version: 'v1', id: '1', page: '2' });
  // @ts-expect-error a missing variable is a compile error
  route.url({ tenant: 't', version: 'v1', id: '1' });
  // @ts-expect-error an unknown variable is a compile error
  route.url({ tenant: 't', version: 'v1', id: '1', page: '2', pgae: '2' });
  route.urlPath({ version: 'v1', id: '1' });
  route.urlPath({ version: 'v1', id: '1', tenant: 'also fine: a var of the route' });
  // @ts-expect-error urlPath needs the path's variables (prefixes included)
  route.urlPath({ id: '1' });
  route.urlHost({ tenant: 't' });
  // @ts-expect-error urlHost needs the host's variables
  route.urlHost({});
  // pairs stay untyped, as in gorilla
  route.url('tenant', 't');

  r.handleFunc(expressPath('/e/:slug{/:page}'), (_req, _res, v) => {
    assertType<Equal<typeof v, { slug: string; page?: string }>>();
  });
  const dynamic: string = '/d/{x}';
  r.handleFunc(dynamic, (_req, _res, v) => {
    assertType<Equal<typeof v, Record<string, string>>>();
  });
  // vars<T>() for handlers written apart from their route
  assertType<Equal<ReturnType<typeof vars<'/users/{id}'>>, { id: string }>>();
  assertType<Equal<ReturnType<typeof vars>, Record<string, string>>>();
  // use() returns the router; a standalone route types its vars too
  const mw: Middleware = (next) => next;
  newRouter().use(mw).strictSlash(true);
  // @ts-expect-error a standalone route's vars are typed
  new Route().path('/a/{b}').url({ c: '1' });
}

describeEngines('Typed vars at run time', (make) => {
  it('a handler declaring a third parameter receives vars(req)', async () => {
    const r = make();
    r.host('{sub}.localhost').pathPrefix('/p/{a}').subrouter().handleFunc('/{b:[0-9]{2}}', (_req, res, v) => {
      res.end(`${v.sub} ${v.a} ${v.b}`);
    });
    await withServer(r, async (s) => {
      const res = await s.raw('GET', '/p/x/42', { host: 'api.localhost' });
      expect(res.body).to.equal('api x 42');
    });
  });

  it('also when middleware called the handler with two arguments (or passed something else)', async () => {
    const r = make();
    r.use((next) => (rq, res) => next(rq, res));
    r.use((next) => (rq, res) => (next as (a: unknown, b: unknown, c: unknown) => unknown)(rq, res, { wrong: 'x' }));
    r.handleFunc(expressPath('/e/:slug'), (_req, res, v) => void res.end(JSON.stringify(v)));
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/e/hello')).json()).to.deep.equal({ slug: 'hello' });
    });
  });

  it('a wrapper written with rest parameters ((...args) => fn(...args)) passes the vars on', async () => {
    const r = make();
    const timed = <A extends unknown[]>(fn: (...a: A) => unknown) => async (...a: A) => fn(...a);
    r.handleFunc('/users/{id}', timed((_req, res, v) => void res.end(`user ${v.id}`)));
    r.handleFunc('/plain/{id}', async function (...a: [unknown, { end(s: string): void }, { id: string }]) {
      a[1].end(`plain ${a[2].id}`);
    });
    const handlers = {
      method(...a: [unknown, { end(s: string): void }, { id: string }]) {
        a[1].end(`method ${a[2].id}`);
      },
    };
    r.handleFunc('/method/{id}', handlers.method);
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/users/7')).text()).to.equal('user 7');
      expect(await (await s.fetch('/plain/8')).text()).to.equal('plain 8');
      expect(await (await s.fetch('/method/9')).text()).to.equal('method 9');
    });
  });

  // Reported from outside: Function.length stops at the first default value, so a third parameter with
  // one (or a function reading `arguments`) was called with two arguments and kept its default.
  it('a third parameter with a default value, or a function reading arguments, receives vars(req)', async () => {
    const r = make();
    r.handleFunc('/def/{id}', (_req, res, v = { id: 'default' }) => void res.end(`def ${v.id}`));
    r.handleFunc('/obj/{id}', async (_req, res /* , a comment */, v = { id: `(${'default'}),` }) => void res.end(`obj ${v.id}`));
    r.handleFunc('/args/{id}', function (this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      const [, res, v] = arguments as unknown as [unknown, { end(s: string): void }, { id: string }];
      res.end(`args ${v.id}`);
    });
    const two = (_req: unknown, res: { end(s: string): void }) => void res.end('two');
    r.handleFunc('/two', two);
    await withServer(r, async (s) => {
      expect(await (await s.fetch('/def/3')).text()).to.equal('def 3');
      expect(await (await s.fetch('/obj/4')).text()).to.equal('obj 4');
      expect(await (await s.fetch('/args/5')).text()).to.equal('args 5');
    });
    // A function of one or two parameters is kept as it is.
    const m = new RouteMatch();
    expect(r.match(req('GET', '/two'), m)).to.equal(true);
    expect(m.handler).to.equal(two);
  });

  it('a name outside ASCII in an Express path is typed as it is matched (url() takes it)', () => {
    const r = make();
    const route = r.handleFunc(expressPath('/u/:café/:名前.json'), () => undefined);
    const m = new RouteMatch();
    expect(r.match(req('GET', '/u/x/y.json'), m)).to.equal(true);
    expect(m.vars).to.deep.equal({ café: 'x', 名前: 'y' });
    expect(route.url({ café: 'a', 名前: 'b' }).toString()).to.equal('/u/a/b.json');
  });

  it('a template chosen at run time types the vars as one of its choices', async () => {
    const r = make();
    const pick = (n: number) => (n > 0 ? '/a/{x}' : '/b/{y}');
    r.handleFunc(pick(1), (_req, res, v) => {
      assertType<Equal<typeof v, { x: string } | { y: string }>>();
      res.end('x' in v ? `x=${v.x}` : `y=${v.y}`);
    });
    await withServer(r, async (s) => expect(await (await s.fetch('/a/1')).text()).to.equal('x=1'));
  });

  it('a handler with two parameters is kept as it is (no wrapper)', () => {
    const r = make();
    const h = (_req: unknown, res: { end(): void }) => void res.end();
    r.handleFunc('/a', h);
    const m = new RouteMatch();
    expect(r.match(req('GET', '/a'), m)).to.equal(true);
    expect(m.handler).to.equal(h);
  });

  it('vars<T>(req) types a handler written apart from its route', () => {
    const rq = setURLVars({}, { id: '9' });
    const v = vars<'/users/{id}'>(rq);
    expect(v.id).to.equal('9');
  });
});
