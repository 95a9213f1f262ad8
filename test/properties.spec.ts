// Property tests (fast-check): URL building and matching agree, path cleaning is stable and safe,
// serveHTTP survives any request, and concurrent requests never see each other's vars.
import { expect } from 'chai';
import fc from 'fast-check';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { cleanPath } from '../src/url/clean-path.js';
import { MuxError, Route, RouteMatch, vars, type HandlerFunc } from '../src/index.js';
import { withServer } from './server-helpers.js';
import { describeEngines } from './engines.js';
import { quoteMeta } from '../src/template/template.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', (newRouter) => {
// A variable kind: its pattern and values that fit it.
const kinds: [string, fc.Arbitrary<string>][] = [
  ['[^/]+', fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/'))],
  ['[0-9]+', fc.stringMatching(/^[0-9]{1,6}$/)],
  ['[a-z]+', fc.stringMatching(/^[a-z]{1,8}$/)],
  ['[a-z0-9-]{2,10}', fc.stringMatching(/^[a-z0-9-]{2,10}$/)],
];

/** A path template of literal and variable segments, with values for its variables. */
const pathCase = fc
  .array(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9._~-]{1,8}$/).map((text) => ({ text })), fc.integer({ min: 0, max: kinds.length - 1 }).map((kind) => ({ kind }))), { minLength: 1, maxLength: 6 })
  .chain((segments) =>
    fc.tuple(...segments.map((s, i) => ('kind' in s ? kinds[s.kind]![1].map((v) => ({ tpl: `{v${i}:${kinds[s.kind]![0]}}`, name: `v${i}`, value: v })) : fc.constant({ tpl: s.text, name: '', value: '' })))),
  )
  .map((segments) => ({
    template: '/' + segments.map((s) => s.tpl).join('/'),
    values: Object.fromEntries(segments.filter((s) => s.name).map((s) => [s.name, s.value])),
  }));

describe('Properties', function () {
  this.timeout(60000);

  it('building a URL and matching it gives back the same vars (path, host, queries)', () => {
    fc.assert(
      fc.property(pathCase, fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 16 }), ({ template, values }, sub, q) => {
        const route = new Route().host('{sub:[a-z]+}.example.com').path(template).queries('q', '{q}');
        const all = { ...values, sub, q };
        // Each variable is a whole segment here: a value with a piece `.` or `..` makes a dot segment,
        // which URL building refuses (clients resolve such a URL to another path).
        if (Object.values(values).some((v) => v.split('/').some((piece) => piece === '.' || piece === '..'))) {
          expect(() => route.url(all), template).to.throw(MuxError, 'makes a dot segment');
          return;
        }
        const built = route.url(all).toString();
        // Split by hand: WHATWG URL parsing would resolve "." and ".." segments, which match() never does.
        const rest = built.slice('http://'.length);
        const host = rest.slice(0, rest.indexOf('/'));
        const m = new RouteMatch();
        const matched = route.match({ method: 'GET', url: rest.slice(host.length), headers: { host } }, m);
        expect(matched, built).to.equal(true);
        expect(m.vars, built).to.deep.equal(all);
      }),
      { numRuns: 300 },
    );
  });

  it('cleanPath is idempotent, absolute, and never yields //', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('/', '.', 'a', '\\', '%', 'é', '..') as fc.Arbitrary<string>, maxLength: 30 }), (p) => {
        const once = cleanPath(p);
        expect(cleanPath(once)).to.equal(once);
        expect(once.startsWith('/')).to.equal(true);
        expect(once.startsWith('//')).to.equal(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('serveHTTP answers any url, host, method and headers with a valid status and never throws', async () => {
    const r = newRouter().strictSlash(true);
    r.handleFunc('/a/{x}/', (req, res) => void res.end(JSON.stringify(vars(req))));
    r.host('{h}.example').path('/h').handlerFunc((_q, res) => void res.end('h'));
    r.handleFunc('/q', (_q, res) => void res.end('q')).queries('k', '{k:[0-9]+}').methods('GET');
    r.pathPrefix('/p').subrouter().handleFunc('/{rest:.*}', (_q, res) => void res.end('p')).headers('X-A', '');
    const anyText = fc.string({ unit: 'binary', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText, anyText.map((s) => '/' + s), fc.constantFrom('*', '', 'http://x.example//a/b', '//evil/..', '/a/%zz')),
        fc.option(anyText),
        fc.oneof(fc.constantFrom('GET', 'POST', 'OPTIONS', 'get'), anyText),
        fc.dictionary(fc.stringMatching(/^[a-z-]{1,10}$/), anyText, { maxKeys: 3 }),
        async (url, host, method, headers) => {
          const res = fakeResponse();
          const hdrs: Record<string, string> = { ...headers };
          if (host !== null) hdrs.host = host;
          await r.serveHTTP({ method, url, headers: hdrs } as never, res as never);
          expect(res.statusCode).to.be.within(200, 599);
          expect(res.ended).to.equal(true);
          if (res.headers.location !== undefined) expect(res.headers.location).not.to.match(/^(\/\/|\/\\)/);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('vars of concurrent async requests never mix', async () => {
    const r = newRouter();
    const handler: HandlerFunc = async (req, res) => {
      const before = { ...vars(req) };
      await new Promise((ok) => setTimeout(ok, Math.random() * 5));
      res.end(JSON.stringify({ before, after: vars(req) }));
    };
    r.handleFunc('/users/{id}/items/{item}', handler);
    await withServer(r, async (s) => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 20, maxLength: 40 }), async (pairs) => {
          const answers = await Promise.all(pairs.map(([a, b]) => s.fetch(`/users/${a}/items/${b}`).then((res) => res.json())));
          answers.forEach((answer, i) => {
            const want = { id: String(pairs[i]![0]), item: String(pairs[i]![1]) };
            expect(answer).to.deep.equal({ before: want, after: want });
          });
        }),
        { numRuns: 25 },
      );
    });
  });
});

});

