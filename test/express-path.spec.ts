// expressPath(): Express-style paths read with path-to-regexp's parser, inside tsmux's matcher model.
import { expect } from 'chai';
import { expressPath, ExpressPath, MuxError, Route, RouteMatch, vars } from '../src/index.js';
import { req } from './helpers.js';
import { withServer } from './server-helpers.js';
import { describeEngines } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {
function matchRoute(route: Route, url: string): Record<string, string> | null {
  const m = new RouteMatch();
  return route.match(req('GET', url), m) ? m.vars : null;
}

describe('expressPath: token kinds', () => {
  it(':param matches one decoded segment', () => {
    const route = new Route().path(expressPath('/users/:id'));
    expect(matchRoute(route, '/users/42')).to.deep.equal({ id: '42' });
    expect(matchRoute(route, '/users/a%20b')).to.deep.equal({ id: 'a b' });
    expect(matchRoute(route, '/users/42/x')).to.equal(null);
    expect(matchRoute(route, '/users/')).to.equal(null);
  });

  it('quoted parameter names', () => {
    expect(matchRoute(new Route().path(expressPath('/x/:"user id"')), '/x/1')).to.deep.equal({ 'user id': '1' });
  });

  it('several parameters in one segment split as path-to-regexp does', () => {
    const route = new Route().path(expressPath('/files/:name.:ext'));
    expect(matchRoute(route, '/files/archive.tar.gz')).to.deep.equal({ name: 'archive.tar', ext: 'gz' });
    expect(matchRoute(new Route().path(expressPath('/range/:from-:to')), '/range/1-9')).to.deep.equal({ from: '1', to: '9' });
  });

  // Reported by an Express-migration audit, against Express 5's own router: literal text before a
  // parameter kept each of its characters out of the parameter (`/post-:slug` refused `post-hello`); a
  // parameter before an optional group took the group's text (`/users/:id{.:format}` read `42.json` as
  // one id); two parameters with no text between them were accepted, where Express refuses them.
  it('parameters split a segment as path-to-regexp does: after text, before an optional part, never adjacent', () => {
    const cases: [string, string, Record<string, string> | null][] = [
      ['/post-:slug', '/post-hello', { slug: 'hello' }],
      ['/files/report.:ext', '/files/report.pdf', { ext: 'pdf' }],
      ['/v:version/x', '/v2v/x', { version: '2v' }],
      ['/:a-x:b', '/foo-xbax', { a: 'foo', b: 'bax' }],
      ['/:a-:b', '/a-b-c-d', { a: 'a-b-c', b: 'd' }],
      // The second parameter holds no `-`, or is `-` itself.
      ['/:a-:b', '/a-b-', null],
      ['/:a-:b', '/a--', { a: 'a', b: '-' }],
      ['/users/:id{.:format}', '/users/42.json', { id: '42', format: 'json' }],
      ['/users/:id{.:format}', '/users/a.b.c', { id: 'a.b', format: 'c' }],
      ['/users/:id{.:format}', '/users/42', { id: '42' }],
      ['/users/:id{.:format}', '/users/42.', { id: '42.' }],
      ['/a/:b{-:c}/d', '/a/x-y/d', { b: 'x', c: 'y' }],
      ['/a{-:b}{-:c}', '/a-1-2-3', { b: '1-2', c: '3' }],
      ['/a{-:b}{-:c}', '/a-1', { b: '1' }],
      ['/x/:p.:q.:r', '/x/a.b.c.d', { p: 'a.b', q: 'c', r: 'd' }],
      // Beside a wildcard in the segment (found in review): the text between them stays out of the parameter.
      ['/files/*path{.:ext}', '/files/archive.tar.gz', { path: 'archive.tar', ext: 'gz' }],
      ['/files/*path{.:ext}', '/files/a/b.c/d', { path: 'a/b.c/d' }],
      ['/:user@*rest', '/bob@host@x/y', { user: 'bob', rest: 'host@x/y' }],
      ['/:user@*rest', '/@x@y', null],
      ['/dl/*path.:ext', '/dl/a.b.', null],
      ['/dl/*path.:ext', '/dl/a/b.c', { path: 'a/b', ext: 'c' }],
    ];
    for (const [pattern, path, vars] of cases) expect(matchRoute(new Route().path(expressPath(pattern)), path), `${pattern} ${path}`).to.deep.equal(vars);
    expect(new Route().path(expressPath('/post-:slug')).url({ slug: 'hello' }).toString()).to.equal('/post-hello');
    for (const pattern of ['/:a:b', '/:a_:b', '/x/:a*b', '/:a{:b}']) {
      expect(() => expressPath(pattern), pattern).to.throw(MuxError, `mux: invalid Express path "${pattern}": Missing text before "b"`);
    }
  });

  it('*wildcard takes the rest of the path as one string', () => {
    const route = new Route().path(expressPath('/files/*rest'));
    expect(matchRoute(route, '/files/a/b/c.txt')).to.deep.equal({ rest: 'a/b/c.txt' });
    expect(matchRoute(route, '/files/a%2Fb')).to.deep.equal({ rest: 'a/b' });
    expect(matchRoute(route, '/files/')).to.equal(null);
  });

  it('{optional} groups: an absent parameter is absent from vars', () => {
    const route = new Route().path(expressPath('/docs{/:page}'));
    expect(matchRoute(route, '/docs')).to.deep.equal({});
    expect(matchRoute(route, '/docs/intro')).to.deep.equal({ page: 'intro' });
    const nested = new Route().path(expressPath('/users{/:id{/:tab}}/show'));
    expect(matchRoute(nested, '/users/show')).to.deep.equal({});
    expect(matchRoute(nested, '/users/7/show')).to.deep.equal({ id: '7' });
    expect(matchRoute(nested, '/users/7/posts/show')).to.deep.equal({ id: '7', tab: 'posts' });
    expect(matchRoute(new Route().path(expressPath('/files{/*path}')), '/files')).to.deep.equal({});
  });

  it('escaped characters are literal text', () => {
    const route = new Route().path(expressPath('/a\\:b/\\{x\\}'));
    expect(matchRoute(route, '/a:b/{x}')).to.deep.equal({});
  });

  it('matching is case-sensitive and strict about the trailing slash, as gorilla templates', () => {
    const route = new Route().path(expressPath('/Users/:id'));
    expect(matchRoute(route, '/users/1')).to.equal(null);
    expect(matchRoute(route, '/Users/1/')).to.equal(null);
  });

  it('pathPrefix takes an Express path', () => {
    const route = new Route().pathPrefix(expressPath('/orgs/:org'));
    expect(matchRoute(route, '/orgs/acme/repos')).to.deep.equal({ org: 'acme' });
  });
});

describe('expressPath: URL building', () => {
  it('fills parameters and encodes values', () => {
    const route = new Route().path(expressPath('/users/:id/:tab'));
    expect(route.url({ id: '42', tab: 'a b' }).toString()).to.equal('/users/42/a%20b');
    expect(route.url('id', '1', 'tab', 'x').toString()).to.equal('/users/1/x');
  });

  it('a wildcard takes a string or an array of segments', () => {
    const route = new Route().path(expressPath('/files/*rest'));
    expect(route.url({ rest: 'a/b c' }).toString()).to.equal('/files/a/b%20c');
    expect(route.url({ rest: ['a', 'b c'] }).toString()).to.equal('/files/a/b%20c');
  });

  it('leaves out optional groups whose parameters are not given', () => {
    const route = new Route().path(expressPath('/users{/:id{/:tab}}/show'));
    expect(route.url({}).toString()).to.equal('/users/show');
    expect(route.url({ id: '7' }).toString()).to.equal('/users/7/show');
    expect(route.url({ id: '7', tab: 'posts' }).toString()).to.equal('/users/7/posts/show');
    expect(route.url({ tab: 'posts' }).toString()).to.equal('/users/show');
  });

  it('throws MuxError for a missing required parameter or a value that does not fit', () => {
    const route = new Route().path(expressPath('/users/:id'));
    // @ts-expect-error with a literal template, a missing variable is a compile error too
    expect(() => route.url({})).to.throw(MuxError, 'mux: missing route variable "id" for template "/users/:id"');
    expect(() => route.url({ id: 'a/b' })).to.throw(MuxError, /variable "a\/b" doesn't match/);
  });

  it('round trip: build a URL, match it, get the same vars', () => {
    const table: [string, Record<string, string | string[]>, Record<string, string>][] = [
      ['/users/:id', { id: '42' }, { id: '42' }],
      ['/users/:id', { id: 'a b&c' }, { id: 'a b&c' }],
      ['/files/*rest', { rest: ['a', 'b', 'c.txt'] }, { rest: 'a/b/c.txt' }],
      ['/docs{/:page}', {}, {}],
      ['/docs{/:page}', { page: 'intro' }, { page: 'intro' }],
      ['/:a-:b', { a: 'x', b: 'y' }, { a: 'x', b: 'y' }],
      ['/img/:name.:ext', { name: 'logo', ext: 'png' }, { name: 'logo', ext: 'png' }],
      ['/u{/:id{/:tab}}/x', { id: '1', tab: 't' }, { id: '1', tab: 't' }],
      ['/é/:v', { v: 'ü' }, { v: 'ü' }],
    ];
    for (const [pattern, values, expected] of table) {
      const route = new Route().path(expressPath(pattern));
      const url = route.url(values).toString();
      expect(matchRoute(route, url), `${pattern} → ${url}`).to.deep.equal(expected);
    }
  });
});

describe('expressPath: errors', () => {
  const bad = ['/a/:', '/a(', '/users/:id{', '/:"unterminated', '/*'];
  for (const pattern of bad) {
    it(`${pattern} throws MuxError naming the pattern`, () => {
      expect(() => expressPath(pattern)).to.throw(MuxError, `invalid Express path "${pattern}"`);
    });
  }

  it('must start with a slash; a duplicated name is rejected; hosts take strings only', () => {
    expect(() => new Route().path(expressPath('users/:id'))).to.throw(MuxError, 'path must start with a slash, got "users/:id"');
    expect(() => new Route().path(expressPath('/:id/:id'))).to.throw(MuxError, 'duplicated route variable "id"');
    expect(() => new Route().host(expressPath('/x') as never)).to.throw(MuxError, /host template must be a string/);
    expect(() => expressPath(42 as never)).to.throw(MuxError, /needs a string/);
  });
});

describe('expressPath: with gorilla templates, subrouters and router features', () => {
  it('mixes with a gorilla prefix in a subrouter; getPathTemplate shows both', () => {
    const r = newRouter();
    const route = r.pathPrefix('/api/{version:v[0-9]+}').subrouter().handleFunc(expressPath('/users/:id'), () => undefined).name('user');
    const m = new RouteMatch();
    expect(r.match(req('GET', '/api/v2/users/42'), m)).to.equal(true);
    expect(m.vars).to.deep.equal({ version: 'v2', id: '42' });
    expect(route.getPathTemplate()).to.equal('/api/{version:v[0-9]+}/users/:id');
    expect(route.getVarNames()).to.deep.equal(['version', 'id']);
    expect(r.get('user')!.url({ version: 'v3', id: '7' }).toString()).to.equal('/api/v3/users/7');
    expect(() => r.get('user')!.url({ version: 'x', id: '7' })).to.throw(MuxError, /expected "\^v\[0-9\]\+\$"/);
  });

  it('an Express prefix with a gorilla child', () => {
    const r = newRouter();
    r.pathPrefix(expressPath('/orgs/:org')).subrouter().path('/repos/{repo:[a-z]+}');
    const m = new RouteMatch();
    expect(r.match(req('GET', '/orgs/acme/repos/tsmux'), m)).to.equal(true);
    expect(m.vars).to.deep.equal({ org: 'acme', repo: 'tsmux' });
  });

  it('strictSlash redirects to the pattern\'s form', () => {
    const r = newRouter().strictSlash(true);
    const route = r.path(expressPath('/users/:id/'));
    const m = new RouteMatch();
    expect(r.match(req('GET', '/users/1'), m)).to.equal(true);
    expect(m.handler).to.be.a('function');
    expect(route.url({ id: '1' }).toString()).to.equal('/users/1/');
  });

  it('useEncodedPath keeps %2F inside a parameter', () => {
    const r = newRouter().useEncodedPath();
    r.path(expressPath('/v/:x'));
    const m = new RouteMatch();
    expect(r.match(req('GET', '/v/a%2Fb'), m)).to.equal(true);
    expect(m.vars).to.deep.equal({ x: 'a%2Fb' });
  });

  it('serves with vars() and is an ExpressPath value', async () => {
    const p = expressPath('/hello/:name');
    expect(p).to.be.instanceOf(ExpressPath);
    expect(String(p)).to.equal('/hello/:name');
    const r = newRouter();
    r.handle(p, { serveHTTP: (rq, rs) => void rs.end(`hi ${vars(rq).name}`) });
    await withServer(r, async (s) => expect(await (await s.fetch('/hello/ann')).text()).to.equal('hi ann'));
  });
});
});
