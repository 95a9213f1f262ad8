// toOpenAPI: the document is valid OpenAPI 3.1 (checked by @readme/openapi-parser) and says what the
// routes say.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileErrors, validate } from '@readme/openapi-parser';
import { expressPath, newRouter, toOpenAPI, type Router } from '../src/index.js';
import { buildApp } from '../examples/app.js';
import { build, table } from './random-tables.js';
import { jsPattern } from '../src/introspect/openapi.js';
import { RouteRegexp } from '../src/template/template.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const info = { title: 'test', version: '1.0.0' };
const ok = () => undefined;

// Documents are read loosely: their shape is what the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

async function expectValid(doc: Doc): Promise<void> {
  // The validator resolves references in place: it gets a copy.
  const result = await validate(structuredClone(doc) as never);
  expect(result.valid, result.valid ? '' : compileErrors(result)).to.equal(true);
}

function operations(doc: Doc): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
}

describe('toOpenAPI', () => {
  it('describes paths, variables with their patterns, methods, queries, headers, hosts, names and metadata', async () => {
    const r = newRouter();
    r.handleFunc('/users/{id:[0-9]+}/{tab}', ok)
      .methods('GET', 'PUT')
      .name('user')
      .metadata('summary', 'A user')
      .metadata('description', 'One user, by id')
      .metadata('tags', ['users'])
      .metadata('deprecated', true);
    r.handleFunc('/search', ok).methods('GET').queries('q', '{q}', 'page', '{page:[0-9]+}', 'format', 'json').headers('X-Key', '', 'X-Version', '2').headersRegexp('Accept', 'json$');
    r.host('{tenant:[a-z]+}.example.com').schemes('https').path('/tenant').handlerFunc(ok).methods('GET');
    const doc = toOpenAPI(r, { info, servers: [{ url: 'https://api.example.com' }] }) as Doc;
    await expectValid(doc);
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.info).to.deep.equal(info);
    expect(doc.servers).to.deep.equal([{ url: 'https://api.example.com' }]);
    expect(operations(doc)).to.deep.equal(['GET /users/{id}/{tab}', 'PUT /users/{id}/{tab}', 'GET /search', 'GET /tenant']);
    const user = doc.paths['/users/{id}/{tab}'];
    expect(user.get).to.deep.include({ operationId: 'user', summary: 'A user', description: 'One user, by id', tags: ['users'], deprecated: true });
    expect(user.put.operationId).to.equal('user_put');
    expect(user.get.parameters).to.deep.equal([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^(?:[0-9]+)$' } },
      { name: 'tab', in: 'path', required: true, schema: { type: 'string', pattern: '^(?:[^/]+)$' } },
    ]);
    expect(doc.paths['/search'].get.parameters).to.deep.equal([
      { name: 'q', in: 'query', required: true, schema: { type: 'string', pattern: '^(?:[^\\n]*)$' } },
      { name: 'page', in: 'query', required: true, schema: { type: 'string', pattern: '^(?:[0-9]+)$' } },
      { name: 'format', in: 'query', required: true, schema: { type: 'string', const: 'json' } },
      { name: 'X-Key', in: 'header', required: true, schema: { type: 'string' } },
      { name: 'X-Version', in: 'header', required: true, schema: { type: 'string', const: '2' } },
    ]);
    // OpenAPI ignores header parameters named Accept, Content-Type or Authorization: kept in an extension.
    expect(doc.paths['/search'].get['x-tsmux-headers']).to.deep.equal([{ name: 'Accept', in: 'header', required: true, schema: { type: 'string', pattern: 'json$' } }]);
    expect(doc.paths['/tenant'].get.servers).to.deep.equal([
      { url: 'https://{tenant}.example.com', variables: { tenant: { default: 'tenant', description: 'matches [a-z]+' } } },
    ]);
    expect(doc['x-tsmux-omitted']).to.equal(undefined);
  });

  it('lists what OpenAPI cannot express under x-tsmux-omitted, with the reason', async () => {
    const r = newRouter();
    r.pathPrefix('/static/').handlerFunc(ok).methods('GET');
    r.handleFunc('/custom', ok).matcherFunc(() => true);
    r.newRoute().handlerFunc(ok).methods('GET');
    r.path('/built/{x}').buildOnly().name('built');
    r.handle(expressPath('/files{/:name}'), ok);
    r.handleFunc('/a/{x}', ok).methods('GET');
    r.handleFunc('/a/{y}', ok).methods('POST');
    r.handleFunc('/b', ok).methods('GET');
    r.handleFunc('/b', ok).methods('GET', 'PURGE');
    const doc = toOpenAPI(r, { info }) as Doc;
    await expectValid(doc);
    expect(operations(doc)).to.deep.equal(['GET /a/{x}', 'GET /b']);
    expect(doc['x-tsmux-omitted']).to.deep.equal([
      { methods: ['GET'], pathPrefix: '/static/', reason: 'a pathPrefix matches every path below it, which OpenAPI paths cannot express' },
      { path: '/custom', reason: 'a custom matcher (matcherFunc) decides what it matches' },
      { methods: ['GET'], reason: 'the route has no path template, so it matches any path' },
      { path: '/built/{x}', name: 'built', reason: 'build-only: the route builds URLs and never matches' },
      { path: '/files{/:name}', reason: 'the path has an optional part, which OpenAPI paths cannot express' },
      { methods: ['POST'], path: '/a/{y}', reason: 'OpenAPI takes it for the same path as /a/{x} (only the variable names differ)' },
      { methods: ['PURGE'], path: '/b', reason: 'OpenAPI 3.1 has no operation for these methods' },
      { methods: ['GET'], path: '/b', reason: 'GET /b is described by an earlier route (OpenAPI has one operation per path and method)' },
    ]);
  });

  // Reported from outside: a route named `a` with GET and POST took `a_post`, and a route named `a_post`
  // then had no operationId at all.
  it('gives every named operation an operationId of its own, a route\'s name to its first method', async () => {
    const r = newRouter();
    r.handleFunc('/a', ok).methods('GET', 'POST').name('a');
    r.handleFunc('/b', ok).methods('GET').name('a_post');
    r.handleFunc('/c', ok).methods('PUT', 'POST').name('c');
    const doc = toOpenAPI(r, { info }) as Doc;
    await expectValid(doc);
    expect([doc.paths['/a'].get.operationId, doc.paths['/a'].post.operationId, doc.paths['/b'].get.operationId, doc.paths['/c'].put.operationId, doc.paths['/c'].post.operationId])
      .to.deep.equal(['a', 'a_post_2', 'a_post', 'c', 'c_post']);
  });

  it('gives a route without methods every operation OpenAPI has', async () => {
    const r = newRouter();
    r.handleFunc('/any', ok);
    const doc = toOpenAPI(r, { info }) as Doc;
    await expectValid(doc);
    expect(Object.keys(doc.paths['/any'])).to.deep.equal(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  });

  it("is valid for the example app, subrouter prefixes and hosts included", async () => {
    const doc = toOpenAPI(buildApp(), { info }) as Doc;
    await expectValid(doc);
    expect(operations(doc)).to.include.members(['GET /api/v1/books', 'POST /api/v1/books', 'GET /api/v1/books/{id}', 'GET /api/v1/search']);
    expect(doc.paths['/api/v1/books/{id}'].get.operationId).to.equal('book');
  });

  it('is valid for the GitHub API route set, one operation per route', async () => {
    const data = JSON.parse(readFileSync(join(root, 'bench/data/go-routing-benchmark-routes.json'), 'utf8')) as { github: { method: string; gorilla: string }[] };
    const r: Router = newRouter();
    for (const route of data.github) r.handleFunc(route.gorilla, ok).methods(route.method);
    const doc = toOpenAPI(r, { info }) as Doc;
    await expectValid(doc);
    expect(operations(doc)).to.have.length(data.github.length);
    expect(doc['x-tsmux-omitted']).to.equal(undefined);
    expect(doc.paths['/repos/{owner}/{repo}/issues/{number}'].get.parameters.map((p: Doc) => p.name)).to.deep.equal(['owner', 'repo', 'number']);
  });

  it('writes variable patterns in JSON Schema syntax with their template meaning', () => {
    const patterns = ['[0-9]+', '[^/]+', '.*', '.*?', '\\d+', '\\w+', '\\pL+', '\\s*', '\\S+', '[\\S.]+', '[ -~]+', '[+-0]+', '[^.]+', 'a|bc', '(?:x|y)+', '[a-z]{1,2}', '[[:alpha:]]+', '\\.x'];
    const samples = ['', '7', '42', 'abc', 'a/b', 'x.y', ' ', '\t', '\n', '\r', '\u2028', 'ü', 'Ünï', '+', '-', ',', 'bc', 'xyx', 'ab', '.x', 'A_1', '😀'];
    for (const p of patterns) {
      const template = RouteRegexp.fromTemplate(`/{v:${p}}`, 'path');
      const js = new RegExp(`^(?:${jsPattern(p)!})$`, 'u');
      for (const v of samples) expect(js.test(v), `${p} on ${JSON.stringify(v)}`).to.equal(template.validatorOf('v')!.test(v));
    }
    expect(jsPattern('.*')).to.equal('[^\\n]*');
    expect(jsPattern('(?i)abc')).to.equal(undefined);
    const r = newRouter();
    r.handleFunc('/x/{v:(?i)abc}', ok).methods('GET');
    const doc = toOpenAPI(r, { info }) as Doc;
    expect(doc.paths['/x/{v}'].get.parameters[0].schema).to.deep.equal({ type: 'string', description: 'matches the RE2 pattern (?i)abc' });
  });

  it('is valid for random route tables', async function () {
    this.timeout(120000);
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const doc = toOpenAPI(build(t), { info }) as Doc;
        // The validator wants at least one path (the OpenAPI schema accepts an empty paths object).
        fc.pre(Object.keys(doc.paths).length > 0);
        await expectValid(doc);
      }),
      { numRuns: 60 },
    );
  });
});