// Composed templates: variables with random class patterns, random literals between them, all in one
// segment or spread over a few. Characters are drawn from a small alphabet so that the pieces collide.
const ALPHABET = ['a', 'b', '0', '1', '-', '.', '_'];
const classPattern = fc
  .tuple(fc.boolean(), fc.subarray(['a', 'b', '0', '1', '\\-', '.', '_', 'a-b', '0-1'], { minLength: 1 }), fc.constantFrom('+', '*', '?', '{1,2}', '+?', '*?', '{2}', '{1,}'))
  .map(([negate, members, q]) => `[${negate ? '^/' : ''}${members.join('')}]${q}`);
const varPattern = fc.oneof(
  classPattern,
  fc.constantFrom('ab', '-', '[^/]+', '[^.]+', '[^-]*', '.*', '.+?', '\\w+', '\\d*', '(?:a|ab)', '(?:a-|b)+', 'a|b-', '[a-b]+(?:\\.[0-1]+)?'),
);
const literal = fc.string({ unit: fc.constantFrom(...ALPHABET, '/'), maxLength: 3 }).filter((t) => !t.includes('//') && !t.includes('/.'));
/** A composed template from its (literal, variable pattern) parts and its last literal. */
function composedCase(parts: [string, string][], last: string) {
  let template = '/';
  let v8 = '^/';
  parts.forEach(([text, pattern], i) => {
    template += `${text}{v${i}:${pattern}}`;
    v8 += `${quoteMeta(text)}(${pattern})`;
  });
  return {
    template: template + last,
    v8: new RegExp(v8 + quoteMeta(last) + '$', 'u'),
    names: parts.map((_, i) => `v${i}`),
    texts: [...parts.map(([t]) => t), last],
    patterns: parts.map(([, pattern]) => pattern),
  };
}
const composed = fc
  .tuple(fc.array(fc.tuple(literal, varPattern), { minLength: 1, maxLength: 4 }), literal)
  .map(([parts, last]) => composedCase(parts, last))
  .filter(({ template }) => !template.includes('//') && !template.includes('/.'));
/** Short values (up to 3 characters of the alphabet) that a pattern matches whole. */
const SHORT = ((): string[] => {
  let all = [''];
  let last = [''];
  for (let n = 0; n < 3; n++) {
    last = last.flatMap((s) => ALPHABET.map((c) => s + c));
    all = all.concat(last);
  }
  return all;
})();
function valuesOf(pattern: string): fc.Arbitrary<string> {
  const re = new RegExp(`^(?:${pattern})$`, 'u');
  const values = SHORT.filter((v) => re.test(v));
  return values.length === 0 ? fc.constant('') : fc.constantFrom(...values);
}
/** A path shaped like the template (its literals, values of its patterns or random text where the variables go) or random. */
const pathFor = ({ texts, patterns }: { texts: string[]; patterns: string[] }) =>
  fc.oneof(
    fc.tuple(...patterns.map(valuesOf)).map((values) => '/' + texts.map((t, i) => t + (values[i] ?? '')).join('')),
    fc.array(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 4 }), { minLength: texts.length - 1, maxLength: texts.length - 1 }).map((values) => '/' + texts.map((t, i) => t + (values[i] ?? '')).join('')),
    fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 10 }).map((s) => '/' + s),
  );

