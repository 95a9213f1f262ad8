import { expect } from 'chai';
import fc from 'fast-check';
import { ErrMethodMismatch, expressPath, MuxError, newRouter, RouteMatch, type Router } from '../src/index.js';
import { SharedList } from '../src/shared-list.js';
import { RouteRegexp, type TemplateKind } from '../src/template/template.js';
import { describeEngines } from './engines.js';

// A subrouter's template is its parent's joined with its own, without reading the parent's text again
// (RouteRegexp.join): nested subrouters then register in time linear in their depth. These check that
// the join is exactly the template written out whole.

const noop = () => undefined;

// Short template parts: text (with and without trailing slashes), variables with and without patterns.
const part = fc.constantFrom('/a', '/b/', '//', '/', '', '/c.d', '/{x}', '/{y:[0-9]+}', '/v{z:[a-z]+}', '/{w}/', '/e{u}f', '/{t:.*}');

function whole(base: string, tail: string): string {
  return base.replace(/\/+$/, '') + tail;
}

describe('Deep subrouters: a joined template is the template written out whole', () => {
  it('same source, variables, pieces, matches and built URLs as compiling the concatenation', () => {
    fc.assert(
      fc.property(part, part, part, fc.constantFrom<TemplateKind>('path', 'prefix'), fc.constantFrom<TemplateKind>('path', 'prefix'), fc.boolean(), fc.boolean(), (a, b, c, middle, kind, strictMiddle, strictSlash) => {
        // Two joins, as a subrouter two levels down makes them, against one compile of the whole text.
        // (The middle one may be a whole path under strict slash: `path('/x/').subrouter()`.)
        let joined: RouteRegexp;
        try {
          const first = RouteRegexp.fromTemplate(a, 'prefix');
          const second = RouteRegexp.join(first, { template: b, pieces: RouteRegexp.fromTemplate(b, middle).pieces }, middle, { strictSlash: strictMiddle });
          joined = RouteRegexp.join(second, { template: c, pieces: RouteRegexp.fromTemplate(c, kind).pieces }, kind, { strictSlash });
        } catch (err) {
          // A name used twice is refused by both (the join names the level where it was used again).
          expect(err).to.be.instanceOf(MuxError);
          const name = /duplicated route variable "(\w+)"/.exec((err as Error).message)![1]!;
          expect(() => RouteRegexp.fromTemplate(whole(whole(a, b), c), kind, { strictSlash })).to.throw(MuxError, `duplicated route variable "${name}"`);
          return;
        }
        const written = RouteRegexp.fromTemplate(whole(whole(a, b), c), kind, { strictSlash });
        expect(joined.template).to.equal(written.template);
        expect(joined.source).to.equal(written.source);
        expect(joined.varNames).to.deep.equal(written.varNames);
        expect(joined.pieces).to.deep.equal(written.pieces);
        expect(joined.prefixPieces()).to.deep.equal(written.prefixPieces());
        for (const input of ['/a/b', '/a/b/', '/a/1/c.d', '/a//', '/b/x/', '/v', '/vq/7', '/efx/', '/a/b/z']) {
          expect(joined.test(input), input).to.equal(written.test(input));
          const got: Record<string, string> = {};
          const want: Record<string, string> = {};
          joined.extract(input, got);
          written.extract(input, want);
          expect(got, input).to.deep.equal(want);
        }
        const values = { x: 'p', y: '12', z: 'q', w: 'r', u: 's', t: 'g/h' };
        let built: string | Error;
        try {
          built = written.build(values);
        } catch (err) {
          built = err as Error;
        }
        if (built instanceof Error) expect(() => joined.build(values)).to.throw(MuxError, built.message);
        else expect(joined.build(values)).to.equal(built);
      }),
      { numRuns: 600 },
    );
  });

  it('a template joined onto a whole prefix knows it starts with that prefix; one that trimmed a slash does not', () => {
    const api = RouteRegexp.fromTemplate('/api', 'prefix');
    const v1 = RouteRegexp.join(api, { template: '/v1/', pieces: RouteRegexp.fromTemplate('/v1/', 'prefix').pieces }, 'prefix');
    const users = RouteRegexp.join(v1, { template: '/users', pieces: RouteRegexp.fromTemplate('/users', 'path').pieces }, 'path');
    expect(v1.joinedOnto).to.equal(api);
    expect(v1.source.startsWith(api.source)).to.equal(true);
    // `/api/v1/` lost its trailing slash when `/users` was joined: the link is kept only when nothing of the
    // base was trimmed (the index then compares the sources instead).
    expect(users.joinedOnto).to.equal(undefined);
    expect(users.template).to.equal('/api/v1/users');
  });

  it('an Express path joined onto a prefix matches as the whole Express path does', () => {
    const prefix = RouteRegexp.fromTemplate('/shop/{shop}/', 'prefix');
    const tail = expressPath('/items{/:id}');
    const joined = RouteRegexp.join(prefix, tail, 'path');
    expect(joined.template).to.equal('/shop/{shop}/items{/:id}');
    expect(joined.varNames).to.deep.equal(['shop', 'id']);
    const vars: Record<string, string> = {};
    expect(joined.test('/shop/s1/items/9')).to.equal(true);
    joined.extract('/shop/s1/items/9', vars);
    expect(vars).to.deep.equal({ shop: 's1', id: '9' });
    expect(joined.test('/shop/s1/items')).to.equal(true);
  });
});

