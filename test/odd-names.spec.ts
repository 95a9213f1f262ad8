// Variable and header names that are also Object.prototype's: `__proto__` is refused at registration;
// `constructor`, `toString`, `hasOwnProperty`, `valueOf` work everywhere (vars, both engines, URL building).
import { expect } from 'chai';
import { expressPath, MuxError, RouteMatch, vars } from '../src/index.js';
import { describeEngines } from './engines.js';
import { withServer } from './server-helpers.js';

describeEngines('Odd names', (make) => {
  it('{__proto__} is refused at registration with a MuxError naming the template (path, host, query, Express)', () => {
    const r = make();
    expect(() => r.handleFunc('/a/{__proto__}', () => undefined)).to.throw(MuxError, 'mux: variable name "__proto__" is not allowed, in "/a/{__proto__}"');
    expect(() => r.host('{__proto__}.example.com')).to.throw(MuxError, /"__proto__".*\{__proto__\}\.example\.com/);
    expect(() => r.path('/q').queries('k', '{__proto__}')).to.throw(MuxError, /"__proto__" is not allowed, in "k=\{__proto__\}"/);
    expect(() => r.path(expressPath('/a/:__proto__'))).to.throw(MuxError, /"__proto__" is not allowed/);
    expect(() => r.pathPrefix('/p/{__proto__}')).to.throw(MuxError, /"__proto__" is not allowed/);
    expect(r.match({ method: 'GET', url: '/a/x', headers: {} }, new RouteMatch()), 'no half-made route left behind').to.equal(false);
  });

  const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];

  it('constructor, toString, hasOwnProperty, valueOf are read into vars as own values, by match() and serveHTTP', async () => {
    const r = make();
    const tpl = '/' + names.map((n) => `{${n}}`).join('/');
    r.handleFunc(tpl, (req, res) => void res.end(JSON.stringify(vars(req)))).name('odd');
    r.host('{constructor}.example.com').path('/h').queries('toString', '{toString}').handlerFunc((req, res) => void res.end(JSON.stringify(vars(req))));
    const want = { constructor: 'a', toString: 'b', hasOwnProperty: 'c', valueOf: 'd' };
    const m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/a/b/c/d', headers: {} }, m)).to.equal(true);
    expect(m.vars).to.deep.equal(want);
    expect(Object.keys(m.vars)).to.deep.equal(names);
    await withServer(r, async (s) => {
      expect(JSON.parse((await s.raw('GET', '/a/b/c/d')).body)).to.deep.equal(want);
      expect(JSON.parse((await s.raw('GET', '/h?toString=t', { host: 'api.example.com' })).body)).to.deep.equal({ constructor: 'api', toString: 't' });
    });
  });

  it('URL building takes them from one object or from pairs, and says when one is missing', () => {
    const r = make();
    r.host('{constructor}.example.com').path('/{toString}/{valueOf}').queries('h', '{hasOwnProperty}').name('odd');
    const route = r.get('odd')!;
    const want = 'http://a.example.com/b/c?h=d';
    expect(route.url({ constructor: 'a', toString: 'b', valueOf: 'c', hasOwnProperty: 'd' }).toString()).to.equal(want);
    expect(route.url('constructor', 'a', 'toString', 'b', 'valueOf', 'c', 'hasOwnProperty', 'd').toString()).to.equal(want);
    expect(() => route.url({ constructor: 'a', valueOf: 'c', hasOwnProperty: 'd' })).to.throw(MuxError, 'mux: missing route variable "toString"');
    expect(() => route.url({ toString: 'b', valueOf: 'c', hasOwnProperty: 'd' })).to.throw(MuxError, 'mux: missing route variable "constructor"');
  });

  it("headers('constructor', '') does not match a request without that header; headers('constructor', 'x') does not throw", async () => {
    const r = make();
    r.handleFunc('/h', (_req, res) => void res.end('present')).headers('constructor', '');
    r.handleFunc('/v', (_req, res) => void res.end('equal')).headers('constructor', 'x');
    r.handleFunc('/p', (_req, res) => void res.end('proto')).headers('__proto__', '');
    r.handleFunc('/re', (_req, res) => void res.end('regexp')).headersRegexp('toString', 'x');
    for (const url of ['/h', '/v', '/p', '/re']) {
      const m = new RouteMatch();
      expect(r.match({ method: 'GET', url, headers: {} }, m), url).to.equal(false);
    }
    const m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/v', headers: { constructor: 'x' } }, m)).to.equal(true);
    await withServer(r, async (s) => {
      for (const url of ['/h', '/v', '/p', '/re']) expect((await s.raw('GET', url)).status, url).to.equal(404);
      expect((await s.raw('GET', '/h', { constructor: 'y' })).body).to.equal('present');
      expect((await s.raw('GET', '/v', { constructor: 'x' })).body).to.equal('equal');
      expect((await s.raw('GET', '/re', { tostring: 'x' })).body).to.equal('regexp');
    });
  });
});