// 1,000-1,500 random cases each, up to 3.2 s on a shared core: mocha's 10 s default is too close.
describeEngines('Properties: composed templates', (make) => {
  it('vars are those a backtracking RegExp of the same template gives (leftmost-first, greedy as written)', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(composed.chain((c) => fc.tuple(fc.constant(c), pathFor(c))), ([{ template, v8, names }, path]) => {
        const r = make();
        r.handleFunc(template, () => undefined);
        const m = new RouteMatch();
        const matched = r.match({ method: 'GET', url: path, headers: {} }, m);
        const want = v8.exec(path);
        expect(matched, `${template} ${path}`).to.equal(want !== null);
        if (want !== null) expect(m.vars, `${template} ${path}`).to.deep.equal(Object.fromEntries(names.map((n, i) => [n, want[i + 1]])));
      }),
      { numRuns: 1500 },
    );
  });

  it('as a path prefix too (no end anchor): the vars of the first match in priority order', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(composed.chain((c) => fc.tuple(fc.constant(c), pathFor(c), fc.constantFrom('', '/x', 'a', '-'))), ([{ template, v8, names }, path, more]) => {
        const r = make();
        r.pathPrefix(template).handlerFunc(() => undefined);
        const m = new RouteMatch();
        const url = path + more;
        const matched = r.match({ method: 'GET', url, headers: {} }, m);
        const want = new RegExp(v8.source.slice(0, -1), 'u').exec(url);
        expect(matched, `${template} ${url}`).to.equal(want !== null);
        if (want !== null) expect(m.vars, `${template} ${url}`).to.deep.equal(Object.fromEntries(names.map((n, i) => [n, want[i + 1]])));
      }),
      { numRuns: 1000 },
    );
  });

  it('build then match then build again gives the same URL', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(composed.chain((c) => fc.tuple(fc.constant(c), pathFor(c))), ([{ template }, path]) => {
        const r = make();
        const route = r.handleFunc(template, () => undefined);
        const m = new RouteMatch();
        if (!r.match({ method: 'GET', url: path, headers: {} }, m)) return;
        // A path with a whole segment `.` or `..` is refused (clients resolve such a URL elsewhere): the
        // composed templates write no such segment in their text, so a value made it.
        if (path.split('/').some((seg) => seg === '.' || seg === '..')) {
          expect(() => route.urlPath(m.vars), `${template} ${path}`).to.throw(MuxError, 'makes a dot segment');
          return;
        }
        const built = route.urlPath(m.vars).toString();
        // A built path never starts with `//` (it would read as another host): every slash after the
        // first of a run that starts it is escaped (`///a` is written `/%2F%2Fa`).
        expect(built, template).to.equal(path.replace(/^\/(\/+)/, (_, more: string) => '/' + '%2F'.repeat(more.length)));
        const again = new RouteMatch();
        expect(r.match({ method: 'GET', url: built, headers: {} }, again), `${template} ${built}`).to.equal(true);
        expect(route.urlPath(again.vars).toString()).to.equal(built);
      }),
      {
        numRuns: 1000,
        // Empty values between slashes that start the path: three slashes (this once failed by chance).
        examples: [[[composedCase([['', '.*'], ['/', '.*']], '/a'), '///a']], [[composedCase([['', '.*'], ['/', '[^-]*']], '/'), '///']]],
      },
    );
  });
});

/** A ServerResponse stand-in that validates headers the way Node does. */
function fakeResponse() {
  return {
    statusCode: 200,
    headersSent: false,
    writableEnded: false,
    ended: false,
    headers: {} as Record<string, string>,
    setHeader(name: string, value: string) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      this.headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete this.headers[name.toLowerCase()];
    },
    write() {
      this.headersSent = true;
      return true;
    },
    end() {
      this.headersSent = true;
      this.writableEnded = true;
      this.ended = true;
    },
  };
}