describe('Deep subrouters: inherited matchers are shared, not copied', () => {
  it('a copy does not see what is appended to the list it was taken from, nor the other way round', () => {
    const base = SharedList.of(['a', 'b']);
    const left = base.with('c');
    const right = base.with('d').with('e');
    expect(base.items()).to.deep.equal(['a', 'b']);
    expect(left.items()).to.deep.equal(['a', 'b', 'c']);
    expect(right.items()).to.deep.equal(['a', 'b', 'd', 'e']);
    expect([left.last, right.last, SharedList.empty<string>().last]).to.deep.equal(['c', 'e', undefined]);
    expect([base.length, left.length, right.length]).to.deep.equal([2, 3, 4]);
  });

  it("a matcher added to a route after subrouter() is not inherited by the subrouter's routes (gorilla copies the conf)", () => {
    for (const index of [true, false]) {
      const r = newRouter({ index });
      const route = r.pathPrefix('/p');
      const sub = route.subrouter();
      sub.handleFunc('/x', noop).name('x');
      route.methods('POST');
      // The subrouter's route has no method matcher of its own: the POST-only parent route decides.
      expect(() => sub.get('x')!.getMethods()).to.throw(MuxError);
      expect(r.match({ method: 'GET', url: '/p/x', headers: {} }, new RouteMatch())).to.equal(false);
      expect(r.match({ method: 'POST', url: '/p/x', headers: {} }, new RouteMatch())).to.equal(true);
    }
  });
});

describeEngines('Deep subrouters: routes 400 levels down', (make) => {
  function tree(depth: number, level: (r: Router, i: number) => Router): { root: Router; bottom: Router } {
    const root = make();
    let r = root;
    for (let i = 0; i < depth; i++) r = level(r, i);
    return { root, bottom: r };
  }

  it('prefix subrouters 400 deep: the bottom routes match, a miss is a 404, the inherited prefixes are all checked', function () {
    this.timeout(60_000); // slow on the in-order scan (each level's template is matched whole): no timing verdict
    const { root, bottom } = tree(400, (r, i) => r.pathPrefix(`/l${i}`).subrouter());
    bottom.handleFunc('/leaf/{id}', noop).methods('GET').name('leaf');
    bottom.handleFunc('/other', noop).methods('GET');
    const url = Array.from({ length: 400 }, (_, i) => `/l${i}`).join('');
    const m = new RouteMatch();
    expect(root.match({ method: 'GET', url: `${url}/leaf/7`, headers: {} }, m)).to.equal(true);
    expect(m.route).to.equal(root.get('leaf'));
    expect(m.vars).to.deep.equal({ id: '7' });
    expect(root.match({ method: 'GET', url: `${url}/none`, headers: {} }, new RouteMatch())).to.equal(false);
    // One level's prefix wrong, deep inside: no match.
    expect(root.match({ method: 'GET', url: `${url.replace('/l200/', '/l20x/')}/leaf/7`, headers: {} }, new RouteMatch())).to.equal(false);
    const post = new RouteMatch();
    expect(root.match({ method: 'POST', url: `${url}/other`, headers: {} }, post)).to.equal(false);
    expect(post.matchErr).to.equal(ErrMethodMismatch);
    expect(root.get('leaf')!.url({ id: '9' }).path).to.equal(`${url}/leaf/9`);
  });

  it('a variable at each of 300 levels: all of them extracted, a name used twice refused naming the template', function () {
    this.timeout(60_000); // slow on the in-order scan (each level's template is matched whole): no timing verdict
    const { root, bottom } = tree(300, (r, i) => r.pathPrefix(`/k${i}/{v${i}:[0-9]+}`).subrouter());
    bottom.handleFunc('/end', noop);
    const url = Array.from({ length: 300 }, (_, i) => `/k${i}/${i}`).join('') + '/end';
    const m = new RouteMatch();
    expect(root.match({ method: 'GET', url, headers: {} }, m)).to.equal(true);
    expect(Object.keys(m.vars)).to.have.length(300);
    expect([m.vars.v0, m.vars.v150, m.vars.v299]).to.deep.equal(['0', '150', '299']);
    expect(root.match({ method: 'GET', url: url.replace('/k150/150', '/k150/x'), headers: {} }, new RouteMatch())).to.equal(false);
    expect(() => bottom.handleFunc('/again/{v7}', noop)).to.throw(MuxError, /duplicated route variable "v7" in ".*\/again\/\{v7\}"/);
  });

  it('prefixes ending in a slash, 200 deep: the slash is trimmed before the next level, as gorilla joins them', () => {
    const { root, bottom } = tree(200, (r, i) => r.pathPrefix(`/s${i}/`).subrouter());
    bottom.handleFunc('/end', noop).name('end');
    const url = Array.from({ length: 200 }, (_, i) => `/s${i}`).join('') + '/end';
    expect(root.get('end')!.getPathTemplate()).to.equal(url);
    expect(root.match({ method: 'GET', url, headers: {} }, new RouteMatch())).to.equal(true);
  });
});
