// router.routes() and router.printRoutes(): the whole tree, prefixes joined, no throwing.
import { expect } from 'chai';
import { newRouter, SkipRouter, toOpenAPI } from '../src/index.js';
import { displayWidth } from '../src/introspect/routes.js';

const ok = () => undefined;

function tree() {
  const r = newRouter();
  r.handleFunc('/', ok).methods('GET').name('home');
  const api = r.pathPrefix('/api/v1').host('{tenant:[a-z]+}.example.com').subrouter();
  api.handleFunc('/users/{id:[0-9]+}', ok).methods('GET', 'PUT').name('user');
  api.handleFunc('/search', ok).queries('q', '{q}').headers('X-Key', '').headersRegexp('Accept', 'json').schemes('https');
  r.newRoute().matcherFunc(() => true);
  r.path('/static/{file}').buildOnly().name('static');
  return r;
}

describe('routes() and printRoutes()', () => {
  it('lists every route depth-first, with subrouter prefixes and inherited matchers joined in', () => {
    const infos = tree().routes();
    expect(infos.map(({ route: _r, ...rest }) => rest)).to.deep.equal([
      { depth: 0, name: 'home', methods: ['GET'], path: '/', hasCustomMatcher: false, buildOnly: false, hasSubrouter: false },
      { depth: 0, host: '{tenant:[a-z]+}.example.com', pathPrefix: '/api/v1', hasCustomMatcher: false, buildOnly: false, hasSubrouter: true },
      {
        depth: 1,
        name: 'user',
        methods: ['GET', 'PUT'],
        host: '{tenant:[a-z]+}.example.com',
        path: '/api/v1/users/{id:[0-9]+}',
        hasCustomMatcher: false,
        buildOnly: false,
        hasSubrouter: false,
      },
      {
        depth: 1,
        host: '{tenant:[a-z]+}.example.com',
        path: '/api/v1/search',
        queries: ['q={q}'],
        headers: [
          { name: 'X-Key', value: '', regexp: false },
          { name: 'Accept', value: 'json', regexp: true },
        ],
        schemes: ['https'],
        hasCustomMatcher: false,
        buildOnly: false,
        hasSubrouter: false,
      },
      { depth: 0, hasCustomMatcher: true, buildOnly: false, hasSubrouter: false },
      { depth: 0, name: 'static', path: '/static/{file}', hasCustomMatcher: false, buildOnly: true, hasSubrouter: false },
    ]);
  });

  // Reported by a new user: routes() showed a headersRegexp as its compiled source
  // (`^application\/(?:json|xml)$`), not as written; OpenAPI took that source as its pattern.
  it('shows a headersRegexp pattern as written, in routes(), printRoutes(), explain() and OpenAPI', () => {
    const r = newRouter();
    r.handleFunc('/upload', ok).methods('POST').headersRegexp('Content-Type', '^application/(?:json|xml)$', 'X-Name', '^\\pL+$');
    expect(r.routes()[0]!.headers).to.deep.equal([
      { name: 'Content-Type', value: '^application/(?:json|xml)$', regexp: true },
      { name: 'X-Name', value: '^\\pL+$', regexp: true },
    ]);
    expect(r.printRoutes()).to.include('Content-Type~^application/(?:json|xml)$');
    const e = r.explain({ method: 'POST', url: '/upload', headers: { 'content-type': 'text/plain', 'x-name': 'a' } });
    expect(e.tried[0]!.verdicts.map((v) => v.detail)).to.include('headersRegexp: Content-Type~/^application/(?:json|xml)$/ vs "text/plain"; X-Name~/^\\pL+$/ vs "a"');
    const doc = toOpenAPI(r, { info: { title: 't', version: '1' } }) as { paths: Record<string, Record<string, { parameters: { name: string; schema: Record<string, string> }[] }>> };
    const schemas = Object.fromEntries(doc.paths['/upload']!.post!.parameters.map((p) => [p.name, p.schema]));
    expect(new RegExp(schemas['X-Name']!.pattern!, 'u').test('é')).to.equal(true);
  });

  it('visits the same routes as walk(), in the same order', () => {
    const r = tree();
    const walked: unknown[] = [];
    r.walk((route) => walked.push(route));
    expect(r.routes().map((i) => i.route)).to.deep.equal(walked);
    expect(walked).to.have.length(6);
    // walk's SkipRouter is unaffected.
    const top: unknown[] = [];
    r.walk((route) => {
      top.push(route);
      throw SkipRouter;
    });
    expect(top).to.have.length(4);
  });

  it('lists a tree 8,000 subrouters deep (the recursive listing overflowed the stack from about 7,000 levels)', () => {
    const root = newRouter();
    let r = root;
    for (let i = 0; i < 8000; i++) r = r.pathPrefix('/a').subrouter();
    r.handleFunc('/x', ok);
    const infos = root.routes();
    expect(infos).to.have.length(8001);
    expect(infos.map((i) => i.depth)).to.deep.equal([...Array(8001).keys()]);
    expect(infos[8000]!.path).to.equal('/a'.repeat(8000) + '/x');
  });

  it('prints 200,000 routes (the column widths spread every row as arguments, which overflowed the stack)', () => {
    const r = newRouter();
    for (let i = 0; i < 200_000; i++) r.handleFunc(`/r${i}`, ok);
    const lines = r.printRoutes().split('\n');
    expect(lines).to.have.length(200_002);
    expect(lines[200_000]).to.equal('ANY            /r199999');
  });

  it('intersects the methods of inherited and own method matchers', () => {
    const r = newRouter();
    r.methods('GET', 'POST').subrouter().handleFunc('/x', ok).methods('POST', 'PUT');
    expect(r.routes()[1]!.methods).to.deep.equal(['POST']);
  });

  it('prints an aligned table, subrouter routes indented, without throwing on routes with no path or methods', () => {
    expect(tree().printRoutes()).to.equal(
      [
        'METHODS  HOST                         PATH                         MATCHERS                         NAME',
        'GET                                   /                                                             home',
        'ANY      {tenant:[a-z]+}.example.com  /api/v1*',
        'GET,PUT  {tenant:[a-z]+}.example.com    /api/v1/users/{id:[0-9]+}                                   user',
        'ANY      {tenant:[a-z]+}.example.com    /api/v1/search             ?q={q} X-Key: Accept~json https',
        'ANY                                   (any path)                   [custom]',
        'ANY                                   /static/{file}               [build-only]                     static',
        '',
      ].join('\n'),
    );
  });

  // Reported from outside: padEnd counts UTF-16 units, so a CJK path pushed the NAME column two places
  // right per character and a combining accent pulled it one left.
  it('aligns columns by what a terminal shows: CJK characters take two columns, combining marks none', () => {
    const r = newRouter();
    r.handleFunc('/名前/{x}', ok).name('cjk');
    r.handleFunc('/cafe\u0301', ok).name('combining');
    r.handleFunc('/plain', ok).name('ascii');
    const lines = r.printRoutes().trimEnd().split('\n');
    const column = (line: string) => displayWidth(line.slice(0, line.lastIndexOf(' ') + 1));
    expect(lines.slice(1).map(column)).to.deep.equal([column(lines[3]!), column(lines[3]!), column(lines[3]!)]);
    expect(displayWidth('名前')).to.equal(4);
    expect(displayWidth('cafe\u0301')).to.equal(4);
    expect(displayWidth('😀a')).to.equal(3);
    for (const emoji of ['🚀', '🛒', '⌚', '☕', '🫠', '👨\u200d👩\u200d👧']) expect(displayWidth(emoji), emoji).to.equal(2);
  });

  it('an empty router prints only the header', () => {
    expect(newRouter().printRoutes()).to.equal('METHODS  HOST  PATH  MATCHERS  NAME\n');
    expect(newRouter().routes()).to.deep.equal([]);
  });
});
