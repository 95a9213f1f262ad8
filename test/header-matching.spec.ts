// Header matchers read names lower-cased once when the route is made; these pin what they answer for the
// ways a request can carry a header: Node's repeated headers (kept apart), hand-made objects with
// mixed-case names or array values, and the header names given in any case.
import { expect } from 'chai';
import { IncomingMessage, type ServerResponse } from 'node:http';
import { RouteMatch, type Router } from '../src/index.js';
import { describeEngines } from './engines.js';
import { http2Request } from './helpers.js';
import { TestServer, withServer } from './server-helpers.js';

// The body of the answer to a GET of `path` with these header lines, sent as they are.
async function bodyOf(s: TestServer, lines: string, path = '/'): Promise<string | undefined> {
  return (await s.socket(`GET ${path} HTTP/1.1\r\nHost: x\r\n${lines}Connection: close\r\n\r\n`)).split('\r\n\r\n')[1];
}

describeEngines('Header matchers', (make) => {
  const matches = (setup: (r: ReturnType<typeof make>) => void, headers: Record<string, unknown>, extra: object = {}) => {
    const r = make();
    setup(r);
    return r.match({ method: 'GET', url: '/', headers, ...extra } as never, new RouteMatch());
  };

  it('a name registered in upper case finds a lower-cased header, and a hand-made mixed-case one', () => {
    const tag = (r: ReturnType<typeof make>) => void r.headers('X-TAG', 'v').handlerFunc(() => undefined);
    expect(matches(tag, { 'x-tag': 'v' })).to.equal(true);
    expect(matches(tag, { 'X-Tag': 'v' })).to.equal(true);
    expect(matches(tag, { 'X-Tag': 'w' })).to.equal(false);
  });

  it('an own header set to undefined is absent; an inherited one is not a header (own properties only, as the README says)', () => {
    const tag = (r: ReturnType<typeof make>) => void r.headers('x-tag', '').handlerFunc(() => undefined);
    // The scan takes the first name that lower-cases to the header's: the own undefined one.
    expect(matches(tag, { 'x-tag': undefined, 'X-TAG': 'v' })).to.equal(false);
    expect(matches(tag, { 'x-tag': undefined })).to.equal(false);
    expect(matches(tag, Object.create({ 'x-tag': 'v' }) as Record<string, unknown>)).to.equal(false);
    expect(matches(tag, Object.create({ 'X-Tag': 'v' }) as Record<string, unknown>)).to.equal(false);
    const ctor = (r: ReturnType<typeof make>) => void r.headers('constructor', '').handlerFunc(() => undefined);
    expect(matches(ctor, {})).to.equal(false);
  });

  it('an array value is one value per element (headers() equal to one, headersRegexp() matching one)', () => {
    const eq = (r: ReturnType<typeof make>) => void r.headers('X-Tag', 'b').handlerFunc(() => undefined);
    const re = (r: ReturnType<typeof make>) => void r.headersRegexp('X-Tag', '^b$').handlerFunc(() => undefined);
    expect(matches(eq, { 'x-tag': ['a', 'b'] })).to.equal(true);
    expect(matches(re, { 'x-tag': ['a', 'b'] })).to.equal(true);
    expect(matches(eq, { 'x-tag': ['a', 'c'] })).to.equal(false);
    expect(matches(re, { 'x-tag': ['a', 'c'] })).to.equal(false);
  });

  it('headersDistinct: every value of a repeated header is its own (headersRegexp too), while headers holds them joined', () => {
    const re = (r: ReturnType<typeof make>) => void r.headersRegexp('X-Tag', '^b$').handlerFunc(() => undefined);
    expect(matches(re, { 'x-tag': 'a, b' }, { headersDistinct: { 'x-tag': ['a', 'b'] } })).to.equal(true);
    // `headers` says what the request has: a headersDistinct that disagrees with it is not read.
    expect(matches(re, { 'x-tag': 'b' }, { headersDistinct: { 'x-tag': ['a'] } })).to.equal(true);
    expect(matches(re, { 'x-tag': 'a' }, { headersDistinct: { 'x-tag': ['a', 'b'] } })).to.equal(false);
    expect(matches(re, {}, { headersDistinct: { 'x-tag': ['b'] } })).to.equal(false);
    // Only own properties of headersDistinct are headers.
    expect(matches(re, { 'x-tag': 'a, b' }, { headersDistinct: Object.create({ 'x-tag': ['a', 'b'] }) as object })).to.equal(false);
  });

  // Reported from outside: on a real request the matchers read the header lines as sent, so a header a
  // middleware removed before the router (one only a proxy may set) still routed the request to the route
  // requiring it, and a header a middleware set was never seen.
  it('node:http: a header a middleware removed, set or cut before the router is what the matchers see', async () => {
    const r = make();
    r.headers('X-Internal', '1').path('/admin').handlerFunc((_q, s) => void s.end('internal'));
    r.headers('X-Api-Version', '2').path('/admin').handlerFunc((_q, s) => void s.end('v2'));
    r.headersRegexp('X-Tag', '^b$').path('/admin').handlerFunc((_q, s) => void s.end('tag b'));
    r.path('/admin').handlerFunc((_q, s) => void s.end('public'));
    const front = {
      serveHTTP: (req: IncomingMessage, res: ServerResponse) => {
        delete req.headers['x-internal'];
        if (req.headers['x-set'] === '1') req.headers['x-api-version'] = '2';
        // Keeps the first of the values sent.
        if (req.headers['x-cut'] === '1') req.headers['x-tag'] = 'a';
        return r.serveHTTP(req, res);
      },
    };
    const s = await TestServer.start(front as unknown as Router);
    try {
      const send = (lines: string) => bodyOf(s, lines, '/admin');
      expect(await send('X-Internal: 1\r\n')).to.equal('public');
      expect(await send('X-Set: 1\r\n')).to.equal('v2');
      expect(await send('X-Tag: a\r\nX-Tag: b\r\n')).to.equal('tag b');
      expect(await send('X-Cut: 1\r\nX-Tag: a\r\nX-Tag: b\r\n')).to.equal('public');
    } finally {
      await s.close();
    }
  });

  it('node:http: a header sent twice keeps its values apart (not the joined "a, b"), also for Content-Type', async () => {
    const r = make();
    r.headers('X-Tag', 'b').path('/').handlerFunc((_q, s) => void s.end('tag b'));
    r.headers('X-Tag', 'a, b').path('/').handlerFunc((_q, s) => void s.end('joined'));
    // Node keeps only the first Content-Type in req.headers; the matcher sees both.
    r.headers('Content-Type', 'text/b').path('/').handlerFunc((_q, s) => void s.end('second type'));
    r.path('/').handlerFunc((_q, s) => void s.end('none'));
    await withServer(r, async (s) => {
      const send = (lines: string) => bodyOf(s, lines);
      expect(await send('X-Tag: a\r\nX-Tag: b\r\n')).to.equal('tag b');
      expect(await send('X-Tag: a, b\r\n')).to.equal('joined');
      expect(await send('Content-Type: text/a\r\nContent-Type: text/b\r\n')).to.equal('second type');
      expect(await send('X-Other: b\r\n')).to.equal('none');
    });
  });

  // Found by the gorilla oracle: Node gives a header's bytes as latin1 characters (a UTF-8 `é` arrives as
  // `Ã©`), so no non-ASCII template ever matched a real request. Go compares the bytes, and its regexp
  // reads them as UTF-8 (an invalid byte is one U+FFFD).
  // Found by review: a repeated header that Node keeps one value of, or joins under joinDuplicateHeaders,
  // was read as that one value or joined string once req.headers became what the matchers read.
  it('node:http: a repeated Authorization is read value by value, also under joinDuplicateHeaders', async () => {
    const r = make();
    r.headers('Authorization', 'b').path('/').handlerFunc((_q, s) => void s.end('second'));
    r.path('/').handlerFunc((_q, s) => void s.end('none'));
    for (const joinDuplicateHeaders of [false, true]) {
      await withServer(
        r,
        async (s) => {
          const send = (lines: string) => bodyOf(s, lines);
          expect(await send('Authorization: a\r\nAuthorization: b\r\n'), `joinDuplicateHeaders ${joinDuplicateHeaders}`).to.equal('second');
          expect(await send('Authorization: a\r\n')).to.equal('none');
        },
        { joinDuplicateHeaders },
      );
    }
  });

  // Found from outside: under joinDuplicateHeaders Node joins Authorization too, so its first value alone
  // was a middleware's doing, which routing took for Node's and read past.
  it('node:http with joinDuplicateHeaders: an Authorization a middleware cut to its first value is what routing sees', async () => {
    const r = make();
    r.headers('Authorization', 'Bearer admin').path('/a').handlerFunc((_q, s) => void s.end('admin'));
    r.path('/a').handlerFunc((_q, s) => void s.end('default'));
    const front = {
      serveHTTP: (req: IncomingMessage, res: ServerResponse) => {
        req.headers.authorization = req.headers.authorization!.split(', ')[0];
        return r.serveHTTP(req, res);
      },
    };
    const s = await TestServer.start(front as unknown as Router, { joinDuplicateHeaders: true });
    try {
      expect(await bodyOf(s, 'Authorization: Bearer user\r\nAuthorization: Bearer admin\r\n', '/a')).to.equal('default');
    } finally {
      await s.close();
    }
  });

  it("HTTP/2: a repeated If-None-Match (a header Node's HTTP/2 server keeps one value of) is read value by value", () => {
    const r = make();
    const second = r.path('/inm').headers('If-None-Match', '"b"').handlerFunc(() => undefined);
    const request = (headers: Record<string, string>, raw: string[]) => http2Request('/inm', 'h', headers, raw);
    const m = new RouteMatch();
    expect(r.match(request({ 'if-none-match': '"a"' }, ['if-none-match', '"a"', 'if-none-match', '"b"']), m)).to.equal(true);
    expect(m.route).to.equal(second);
    // What a middleware set is what it is: here the first value alone.
    expect(r.match(request({ 'if-none-match': '"a"' }, ['if-none-match', '"a"']), new RouteMatch())).to.equal(false);
    // Cookie fields are one header over HTTP/2 (RFC 9113 §8.2.3), joined as Go joins them.
    const cookies = make();
    const joined = cookies.path('/inm').headers('Cookie', 'a=1; b=2').handlerFunc(() => undefined);
    cookies.path('/inm').headers('Cookie', 'b=2').handlerFunc(() => undefined);
    const c = new RouteMatch();
    expect(cookies.match(request({ cookie: 'a=1; b=2' }, ['cookie', 'a=1', 'cookie', 'b=2']), c)).to.equal(true);
    expect(c.route).to.equal(joined);
  });

  it('node:http: a header outside ASCII is compared as its UTF-8 bytes, and read as UTF-8 by headersRegexp', async () => {
    const r = make();
    r.headers('X-A', 'é').path('/').handlerFunc((_q, s) => void s.end('exact'));
    r.headersRegexp('X-R', '^é+$').path('/').handlerFunc((_q, s) => void s.end('regexp'));
    r.headersRegexp('X-B', '^.$').path('/').handlerFunc((_q, s) => void s.end('one character'));
    r.path('/').handlerFunc((_q, s) => void s.end('none'));
    await withServer(r, async (s) => {
      const send = async (line: Buffer) =>
        (await s.socket(Buffer.concat([Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n'), line, Buffer.from('\r\nConnection: close\r\n\r\n')]))).split('\r\n\r\n')[1];
      expect(await send(Buffer.from('X-A: é', 'utf8'))).to.equal('exact');
      expect(await send(Buffer.from('X-A: e', 'utf8'))).to.equal('none');
      expect(await send(Buffer.from('X-R: éé', 'utf8'))).to.equal('regexp');
      expect(await send(Buffer.from('X-B: 中', 'utf8'))).to.equal('one character');
      expect(await send(Buffer.concat([Buffer.from('X-B: '), Buffer.from([0xff])])), 'an invalid byte is one U+FFFD').to.equal('one character');
      expect(await send(Buffer.from('X-B: ab', 'utf8'))).to.equal('none');
    });
    // A request object made by hand holds text: compared as it is.
    const m = new RouteMatch();
    expect(r.match({ method: 'GET', url: '/', headers: { 'x-a': 'é' } }, m)).to.equal(true);
    expect(r.explain({ method: 'GET', url: '/', headers: { 'x-r': 'éé' } }).outcome).to.equal('match');
  });

  it('node:http: headers past the server\'s maxHeadersCount are not headers (as Node\'s own header objects)', async () => {
    const r = make();
    r.headers('X-Tag', 'b').path('/').handlerFunc((_q, s) => void s.end('tag b'));
    r.headers('X-Tag', '').path('/').handlerFunc((_q, s) => void s.end('tag'));
    r.path('/').handlerFunc((_q, s) => void s.end('none'));
    const s = await TestServer.start(r);
    s.server.maxHeadersCount = 3;
    try {
      const send = (lines: string) => bodyOf(s, lines);
      expect(await send('X-Tag: a\r\nX-Tag: b\r\n')).to.equal('tag b');
      expect(await send('X-Tag: a\r\nX-Other: 1\r\nX-Tag: b\r\n')).to.equal('tag');
      expect(await send('X-1: 1\r\nX-2: 2\r\nX-Tag: b\r\n')).to.equal('none');
    } finally {
      await s.close();
    }
  });

  it('an IncomingMessage made by hand: its raw header lines; a non-ASCII name as headersDistinct has it', () => {
    const message = (raw: string[]) => {
      const m = new IncomingMessage(null as never);
      m.method = 'GET';
      m.url = '/';
      (m as unknown as { _addHeaderLines(h: string[], n: number): void })._addHeaderLines(raw, raw.length);
      return m;
    };
    const tag = (r: ReturnType<typeof make>) => void r.headers('X-Tag', 'b').handlerFunc(() => undefined);
    expect(matches(tag, {}, {})).to.equal(false);
    const match = (setup: (r: ReturnType<typeof make>) => void, m: IncomingMessage) => {
      const r = make();
      setup(r);
      return r.match(m, new RouteMatch());
    };
    expect(match(tag, message(['X-TAG', 'a', 'x-tag', 'b']))).to.equal(true);
    expect(match(tag, message(['X-Tags', 'b', 'X-Ta', 'b']))).to.equal(false);
    // \u0130 lower-cases to two characters: such a name is left to headersDistinct.
    const dotted = (r: ReturnType<typeof make>) => void r.headers('X-\u0130', 'v').handlerFunc(() => undefined);
    expect(match(dotted, message(['x-\u0130', 'v']))).to.equal(true);
    expect(match(dotted, message(['x-i\u0307', 'v']))).to.equal(true);
  });
});
